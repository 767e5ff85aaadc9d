"""The ontology and shapes generated from the vocabulary, and the RDF export read back."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import short_tmp
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import Store, open_store
from actorgraph.graph.rdf import RDF_FORMATS, Description, Iris, iter_quads, load_rdflib, write_rdf
from actorgraph.pipeline import ingest
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, vocabulary
from actorgraph.schema import namespaces as ns
from actorgraph.schema.ontology import build_ontology, ontology_turtle, shipped_ontology
from actorgraph.schema.shapes import validate

pytest_plugins = ["rdf_fixtures"]

AG = rdflib.Namespace(ns.AG)
VOID = rdflib.Namespace(ns.PREFIXES["void"])
DCT = rdflib.Namespace(ns.PREFIXES["dcterms"])
SDO = rdflib.Namespace(ns.PREFIXES["schema"])
PROV = rdflib.Namespace(ns.PREFIXES["prov"])
XSD_STRING = ns.iri("xsd:string")
runner = CliRunner()


# -- the ontology ----------------------------------------------------------------------------


def test_the_shipped_ontology_is_a_fresh_generation_and_export_serves_it():
    assert shipped_ontology() == ontology_turtle(), "run `python -m actorgraph.schema.ontology`"
    result = runner.invoke(app, ["export", "--ontology"])
    assert result.exit_code == 0, result.output
    assert result.stdout == shipped_ontology()


def test_the_ontology_has_a_class_per_kind_and_a_property_per_relation():
    vocab = vocabulary()
    g = rdflib.Graph().parse(data=shipped_ontology(), format="turtle")
    assert isomorphic(g, build_ontology())
    for kind in vocab.kinds.values():
        cls = rdflib.URIRef(ns.kind_iri(kind))
        assert (cls, RDF.type, OWL.Class) in g
        assert (cls, RDFS.subClassOf, AG.Actor) in g
        assert str(g.value(cls, RDFS.comment)) == kind.description
        for curie in kind.rdf:
            assert (cls, RDFS.subClassOf, rdflib.URIRef(ns.iri(curie))) in g
        assert (cls, SKOS.closeMatch, rdflib.URIRef(ns.wikidata_iri(kind.wikidata))) in g
    for rel in vocab.relations.values():
        prop = rdflib.URIRef(ns.relation_iri(rel))
        assert (prop, RDF.type, OWL.ObjectProperty) in g
        assert str(g.value(prop, RDFS.label)) == rel.label
        assert str(g.value(prop, RDFS.comment)) == rel.description
        assert (prop, RDFS.domain, AG.Actor) in g
        inverse = g.value(predicate=OWL.inverseOf, object=prop)
        if rel.symmetric:
            assert (prop, RDF.type, OWL.SymmetricProperty) in g
            assert inverse is None
        else:
            assert str(g.value(inverse, RDFS.label)) == rel.reverse
    assert (AG.collaboratedWith, RDF.type, OWL.SymmetricProperty) in g
    assert (AG.operatesIn, RDFS.range, AG.Place) in g
    assert (AG.supplied, RDFS.range, AG.Actor) in g
    assert (AG.Person, RDFS.subClassOf, SDO.Person) in g
    assert (AG.Claim, RDFS.subClassOf, PROV.Entity) in g
    assert (AG.Article, RDFS.subClassOf, SDO.NewsArticle) in g


# -- the instance data -----------------------------------------------------------------------


def _from_oxigraph(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD_STRING else rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype)


def _graph(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    g = rdflib.Graph()
    for q in quads:
        g.add((_from_oxigraph(q.subject), _from_oxigraph(q.predicate), _from_oxigraph(q.object)))
    return g


# SHACL violations per graph, by its triples: pyshacl parses its SPARQL constraints afresh on
# every run (some 15 s on the sample corpus), and the six formats read back one graph.
_VIOLATIONS: dict[frozenset, list] = {}


def _violations(g: rdflib.Graph) -> list:
    """The graph's SHACL violations; a graph of exactly the same triples is validated once."""
    key = frozenset(g)
    if key not in _VIOLATIONS:
        _VIOLATIONS[key] = [v for v in validate(g) if v.severity == "Violation"]
    return _VIOLATIONS[key]


def _named_graphs(path: Path) -> set[str]:
    return {
        q.graph_name.value
        for q in ox.parse(path=str(path))
        if not isinstance(q.graph_name, ox.DefaultGraph)
    }


INGESTED_AT = "2025-06-01T12:00:00+00:00"


@pytest.fixture
def timed_sample_store(store: Store, sample_extractions: list[Extraction]) -> Store:
    """The sample corpus stamped with one ingest time: a fresh store stamps the clock's, so
    each format's export would differ in that one literal and be validated again."""
    store.write([replace(e, ingested_at=INGESTED_AT) for e in sample_extractions])
    return store


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_every_rdf_format_reads_back_the_same_graph_with_rdflib_and_oxigraph(
    fmt, timed_sample_store: Store, tmp_path
):
    sample_store = timed_sample_store
    path = tmp_path / f"export.{fmt}"
    report = write_rdf(sample_store, path, fmt)
    expected = _graph(iter_quads(sample_store, Iris(), named_graphs=False))
    by_rdflib = load_rdflib(path)
    by_oxigraph = _graph(ox.parse(path=str(path), format=RDF_FORMATS[fmt].oxigraph))
    dataset = rdflib.URIRef(Iris().dataset().value)  # the export's description, at its end
    assert int(by_rdflib.value(dataset, VOID.triples)) == len(expected)
    for g in (by_rdflib, by_oxigraph):
        g.remove((dataset, None, None))
    assert len(expected) > 1000
    assert isomorphic(by_rdflib, expected)
    assert isomorphic(by_oxigraph, expected)
    assert report.triples >= len(expected)

    stats = sample_store.stats()
    assert len(set(by_rdflib.subjects(RDF.type, AG.Actor))) == stats.actors
    for kind, count in stats.by_kind.items():
        assert len(set(by_rdflib.subjects(RDF.type, AG[kind]))) == count
    asserted = Counter(e.type for e in sample_store.iter_edges() if e.modality == "asserted")
    assert sum(asserted.values()) < stats.edges, "the samples have hedged or negated edges"
    for type_ in stats.by_type:
        found = len(list(by_rdflib.triples((None, rdflib.URIRef(ns.relation_iri(type_)), None))))
        assert found == asserted[type_], type_
    assert len(set(by_rdflib.subjects(RDF.type, AG.Claim))) == stats.claims
    assert len(set(by_rdflib.subjects(RDF.type, AG.Article))) == stats.articles

    assert _violations(by_rdflib) == []
    if RDF_FORMATS[fmt].quads:
        article_ids = {ex.article.id for ex in sample_store.iter_extractions()}
        assert _named_graphs(path) == {Iris().article(i).value for i in article_ids}


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # its TriG parser's own API use
def test_each_article_is_a_named_graph_a_researcher_can_drop(sample_store: Store, tmp_path):
    path = tmp_path / "export.trig"
    write_rdf(sample_store, path, "trig")
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    thermo = next(e for e in sample_store.iter_extractions() if "Thermo" in e.article.title)
    article = rdflib.URIRef(Iris().article(thermo.article.id).value)
    source = dataset.graph(article)
    claims = set(source.subjects(RDF.type, AG.Claim))
    assert len(claims) == len(thermo.claims) > 0
    assert all((c, PROV.wasDerivedFrom, article) in source for c in claims)
    dataset.remove_graph(source)
    left = rdflib.Graph()
    for s, p, o, _g in dataset.quads():
        left.add((s, p, o))
    assert not set(left.subjects(RDF.type, AG.Claim)) & claims
    assert (None, AG.supplied, None) in left  # the derived edges are in the default graph


def _actor(g: rdflib.Graph, name: str) -> rdflib.URIRef:
    found = list(g.subjects(RDFS.label, rdflib.Literal(name)))
    assert len(found) == 1, (name, found)
    return found[0]  # type: ignore[return-value]


def test_the_headline_edges_are_direct_triples_with_reified_claims(sample_store: Store, tmp_path):
    path = tmp_path / "export.ttl"
    write_rdf(sample_store, path, "ttl")
    g = load_rdflib(path)
    thermo = _actor(g, "Thermo Fisher Scientific")
    police = _actor(g, "Xinjiang police")
    rubio = _actor(g, "Marco Rubio")
    assert (thermo, AG.supplied, police) in g
    assert (rubio, AG.criticized, thermo) in g
    assert (_actor(g, "U.S. Congress"), AG.banned, _actor(g, "Hikvision")) in g
    assert (thermo, RDF.type, AG.Company) in g
    assert thermo == rdflib.URIRef(ns.DEFAULT_BASE + "actor/thermo-fisher-scientific")
    assert rdflib.Literal("Thermo Fisher") in set(g.objects(thermo, SKOS.altLabel))

    (claim,) = [
        c
        for c in g.subjects(RDF.subject, thermo)
        if (c, RDF.predicate, AG.supplied) in g and (c, RDF.object, police) in g
    ]
    assert (claim, RDF.type, AG.Claim) in g
    assert (claim, AG.modality, AG.asserted) in g
    assert 0 < float(g.value(claim, AG.confidence)) <= 1
    sentence = str(g.value(claim, AG.sentence))
    assert "supplied DNA sequencers to police in Xinjiang" in sentence
    article = g.value(claim, PROV.wasDerivedFrom)
    text = next(
        e.article.text for e in sample_store.iter_extractions() if e.article.id in str(article)
    )
    start, end = int(g.value(claim, AG.startOffset)), int(g.value(claim, AG.endOffset))
    assert text[start:end] == sentence
    assert str(g.value(article, SDO.datePublished)) == "2019-02-21"
    assert "Thermo Fisher" in str(g.value(article, SDO.headline))
    publisher = g.value(article, SDO.publisher)
    assert str(g.value(publisher, SDO.name)) == "actorgraph sample desk"


def test_wikidata_ids_become_owl_same_as(sample_store: Store, tmp_path):
    path = tmp_path / "export.nt"
    write_rdf(sample_store, path, "nt")
    g = load_rdflib(path)
    known = [a for a in sample_store.iter_actors() if a.wikidata]
    assert known, "the gazetteer gives some sample actors a Wikidata id"
    for actor in known:
        node = rdflib.URIRef(Iris().actor(actor.id).value)
        wikidata = rdflib.URIRef(f"http://www.wikidata.org/entity/{actor.wikidata}")
        assert (node, OWL.sameAs, wikidata) in g


def test_iris_are_stable_and_follow_the_base(sample_store: Store, tmp_path):
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    write_rdf(sample_store, first, "nt")
    write_rdf(sample_store, second, "nt")
    assert sorted(first.read_text().splitlines()) == sorted(second.read_text().splitlines())

    other = tmp_path / "c.nt"
    write_rdf(sample_store, other, "nt", base="http://example.org/news")
    g = load_rdflib(other)
    actors = set(g.subjects(RDF.type, AG.Actor))
    assert actors
    assert {str(a).rsplit("/", 1)[0] for a in actors} == {"http://example.org/news/actor"}
    assert {str(a).rsplit("/", 1)[1] for a in actors} == {a.id for a in sample_store.iter_actors()}


# -- SHACL -----------------------------------------------------------------------------------


def test_validate_passes_on_an_export_and_fails_readably_on_a_broken_one(
    sample_store: Store, tmp_path
):
    good = tmp_path / "good.ttl"
    write_rdf(sample_store, good, "ttl")
    passed = runner.invoke(app, ["validate", str(good)])
    assert passed.exit_code == 0, passed.output
    assert "0 violations" in passed.output and "conforms" in passed.output

    g = load_rdflib(good)
    thermo = _actor(g, "Thermo Fisher Scientific")
    g.remove((thermo, RDFS.label, None))
    g.add((thermo, RDF.type, AG.Person))
    # a hedged claim: no direct triple rests on it (breaking an asserted one's modality
    # would also leave its triple without an asserted claim)
    claim = min(c for c in g.subjects(RDF.type, AG.Claim) if (c, AG.modality, AG.hedged) in g)
    g.set((claim, AG.confidence, rdflib.Literal("very high")))
    g.set((claim, AG.modality, AG.perhaps))
    g.remove((claim, PROV.wasDerivedFrom, None))
    broken = tmp_path / "broken.nt"
    broken.write_text(g.serialize(format="nt"), encoding="utf-8")

    failed = runner.invoke(app, ["validate", str(broken)])
    assert failed.exit_code == 1
    lines = [line for line in failed.stdout.splitlines() if line.startswith("Violation:")]
    joined = "\n".join(lines)
    assert "rdfs:label: an actor has exactly one rdfs:label" in joined
    assert "rdf:type: an actor has exactly one kind" in joined
    assert "ag:confidence: a claim has one confidence" in joined
    assert "ag:modality: a claim has one modality" in joined
    assert "prov:wasDerivedFrom: a claim is derived from exactly one article" in joined
    assert len(lines) == 5, joined
    assert "5 violations" in failed.output


def test_validate_reports_an_unparsable_file_on_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("actorgraph: cannot parse")
    assert len(result.output.strip().splitlines()) == 1


# -- modality: only what is asserted is a direct triple ----------------------------------------

MODAL_TEXT = (
    "Acme supplied radios to the Bureau. Acme has not supplied the Guard. Acme may fund Zed."
)


def modal_extraction() -> Extraction:
    """One asserted, one negated and one hedged edge from the same company."""
    text = MODAL_TEXT
    article = Article(text=text, title="Acme and the Guard", published="2021-05-06", publisher="D")
    acme, bureau = Actor("Acme", "Company"), Actor("Bureau", "GovernmentBody")
    guard, zed = Actor("Guard", "GovernmentBody"), Actor("Zed", "Company")
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]

    def claim(type_: str, obj: Actor, n: int, modality: str) -> Claim:
        start, end = sentences[n]
        start += text[start:end].startswith(" ")
        return Claim(type_, acme.id, obj.id, Evidence(text[start:end], start, end), modality, 0.8)

    claims = (
        claim("SUPPLIED", bureau, 0, "asserted"),
        claim("SUPPLIED", guard, 1, "negated"),
        claim("FUNDED", zed, 2, "hedged"),
    )
    return Extraction(article, (acme, bureau, guard, zed), claims, extractor="test")


def test_hedged_and_negated_edges_are_claims_not_direct_triples(store: Store, tmp_path):
    ex = modal_extraction()
    store.write([ex])
    path = tmp_path / "modal.nt"
    write_rdf(store, path, "nt")
    g = load_rdflib(path)
    iri = {a.name: rdflib.URIRef(Iris().actor(a.id).value) for a in ex.actors}
    assert (iri["Acme"], AG.supplied, iri["Bureau"]) in g
    assert (iri["Acme"], AG.supplied, iri["Guard"]) not in g  # "has not supplied"
    assert (iri["Acme"], AG.funded, iri["Zed"]) not in g  # "may fund"
    modality = {
        (g.value(c, RDF.object), g.value(c, AG.modality)) for c in g.subjects(RDF.type, AG.Claim)
    }
    assert modality == {
        (iri["Bureau"], AG.asserted),
        (iri["Guard"], AG.negated),
        (iri["Zed"], AG.hedged),
    }
    assert validate(g) == []

    # a direct triple that no asserted claim supports is a SHACL violation
    g.add((iri["Acme"], AG.supplied, iri["Guard"]))
    (found,) = validate(g)
    assert found.severity == "Violation"
    assert "needs an asserted claim" in found.message
    assert (found.focus, found.path, found.value) == ("actor:acme", "ag:supplied", "actor:guard")


def test_a_date_found_in_the_text_is_exported_as_such_and_checked(store: Store, tmp_path):
    ex = modal_extraction()
    store.write([replace(ex, article=replace(ex.article, published="2021-05-03",
                                              date_origin="text"))])  # fmt: skip
    path = tmp_path / "dated.nt"
    write_rdf(store, path, "nt")
    g = load_rdflib(path)
    article = rdflib.URIRef(Iris().article(ex.article.id).value)
    assert g.value(article, AG.dateOrigin) == rdflib.Literal("text")
    assert validate(g) == []
    g.set((article, AG.dateOrigin, rdflib.Literal("guessed")))
    (found,) = validate(g)
    assert "date origin is one of: metadata, text, curator" in found.message


def test_the_shipped_supplier_query_lists_only_asserted_supply(store: Store):
    from actorgraph.graph.sparql import run_sparql

    store.write([modal_extraction()])
    query = (Path(__file__).parents[1] / "docs" / "queries" / "who-supplied-whom.rq").read_text()
    result = run_sparql(store, query)
    rows = [[str(v) for v in row] for row in result.rows]
    assert [row[:2] for row in rows] == [["Acme", "Bureau"]], rows


# -- ids from identity: the same corpus in any order is the same export ---------------------

ORDER_CORPUS = sorted((Path(__file__).parent / "order_fixtures").glob("*.txt"))


ISSUED = Description(issued=date(2026, 1, 2))  # the same day for both exports


def _ingest_in_order(url: str, paths: list[Path], extractor) -> Store:
    store = open_store(url)
    for path in paths:  # one article at a time: each is resolved against the ones before
        ingest([path], store, extractor=extractor)
    return store


INGESTED = "2026-01-02T03:04:05+00:00"


def test_one_corpus_ingested_in_two_orders_exports_byte_identical_rdf(
    extractor, falkordb_url, tmp_path
):
    other = short_tmp()
    try:
        forward = _ingest_in_order(falkordb_url, ORDER_CORPUS, extractor)
        backward = _ingest_in_order(f"falkordb://{other}", ORDER_CORPUS[::-1], extractor)
        china = [a for a in forward.iter_actors() if a.name == "China"]
        # read as a place in two articles, as a government in one: one actor, one id
        assert [(a.id, a.kind) for a in china] == [("china", "Government")]
        assert forward.actor("china") == backward.actor("china")
        # the stores were written at different moments: when is not what, so give them one
        for graph in (forward, backward):
            graph.query("MATCH (a:Article) SET a.ingested_at = $t", {"t": INGESTED}, write=True)
        for fmt in ("nt", "ttl", "nq"):
            one, two = tmp_path / f"forward.{fmt}", tmp_path / f"backward.{fmt}"
            write_rdf(forward, one, fmt, described=ISSUED)
            write_rdf(backward, two, fmt, described=ISSUED)
            assert one.read_bytes() == two.read_bytes(), fmt
        assert len(one.read_bytes()) > 5000
        forward.close()
        backward.close()
    finally:
        shutil.rmtree(other, ignore_errors=True)


# -- linked data a curator would publish ------------------------------------------------------


def test_an_export_describes_itself_and_its_provenance(store: Store, tmp_path):
    ex = modal_extraction()
    text = ex.article.text
    guard = ex.claims[1]  # " Acme has not supplied the Guard. ": the blanks round it too
    start, end = guard.evidence.start - 1, guard.evidence.end + 1
    padded = replace(guard, evidence=Evidence(text[start:end], start, end), id="")
    assert padded.evidence.sentence.startswith(" ") and padded.evidence.sentence.endswith(" ")
    claims = (ex.claims[0], padded, ex.claims[2])
    store.write([Extraction(ex.article, ex.actors, claims, "actorgraph 9.9 test")])
    path = tmp_path / "export.ttl"
    described = Description(date(2026, 1, 2), CC_BY, "Harbour Ledger data desk")
    write_rdf(store, path, "ttl", described=described)
    g = load_rdflib(path)
    assert validate(g) == []

    (dataset,) = set(g.subjects(RDF.type, VOID.Dataset))
    assert (dataset, RDF.type, rdflib.URIRef(ns.PREFIXES["dcat"] + "Dataset")) in g
    described = set(g.triples((dataset, None, None)))
    assert int(g.value(dataset, VOID.triples)) == len(g) - len(described)
    assert int(g.value(dataset, VOID.entities)) == 1 + 4 + 3  # articles, actors, claims
    assert str(g.value(dataset, DCT.license)) == CC_BY
    assert str(g.value(dataset, DCT.creator)) == "Harbour Ledger data desk"
    assert g.value(dataset, DCT.issued) == rdflib.Literal("2026-01-02", datatype=rdflib.XSD.date)
    assert str(g.value(dataset, DCT.conformsTo)) == ns.ONTOLOGY_VERSION_IRI

    article = rdflib.URIRef(Iris().article(ex.article.id).value)
    assert str(g.value(article, RDFS.label)) == ex.article.title
    reading = g.value(article, PROV.wasGeneratedBy)
    assert (reading, RDF.type, PROV.Activity) in g
    agent = g.value(reading, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    [[ingested]] = store.query("MATCH (a:Article) RETURN a.ingested_at").rows
    ended = g.value(reading, PROV.endedAtTime)
    assert ended == rdflib.Literal(ingested, datatype=rdflib.XSD.dateTime) and ended.value
    assert str(g.value(agent, RDFS.label)) == "actorgraph 9.9 test"

    labels = {str(g.value(c, RDFS.label)) for c in g.subjects(RDF.type, AG.Claim)}
    assert "Acme supplied Guard (negated)" in labels and len(labels) == 3
    (negated,) = g.subjects(AG.modality, AG.negated)
    sentence = str(g.value(negated, AG.sentence))
    assert sentence == "Acme has not supplied the Guard."  # no blanks at its ends
    start, end = int(g.value(negated, AG.startOffset)), int(g.value(negated, AG.endOffset))
    assert text[start:end] == sentence


def test_the_jsonld_export_carries_a_context_and_reads_back_as_the_ntriples(store: Store, tmp_path):
    store.write([modal_extraction()])
    day = Description(issued=date(2026, 1, 2))
    jsonld, nt = tmp_path / "export.jsonld", tmp_path / "export.nt"
    write_rdf(store, jsonld, "jsonld", described=day)
    write_rdf(store, nt, "nt", described=day)
    doc = json.loads(jsonld.read_text(encoding="utf-8"))
    assert doc["@context"]["ag"] == ns.AG
    assert doc["@context"]["actor"] == ns.DEFAULT_BASE + "actor/"
    assert isomorphic(load_rdflib(jsonld), load_rdflib(nt))


def test_the_ontology_has_a_version_iri():
    g = build_ontology()
    onto = rdflib.URIRef(ns.ONTOLOGY_IRI)
    assert g.value(onto, OWL.versionIRI) == rdflib.URIRef(ns.ONTOLOGY_VERSION_IRI)
    assert str(g.value(onto, OWL.versionInfo)) == ns.ONTOLOGY_VERSION
    assert f"owl:versionIRI <{ns.ONTOLOGY_VERSION_IRI}>" in shipped_ontology()


CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_export_takes_a_licence_iri_and_refuses_a_name(tmp_path, falkordb_url):
    out = tmp_path / "x.ttl"
    given = ["export", "-o", str(out), "--store", falkordb_url, "--creator", "Desk"]
    result = runner.invoke(app, [*given, "--license", CC_BY])
    assert result.exit_code == 0, result.output
    g = load_rdflib(out)
    (dataset,) = set(g.subjects(RDF.type, VOID.Dataset))
    assert (str(g.value(dataset, DCT.license)), str(g.value(dataset, DCT.creator))) == (
        CC_BY,
        "Desk",
    )
    out.unlink()
    refused = runner.invoke(app, [*given, "--license", "CC-BY"])
    assert refused.exit_code != 0
    assert "--license 'CC-BY' is not an IRI" in refused.output
    assert "Traceback" not in refused.output
    assert not out.exists()
