"""The graph as RDF: stable IRIs, the triples of each record, and streamed serialization.

Terms are pyoxigraph's (its serializers write 50x faster than rdflib's, see
docs/rdf.md); the output parses with rdflib as well. Articles, with their
claims, go into one named graph per article in the quad formats, so a
researcher can drop a source; actors and the derived typed edges are in the
default graph.
"""

from __future__ import annotations

import contextlib
import json
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Protocol
from urllib.parse import quote

import pyoxigraph as ox
import rdflib

from actorgraph.errors import ActorgraphError
from actorgraph.graph.views import ActorView, EdgeView, Stats
from actorgraph.schema import Claim, Extraction, vocabulary
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
GENERATED_BY, ASSOCIATED_WITH = (
    _n(ns.iri("prov:wasGeneratedBy")),
    _n(ns.iri("prov:wasAssociatedWith")),
)
ACTIVITY, SOFTWARE_AGENT = _n(ns.iri("prov:Activity")), _n(ns.iri("prov:SoftwareAgent"))
ENDED_AT = _n(ns.iri("prov:endedAtTime"))
VOID_DATASET, DCAT_DATASET = _n(ns.iri("void:Dataset")), _n(ns.iri("dcat:Dataset"))
VOID_TRIPLES, VOID_ENTITIES, VOID_VOCABULARY, VOID_URI_SPACE = (
    _n(ns.iri(f"void:{p}")) for p in ("triples", "entities", "vocabulary", "uriSpace")
)
TITLE, ISSUED, LICENSE, CREATOR, CONFORMS_TO = (
    _n(ns.iri(f"dcterms:{p}")) for p in ("title", "issued", "license", "creator", "conformsTo")
)
ACTOR, ARTICLE, CLAIM = (_n(ns.ag(c)) for c in (ns.ACTOR, ns.ARTICLE, ns.CLAIM))
DATE_ORIGIN = _n(ns.ag(ns.DATE_ORIGIN))
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
XSD_DATE, XSD_DECIMAL, XSD_INTEGER, XSD_ANYURI, XSD_DATETIME = (
    _n(ns.iri(f"xsd:{t}")) for t in ("date", "decimal", "integer", "anyURI", "dateTime")
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

    def reading(self, article_id: str) -> ox.NamedNode:
        return self._iri("reading", article_id)

    def extractor(self, version: str) -> ox.NamedNode:
        return self._iri("extractor", slugify(version))

    def dataset(self) -> ox.NamedNode:
        return ox.NamedNode(self.base + "dataset")

    def relation(self, type_: str) -> ox.NamedNode:
        return self._relations[type_]

    def kind(self, kind: str) -> ox.NamedNode:
        return self._kinds[kind]

    def modality(self, modality: str) -> ox.NamedNode:
        return self._modalities[modality]


def trimmed(text: str, start: int, end: int) -> tuple[str, int, int]:
    """An evidence sentence without the whitespace at its ends, its offsets moved to match
    (so the article's text[start:end] is still the sentence)."""
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    return core, start + lead, start + lead + len(core)


def claim_label(claim: Claim, names: dict[str, str]) -> str:
    """What a claim says, in words: 'Acme supplied Bureau (negated)'."""
    relation = vocabulary().relation(claim.type).label
    subject, obj = (names.get(i, i) for i in (claim.subject, claim.object))
    return f"{subject} {relation} {obj} ({claim.modality})"


def article_triples(ex: Extraction, iris: Iris) -> Iterator[ox.Triple]:
    """An article, the actors it mentions, and each claim read from it as a claim resource;
    the article was generated by the extractor that read it (PROV)."""
    art = ex.article
    node = iris.article(art.id)
    yield ox.Triple(node, RDF_TYPE, ARTICLE)
    yield ox.Triple(node, HEADLINE, ox.Literal(art.title))
    yield ox.Triple(node, RDFS_LABEL, ox.Literal(art.title))
    if ex.extractor:
        reading = iris.reading(art.id)
        yield from reading_triples(node, reading, iris.extractor(ex.extractor))
        if ex.ingested_at:
            yield ox.Triple(reading, ENDED_AT, ox.Literal(ex.ingested_at, datatype=XSD_DATETIME))
    if (published := _date(art.published)) is not None:
        yield ox.Triple(node, DATE_PUBLISHED, published)
        if art.date_origin:
            yield ox.Triple(node, DATE_ORIGIN, ox.Literal(art.date_origin))
    if art.publisher:
        yield ox.Triple(node, PUBLISHER, iris.publisher(art.publisher))
    if art.url:
        yield ox.Triple(node, URL, ox.Literal(art.url, datatype=XSD_ANYURI))
    if art.language:
        yield ox.Triple(node, IN_LANGUAGE, ox.Literal(art.language))
    for actor_id in sorted({a.id for a in ex.actors}):
        yield ox.Triple(node, MENTIONS, iris.actor(actor_id))
    names = {a.id: a.name for a in ex.actors}
    for claim in ex.claims:
        c = iris.claim(claim.id)
        yield ox.Triple(c, RDF_TYPE, CLAIM)
        yield ox.Triple(c, RDFS_LABEL, ox.Literal(claim_label(claim, names)))
        yield ox.Triple(c, RDF_SUBJECT, iris.actor(claim.subject))
        yield ox.Triple(c, RDF_PREDICATE, iris.relation(claim.type))
        yield ox.Triple(c, RDF_OBJECT, iris.actor(claim.object))
        yield ox.Triple(c, MODALITY, iris.modality(claim.modality))
        yield ox.Triple(c, CONFIDENCE, _decimal(claim.confidence))
        yield from evidence_triples(c, claim)
        yield ox.Triple(c, DERIVED_FROM, node)


def evidence_triples(node: ox.NamedNode, claim: Claim) -> Iterator[ox.Triple]:
    """A claim's sentence and its offsets (a claim added by hand with a note has none)."""
    sentence, start, end = trimmed(
        claim.evidence.sentence, claim.evidence.start, claim.evidence.end
    )
    if sentence:
        yield ox.Triple(node, SENTENCE, ox.Literal(sentence))
        yield ox.Triple(node, START, _integer(start))
        yield ox.Triple(node, END, _integer(end))


def reading_triples(
    article: ox.NamedNode, activity: ox.NamedNode, agent: ox.NamedNode
) -> Iterator[ox.Triple]:
    """PROV: the article's description was generated by reading it, an activity of the
    extractor (a software agent named by its version) that ended when a store wrote it."""
    yield ox.Triple(article, GENERATED_BY, activity)
    yield ox.Triple(activity, RDF_TYPE, ACTIVITY)
    yield ox.Triple(activity, ASSOCIATED_WITH, agent)


def extractor_triples(extractor: str, iris: Iris) -> Iterator[ox.Triple]:
    """An extractor (written once, in the default graph) as a prov:SoftwareAgent."""
    node = iris.extractor(extractor)
    yield ox.Triple(node, RDF_TYPE, SOFTWARE_AGENT)
    yield ox.Triple(node, RDFS_LABEL, ox.Literal(extractor))


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
    from actorgraph.graph import curation, rdf_curation  # they read this module's terms

    advance = progress or (lambda _n: None)
    default = ox.DefaultGraph()
    # a store's curation decisions (a generated source, as the benchmark's, has none)
    decisions = curation.decisions(source) if hasattr(source, "query") else []  # type: ignore[arg-type]
    deciders = curation.Deciders(decisions)
    publishers: set[str] = set()  # a few names, not one per article
    extractors: set[str] = set()  # a few versions
    for ex in source.iter_extractions():
        graph = iris.article(ex.article.id) if named_graphs else default
        for t in article_triples(ex, iris):
            yield ox.Quad(t.subject, t.predicate, t.object, graph)
        for claim in ex.claims if decisions else ():
            for t in rdf_curation.claim_curation_triples(ex.article.id, claim, iris, deciders):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)
        name = ex.article.publisher
        if name and name not in publishers:
            publishers.add(name)
            for t in publisher_triples(name, iris):
                yield ox.Quad(t.subject, t.predicate, t.object, default)
        if ex.extractor and ex.extractor not in extractors:
            extractors.add(ex.extractor)
            for t in extractor_triples(ex.extractor, iris):
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
    for t in rdf_curation.decision_triples(decisions, iris):
        yield ox.Quad(t.subject, t.predicate, t.object, default)


def export_prefixes(iris: Iris) -> dict[str, str]:
    """The prefixes written at the top of Turtle and TriG exports."""
    return {
        **ns.PREFIXES,
        "actor": iris.base + "actor/",
        "article": iris.base + "article/",
        "claim": iris.base + "claim/",
        "decision": iris.base + "decision/",
    }


@dataclass(frozen=True, slots=True)
class Description:
    """What an export says of itself (VoID and DCAT): when it was issued, under which
    licence (an IRI, e.g. https://creativecommons.org/licenses/by/4.0/) and by whom."""

    issued: date = field(default_factory=lambda: datetime.now(UTC).date())
    license: str | None = None
    creator: str | None = None


def description_triples(
    iris: Iris, described: Description, triples: int, stats: Stats
) -> Iterator[ox.Triple]:
    """The export as a void:Dataset and dcat:Dataset: its title, date, licence, creator,
    the vocabulary it uses and its counts (triples before this description; entities are
    its articles, actors and claims)."""
    node = iris.dataset()
    yield ox.Triple(node, RDF_TYPE, VOID_DATASET)
    yield ox.Triple(node, RDF_TYPE, DCAT_DATASET)
    yield ox.Triple(node, TITLE, ox.Literal("actorgraph export: actors and relations in the news"))
    yield ox.Triple(node, ISSUED, ox.Literal(described.issued.isoformat(), datatype=XSD_DATE))
    if described.license:
        yield ox.Triple(node, LICENSE, ox.NamedNode(described.license))
    if described.creator:
        yield ox.Triple(node, CREATOR, ox.Literal(described.creator))
    yield ox.Triple(node, CONFORMS_TO, _n(ns.ONTOLOGY_VERSION_IRI))
    yield ox.Triple(node, VOID_VOCABULARY, _n(ns.AG))
    yield ox.Triple(node, VOID_URI_SPACE, ox.Literal(iris.base))
    yield ox.Triple(node, VOID_TRIPLES, _integer(triples))
    entities = stats.articles + stats.actors + stats.claims
    yield ox.Triple(node, VOID_ENTITIES, _integer(entities))


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
    described: Description | None = None,
) -> ExportReport:
    """Serialize the graph as RDF, streamed: memory stays flat however large the graph,
    then its VoID/DCAT description (``described``: today, no licence or creator)."""
    form = rdf_format(fmt)
    iris = Iris(base)
    numbers = {"quads": 0}

    stats = source.stats()

    def counted(items: Iterable[ox.Quad]) -> Iterator[ox.Quad | ox.Triple]:
        for quad in items:
            numbers["quads"] += 1
            yield quad if form.quads else quad.triple
        # described last, when the count is known (the stream is never held in memory)
        for t in description_triples(iris, described or Description(), numbers["quads"], stats):
            numbers["quads"] += 1
            yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) if form.quads else t

    quads = iter_quads(source, iris, named_graphs=form.quads, progress=progress)
    if form.name == "jsonld":
        with _jsonld_document(output, iris) as stream:
            ox.serialize(counted(quads), stream, form.oxigraph)
    else:
        target = str(output) if isinstance(output, Path) else output
        prefixes = export_prefixes(iris) if form.name in ("ttl", "trig") else None
        ox.serialize(counted(quads), target, form.oxigraph, prefixes=prefixes)
    return ExportReport(numbers["quads"], stats.articles, stats.actors, stats.edges)


def jsonld_context(iris: Iris) -> dict[str, str]:
    """The JSON-LD @context of an export: the prefixes of its Turtle, as terms."""
    return dict(sorted(export_prefixes(iris).items()))


@contextmanager
def _jsonld_document(output: Path | IO[bytes], iris: Iris) -> Iterator[IO[bytes]]:
    """The JSON-LD export as one document, {"@context": ..., "@graph": [...]}: pyoxigraph
    streams the expanded array (full IRIs, which a context leaves as they are) into
    "@graph", and a JSON-LD processor compacts it with the prefixes given."""
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(output.open("wb")) if isinstance(output, Path) else output
        head = json.dumps({"@context": jsonld_context(iris)}, ensure_ascii=False)
        stream.write(head[:-1].encode("utf-8") + b', "@graph": ')
        yield stream
        stream.write(b"}\n")


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
