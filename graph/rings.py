"""Shortest paths found from both ends at once, one ring of neighbours at a time.

A search from the source alone walks every actor within the path's length of it: through a
hub, three hops reach most of a big graph (FalkorDB's allShortestPaths took up to 2.4 s at
a million edges). Growing a ring around each end instead, always on the side whose next
ring is cheaper (the fewer edges to walk, by the actors' degrees), the two meet halfway,
and each side walks about half the length: the same paths for a fraction of the edges.

The store supplies the rings (:data:`Expand`); this module owns the search and the order
the paths come out in, so every caller sees the same ``limit`` paths: the first in the
order of their actors, then of their edges' types. A path follows the edges' direction,
or (``directed=False``) any direction: "how are these two connected?" is often answered
by A -SUPPLIED-> X <-SANCTIONED- B, and each hop keeps its true direction.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

Hop = tuple[str, str, str]  # (subject, type, object) of one typed edge

# The typed edges out of (forward) or into (backward) the given actors, as rows of
# (actor given, relation type, actor across the edge, that actor's degree).
Expand = Callable[[list[str], bool], Iterable[tuple[str, str, str, int]]]


# How one actor was reached: (the actor one step nearer the side's end, the edge's type,
# whether the edge points from that nearer actor to this one).
Link = tuple[str, str, bool]


@dataclass
class _Side:
    """The search from one end: how far each actor reached is, and by which edges."""

    end: str
    directions: tuple[bool, ...]  # which ways edges are walked: out of (True), into (False)
    depth: int = 0
    distance: dict[str, int] = field(default_factory=dict)
    ring: dict[str, int] = field(default_factory=dict)  # the last ring: actor -> degree
    links: dict[str, set[Link]] = field(default_factory=dict)  # actor -> how it was reached

    @classmethod
    def at(cls, actor: str, degree: int, directions: tuple[bool, ...]) -> _Side:
        return cls(actor, directions, 0, {actor: 0}, {actor: degree})

    def cost(self) -> int:
        """Edges the next ring walks (degree counts both directions: an upper bound)."""
        return sum(self.ring.values())

    def grow(self, expand: Expand) -> None:
        """Replace the ring by the actors one edge further that no earlier ring holds."""
        self.depth += 1
        ring: dict[str, int] = {}
        for forward in self.directions:
            for near, rel_type, far, degree in expand(list(self.ring), forward):
                if self.distance.setdefault(far, self.depth) < self.depth:
                    continue  # reached on a shorter way
                ring[far] = degree or 0
                self.links.setdefault(far, set()).add((near, rel_type, forward))
        self.ring = ring


def shortest_paths(
    source: tuple[str, int],
    target: tuple[str, int],
    max_length: int,
    limit: int,
    expand: Expand,
    *,
    directed: bool = True,
) -> list[list[Hop]]:
    """The shortest paths of at most ``max_length`` edges from ``source`` to ``target``
    (each an (actor id, degree) pair), the first ``limit`` of them in order; following
    the edges' direction, or with ``directed=False`` any direction (each hop as stored)."""
    both = (True, False)
    ahead = _Side.at(*source, (True,) if directed else both)
    behind = _Side.at(*target, (False,) if directed else both)
    while ahead.depth + behind.depth < max_length:
        side, other = (ahead, behind) if ahead.cost() <= behind.cost() else (behind, ahead)
        side.grow(expand)
        if not side.ring:
            return []  # no actor left to reach on this side: no path
        meeting = side.ring.keys() & other.ring.keys()
        if meeting:  # every shortest path passes one of these (none met on an earlier ring)
            return list(itertools.islice(_paths(ahead, behind, meeting), limit))
    return []


# actor -> next actor on the way to the target -> (type, whether the edge points that way)
Steps = dict[str, dict[str, list[tuple[str, bool]]]]


def _hop(a: str, b: str, step: tuple[str, bool]) -> Hop:
    """The stored edge of a step from ``a`` to ``b``: (subject, type, object)."""
    rel_type, along = step
    return (a, rel_type, b) if along else (b, rel_type, a)


def _paths(ahead: _Side, behind: _Side, meeting: Iterable[str]) -> Iterator[list[Hop]]:
    """Every shortest path through the meeting actors, in order of their actors and then
    of their types, generated lazily: a hub's pair can have millions of them."""
    steps = _steps_ahead(ahead, meeting)
    for actor, links in behind.links.items():
        steps.setdefault(actor, {})
        for nearer, rel_type, out_of_nearer in links:  # behind's links point to the target
            steps[actor].setdefault(nearer, []).append((rel_type, not out_of_nearer))
    for actors in _walks(ahead.end, behind.end, steps):
        pairs = list(itertools.pairwise(actors))
        for chosen in itertools.product(*(sorted(steps[a][b]) for a, b in pairs)):
            yield [_hop(a, b, step) for (a, b), step in zip(pairs, chosen, strict=True)]


def _steps_ahead(ahead: _Side, meeting: Iterable[str]) -> Steps:
    """The source side's steps that lead to a meeting actor (the others end in its last
    ring, short of the target)."""
    steps: Steps = {}
    todo, kept = list(meeting), set(meeting)
    while todo:
        actor = todo.pop()
        for nearer, rel_type, out_of_nearer in ahead.links.get(actor, ()):
            steps.setdefault(nearer, {}).setdefault(actor, []).append((rel_type, out_of_nearer))
            if nearer not in kept:
                kept.add(nearer)
                todo.append(nearer)
    return steps


def _walks(source: str, target: str, steps: Steps) -> Iterator[list[str]]:
    """The actor sequences from source to target along ``steps``, in sorted order."""
    stack = [[source]]
    while stack:
        walk = stack.pop()
        if walk[-1] == target:
            yield walk
            continue
        for actor in sorted(steps.get(walk[-1], {}), reverse=True):  # popped smallest first
            stack.append([*walk, actor])
