"""Likely duplicate actors, ranked, for a curator to merge or judge "not the same".

Candidates come from the trigrams of every actor's names and aliases, read in one pass
(Store.iter_actors): for each actor, the others sharing the most uncommon trigrams. A pair
scores by how alike its names and aliases are (Jaccard of their trigrams), whether it has
one kind, and the typed neighbours and articles the two share. Pairs a curator judged
distinct (graph.curation.not_same) are not proposed again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from actorgraph.graph import curation, cypher
from actorgraph.graph.grams import query_grams
from actorgraph.graph.store import Store
from actorgraph.graph.views import ActorView

PER_ACTOR = 10  # look-alikes kept per actor, those sharing the most trigrams
# A trigram in more names than this says little of who is alike ("ion", "ina") and would
# make its names all pairs: it is left out of the blocking (not of the likeness).
COMMON_GRAM = 25
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


def _likeness(ga: set[str], gb: set[str]) -> float:
    """The Jaccard likeness of two actors' trigrams."""
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def sentences(store: Store, actor_id: str, limit: int = 3) -> list[str]:
    """A few sentences of the claims naming an actor, so a curator can tell two apart."""
    params = {"id": actor_id, "limit": limit}
    return [r["sentence"] for r in store.query(cypher.ACTOR_SENTENCES, params).records()]


def _look_alikes(grams: dict[str, set[str]]) -> dict[str, list[str]]:
    """For each actor (id -> the trigrams of its names and aliases), the ids of up to
    PER_ACTOR others sharing the most uncommon trigrams: one pass over every actor instead
    of one index lookup per actor (500 of those took the Review page 9 s)."""
    by_gram: dict[str, list[str]] = defaultdict(list)
    for actor_id, actor_grams in grams.items():
        for gram in actor_grams:
            by_gram[gram].append(actor_id)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in by_gram.values():
        if 1 < len(ids) <= COMMON_GRAM:
            for a, b in combinations(ids, 2):
                shared[a][b] += 1
                shared[b][a] += 1
    return {a: [b for b, _ in counts.most_common(PER_ACTOR)] for a, counts in shared.items()}


def likely_duplicates(store: Store, limit: int = 50) -> list[DuplicatePair]:
    """The ``limit`` likeliest duplicate pairs, best first."""
    distinct = curation.judged_distinct(curation.decisions(store))
    actors = {a.id: a for a in store.iter_actors()}
    grams = {actor_id: _grams(actor) for actor_id, actor in actors.items()}
    pairs: dict[frozenset[str], tuple[ActorView, ActorView, float]] = {}
    for actor_id, others in _look_alikes(grams).items():
        actor = actors[actor_id]
        for other in (actors[o] for o in others):
            key = frozenset((actor.id, other.id))
            if key in pairs or key in distinct:
                continue
            likeness = _likeness(grams[actor.id], grams[other.id])
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
