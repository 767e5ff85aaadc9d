"""Likely duplicate actors, ranked, for a curator to merge or judge "not the same".

Candidates come from the trigram index behind name search (Store.similar_actors): for
each of the most mentioned actors, the actors whose names share the most trigrams. A pair
scores by how alike its names and aliases are (Jaccard of their trigrams), whether it has
one kind, and the typed neighbours and articles the two share. Pairs a curator judged
distinct (graph.curation.not_same) are not proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.graph import curation, cypher
from actorgraph.graph.grams import query_grams
from actorgraph.graph.store import ActorView, Store, _actor

SCANNED = 500  # the most mentioned actors whose look-alikes are looked up
PER_ACTOR = 10  # look-alikes read per actor
MIN_NAME_LIKENESS = 0.2


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two actors that may be one, with what speaks for it."""

    a: ActorView
    b: ActorView
    score: float  # 0..1
    name_likeness: float  # Jaccard of the trigrams of their names and aliases
    same_kind: bool
    shared_neighbours: int
    shared_articles: int


def _grams(actor: ActorView) -> set[str]:
    return {g for name in (actor.name, *actor.aliases) for g in query_grams(name)}


def _likeness(a: ActorView, b: ActorView) -> float:
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def sentences(store: Store, actor_id: str, limit: int = 3) -> list[str]:
    """A few sentences of the claims naming an actor, so a curator can tell two apart."""
    params = {"id": actor_id, "limit": limit}
    return [r["sentence"] for r in store.query(cypher.ACTOR_SENTENCES, params).records()]


def likely_duplicates(store: Store, limit: int = 50) -> list[DuplicatePair]:
    """The ``limit`` likeliest duplicate pairs, best first."""
    distinct = curation.judged_distinct(curation.decisions(store))
    scanned = store.query(cypher.ACTORS_BY_MENTIONS, {"limit": SCANNED}).records()
    pairs: dict[frozenset[str], tuple[ActorView, ActorView, float]] = {}
    for actor in map(_actor, scanned):
        for other in list(store.similar_actors(actor.name, limit=PER_ACTOR + 1)):
            key = frozenset((actor.id, other.id))
            if other.id == actor.id or key in pairs or key in distinct:
                continue
            likeness = _likeness(actor, other)
            if likeness >= MIN_NAME_LIKENESS:
                pairs[key] = (*sorted((actor, other), key=lambda x: x.id), likeness)
    ids = sorted({i for key in pairs for i in key})
    params = {"ids": ids, "types": cypher.relation_types()}
    context = {
        r["id"]: (set(r["neighbours"]), set(r["articles"]))
        for r in store.query(cypher.NEIGHBOURS_AND_ARTICLES, params).records()
    }
    found = []
    for a, b, likeness in pairs.values():
        (na, aa), (nb, ab) = context.get(a.id, (set(), set())), context.get(b.id, (set(), set()))
        neighbours, articles = len((na & nb) - {a.id, b.id}), len(aa & ab)
        score = (
            0.6 * likeness
            + 0.15 * (a.kind == b.kind)
            + 0.15 * min(1.0, neighbours / 3)
            + 0.1 * min(1.0, articles / 2)
        )
        found.append(DuplicatePair(a, b, round(score, 4), round(likeness, 4), a.kind == b.kind,
                                   neighbours, articles))  # fmt: skip
    found.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return found[:limit]
