"""Curation in the app (issue #22): Explore's actor panel and claim buttons, the Review
page's likely duplicates and curation log. Each test writes a small store of its own,
clicks through AppTest, and reads the store afterwards: the click must have changed the
graph, not only the message."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest
from test_app import run_app
from test_app_pages import errors, run_cypher
from test_curation import TWO, about_group, first, ingest

from actorgraph.graph import Store, curation, duplicates
from actorgraph.schema.decision import CURATOR_ENV
from actorgraph.viz.connect import open_cached
from actorgraph.viz.cypher_console import WRITES

pytest_plugins = ["app_fixtures"]

REVIEW, CYPHER = "views/review.py", "views/cypher.py"


@pytest.fixture(scope="module", autouse=True)
def _release_app_stores() -> Iterator[None]:
    yield
    open_cached.clear()


@pytest.fixture
def acme(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """Acme Corp (alias Acme) and ACME Group, who may be one, with the police and Jane Doe."""
    monkeypatch.setenv(CURATOR_ENV, "ana")
    ingest(fresh_store, first(), about_group(TWO))
    return fresh_store


def explore(monkeypatch: pytest.MonkeyPatch, store: Store, actor: str = "acme") -> AppTest:
    at = run_app(monkeypatch, store, actor=actor)
    assert not at.exception
    return at


def successes(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def claim_buttons(at: AppTest, action: str) -> list[str]:
    """The claim ids of the evidence panel's Reject (Confirm) buttons."""
    prefix = f"{action}:"
    return [b.key[len(prefix) :] for b in at.button if b.key and b.key.startswith(prefix)]


# -- Explore: the actor panel ----------------------------------------------------------------


def test_explore_merges_a_searched_actor_into_the_selected_one(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    at.text_input(key="merge_search").input("ACME Group").run()
    assert at.selectbox(key="merge_pick").value == "acme-group"
    at.text_input(key="actor_reason").input("same firm")
    at.button(key="merge").click().run()

    assert not at.exception and not errors(at)
    kept = acme.actor("acme")
    assert "ACME Group" in kept.aliases
    assert acme.actor("acme-group") == kept
    assert acme.query("MATCH (n:Actor {id: 'acme-group'}) RETURN n").rows == []
    [decision] = curation.decisions(acme)
    assert (decision.action, decision.args["keep"], decision.curator, decision.reason) == (
        "merge", "acme", "ana", "same firm",
    )  # fmt: skip
    assert successes(at) == ["Merged ACME Group into Acme Corp"]
    assert at.text_input(key="merge_search").value == ""
    assert "ACME Group" in at.caption[0].value  # the header lists the new alias


def test_merge_search_offers_did_you_mean(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    at.text_input(key="merge_search").input("Akme Grop").run()
    at.button(key="merge_suggest:acme-group").click().run()

    assert at.selectbox(key="merge_pick").value == "acme-group"
    assert acme.actor("acme-group").id == "acme-group"  # nothing merged yet


def test_explore_renames_the_actor_and_undo_takes_it_back(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    at.text_input(key="rename_to").input("Acme Radios")
    at.button(key="rename").click().run()

    assert acme.actor("acme").name == "Acme Radios"
    assert "Acme Corp" in acme.actor("acme").aliases
    assert successes(at) == ["Renamed Acme Corp to Acme Radios"]
    assert "Acme Radios" in at.markdown[0].value  # the page shows the new name

    at.button(key="explore_undo").click().run()
    assert acme.actor("acme").name == "Acme Corp"
    assert [d.action for d in curation.decisions(acme)] == ["rename", "undo"]
    assert curation.in_force(curation.decisions(acme)) == []
    assert successes(at) == ["Undid: Renamed Acme Corp to Acme Radios"]
    assert not [b for b in at.button if b.key == "explore_undo"]  # an undo is not undone


def test_explore_sets_the_kind_from_the_vocabulary(monkeypatch, acme):
    at = explore(monkeypatch, acme, actor="acme-group")
    picker = at.selectbox(key="kind_pick:acme-group")
    assert picker.value == "Person"
    picker.select("Company").run()
    at.button(key="set_kind").click().run()

    assert not errors(at)
    assert acme.actor("acme-group").kind == "Company"
    assert acme.query("MATCH (n:Person {id: 'acme-group'}) RETURN n").rows == []
    [decision] = curation.decisions(acme)
    assert (decision.action, decision.args["kind"]) == ("kind", "Company")


def test_an_empty_new_name_is_one_error_line_and_changes_nothing(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    at.text_input(key="rename_to").input("   ")
    at.button(key="rename").click().run()

    assert not at.exception
    assert errors(at) == ["a new name cannot be empty"]
    assert acme.actor("acme").name == "Acme Corp"
    assert curation.decisions(acme) == []
    assert at.text_input(key="rename_to").value == "   "  # left to be corrected


# -- Explore: the evidence panel -------------------------------------------------------------


def test_explore_rejects_a_claim_with_a_reason(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    [claim] = claim_buttons(at, "reject")
    edge = curation.claim(acme, claim)
    assert edge.status == "extracted"
    assert "Status: extracted" in [c.value for c in at.caption]
    at.text_input(key="claim_reason").input("misread")
    at.button(key=f"reject:{claim}").click().run()

    assert not at.exception and not errors(at)
    assert curation.claim(acme, claim).status == "rejected"
    edges = {(e.subject, e.type, e.object) for e in acme.iter_edges()}
    assert (edge.subject, edge.type, edge.object) not in edges  # it supports no edge
    [decision] = curation.decisions(acme)
    assert (decision.action, decision.reason) == ("reject", "misread")
    assert at.text_input(key="claim_reason").value == ""  # not carried to the next decision
    assert successes(at)[0].startswith("Rejected the claim")
    assert claim not in claim_buttons(at, "reject")  # its edge is gone from the view


def test_explore_confirms_a_claim_and_shows_its_status(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    [claim] = claim_buttons(at, "confirm")
    at.button(key=f"confirm:{claim}").click().run()

    assert not at.exception and not errors(at)
    assert curation.claim(acme, claim).status == "confirmed"
    assert "Status: confirmed" in [c.value for c in at.caption]
    assert at.button(key=f"confirm:{claim}").disabled
    assert [d.action for d in curation.decisions(acme)] == ["confirm"]


# -- Review ----------------------------------------------------------------------------------


def review(monkeypatch: pytest.MonkeyPatch, store: Store) -> AppTest:
    at = run_app(monkeypatch, store).switch_page(REVIEW).run()
    assert not at.exception and not errors(at)
    return at


def test_review_lists_the_likely_duplicates_side_by_side(monkeypatch, acme):
    [pair] = duplicates.likely_duplicates(acme)
    at = review(monkeypatch, acme)

    shown = " ".join(m.value for m in at.markdown)
    assert "**Acme Corp**" in shown and "**ACME Group**" in shown
    assert "Acme sold radios to Ruritania police" in shown  # a sentence of each
    assert "ACME Group sold drones to Ruritania police" in shown
    assert f"score {pair.score:.2f}" in at.caption[0].value
    assert at.radio(key="keep:acme|acme-group").value == "acme"  # a tie: the lower id
    assert at.button(key="merge:acme|acme-group").label == "Merge into Acme Corp"


def test_review_merges_into_the_actor_the_curator_keeps(monkeypatch, acme):
    at = review(monkeypatch, acme)
    at.radio(key="keep:acme|acme-group").set_value("acme-group").run()
    at.button(key="merge:acme|acme-group").click().run()

    assert not errors(at)
    kept = acme.actor("acme")
    assert kept.id == "acme-group" and "Acme Corp" in kept.aliases
    assert duplicates.likely_duplicates(acme) == []
    assert successes(at) == ["Merged Acme Corp into ACME Group"]
    assert "No likely duplicates" in at.info[0].value


def test_not_the_same_is_recorded_and_the_pair_is_not_proposed_again(monkeypatch, acme):
    at = review(monkeypatch, acme)
    at.button(key="distinct:acme|acme-group").click().run()

    assert duplicates.likely_duplicates(acme) == []
    assert acme.actor("acme-group").id == "acme-group"  # the graph is unchanged
    [decision] = curation.decisions(acme)
    assert (decision.action, decision.args) == ("distinct", {"a": "acme", "b": "acme-group"})
    assert "No likely duplicates" in at.info[0].value


def test_curation_log_lists_decisions_and_undoes_one(monkeypatch, acme):
    decision = curation.rename(acme, "acme", "Acme Radios", reason="its trade name")
    at = review(monkeypatch, acme)
    shown = " ".join(m.value for m in at.markdown)
    assert "**ana** rename: Acme Corp → Acme Radios — its trade name" in shown

    at.button(key=f"log_undo:{decision.id}").click().run()
    assert acme.actor("acme").name == "Acme Corp"
    assert curation.in_force(curation.decisions(acme)) == []
    shown = " ".join(m.value for m in at.markdown)
    assert "*(undone)*" in shown
    assert not [b for b in at.button if b.key and b.key.startswith("log_undo:")]


# -- safety ----------------------------------------------------------------------------------


def test_the_console_still_refuses_writes_after_a_curation(monkeypatch, acme):
    at = explore(monkeypatch, acme)
    at.text_input(key="rename_to").input("Acme Radios")
    at.button(key="rename").click().run()
    assert acme.actor("acme").name == "Acme Radios"

    at = run_cypher(at.switch_page(CYPHER).run(), "MATCH (a:Actor) SET a.name = 'x'")
    assert errors(at) == [WRITES]
    assert acme.actor("acme").name == "Acme Radios"


def test_pages_read_the_graph_afresh_after_a_curation(monkeypatch, acme):
    """A rename changes no count; the console's cache must not show the old name."""
    query = "MATCH (a:Actor {id: 'acme'}) RETURN a.name AS name"
    at = run_cypher(run_app(monkeypatch, acme).switch_page(CYPHER).run(), query)
    assert list(at.dataframe[0].value["name"]) == ["Acme Corp"]

    at.switch_page("views/explore.py").run()
    at.query_params["actor"] = "acme"
    at.run()
    at.text_input(key="rename_to").input("Acme Radios")
    at.button(key="rename").click().run()
    assert acme.actor("acme").name == "Acme Radios"

    at = run_cypher(at.switch_page(CYPHER).run(), query)
    assert list(at.dataframe[0].value["name"]) == ["Acme Radios"]


def test_an_actions_line_stays_on_its_page(monkeypatch, acme):
    at = review(monkeypatch, acme)
    at.button(key="distinct:acme|acme-group").click().run()
    assert successes(at) == ["Judged Acme Corp and ACME Group not the same"]

    at.switch_page("views/explore.py").run()
    assert not at.exception and successes(at) == []
    assert not [b for b in at.button if b.key == "explore_undo"]
