"""The RDF names actorgraph uses: prefixes, and the local names of its own terms.

The ontology, the SHACL shapes and the exporter all read these, so a term is
spelled once. Relation properties and kind classes come from the vocabulary.
"""

from __future__ import annotations

from actorgraph.errors import VocabularyError
from actorgraph.schema.vocabulary import Kind, RelationType, vocabulary

AG = vocabulary().namespace
ONTOLOGY_IRI = AG.rstrip("#/")
DEFAULT_BASE = "https://w3id.org/actorgraph/id/"
ONTOLOGY_VERSION = "0.4.0"  # of the terms, not of the package: raise it when a term changes
ONTOLOGY_VERSION_IRI = f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}"

PREFIXES: dict[str, str] = {
    "ag": AG,
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "wd": "http://www.wikidata.org/entity/",
}

# Classes of the instance data besides the kinds.
ACTOR, ARTICLE, CLAIM, MODALITY = "Actor", "Article", "Claim", "Modality"
DECISION = "Decision"  # a curator's decision, a prov:Activity (graph.curation)

# Properties of the instance data that are actorgraph's own (the rest are
# schema.org, PROV-O, RDFS and SKOS terms).
HAS_MODALITY = "modality"
CONFIDENCE = "confidence"
SENTENCE = "sentence"
START_OFFSET = "startOffset"
END_OFFSET = "endOffset"
MENTION_COUNT = "mentionCount"
FIRST_SEEN = "firstSeen"
LAST_SEEN = "lastSeen"
CURATION_STATUS = "curationStatus"  # "rejected" or "confirmed" by a curator
NOTE = "note"  # where a claim added by hand comes from
ACTION = "action"  # what a decision did: merge, reject, ...
CLAIM_STATUSES = ("rejected", "confirmed")
DATE_ORIGIN = "dateOrigin"  # where an article's schema:datePublished came from


def iri(curie: str) -> str:
    """The full IRI of ``prefix:local`` (the form vocabulary.yaml writes alignments in)."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise VocabularyError(f"unknown RDF prefix in {curie!r}; known: {', '.join(PREFIXES)}")
    return PREFIXES[prefix] + local


def ag(local: str) -> str:
    """An IRI in actorgraph's ontology namespace."""
    return AG + local


def kind_iri(kind: Kind | str) -> str:
    return ag(kind if isinstance(kind, str) else kind.name)


def relation_iri(relation: RelationType | str) -> str:
    rel = vocabulary().relation(relation) if isinstance(relation, str) else relation
    return ag(rel.rdf_local_name)


def inverse_local_name(relation: RelationType) -> str:
    """camelCase of the reverse label: 'supplied by' -> suppliedBy (symmetric ones have none)."""
    head, *rest = relation.reverse.split()
    return head.lower() + "".join(word.capitalize() for word in rest)


def modality_iri(name: str) -> str:
    return ag(vocabulary().check_modality(name))


def wikidata_iri(qid: str) -> str:
    """A Wikidata entity IRI from 'Q148' (a full IRI is kept as it is)."""
    return qid if qid.startswith("http") else PREFIXES["wd"] + qid
