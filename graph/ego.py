"""An ego network's budget: which neighbours a ring takes, and which actors' edges are walked.

Pure arithmetic over the actors' degrees (kept by the store); CypherStore.ego reads the
rings and the edges, this module says how much of them to take (why these numbers:
docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from actorgraph.graph.views import ActorView

# An ego network's edges out of at most this many of its actors with the most edges (those
# with more than HUB_DEGREE) are looked up pair by pair, to each actor shown, and walked out
# of the others: at most EDGE_WALK_BUDGET edges, or the view takes fewer of them (why
# these numbers: docs/performance.md).
HUBS_LOOKED_UP = 25
HUB_DEGREE = 50
EDGE_WALK_BUDGET = 1_500


def hubs_and_others(actors: Sequence[ActorView]) -> tuple[list[str], list[str]]:
    """The ids of the view's HUBS_LOOKED_UP biggest actors with more than HUB_DEGREE edges
    (their edges are looked up pair by pair), and of the others (their edges are walked)."""
    by_degree = sorted(actors, key=lambda a: -a.degree)
    hubs = [a.id for a in by_degree[:HUBS_LOOKED_UP] if a.degree > HUB_DEGREE]
    return hubs, [a.id for a in by_degree[len(hubs) :]]


def within_budget(view: dict[str, ActorView], found: dict[str, ActorView]) -> dict[str, ActorView]:
    """The neighbours ``found`` an ego network takes into its ``view``.

    The view's HUBS_LOOKED_UP biggest actors are looked up, not walked (hubs_and_others). The
    slots the view leaves free go to the biggest neighbours; the others are taken from the
    least busy up while the edges to walk stay within EDGE_WALK_BUDGET. An actor shown keeps
    its slot: a bigger neighbour taking it would push that actor's edges into the walk
    (figures: bench/results.md).
    """
    free, left = room_to_walk(view)
    ranked = sorted(found.values(), key=lambda a: (-a.degree, a.id))
    chosen = {a.id for a in ranked[:free]}
    for actor in reversed(ranked[free:]):
        if actor.degree > left:
            break
        left -= actor.degree
        chosen.add(actor.id)
    return {actor_id: a for actor_id, a in found.items() if actor_id in chosen}


def room_to_walk(view: dict[str, ActorView]) -> tuple[int, int]:
    """The slots for looked-up actors a view leaves free, and the edges it may still walk."""
    degrees = sorted((a.degree for a in view.values()), reverse=True)
    walked = sum(degrees[HUBS_LOOKED_UP:])
    return max(0, HUBS_LOOKED_UP - len(degrees)), EDGE_WALK_BUDGET - walked
