"""Curation decisions (graph.curation): each applies, is kept as data, and survives
re-ingest, re-extraction by a changed extractor and new articles. Every case runs on
both backends (the store fixture)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from actorgraph.errors import InputError
from actorgraph.graph import ActorView, curation
from actorgraph.loaders.resolve import resolve_extractions
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

ONE = "Acme sold radios to Ruritania police. Senator Jane Doe criticized Acme."
TWO = "ACME Group sold drones to Ruritania police. Jane Doe praised nobody."
THREE = "Analysts said ACME Group sold cameras to Ruritania police last year."


def first(version: str = "v1") -> Extraction:
    """The first article as an extractor reads it; v2 reads the same statements at other
    offsets with another confidence (a changed extractor)."""
    shift = 0 if version == "v1" else 5
    acme = Actor("Acme Corp", "Company", ("Acme",))
    police = Actor("Ruritania police", "GovernmentBody")
    doe = Actor("Jane Doe", "Person")
    claims = (
        Claim("SUPPLIED", acme.id, police.id, Evidence(ONE[:37], shift, 37), "asserted", 0.8),
        Claim("CRITICIZED", doe.id, acme.id, Evidence(ONE[38:], 38, len(ONE)), "asserted", 0.7),
    )
    article = Article(text=ONE, title="Acme", published="2020-01-02", publisher="Desk")
    return Extraction(article, (acme, police, doe), claims, extractor=f"test-{version}")


def about_group(text: str, version: str = "v1", name: str = "ACME Group") -> Extraction:
    group = Actor(name, "Person")
    police = Actor("Ruritania police", "GovernmentBody")
    sentence = text.split(". ")[0]
    start = text.index(sentence)
    claim = Claim("SUPPLIED", group.id, police.id, Evidence(sentence, start, len(sentence)))
    article = Article(text=text, title="Group", published="2021-03-04")
    return Extraction(article, (group, police), (claim,), extractor=f"test-{version}")


def ingest(store, *extractions: Extraction) -> None:
    """As every ingest path writes: resolved against the graph, then written."""
    store.write(resolve_extractions(list(extractions), store))


def edges(store) -> set[tuple[str, str, str]]:
    return {(e.subject, e.type, e.object) for e in store.iter_edges()}


def claim_id(store, subject: str, type_: str, obj: str) -> str:
    return store.evidence(subject, type_, obj)[0].claim


def statuses(store) -> dict[str, str]:
    rows = store.query("MATCH (c:Claim) RETURN c.sentence, c.status").rows
    return {sentence: status for sentence, status in rows}


def test_merge_joins_names_moves_edges_and_keeps_the_dropped_id(store):
    ingest(store, first(), about_group(TWO))
    assert store.actor("acme-group") is not None
    decision = curation.merge(store, "acme", "acme-group", curator="ana", reason="same firm")
    kept = store.actor("acme")
    assert "ACME Group" in kept.aliases
    assert store.actor("acme-group") == kept  # old links still resolve
    assert edges(store) == {
        ("acme", "SUPPLIED", "ruritania-police"),
        ("jane-doe", "CRITICIZED", "acme"),
    }
    supplied = store.evidence("acme", "SUPPLIED", "ruritania-police")
    assert len(supplied) == 2
    log = curation.decisions(store)
    assert [(d.id, d.action, d.curator, d.reason) for d in log] == [
        (decision.id, "merge", "ana", "same firm")
    ]
    assert kept.kind == "Company"


def test_a_merge_survives_re_extraction_and_new_articles(store):
    ingest(store, first(), about_group(TWO))
    curation.merge(store, "acme", "acme-group")
    ingest(store, about_group(TWO, "v2"))  # re-extracted by a changed extractor
    ingest(store, about_group(THREE))  # a new article naming the merged actor
    ingest(store, first("v2"))
    assert store.query("MATCH (n:Actor {id: 'acme-group'}) RETURN n").rows == []
    assert store.actor("acme").mentions == 3
    assert store.evidence("acme", "SUPPLIED", "ruritania-police")[0].claim
    assert len(store.evidence("acme", "SUPPLIED", "ruritania-police")) == 3
    assert store.query("MATCH (n:Actor {id: 'acme'}) RETURN labels(n)").rows[0][0] == [
        "Actor",
        "Company",
    ]


def test_a_rejected_claim_stays_rejected_and_supports_no_edge(store):
    ingest(store, first())
    wrong = claim_id(store, "jane-doe", "CRITICIZED", "acme")
    curation.reject(store, wrong, reason="misread")
    assert ("jane-doe", "CRITICIZED", "acme") not in edges(store)
    assert statuses(store)[ONE[38:]] == "rejected"
    assert store.actor("jane-doe").degree == 0
    ingest(store, first("v2"))  # the same sentence yields the same statement again
    assert ("jane-doe", "CRITICIZED", "acme") not in edges(store)
    assert statuses(store)[ONE[38:]] == "rejected"
    assert store.stats().claims == 2  # it stays


def test_a_claim_keeps_its_id_when_a_changed_extractor_reads_it_again(store):
    ingest(store, first())
    before = claim_id(store, "acme", "SUPPLIED", "ruritania-police")
    ingest(store, first("v2"))
    assert claim_id(store, "acme", "SUPPLIED", "ruritania-police") == before


def test_undoing_a_rejection_brings_the_edge_back(store):
    ingest(store, first())
    wrong = claim_id(store, "jane-doe", "CRITICIZED", "acme")
    rejected = curation.reject(store, wrong)
    undo = curation.undo(store, rejected.id)
    assert ("jane-doe", "CRITICIZED", "acme") in edges(store)
    assert statuses(store)[ONE[38:]] == "extracted"
    assert [d.action for d in curation.decisions(store)] == ["reject", "undo"]
    assert undo.args == {"decision": rejected.id}
    ingest(store, first("v2"))
    assert ("jane-doe", "CRITICIZED", "acme") in edges(store)


def test_confirm_marks_the_claim_and_survives(store):
    ingest(store, first())
    good = claim_id(store, "acme", "SUPPLIED", "ruritania-police")
    curation.confirm(store, good)
    ingest(store, first("v2"))
    assert store.evidence("acme", "SUPPLIED", "ruritania-police")[0].status == "confirmed"


def test_rename_and_kind_stay_set_after_re_extraction(store):
    ingest(store, first(), about_group(TWO))
    curation.rename(store, "acme-group", "Acme Group Holdings")
    curation.set_kind(store, "acme-group", "company")
    ingest(store, about_group(TWO, "v2"), about_group(THREE))
    group = store.actor("acme-group")
    assert group.name == "Acme Group Holdings"
    assert "ACME Group" in group.aliases
    assert group.kind == "Company"
    labels = store.query("MATCH (n:Actor {id: 'acme-group'}) RETURN labels(n)").rows[0][0]
    assert sorted(labels) == ["Actor", "Company"]


def test_undoing_a_kind_and_a_rename_gives_back_what_was(store):
    ingest(store, about_group(TWO))
    named = curation.rename(store, "acme-group", "Zeta")
    kind = curation.set_kind(store, "acme-group", "Company")
    curation.undo(store, kind.id)
    curation.undo(store, named.id)
    group = store.actor("acme-group")
    assert (group.name, group.kind) == ("ACME Group", "Person")
    ingest(store, about_group(TWO, "v2"))
    assert store.actor("acme-group").kind == "Person"


def test_a_manual_claim_survives_re_extraction_and_goes_with_its_undo(store):
    ingest(store, first())
    article = first().article.id
    added = curation.add_claim(
        store, article, "jane-doe", "criticized", "ruritania-police", note="interview notes"
    )
    assert ("jane-doe", "CRITICIZED", "ruritania-police") in edges(store)
    ingest(store, first("v2"))
    assert ("jane-doe", "CRITICIZED", "ruritania-police") in edges(store)
    source = store.query("MATCH (c:Claim {source: 'manual'}) RETURN c.note").rows
    assert source == [["interview notes"]]
    curation.undo(store, added.id)
    assert ("jane-doe", "CRITICIZED", "ruritania-police") not in edges(store)


def test_article_metadata_edits_survive_re_ingest_and_undo(store):
    ingest(store, first())
    article = first().article.id
    edit = curation.article_meta(store, article, title="Acme's radios", published="2020-02-03")
    ingest(store, first("v2"))
    row = store.query("MATCH (a:Article) RETURN a.title, a.published, a.publisher").rows
    assert row == [["Acme's radios", "2020-02-03", "Desk"]]
    curation.undo(store, edit.id)
    row = store.query("MATCH (a:Article) RETURN a.title, a.published").rows
    assert row == [["Acme", "2020-01-02"]]


def test_a_date_a_curator_gives_is_marked_theirs_and_undo_restores_its_origin(store):
    ex = first()
    ingest(store, replace(ex, article=replace(ex.article, date_origin="text")))
    origin = "MATCH (a:Article) RETURN a.published, a.date_origin"
    edit = curation.article_meta(store, ex.article.id, published="2020-02-03")
    assert store.query(origin).rows == [["2020-02-03", "curator"]]
    ingest(store, first("v2"))  # read again: the curator's date and its origin stand
    assert store.query(origin).rows == [["2020-02-03", "curator"]]
    assert store.evidence("acme", "SUPPLIED", "ruritania-police")[0].date_origin == "curator"
    curation.undo(store, edit.id)
    assert store.query(origin).rows == [["2020-01-02", "text"]]
    titled = curation.article_meta(store, ex.article.id, title="Acme's radios")
    assert store.query(origin).rows == [["2020-01-02", "text"]]  # no date given: none set
    curation.undo(store, titled.id)


def test_undoing_a_merge_gives_the_dropped_actor_back(store):
    ingest(store, first(), about_group(TWO))
    before = edges(store)
    merged = curation.merge(store, "acme", "acme-group")
    curation.undo(store, merged.id)
    assert edges(store) == before
    assert store.actor("acme-group").name == "ACME Group"
    assert "ACME Group" not in store.actor("acme").aliases
    ingest(store, about_group(THREE))
    assert store.actor("acme-group").mentions == 2


def test_split_makes_an_actor_of_an_alias_and_survives(store):
    text = "Acme sold radios to Ruritania police. Acme Labs sold drones to Ruritania police."
    acme = Actor("Acme", "Company", ("Acme Labs",))
    police = Actor("Ruritania police", "GovernmentBody")
    claims = tuple(
        Claim("SUPPLIED", acme.id, police.id, Evidence(s, text.index(s), text.index(s) + len(s)))
        for s in (text[:37], text[38:])
    )
    ex = Extraction(Article(text=text, title="Labs"), (acme, police), claims, extractor="t")
    ingest(store, ex)
    curation.split(store, "acme", "Acme Labs")
    labs = store.actor("acme-labs")
    assert (labs.name, labs.kind) == ("Acme Labs", "Company")
    assert "Acme Labs" not in store.actor("acme").aliases
    assert len(store.evidence("acme-labs", "SUPPLIED", "ruritania-police")) == 1
    assert len(store.evidence("acme", "SUPPLIED", "ruritania-police")) == 1
    ingest(store, ex)
    assert len(store.evidence("acme-labs", "SUPPLIED", "ruritania-police")) == 1
    assert len(store.evidence("acme", "SUPPLIED", "ruritania-police")) == 1


def test_bad_decisions_are_refused_and_write_nothing(store):
    ingest(store, first())
    with pytest.raises(InputError, match="no claim"):
        curation.reject(store, "nope")
    with pytest.raises(InputError, match="unknown kind"):
        curation.set_kind(store, "acme", "Planet")
    with pytest.raises(InputError, match="not in the article"):
        curation.add_claim(store, first().article.id, "acme", "SUPPLIED", "jane-doe",
                           sentence="Acme sold Jane.")  # fmt: skip
    with pytest.raises(InputError, match="no decision"):
        curation.undo(store, "d000")
    assert curation.decisions(store) == []


def test_curator_comes_from_the_environment(store, monkeypatch):
    ingest(store, first())
    monkeypatch.setenv("ACTORGRAPH_CURATOR", "desk-editor")
    decision = curation.rename(store, "acme", "Acme Corporation")
    assert curation.decisions(store)[0].curator == decision.curator == "desk-editor"


def test_merged_ids_follow_a_chain_of_merges(store):
    trading = about_group(THREE.replace("ACME Group", "Acme Trading"), name="Acme Trading")
    ingest(store, first(), about_group(TWO), trading)
    curation.merge(store, "acme-group", "acme-trading")
    curation.merge(store, "acme", "acme-group")
    assert store.actor("acme-trading").id == store.actor("acme-group").id == "acme"
    assert sorted(store.query("MATCH (n:Actor {id: 'acme'}) RETURN n.former_ids").rows[0][0]) == [
        "acme-group",
        "acme-trading",
    ]
    with pytest.raises(InputError, match="builds on"):
        curation.undo(store, curation.decisions(store)[0].id)


def test_the_rdf_export_carries_decisions_as_provenance_and_conforms(store, tmp_path):
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, PROV, RDF, RDFS

    from actorgraph.graph.rdf import load_rdflib, write_rdf
    from actorgraph.schema import namespaces as ns
    from actorgraph.schema.shapes import validate

    ingest(store, first(), about_group(TWO))
    merged = curation.merge(store, "acme", "acme-group", curator="Ana Lima")
    wrong = claim_id(store, "jane-doe", "CRITICIZED", "acme")
    rejected = curation.reject(store, wrong, curator="Ana Lima", reason="misread")
    added = curation.add_claim(
        store, first().article.id, "jane-doe", "criticized", "ruritania-police", note="call"
    )
    path = tmp_path / "graph.ttl"
    write_rdf(store, path, "ttl")
    g = load_rdflib(path)
    base = ns.DEFAULT_BASE
    activities = set(g.subjects(RDF.type, PROV.Activity))
    for d in (merged, rejected, added):
        node = URIRef(f"{base}decision/{d.id}")
        assert node in activities
        assert (node, RDF.type, URIRef(ns.ag(ns.DECISION))) in g
    ana = URIRef(f"{base}curator/ana-lima")
    assert (ana, RDF.type, PROV.Agent) in g and (ana, RDFS.label, Literal("Ana Lima")) in g
    assert (URIRef(f"{base}decision/{rejected.id}"), PROV.wasAssociatedWith, ana) in g
    claim = URIRef(f"{base}claim/{wrong}")
    assert (claim, URIRef(ns.ag(ns.CURATION_STATUS)), Literal("rejected")) in g
    assert (claim, PROV.wasInvalidatedBy, URIRef(f"{base}decision/{rejected.id}")) in g
    criticized = URIRef(ns.relation_iri("CRITICIZED"))
    assert (URIRef(f"{base}actor/jane-doe"), criticized, URIRef(f"{base}actor/acme")) not in g
    assert (URIRef(f"{base}actor/acme-group"), OWL.sameAs, URIRef(f"{base}actor/acme")) in g
    manual = [c for c in g.subjects(URIRef(ns.ag(ns.NOTE)), Literal("call"))]
    assert [
        (c, PROV.wasGeneratedBy, URIRef(f"{base}decision/{added.id}")) in g for c in manual
    ] == [True]
    assert validate(g) == []
    g.add((URIRef(f"{base}actor/jane-doe"), criticized, URIRef(f"{base}actor/acme")))
    [found] = validate(g)  # its only claim is rejected: the triple stands on nothing
    assert (found.focus, found.value) == ("actor:jane-doe", "actor:acme")


def test_likely_duplicates_rank_look_alikes_and_drop_pairs_judged_distinct(store):
    from actorgraph.graph.duplicates import likely_duplicates

    trading = about_group(THREE.replace("ACME Group", "Acme Groupe"), name="Acme Groupe")
    ingest(store, first(), about_group(TWO), trading)
    found = likely_duplicates(store)
    pairs = [(p.a.id, p.b.id) for p in found]
    assert pairs[0] == ("acme-group", "acme-groupe")  # alike names, kind, a shared neighbour
    assert found[0].shared_neighbours == 1 and found[0].same_kind
    assert ("jane-doe", "ruritania-police") not in pairs
    curation.not_same(store, "acme-groupe", "acme-group", reason="two firms")
    assert ("acme-group", "acme-groupe") not in [(p.a.id, p.b.id) for p in likely_duplicates(store)]
    assert store.actor("acme-groupe") is not None  # the graph is unchanged


NEWS = {
    "a.txt": "Radar deal\n\nPublished: 2021-03-04\n\nNorthwind Systems Corp supplied Contoso "
    "Optics Ltd with radar parts, officials said. Senator Jane Doe criticized Northwind "
    "Systems Corp.\n",
    "b.txt": "Lens deal\n\nPublished: 2021-05-06\n\nNorthwind Systems supplied Contoso Vision "
    "with lenses last spring.\n",
}
LATER = (
    "Lens sale\n\nPublished: 2022-01-02\n\nFabrikam Robotics Corp supplied Contoso Vision "
    "with motors, officials said.\n"
)


def test_decisions_survive_the_pipeline_re_extracting_with_another_extractor(
    store, tmp_path, rules_only, extractor
):
    """The real ingest path: read with the rules alone, curate, read everything again with
    the relation model (another extractor name: every article is re-extracted), then a new
    article naming the merged actor."""
    from actorgraph.pipeline import ingest as ingest_paths

    news = tmp_path / "news"
    news.mkdir()
    for name, text in NEWS.items():
        (news / name).write_text(text, encoding="utf-8")
    ingest_paths([news], store, extractor=rules_only)
    assert store.actor("contoso-vision") is not None
    curation.merge(store, "contoso-optics", "contoso-vision")
    curation.reject(store, claim_id(store, "jane-doe", "CRITICIZED", "northwind-systems"))
    curation.set_kind(store, "northwind-systems", "Organization")
    curation.rename(store, "northwind-systems", "Northwind")
    curated = edges(store)

    assert extractor.name != rules_only.name
    again = ingest_paths([news], store, extractor=extractor)
    assert again.skipped == 0  # every article was read again
    assert edges(store) == curated
    (news / "c.txt").write_text(LATER, encoding="utf-8")
    ingest_paths([news / "c.txt"], store, extractor=extractor)

    assert store.query("MATCH (n:Actor {id: 'contoso-vision'}) RETURN n").rows == []
    assert ("fabrikam-robotics", "SUPPLIED", "contoso-optics") in edges(store)
    assert ("jane-doe", "CRITICIZED", "northwind-systems") not in edges(store)
    assert "rejected" in statuses(store).values()
    northwind = store.actor("northwind-systems")
    assert (northwind.name, northwind.kind) == ("Northwind", "Organization")
    assert store.actor("contoso-vision").id == "contoso-optics"


def test_undo_is_refused_twice_and_for_an_undo_and_takes_back_not_same(store):
    ingest(store, first(), about_group(TWO))
    judged = curation.not_same(store, "acme", "acme-group")
    undone = curation.undo(store, judged.id)
    with pytest.raises(InputError, match="undone already"):
        curation.undo(store, judged.id)
    with pytest.raises(InputError, match="cannot be undone"):
        curation.undo(store, undone.id)
    assert curation.judged_distinct(curation.decisions(store)) == set()


def test_a_decision_moves_the_sparql_endpoints_change_marker(store):
    from actorgraph.graph.sparql_live import change_marker

    ingest(store, first())
    before = change_marker(store)
    curation.confirm(store, claim_id(store, "acme", "SUPPLIED", "ruritania-police"))
    assert change_marker(store) != before  # no count changed, yet the export did


def test_a_rejection_holds_across_a_split_either_way(store):
    """A claim rejected on an actor keeps its judgement when a split moves it to the new
    actor, and one rejected after the split keeps it when the article is read again."""
    text = "Acme sold radios to Ruritania police. Acme Labs sold drones to Ruritania police."
    acme = Actor("Acme", "Company", ("Acme Labs",))
    police = Actor("Ruritania police", "GovernmentBody")
    claims = tuple(
        Claim("SUPPLIED", acme.id, police.id, Evidence(s, text.index(s), text.index(s) + len(s)))
        for s in (text[:37], text[38:])
    )
    ex = Extraction(Article(text=text, title="Labs"), (acme, police), claims, extractor="t")
    ingest(store, ex)
    labs_claim = [e for e in store.evidence("acme", "SUPPLIED", "ruritania-police")]
    labs_claim = next(e.claim for e in labs_claim if "Labs" in e.sentence)
    curation.reject(store, labs_claim)
    curation.split(store, "acme", "Acme Labs")
    assert statuses(store)[text[38:]] == "rejected"
    assert ("acme-labs", "SUPPLIED", "ruritania-police") not in edges(store)
    ingest(store, ex)
    assert statuses(store)[text[38:]] == "rejected"
    other = claim_id(store, "acme", "SUPPLIED", "ruritania-police")
    curation.reject(store, other)
    ingest(store, ex)
    assert set(statuses(store).values()) == {"rejected"}
    assert edges(store) == set()


def test_a_decision_keeps_any_text_exactly(store):
    ingest(store, first())
    odd = "Acme \ud800 \x00 'quote' \"dq\" \n new line 🚀"
    curation.rename(store, "acme", odd, reason=odd, curator="Ana\tLima")
    [decision] = curation.decisions(store)
    assert (decision.args["name"], decision.reason, decision.curator) == (odd, odd, "Ana\tLima")
    assert store.actor("acme").name == odd


def test_last_decision_and_an_actors_sentences_for_the_app(store):
    """The app's cache key (the newest decision) and the Review page's sentences of an actor."""
    from actorgraph.graph import duplicates

    ingest(store, first(), about_group(TWO))
    assert curation.last_decision(store) is None
    assert duplicates.sentences(store, "acme") == [ONE[:37], ONE[38:]]
    rejected = curation.reject(store, claim_id(store, "jane-doe", "CRITICIZED", "acme"))
    assert curation.last_decision(store) == rejected.id
    assert duplicates.sentences(store, "acme") == [ONE[:37]]  # a rejected claim is not shown
    undone = curation.undo(store, rejected.id)
    assert curation.last_decision(store) == undone.id
    assert duplicates.sentences(store, "acme", limit=1) == [ONE[:37]]


def test_look_alikes_pair_names_by_uncommon_trigrams_only():
    from actorgraph.graph.duplicates import COMMON_GRAM, _grams, _look_alikes

    crowd = [ActorView(f"firm-{n}", f"Common Holdings {n}", "Company") for n in range(40)]
    pair = [
        ActorView("zorvex", "Zorvex Labs", "Company"),
        ActorView("zorvex-labs", "Zorvex Labs Inc", "Company"),
    ]
    alike = _look_alikes({a.id: _grams(a) for a in crowd + pair})
    assert "zorvex-labs" in alike["zorvex"] and "zorvex" in alike["zorvex-labs"]
    assert len(crowd) > COMMON_GRAM  # "com", "hol", ... are in every name of the crowd
    assert not [a for a in crowd if a.id in alike["zorvex"]]
    # two of the crowd pair only by what their names have of their own ("s 1", " 12")
    common = {g for g in _grams(crowd[0]) if sum(g in _grams(a) for a in crowd) > COMMON_GRAM}
    for other in alike["firm-12"]:
        assert (_grams(crowd[12]) & _grams(next(a for a in crowd if a.id == other))) - common
