"""Curation decisions in the RDF export, as provenance (graph.curation).

Each decision is a prov:Activity (and an ag:Decision) associated with its curator, a
prov:Agent, ended at its time, using what it was about (actors, a claim, an article, the
decision an undo takes back). A rejected claim is prov:wasInvalidatedBy the decision and
marked ag:curationStatus "rejected" (it supports no relation triple: edges are derived
without it); an id merged into another is owl:sameAs the kept actor's IRI, so old links
and earlier exports still resolve.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from actorgraph.graph import curation
from actorgraph.graph.rdf import (
    ACTIVITY,
    ASSOCIATED_WITH,
    ENDED_AT,
    GENERATED_BY,
    RDF_TYPE,
    RDFS_LABEL,
    SAME_AS,
    XSD_DATETIME,
    Iris,
)
from actorgraph.schema import Claim, Decision
from actorgraph.schema import namespaces as ns
from actorgraph.schema.records import slugify

AGENT = ox.NamedNode(ns.iri("prov:Agent"))
USED = ox.NamedNode(ns.iri("prov:used"))
INVALIDATED_BY = ox.NamedNode(ns.iri("prov:wasInvalidatedBy"))
INFLUENCED_BY = ox.NamedNode(ns.iri("prov:wasInfluencedBy"))
COMMENT = ox.NamedNode(ns.iri("rdfs:comment"))
DECISION = ox.NamedNode(ns.ag(ns.DECISION))
ACTION = ox.NamedNode(ns.ag(ns.ACTION))
CURATION_STATUS = ox.NamedNode(ns.ag(ns.CURATION_STATUS))
NOTE = ox.NamedNode(ns.ag(ns.NOTE))
# how a claim relates to the decision behind it
LINKS = {"reject": INVALIDATED_BY, "confirm": INFLUENCED_BY, "add-claim": GENERATED_BY}


def decision_iri(iris: Iris, decision_id: str) -> ox.NamedNode:
    return ox.NamedNode(f"{iris.base}decision/{quote(decision_id, safe='')}")


def curator_iri(iris: Iris, curator: str) -> ox.NamedNode:
    return ox.NamedNode(f"{iris.base}curator/{slugify(curator)}")


def _used(d: Decision, iris: Iris) -> list[ox.NamedNode]:
    """The IRIs a decision was about (a claim by the id it had then)."""
    a: dict[str, Any] = d.args
    if d.action == "undo":
        return [decision_iri(iris, a["decision"])]
    keys = ("keep", "drop", "actor", "new", "subject", "object", "a", "b")
    found = [iris.actor(a[k]) for k in keys if k in a]
    if "claim" in a:
        found.append(iris.claim(a["claim"]))
    if "article" in a:
        found.append(iris.article(a["article"]))
    return found


def decision_triples(every: list[Decision], iris: Iris) -> Iterator[ox.Triple]:
    """Every decision as PROV, each curator once, and owl:sameAs for merges in force."""
    curators: set[str] = set()
    for d in every:
        node = decision_iri(iris, d.id)
        agent = curator_iri(iris, d.curator)
        yield ox.Triple(node, RDF_TYPE, ACTIVITY)
        yield ox.Triple(node, RDF_TYPE, DECISION)
        yield ox.Triple(node, ACTION, ox.Literal(d.action))
        yield ox.Triple(node, RDFS_LABEL, ox.Literal(f"{d.action} by {d.curator}"))
        yield ox.Triple(node, ASSOCIATED_WITH, agent)
        yield ox.Triple(node, ENDED_AT, ox.Literal(d.at, datatype=XSD_DATETIME))
        if d.reason:
            yield ox.Triple(node, COMMENT, ox.Literal(d.reason))
        for target in _used(d, iris):
            yield ox.Triple(node, USED, target)
        if d.curator not in curators:
            curators.add(d.curator)
            yield ox.Triple(agent, RDF_TYPE, AGENT)
            yield ox.Triple(agent, RDFS_LABEL, ox.Literal(d.curator))
    for d in curation.in_force(every):
        if d.action == "merge":
            yield ox.Triple(iris.actor(d.args["drop"]), SAME_AS, iris.actor(d.args["keep"]))


def claim_curation_triples(
    article: str,
    claim: Claim,
    iris: Iris,
    deciders: curation.Deciders,
) -> Iterator[ox.Triple]:
    """A claim's curation: its status, a hand-added claim's note, and the decision behind
    it."""
    node = iris.claim(claim.id)
    if claim.status != "extracted":
        yield ox.Triple(node, CURATION_STATUS, ox.Literal(claim.status))
    if claim.note:
        yield ox.Triple(node, NOTE, ox.Literal(claim.note))
    decider = deciders.of(article, claim)
    if decider is not None:
        yield ox.Triple(node, LINKS[decider.action], decision_iri(iris, decider.id))
