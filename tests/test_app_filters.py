"""Explore's filters (modality, minimum confidence, date range) and its downloads.

The pure rules are tested on hand-made edges, including the cases the sample corpus
lacks (undated edges); the page is run with AppTest over the sample corpus and what it
draws is compared with the store's ego network filtered here, independently.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import networkx as nx
from test_app import actor, drawn, run_app

from actorgraph.graph import ActorView, EdgeView, Store, Subgraph
from actorgraph.viz import draw, view_downloads
from actorgraph.viz.edge_filters import (
    EdgeFilter,
    apply,
    from_params,
    in_range,
    keeps,
    parse_day,
    to_params,
)

pytest_plugins = ["app_fixtures"]

FOREIGN_MINISTRY = "China's Foreign Ministry"
COMMERCE = "U.S. Department of Commerce"
TREASURY = "U.S. Department of the Treasury"


def edge(
    s: str = "a",
    t: str = "SUED",
    o: str = "b",
    modality: str = "asserted",
    confidence: float = 0.75,
    first: str | None = "2021-03-01",
    last: str | None = "2021-06-01",
) -> EdgeView:
    return EdgeView(s, t, o, 1, 1, modality, confidence, first, last)


def ego_ids(store: Store, name: str) -> tuple[ActorView, list[EdgeView]]:
    """The actor called ``name`` and its depth-1 ego edges, as the page reads them."""
    a = actor(store, name)
    return a, store.ego([a.id], depth=1).edges


def day(text: str) -> date:
    return date.fromisoformat(text)


# -- the rules, without Streamlit ------------------------------------------------------------


def test_a_date_range_keeps_edges_whose_span_overlaps_it():
    e = edge(first="2021-03-01", last="2021-06-01")
    assert in_range(e, day("2021-05-01"), day("2021-12-31"))  # overlaps the end of the span
    assert in_range(e, day("2021-04-01"), day("2021-04-30"))  # inside, neither end in range
    assert in_range(e, None, day("2021-03-01"))  # touching the first day
    assert in_range(e, day("2021-06-01"), None)  # touching the last day
    assert not in_range(e, day("2021-06-02"), None)
    assert not in_range(e, None, day("2021-02-28"))
    assert not in_range(e, day("2020-01-01"), day("2020-12-31"))


def test_undated_edges_pass_only_an_untouched_range():
    undated = edge(first=None, last=None)
    assert in_range(undated, None, None)
    assert not in_range(undated, day("1900-01-01"), None)
    assert not in_range(undated, None, day("2100-01-01"))
    one_sided = edge(first=None, last="2021-06-01")  # one date: the span is that day
    assert in_range(one_sided, day("2021-06-01"), day("2021-06-01"))
    assert not in_range(one_sided, day("2021-06-02"), None)


def test_partial_and_timestamped_dates_read_as_their_first_day():
    assert parse_day("2021") == day("2021-01-01")
    assert parse_day("2021-03") == day("2021-03-01")
    assert parse_day("2021-03-04T10:00:00Z") == day("2021-03-04")
    assert parse_day("soon") is None
    assert parse_day(None) is None


def test_modality_and_confidence_each_remove_edges():
    hedged = edge(modality="hedged", confidence=0.6375)
    asserted = edge(t="BANNED", confidence=0.7)
    assert keeps(hedged, EdgeFilter(modalities=("hedged",)))
    assert not keeps(asserted, EdgeFilter(modalities=("hedged", "negated")))
    assert keeps(asserted, EdgeFilter(min_confidence=0.7))  # the bound itself is kept
    assert not keeps(hedged, EdgeFilter(min_confidence=0.65))
    assert not keeps(asserted, EdgeFilter(types=("SUED",)))


def test_apply_drops_actors_left_unconnected_but_keeps_the_centre():
    nodes = [ActorView(i, i.upper(), "Company") for i in "abc"]
    sub = Subgraph(nodes, [edge("a", o="b", modality="hedged"), edge("a", o="c")])

    kept = apply(sub, EdgeFilter(modalities=("hedged",)), keep=["c"])
    assert [n.id for n in kept.nodes] == ["a", "b", "c"]
    assert [e.object for e in kept.edges] == ["b"]
    none = apply(sub, EdgeFilter(min_confidence=0.9), keep=["c"])
    assert ([n.id for n in none.nodes], none.edges) == (["c"], [])
    assert apply(sub, EdgeFilter()) == sub


def test_url_parameters_round_trip_and_drop_unknown_values():
    f = EdgeFilter(("SUED",), ("hedged",), 0.65, day("2020-01-01"), day("2021-12-31"))
    params = to_params(f)
    assert params["min_conf"] == ["0.65"]
    assert from_params(params, {"SUED"}, {"hedged"}) == f
    bad = {"type": ["NOPE", "SUED"], "modality": ["maybe"], "min_conf": ["high"], "since": ["x"]}
    assert from_params(bad, {"SUED"}, {"hedged"}) == EdgeFilter(types=("SUED",))
    assert to_params(EdgeFilter()) == {
        "type": [],
        "modality": [],
        "min_conf": [],
        "since": [],
        "until": [],
        "publisher": [],
    }
    pub = EdgeFilter(publishers=("The Daily", "The Herald"))
    assert to_params(pub)["publisher"] == ["The Daily", "The Herald"]
    assert from_params(to_params(pub), {"SUED"}, {"hedged"}) == pub


# -- the page ------------------------------------------------------------------------------


def test_modality_filter_removes_the_other_modalities(monkeypatch, app_sample_store):
    ministry, edges = ego_ids(app_sample_store, FOREIGN_MINISTRY)
    hedged = {draw.edge_id(e) for e in edges if e.modality == "hedged"}
    assert hedged and len(hedged) < len(edges)  # the filter has something to remove
    at = run_app(monkeypatch, app_sample_store, actor=ministry.id)
    assert at.multiselect(key="modalities").options == ["asserted", "hedged", "negated"]

    at.multiselect(key="modalities").set_value(["hedged"]).run()

    assert drawn(at)[1] == hedged
    assert set(at.dataframe[0].value["Modality"]) == {"hedged"}
    assert len(at.dataframe[0].value) == len(hedged)
    assert at.query_params["modality"] == "hedged"


def test_minimum_confidence_removes_weaker_edges(monkeypatch, app_sample_store):
    treasury, edges = ego_ids(app_sample_store, TREASURY)
    # a step of the slider (0.05) with edges on both sides of it, whatever the model gives
    cut = max(
        step / 20
        for step in range(1, 20)
        if any(e.confidence < step / 20 for e in edges)
        and any(e.confidence >= step / 20 for e in edges)
    )
    strong = {draw.edge_id(e) for e in edges if e.confidence >= cut}
    assert strong and len(strong) < len(edges)
    at = run_app(monkeypatch, app_sample_store, actor=treasury.id)

    at.slider(key="min_conf").set_value(cut).run()

    assert drawn(at)[1] == strong
    assert min(at.dataframe[0].value["Confidence"]) >= cut
    assert at.query_params["min_conf"] == f"{cut:g}"


def test_date_range_keeps_edges_seen_within_it(monkeypatch, app_sample_store):
    commerce, edges = ego_ids(app_sample_store, COMMERCE)
    start, end = day("2019-06-01"), day("2019-06-30")
    # by hand: a span overlaps [start, end] when it starts before the end and ends after the start
    expected = {
        draw.edge_id(e)
        for e in edges
        if day(e.first_seen or "") <= end and day(e.last_seen or "") >= start
    }
    # the Wilbur Ross edge spans 2019-05-21..2019-10-08: kept though no end lies in June
    assert len(expected) == 1
    at = run_app(monkeypatch, app_sample_store, actor=commerce.id)

    at.date_input(key="date_from").set_value(start)
    at.date_input(key="date_to").set_value(end).run()

    nodes, shown = drawn(at)
    assert shown == expected
    assert nodes == {commerce.id, next(iter(expected)).split("|")[0]}
    assert (at.query_params["since"], at.query_params["until"]) == ("2019-06-01", "2019-06-30")


def test_filters_are_read_from_a_bookmark(monkeypatch, app_sample_store):
    ministry, edges = ego_ids(app_sample_store, FOREIGN_MINISTRY)
    at = run_app(
        monkeypatch,
        app_sample_store,
        actor=ministry.id,
        type=["SANCTIONED", "REQUESTED"],
        min_conf="0.7",
        since="2019-01-01",
    )

    assert at.multiselect(key="types").value == ["SANCTIONED", "REQUESTED"]
    assert at.slider(key="min_conf").value == 0.7
    assert at.date_input(key="date_from").value == day("2019-01-01")
    expected = {
        draw.edge_id(e)
        for e in edges
        if e.type in {"SANCTIONED", "REQUESTED"} and e.confidence >= 0.7
    }
    assert expected  # REQUESTED (asserted, 0.75) stays; the hedged sanctions (0.64) go
    assert drawn(at)[1] == expected


# -- downloads --------------------------------------------------------------------------------


def test_the_view_downloads_as_csv_and_graphml(app_sample_store):
    ministry, _ = ego_ids(app_sample_store, FOREIGN_MINISTRY)
    sub = apply(
        app_sample_store.ego([ministry.id]), EdgeFilter(modalities=("hedged",)), [ministry.id]
    )
    names = {n.id: n.name for n in sub.nodes}

    data = view_downloads.edges_csv(sub, app_sample_store).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    claims = [c for e in sub.edges for c in app_sample_store.evidence(e.subject, e.type, e.object)]
    assert len(rows) == len(claims) >= len(sub.edges) >= 2  # one row per claim of the view
    assert {(r["subject"], r["type"], r["object"]) for r in rows} == {
        (names[e.subject], e.type, names[e.object]) for e in sub.edges
    }
    by_id = {(e.subject, e.type, e.object): e for e in sub.edges}
    for r in rows:
        e = by_id[(r["subject_id"], r["type"], r["object_id"])]
        assert (r["modality"], float(r["confidence"])) == (e.modality, e.confidence)
        assert (r["first_seen"], r["last_seen"], int(r["claims"])) == (
            e.first_seen,
            e.last_seen,
            e.claims,
        )
    by_claim = {c.claim: c for c in claims}
    for r in rows:  # each claim's evidence: its sentence and article
        c = by_claim[r["claim_id"]]
        assert r["sentence"] == " ".join(c.sentence.split()) != ""
        assert (r["article_title"], r["publisher"], r["published"], r["url"]) == (
            c.title,
            c.publisher or "",
            c.published or "",
            c.url or "",
        )
        assert r["claim_modality"] == c.modality

    graph = nx.read_graphml(io.BytesIO(view_downloads.subgraph_graphml(sub)))
    assert set(graph.nodes) == {n.id for n in sub.nodes}
    assert graph.nodes[ministry.id]["label"] == ministry.name
    assert {(s, o, d["relation"]) for s, o, d in graph.edges(data=True)} == {
        (e.subject, e.object, e.type) for e in sub.edges
    }


def test_explore_offers_both_downloads_of_the_view(monkeypatch, app_sample_store):
    ministry, _ = ego_ids(app_sample_store, FOREIGN_MINISTRY)
    at = run_app(monkeypatch, app_sample_store, actor=ministry.id)

    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "Edges as CSV",
        "Graph as GraphML",
        "Graph as SVG",
        "Graph as PNG",
    ]
    # AppTest keeps no downloaded bytes: test_browser downloads the files for real. The
    # GraphML is ready; the CSV (its evidence read from the store) is built when clicked.
    assert buttons[1].proto.url
    assert not buttons[0].proto.url
