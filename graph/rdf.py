"""The graph as RDF: stable IRIs, the triples of each record, and streamed serialization.

Terms are pyoxigraph's (its serializers write 50x faster than rdflib's, see
docs/rdf.md); the output parses with rdflib as well. Articles, with their
claims, go into one named graph per article in the quad formats, so a
researcher can drop a source; actors and the derived typed edges are in the
default graph.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

from actorgraph.errors import ActorgraphError
from actorgraph.graph.store import ActorView, EdgeView, Stats
from actorgraph.schema import Extraction, vocabulary
from actorgraph.schema import namespaces as ns
from actorgraph.schema.records import slugify


class GraphSource(Protocol):
    """What an export reads: a Store has these, and so does the benchmark's generator."""

    def stats(self) -> Stats: ...
    def iter_extractions(self, batch_size: int = 200) -> Iterator[Extraction]: ...
    def iter_actors(self, batch_size: int = 1000) -> Iterator[ActorView]: ...
    def iter_edges(self, batch_size: int = 1000) -> Iterator[EdgeView]: ...


@dataclass(frozen=True, slots=True)
class RdfFormat:
    name: str
    oxigraph: ox.RdfFormat
    rdflib: str  # rdflib's parser name
    extension: str
    quads: bool  # one named graph per article


RDF_FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("ttl", ox.RdfFormat.TURTLE, "turtle", "ttl", False),
        RdfFormat("nt", ox.RdfFormat.N_TRIPLES, "nt", "nt", False),
        RdfFormat("jsonld", ox.RdfFormat.STREAMING_JSON_LD, "json-ld", "jsonld", False),
        RdfFormat("nq", ox.RdfFormat.N_QUADS, "nquads", "nq", True),
        RdfFormat("trig", ox.RdfFormat.TRIG, "trig", "trig", True),
    )
}
_EXTENSIONS = {"json": "jsonld", "turtle": "ttl", "ntriples": "nt", "nquads": "nq"}


def rdf_format(name: str) -> RdfFormat:
    """The format called ``name`` or with that file extension; an unknown one lists the valid."""
    key = _EXTENSIONS.get(name.lower().lstrip("."), name.lower().lstrip("."))
    if key not in RDF_FORMATS:
        raise ActorgraphError(f"unknown RDF format {name!r}; use one of {', '.join(RDF_FORMATS)}")
    return RDF_FORMATS[key]


def format_of(path: Path) -> RdfFormat:
    """The RDF format of a file, from its extension."""
    return rdf_format(path.suffix or "?")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


RDF_TYPE = _n(ns.iri("rdf:type"))
RDFS_LABEL = _n(ns.iri("rdfs:label"))
ALT_LABEL = _n(ns.iri("skos:altLabel"))
SAME_AS = _n(ns.iri("owl:sameAs"))
DERIVED_FROM = _n(ns.iri("prov:wasDerivedFrom"))
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (
    _n(ns.iri(f"rdf:{p}")) for p in ("subject", "predicate", "object")
)
HEADLINE, DATE_PUBLISHED, PUBLISHER, URL, MENTIONS, NAME, IN_LANGUAGE = (
    _n(ns.iri(f"schema:{p}"))
    for p in ("headline", "datePublished", "publisher", "url", "mentions", "name", "inLanguage")
)
ORGANIZATION = _n(ns.iri("schema:Organization"))
ACTOR, ARTICLE, CLAIM = (_n(ns.ag(c)) for c in (ns.ACTOR, ns.ARTICLE, ns.CLAIM))
MODALITY, CONFIDENCE, SENTENCE, START, END, MENTION_COUNT, FIRST_SEEN, LAST_SEEN = (
    _n(ns.ag(p))
    for p in (
        ns.HAS_MODALITY,
        ns.CONFIDENCE,
        ns.SENTENCE,
        ns.START_OFFSET,
        ns.END_OFFSET,
        ns.MENTION_COUNT,
        ns.FIRST_SEEN,
        ns.LAST_SEEN,
    )
)
XSD_DATE, XSD_DECIMAL, XSD_INTEGER, XSD_ANYURI = (
    _n(ns.iri(f"xsd:{t}")) for t in ("date", "decimal", "integer", "anyURI")
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(value: str | None) -> ox.Literal | None:
    """An xsd:date for an ISO date; anything else is left out (the shapes require xsd:date)."""
    return ox.Literal(value, datatype=XSD_DATE) if value and _DATE.match(value) else None


def _decimal(value: float) -> ox.Literal:
    text = f"{value:.6f}".rstrip("0")
    return ox.Literal(text + "0" if text.endswith(".") else text, datatype=XSD_DECIMAL)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=XSD_INTEGER)


class Iris:
    """Stable IRIs of the instance data under one base: actors from their ids, articles and
    claims from their content hashes, publishers from their names."""

    def __init__(self, base: str = ns.DEFAULT_BASE) -> None:
        if not re.match(r"^[a-z][a-z0-9+.-]*:", base):
            raise ActorgraphError(f"the base IRI {base!r} is not absolute (e.g. {ns.DEFAULT_BASE})")
        self.base = base if base.endswith(("/", "#")) else base + "/"
        try:
            ox.NamedNode(self.base + "actor/x")
        except ValueError as error:
            raise ActorgraphError(f"the base IRI {base!r} is not a valid IRI: {error}") from None
        self._relations = {r: _n(ns.relation_iri(r)) for r in vocabulary().relations}
        self._kinds = {k: _n(ns.kind_iri(k)) for k in vocabulary().kinds}
        self._modalities = {m: _n(ns.modality_iri(m)) for m in vocabulary().modalities}

    def _iri(self, folder: str, key: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}{folder}/{quote(key, safe='-._~')}")

    def actor(self, actor_id: str) -> ox.NamedNode:
        return self._iri("actor", actor_id)

    def article(self, article_id: str) -> ox.NamedNode:
        return self._iri("article", article_id)

    def claim(self, claim_id: str) -> ox.NamedNode:
        return self._iri("claim", claim_id)

    def publisher(self, name: str) -> ox.NamedNode:
        return self._iri("publisher", slugify(name))

    def relation(self, type_: str) -> ox.NamedNode:
        return self._relations[type_]

    def kind(self, kind: str) -> ox.NamedNode:
        return self._kinds[kind]

    def modality(self, modality: str) -> ox.NamedNode:
        return self._modalities[modality]


def article_triples(ex: Extraction, iris: Iris) -> Iterator[ox.Triple]:
    """An article, the actors it mentions, and each claim read from it as a claim resource."""
    art = ex.article
    node = iris.article(art.id)
    yield ox.Triple(node, RDF_TYPE, ARTICLE)
    yield ox.Triple(node, HEADLINE, ox.Literal(art.title))
    if (published := _date(art.published)) is not None:
        yield ox.Triple(node, DATE_PUBLISHED, published)
    if art.publisher:
        yield ox.Triple(node, PUBLISHER, iris.publisher(art.publisher))
    if art.url:
        yield ox.Triple(node, URL, ox.Literal(art.url, datatype=XSD_ANYURI))
    if art.language:
        yield ox.Triple(node, IN_LANGUAGE, ox.Literal(art.language))
    for actor in ex.actors:
        yield ox.Triple(node, MENTIONS, iris.actor(actor.id))
    for claim in ex.claims:
        c = iris.claim(claim.id)
        yield ox.Triple(c, RDF_TYPE, CLAIM)
        yield ox.Triple(c, RDF_SUBJECT, iris.actor(claim.subject))
        yield ox.Triple(c, RDF_PREDICATE, iris.relation(claim.type))
        yield ox.Triple(c, RDF_OBJECT, iris.actor(claim.object))
        yield ox.Triple(c, MODALITY, iris.modality(claim.modality))
        yield ox.Triple(c, CONFIDENCE, _decimal(claim.confidence))
        yield ox.Triple(c, SENTENCE, ox.Literal(claim.evidence.sentence))
        yield ox.Triple(c, START, _integer(claim.evidence.start))
        yield ox.Triple(c, END, _integer(claim.evidence.end))
        yield ox.Triple(c, DERIVED_FROM, node)


def publisher_triples(name: str, iris: Iris) -> Iterator[ox.Triple]:
    """A publisher as a schema:Organization with its name (written once, in the default graph)."""
    node = iris.publisher(name)
    yield ox.Triple(node, RDF_TYPE, ORGANIZATION)
    yield ox.Triple(node, NAME, ox.Literal(name))


def actor_triples(actor: ActorView, iris: Iris) -> Iterator[ox.Triple]:
    """An actor: typed as ag:Actor and as its kind (so plain SPARQL finds both), its names."""
    node = iris.actor(actor.id)
    yield ox.Triple(node, RDF_TYPE, ACTOR)
    yield ox.Triple(node, RDF_TYPE, iris.kind(actor.kind))
    yield ox.Triple(node, RDFS_LABEL, ox.Literal(actor.name))
    for alias in sorted(actor.aliases):  # in the order of no ingest
        if alias != actor.name:
            yield ox.Triple(node, ALT_LABEL, ox.Literal(alias))
    if actor.wikidata:
        yield ox.Triple(node, SAME_AS, ox.NamedNode(ns.wikidata_iri(actor.wikidata)))
    yield ox.Triple(node, MENTION_COUNT, _integer(actor.mentions))
    if (first := _date(actor.first_seen)) is not None:
        yield ox.Triple(node, FIRST_SEEN, first)
    if (last := _date(actor.last_seen)) is not None:
        yield ox.Triple(node, LAST_SEEN, last)


ASSERTED = "asserted"


def edge_triple(edge: EdgeView, iris: Iris) -> ox.Triple | None:
    """A typed edge as one direct triple, for simple queries, when a claim asserts it.

    An edge whose claims are all hedged or negated ("X has not supplied Y") is stated
    only by its claims (with their ag:modality): a direct triple would assert it, and a
    reasoner would build on it.
    """
    if edge.modality != ASSERTED:
        return None
    return ox.Triple(iris.actor(edge.subject), iris.relation(edge.type), iris.actor(edge.object))


Progress = Callable[[int], None]


def iter_quads(
    source: GraphSource,
    iris: Iris,
    *,
    named_graphs: bool,
    progress: Progress | None = None,
) -> Iterator[ox.Quad]:
    """Every quad of the export, page by page: articles with their claims, actors, edges.

    ``progress`` is called with 1 after each article, actor and edge.
    """
    advance = progress or (lambda _n: None)
    default = ox.DefaultGraph()
    publishers: set[str] = set()  # a few names, not one per article
    for ex in source.iter_extractions():
        graph = iris.article(ex.article.id) if named_graphs else default
        for t in article_triples(ex, iris):
            yield ox.Quad(t.subject, t.predicate, t.object, graph)
        name = ex.article.publisher
        if name and name not in publishers:
            publishers.add(name)
            for t in publisher_triples(name, iris):
                yield ox.Quad(t.subject, t.predicate, t.object, default)
        advance(1)
    for actor in source.iter_actors():
        for t in actor_triples(actor, iris):
            yield ox.Quad(t.subject, t.predicate, t.object, default)
        advance(1)
    for edge in source.iter_edges():
        if (t := edge_triple(edge, iris)) is not None:
            yield ox.Quad(t.subject, t.predicate, t.object, default)
        advance(1)


def export_prefixes(iris: Iris) -> dict[str, str]:
    """The prefixes written at the top of Turtle and TriG exports."""
    return {
        **ns.PREFIXES,
        "actor": iris.base + "actor/",
        "article": iris.base + "article/",
        "claim": iris.base + "claim/",
    }


@dataclass(frozen=True, slots=True)
class ExportReport:
    triples: int
    articles: int
    actors: int
    edges: int


def write_rdf(
    source: GraphSource,
    output: Path | IO[bytes],
    fmt: str = "ttl",
    *,
    base: str = ns.DEFAULT_BASE,
    progress: Progress | None = None,
) -> ExportReport:
    """Serialize the graph as RDF, streamed: memory stays flat however large the graph."""
    form = rdf_format(fmt)
    iris = Iris(base)
    numbers = {"quads": 0}

    def counted(items: Iterable[ox.Quad]) -> Iterator[ox.Quad | ox.Triple]:
        for quad in items:
            numbers["quads"] += 1
            yield quad if form.quads else quad.triple

    stats = source.stats()
    quads = iter_quads(source, iris, named_graphs=form.quads, progress=progress)
    target = str(output) if isinstance(output, Path) else output
    prefixes = export_prefixes(iris) if form.name in ("ttl", "trig") else None
    ox.serialize(counted(quads), target, form.oxigraph, prefixes=prefixes)
    return ExportReport(numbers["quads"], stats.articles, stats.actors, stats.edges)


def load_rdflib(path: Path) -> rdflib.Graph:
    """An export file as one rdflib graph: the union of its graphs (for SHACL and scripts)."""
    form = format_of(path)
    dataset = rdflib.Dataset()
    try:
        with warnings.catch_warnings():
            # rdflib 7.6's own N-Quads, TriG and JSON-LD parsers use its deprecated
            # ConjunctiveGraph API, once per triple: noise, not a problem of the file.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(str(path), format=form.rdflib)
    except Exception as error:  # rdflib's parsers raise many kinds; all mean a broken file
        reason = " ".join(str(error).split())[:300]
        raise ActorgraphError(f"cannot parse {path} as {form.name}: {reason}") from None
    graph = rdflib.Graph()
    for prefix, namespace in ns.PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _g in dataset.quads():
        graph.add((s, p, o))
    return graph
