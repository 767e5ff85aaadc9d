"""SHACL shapes for actorgraph's RDF, generated from the vocabulary, and validation with pySHACL.

The shapes say what an export promises: every actor has one label and exactly
one kind, every relation triple points at an actor of an allowed kind, every
claim has its subject, relation, object, modality, confidence, evidence and
article. They are built from the vocabulary, so a new kind or relation type is
checked without touching this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from actorgraph.schema import namespaces as ns
from actorgraph.schema.records import DATE_ORIGINS
from actorgraph.schema.vocabulary import Vocabulary, vocabulary

SHAPES = ns.ag("shapes/")
PROV = ns.PREFIXES["prov"]
SDO = ns.PREFIXES["schema"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, in the words a reader needs: which node, which property, what is wrong."""

    severity: str
    focus: str
    path: str
    message: str
    value: str | None

    def line(self) -> str:
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


class _Builder:
    """Adds node shapes and their property shapes to a graph, with stable blank-node ids."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.count = 0

    def _list(self, items: list[URIRef] | list[URIRef | Literal]) -> BNode:
        self.count += 1
        head = BNode(f"list{self.count}")
        Collection(self.g, head, items)
        return head

    def node(self, name: str, target: str, message: str | None = None) -> URIRef:
        shape = URIRef(SHAPES + name)
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH.targetClass, URIRef(target)))
        if message:
            self.g.add((shape, RDFS.comment, Literal(message, lang="en")))
        return shape

    def prop(self, shape: URIRef, path: str, message: str, **constraints: object) -> BNode:
        self.count += 1
        prop = BNode(f"p{self.count}")
        self.g.add((shape, SH.property, prop))
        self.g.add((prop, SH.path, URIRef(path)))
        self.g.add((prop, SH.message, Literal(message, lang="en")))
        for key, value in constraints.items():
            term = SH[key]
            if isinstance(value, list):
                items = [v if isinstance(v, Literal) else URIRef(v) for v in value]
                self.g.add((prop, term, self._list(items)))
            elif isinstance(value, BNode | URIRef):
                self.g.add((prop, term, value))
            elif isinstance(value, str) and key in {"datatype", "class", "lessThan", "nodeKind"}:
                self.g.add((prop, term, URIRef(value)))
            else:
                self.g.add((prop, term, Literal(value)))
        return prop

    def in_shape(self, items: list[str]) -> BNode:
        self.count += 1
        inner = BNode(f"in{self.count}")
        self.g.add((inner, SH["in"], self._list([URIRef(i) for i in items])))
        return inner


def _actor_shape(b: _Builder, vocab: Vocabulary) -> None:
    kinds = [ns.kind_iri(k) for k in vocab.kinds.values()]
    actor = b.node("ActorShape", ns.ag(ns.ACTOR))
    b.prop(
        actor,
        RDFS.label,
        "an actor has exactly one rdfs:label, a string",
        minCount=1,
        maxCount=1,
        datatype=XSD.string,
    )
    b.prop(actor, SKOS.altLabel, "an alias is a string", datatype=XSD.string)
    b.prop(
        actor,
        OWL.sameAs,
        "owl:sameAs points at a Wikidata entity",
        nodeKind=SH.IRI,
        pattern=r"^http://www\.wikidata\.org/entity/Q[0-9]+$",
    )
    b.prop(
        actor,
        RDF.type,
        f"an actor has exactly one kind of: {', '.join(vocab.kinds)}",
        qualifiedValueShape=b.in_shape(kinds),
        qualifiedMinCount=1,
        qualifiedMaxCount=1,
    )
    b.prop(
        actor,
        ns.ag(ns.MENTION_COUNT),
        "mentionCount is one non-negative integer",
        maxCount=1,
        datatype=XSD.integer,
        minInclusive=0,
    )
    for local in (ns.FIRST_SEEN, ns.LAST_SEEN):
        b.prop(
            actor, ns.ag(local), f"{local} is at most one xsd:date", maxCount=1, datatype=XSD.date
        )
    for rel in vocab.relations.values():
        allowed = rel.object_kinds or (ns.ACTOR,)
        classes = [ns.kind_iri(k) for k in allowed]
        message = f"the object of {rel.rdf_local_name} must be a {' or '.join(allowed)}"
        # The store takes the extractor's kinds as they come, so a wrong kind at one end of an
        # edge is a warning about the data, not a broken export.
        severity = SH.Warning if rel.object_kinds else SH.Violation
        if len(classes) == 1:
            b.prop(
                actor,
                ns.relation_iri(rel),
                message,
                nodeKind=SH.IRI,
                severity=severity,
                **{"class": classes[0]},
            )
        else:
            options = []
            for cls in classes:
                b.count += 1
                option = BNode(f"or{b.count}")
                b.g.add((option, SH["class"], URIRef(cls)))
                options.append(option)
            b.count += 1
            head = BNode(f"list{b.count}")
            Collection(b.g, head, options)
            b.prop(
                actor,
                ns.relation_iri(rel),
                message,
                nodeKind=SH.IRI,
                severity=severity,
                **{"or": head},
            )


def _asserted_edge_constraint(b: _Builder, vocab: Vocabulary) -> None:
    """A direct relation triple needs a claim that asserts it: a hedged or negated claim
    ("X has not supplied Y") is only a claim, never the triple itself.

    One query over the whole graph, from one focus node (the ontology's IRI, named by
    sh:targetNode whether or not the data holds it): as a constraint of every actor it was
    parsed and run once per actor. Each broken triple is one result, its subject named in
    the message."""
    relations = ", ".join(f"<{ns.relation_iri(r)}>" for r in vocab.relations.values())
    # the relation triples first, in a subquery: with both FILTERs on one pattern, rdflib
    # tests the NOT EXISTS on every triple of the graph (SHACL allows no VALUES here)
    query = f"""SELECT $this ?subject ?path ?value WHERE {{
  {{ SELECT $this ?subject ?path ?value WHERE {{
      ?subject ?path ?value .
      FILTER (?path IN ({relations}))
  }} }}
  FILTER NOT EXISTS {{
    ?claim <{RDF.subject}> ?subject ; <{RDF.predicate}> ?path ; <{RDF.object}> ?value ;
           <{ns.ag(ns.HAS_MODALITY)}> <{ns.modality_iri("asserted")}> .
    FILTER NOT EXISTS {{ ?claim <{ns.ag(ns.CURATION_STATUS)}> "rejected" }}
  }}
}}"""
    shape = URIRef(SHAPES + "AssertedEdgeShape")
    b.g.add((shape, RDF.type, SH.NodeShape))
    b.g.add((shape, SH.targetNode, URIRef(ns.ONTOLOGY_IRI)))
    constraint = BNode("asserted-edge")
    b.g.add((shape, SH.sparql, constraint))
    b.g.add((constraint, RDF.type, SH.SPARQLConstraint))
    message = (
        "{?subject}: a relation triple needs an asserted claim not rejected by a curator "
        "(hedged and negated ones are only claims)"
    )
    b.g.add((constraint, SH.message, Literal(message, lang="en")))
    b.g.add((constraint, SH.select, Literal(query)))


def _article_shape(b: _Builder) -> None:
    article = b.node("ArticleShape", ns.ag(ns.ARTICLE))
    b.prop(
        article,
        SDO + "headline",
        "an article has exactly one schema:headline, a string",
        minCount=1,
        maxCount=1,
        datatype=XSD.string,
    )
    b.prop(
        article,
        SDO + "datePublished",
        "schema:datePublished is at most one xsd:date",
        maxCount=1,
        datatype=XSD.date,
    )
    b.prop(
        article,
        ns.ag(ns.DATE_ORIGIN),
        f"an article's date origin is one of: {', '.join(DATE_ORIGINS)}",
        maxCount=1,
        **{"in": [Literal(s) for s in DATE_ORIGINS]},
    )
    b.prop(
        article,
        SDO + "url",
        "schema:url is at most one xsd:anyURI",
        maxCount=1,
        datatype=XSD.anyURI,
    )
    b.prop(
        article,
        SDO + "publisher",
        "schema:publisher is at most one schema:Organization",
        maxCount=1,
        **{"class": SDO + "Organization"},
    )
    b.prop(
        article, SDO + "mentions", "schema:mentions points at actors", **{"class": ns.ag(ns.ACTOR)}
    )


def _claim_shape(b: _Builder, vocab: Vocabulary) -> None:
    claim = b.node("ClaimShape", ns.ag(ns.CLAIM))
    for path, what in ((RDF.subject, "subject"), (RDF.object, "object")):
        b.prop(
            claim,
            path,
            f"a claim has exactly one {what}, an actor",
            minCount=1,
            maxCount=1,
            **{"class": ns.ag(ns.ACTOR)},
        )
    b.prop(
        claim,
        RDF.predicate,
        "a claim's rdf:predicate is one of the relation properties",
        minCount=1,
        maxCount=1,
        **{"in": [ns.relation_iri(r) for r in vocab.relations.values()]},
    )
    b.prop(
        claim,
        ns.ag(ns.HAS_MODALITY),
        f"a claim has one modality: {', '.join(vocab.modalities)}",
        minCount=1,
        maxCount=1,
        **{"in": [ns.modality_iri(m) for m in vocab.modalities]},
    )
    b.prop(
        claim,
        ns.ag(ns.CONFIDENCE),
        "a claim has one confidence, a decimal within 0..1",
        minCount=1,
        maxCount=1,
        datatype=XSD.decimal,
        minInclusive=0,
        maxInclusive=1,
    )
    b.prop(
        claim,
        ns.ag(ns.SENTENCE),
        "a claim has at most one evidence sentence, a non-empty string (one added by hand "
        "may have a note instead)",
        maxCount=1,
        datatype=XSD.string,
        minLength=1,
    )
    b.prop(
        claim,
        ns.ag(ns.START_OFFSET),
        "a claim has at most one start offset, before its end offset",
        maxCount=1,
        datatype=XSD.integer,
        minInclusive=0,
        lessThan=ns.ag(ns.END_OFFSET),
    )
    b.prop(
        claim,
        ns.ag(ns.END_OFFSET),
        "a claim has at most one end offset, a non-negative integer",
        maxCount=1,
        datatype=XSD.integer,
        minInclusive=0,
    )
    b.prop(
        claim,
        ns.ag(ns.CURATION_STATUS),
        "a claim's curation status is one of: rejected, confirmed",
        maxCount=1,
        **{"in": [Literal(s) for s in ns.CLAIM_STATUSES]},
    )
    b.prop(
        claim,
        PROV + "wasDerivedFrom",
        "a claim is derived from exactly one article",
        minCount=1,
        maxCount=1,
        **{"class": ns.ag(ns.ARTICLE)},
    )


def build_shapes(vocab: Vocabulary | None = None) -> Graph:
    """The SHACL shapes graph, from the vocabulary."""
    vocab = vocab or vocabulary()
    g = Graph()
    for prefix, namespace in ns.PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)
    g.bind("sh", str(SH))
    g.bind("shape", SHAPES)
    b = _Builder(g)
    _actor_shape(b, vocab)
    _asserted_edge_constraint(b, vocab)
    _article_shape(b)
    _claim_shape(b, vocab)
    return g


def shapes_turtle() -> str:
    return build_shapes().serialize(format="turtle")


def validate(data: Graph) -> list[Violation]:
    """Check ``data`` (one graph: the union of an export's graphs) against the shapes.

    Returns the violations, sorted, empty when the data conforms. No inference is
    run: an export states each actor's ag:Actor type itself.
    """
    from pyshacl import validate as shacl_validate  # slow to import; only validation needs it

    shapes = build_shapes()
    _conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True
    )
    names = Graph()
    for prefix, namespace in ns.PREFIXES.items():
        names.bind(prefix, namespace, override=True, replace=True)
    for folder in ("actor", "article", "claim"):
        names.bind(folder, ns.DEFAULT_BASE + folder + "/")

    def show(term: object) -> str:
        if isinstance(term, URIRef):
            return term.n3(names.namespace_manager)
        if isinstance(term, Literal):
            return repr(str(term)) if term.datatype in (None, XSD.string) else term.n3()
        return str(term) if term is not None else ""

    violations = []
    assert isinstance(report, Graph)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        focus = report.value(result, SH.focusNode)
        message = str(report.value(result, SH.resultMessage) or "does not conform")
        if focus == URIRef(ns.ONTOLOGY_IRI):  # the whole-graph check names its subject first
            subject, _, message = message.partition(": ")
            focus = URIRef(subject)
        violations.append(
            Violation(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=show(focus),
                path=show(report.value(result, SH.resultPath)),
                message=message,
                value=show(report.value(result, SH.value)) or None,
            )
        )
    # One line per broken value, though several constraints of a shape may reject it.
    unique = {(v.severity, v.focus, v.path, v.message, v.value): v for v in violations}
    return sorted(unique.values(), key=lambda v: (v.focus, v.path, v.message))
