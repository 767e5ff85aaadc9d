"""The OWL/RDFS ontology of actorgraph, generated from the vocabulary (never written by hand).

A class per actor kind and an object property per relation type come from
vocabulary.yaml; the few classes and properties of the instance data (Article,
Claim, modality, offsets) are declared here, aligned to PROV-O and schema.org.
The shipped actorgraph.ttl is this module's output: `python -m
actorgraph.schema.ontology` rewrites it, and a test checks it is current.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from actorgraph.errors import VocabularyError
from actorgraph.schema import namespaces as ns
from actorgraph.schema.vocabulary import RelationType, Vocabulary, vocabulary

ONTOLOGY_FILE = "actorgraph.ttl"
HEADER = (
    "# The actorgraph ontology. Generated from vocabulary.yaml by actorgraph.schema.ontology;\n"
    "# do not edit: run `python -m actorgraph.schema.ontology` to regenerate it.\n\n"
)

PROV = ns.PREFIXES["prov"]
SDO = ns.PREFIXES["schema"]

# (local name, label, comment, domain, range) of the instance data's own terms.
_CLASSES: list[tuple[str, str, str, list[str]]] = [
    (
        ns.ACTOR,
        "actor",
        "Anyone or anything that acts or is acted on in the news: the "
        "superclass of every actor kind. One real-world actor is one resource.",
        [PROV + "Agent"],
    ),
    (
        ns.ARTICLE,
        "article",
        "A news article actorgraph read; its IRI is a hash of its text.",
        [SDO + "NewsArticle", PROV + "Entity"],
    ),
    (
        ns.CLAIM,
        "claim",
        "One statement read from one article: subject, relation and object "
        "(rdf:subject, rdf:predicate, rdf:object), with its modality, confidence and evidence "
        "sentence. Typed edges between actors are derived from claims.",
        [PROV + "Entity", ns.PREFIXES["rdf"] + "Statement"],
    ),
    (
        ns.DECISION,
        "curation decision",
        "A curator's correction of the graph (merge, split, rename, kind, reject, confirm, "
        "add-claim, article-meta, distinct, undo), kept as data and applied whenever "
        "articles are read again; the curator is its prov:Agent.",
        [PROV + "Activity"],
    ),
    (
        ns.MODALITY,
        "modality",
        "Whether a claim states that something happened, hedges it "
        "(planned, alleged, reported) or negates it.",
        [],
    ),
]

_DATA_PROPERTIES: list[tuple[str, str, str, str, str]] = [
    (
        ns.CONFIDENCE,
        "confidence",
        "How sure the extractor is of the claim, from 0 to 1.",
        ns.CLAIM,
        XSD.decimal,
    ),
    (
        ns.SENTENCE,
        "evidence sentence",
        "The sentence the claim was read from, verbatim.",
        ns.CLAIM,
        XSD.string,
    ),
    (
        ns.START_OFFSET,
        "start offset",
        "Character offset where the evidence sentence starts in the article text.",
        ns.CLAIM,
        XSD.integer,
    ),
    (
        ns.END_OFFSET,
        "end offset",
        "Character offset just past the end of the evidence sentence in the article text.",
        ns.CLAIM,
        XSD.integer,
    ),
    (
        ns.CURATION_STATUS,
        "curation status",
        "A curator's judgement of the claim: rejected (it supports no relation triple) or "
        "confirmed.",
        ns.CLAIM,
        XSD.string,
    ),
    (
        ns.DATE_ORIGIN,
        "date origin",
        "Where the article's schema:datePublished came from: metadata (the source gave it), "
        "text (found in its opening lines: it may be another date the story mentions) or "
        "curator.",
        ns.ARTICLE,
        XSD.string,
    ),
    (
        ns.NOTE,
        "note",
        "Where a claim a curator added by hand comes from, when not from a sentence.",
        ns.CLAIM,
        XSD.string,
    ),
    (
        ns.ACTION,
        "action",
        "What a curation decision did: merge, split, rename, kind, reject, confirm, "
        "add-claim, article-meta, distinct (not the same actor) or undo.",
        ns.DECISION,
        XSD.string,
    ),
    (
        ns.MENTION_COUNT,
        "mention count",
        "How many articles mention the actor.",
        ns.ACTOR,
        XSD.integer,
    ),
    (
        ns.FIRST_SEEN,
        "first seen",
        "Publication date of the earliest article mentioning the actor.",
        ns.ACTOR,
        XSD.date,
    ),
    (
        ns.LAST_SEEN,
        "last seen",
        "Publication date of the latest article mentioning the actor.",
        ns.ACTOR,
        XSD.date,
    ),
]


def _ag(local: str) -> URIRef:
    return URIRef(ns.ag(local))


def _describe(g: Graph, node: URIRef, label: str, comment: str) -> None:
    g.add((node, RDFS.label, Literal(label, lang="en")))
    g.add((node, RDFS.comment, Literal(comment, lang="en")))
    g.add((node, RDFS.isDefinedBy, URIRef(ns.ONTOLOGY_IRI)))


def _range(g: Graph, relation: RelationType) -> URIRef | BNode:
    """The object kinds of a relation as a class: one kind, a union of kinds, or any actor."""
    kinds = relation.object_kinds or ()
    if not kinds:
        return _ag(ns.ACTOR)
    if len(kinds) == 1:
        return URIRef(ns.kind_iri(kinds[0]))
    union = BNode(f"range-{relation.rdf_local_name}")
    members = BNode(f"range-{relation.rdf_local_name}-list")
    Collection(g, members, [URIRef(ns.kind_iri(k)) for k in kinds])
    g.add((union, RDF.type, OWL.Class))
    g.add((union, OWL.unionOf, members))
    return union


def _relations(g: Graph, vocab: Vocabulary) -> None:
    names: set[str] = set()
    actor = _ag(ns.ACTOR)
    for rel in vocab.relations.values():
        prop = URIRef(ns.relation_iri(rel))
        g.add((prop, RDF.type, OWL.ObjectProperty))
        _describe(g, prop, rel.label, rel.description)
        g.add((prop, RDFS.domain, actor))
        g.add((prop, RDFS.range, _range(g, rel)))
        g.add((prop, SKOS.notation, Literal(rel.name)))
        local_names = [rel.rdf_local_name]
        if rel.symmetric:
            g.add((prop, RDF.type, OWL.SymmetricProperty))
        else:
            inverse = URIRef(ns.ag(ns.inverse_local_name(rel)))
            local_names.append(ns.inverse_local_name(rel))
            g.add((inverse, RDF.type, OWL.ObjectProperty))
            g.add((inverse, OWL.inverseOf, prop))
            _describe(
                g,
                inverse,
                rel.reverse,
                f"The inverse of {rel.label}: object {rel.reverse} "
                "subject. Not used in the instance data; a reasoner can infer it.",
            )
        for local in local_names:
            if local in names:
                raise VocabularyError(f"two ontology properties are both called {local!r}")
            names.add(local)


def build_ontology(vocab: Vocabulary | None = None) -> Graph:
    """The ontology as an rdflib graph, from the vocabulary."""
    vocab = vocab or vocabulary()
    g = Graph()
    for prefix, namespace in ns.PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)
    onto = URIRef(ns.ONTOLOGY_IRI)
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, OWL.versionIRI, URIRef(ns.ONTOLOGY_VERSION_IRI)))
    g.add((onto, OWL.versionInfo, Literal(ns.ONTOLOGY_VERSION)))
    g.add((onto, RDFS.label, Literal("actorgraph ontology", lang="en")))
    g.add(
        (
            onto,
            RDFS.comment,
            Literal(
                "Actors in the news and the typed relations between them, each traceable to the "
                "sentence and article it was read from. Generated from actorgraph's vocabulary.",
                lang="en",
            ),
        )
    )
    for local, label, comment, supers in _CLASSES:
        cls = _ag(local)
        g.add((cls, RDF.type, OWL.Class))
        _describe(g, cls, label, comment)
        for sup in supers:
            g.add((cls, RDFS.subClassOf, URIRef(sup)))
    for kind in vocab.kinds.values():
        cls = URIRef(ns.kind_iri(kind))
        g.add((cls, RDF.type, OWL.Class))
        _describe(g, cls, kind.label, kind.description)
        g.add((cls, RDFS.subClassOf, _ag(ns.ACTOR)))
        for curie in kind.rdf:
            g.add((cls, RDFS.subClassOf, URIRef(ns.iri(curie))))
        if kind.wikidata:
            g.add((cls, SKOS.closeMatch, URIRef(ns.wikidata_iri(kind.wikidata))))
    for name, comment in vocab.modalities.items():
        individual = URIRef(ns.modality_iri(name))
        g.add((individual, RDF.type, OWL.NamedIndividual))
        g.add((individual, RDF.type, _ag(ns.MODALITY)))
        _describe(g, individual, name, comment)
    _relations(g, vocab)
    modality = _ag(ns.HAS_MODALITY)
    g.add((modality, RDF.type, OWL.ObjectProperty))
    g.add((modality, RDF.type, OWL.FunctionalProperty))
    _describe(g, modality, "modality", "The modality of a claim: asserted, hedged or negated.")
    g.add((modality, RDFS.domain, _ag(ns.CLAIM)))
    g.add((modality, RDFS.range, _ag(ns.MODALITY)))
    for local, label, comment, domain, range_ in _DATA_PROPERTIES:
        prop = _ag(local)
        g.add((prop, RDF.type, OWL.DatatypeProperty))
        g.add((prop, RDF.type, OWL.FunctionalProperty))
        _describe(g, prop, label, comment)
        g.add((prop, RDFS.domain, _ag(domain)))
        g.add((prop, RDFS.range, URIRef(range_)))
    return g


def ontology_turtle(vocab: Vocabulary | None = None) -> str:
    """The ontology as Turtle text, exactly as shipped in actorgraph.ttl."""
    return HEADER + build_ontology(vocab).serialize(format="turtle")


def shipped_ontology() -> str:
    """The actorgraph.ttl installed with the package."""
    return resources.files("actorgraph.schema").joinpath(ONTOLOGY_FILE).read_text("utf-8")


def main() -> None:
    """Write actorgraph.ttl beside this module (the source tree in an editable install)."""
    target = Path(__file__).with_name(ONTOLOGY_FILE)
    target.write_text(ontology_turtle(), encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
