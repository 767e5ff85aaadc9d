"""Connect several actors: the smallest subgraph that joins them (a Steiner tree, approximated).

"How are these four connected?" has no single path for an answer. Kou, Markowsky and
Berman's approximation (within twice the optimum) builds it from shortest paths: the
shortest path between each pair of the actors, a minimum spanning tree over those
distances, and the tree those paths make once their cycles are cut (networkx's
``steiner_tree``). The store finds each shortest path from both ends, in any direction
(Store.paths), so the search stays bounded the way a path search is, never loading the
graph; each hop keeps its true direction, and every edge between two actors of the tree
that a shortest path used is shown (the parallel ones too).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx
from networkx.algorithms.approximation import steiner_tree

from actorgraph.graph.store import Store
from actorgraph.graph.views import ANY_EDGE, EdgeMatch, EdgeView, PathView, Subgraph

MAX_ACTORS = 5  # pairs grow with the square of the actors: 5 make 10 path searches
PATH_LIMIT = 10  # shortest paths read per pair: parallel edges of other types come with it


# How many paths between two actors a reader is shown (the Paths page, `actorgraph path`).
SHORTEST_SHOWN = 10
ALL_SHOWN = 50  # every path up to a length: they multiply with every hop


def find_paths(
    store: Store,
    source: str,
    target: str,
    max_length: int,
    *,
    directed: bool,
    every: bool = False,
    match: EdgeMatch = ANY_EDGE,
) -> list[PathView]:
    """The paths a reader is shown between two actors: the shortest, or (``every``) each one
    up to the length, following the edges' direction or not, over the edges ``match`` lets
    through (of some types, modalities, dates)."""
    find = store.all_paths if every else store.paths
    limit = ALL_SHOWN if every else SHORTEST_SHOWN
    return find(source, target, max_length=max_length, limit=limit, directed=directed, match=match)


@dataclass(frozen=True, slots=True)
class Connection:
    """The subgraph joining the actors, and those no path of the length reaches."""

    subgraph: Subgraph
    unjoined: list[str] = field(default_factory=list)


def _shortest(store: Store, a: str, b: str, max_length: int, match: EdgeMatch) -> list[PathView]:
    """The shortest paths between two actors through the first one's chain of actors."""
    found = store.paths(a, b, max_length=max_length, limit=PATH_LIMIT, directed=False, match=match)
    return [p for p in found if p.actors == found[0].actors] if found else []


def _closure(store: Store, actors: list[str], max_length: int, match: EdgeMatch) -> nx.Graph:
    """The actors as nodes, an edge for each pair a path joins, weighted by its length."""
    closure = nx.Graph()
    closure.add_nodes_from(actors)
    for a, b in itertools.combinations(actors, 2):
        paths = _shortest(store, a, b, max_length, match)
        if paths:
            closure.add_edge(a, b, weight=len(paths[0].edges), paths=paths)
    return closure


def connect(
    store: Store, actor_ids: Sequence[str], max_length: int = 4, match: EdgeMatch = ANY_EDGE
) -> Connection:
    """The (approximately) smallest subgraph joining the actors: at most MAX_ACTORS of them,
    each pair searched up to ``max_length`` hops over the edges ``match`` lets through; the
    actors it cannot join are listed."""
    actors = list(dict.fromkeys(actor_ids))
    if len(actors) > MAX_ACTORS:
        raise ValueError(f"connect at most {MAX_ACTORS} actors, not {len(actors)}")
    closure = _closure(store, actors, max_length, match)
    joined = max(nx.connected_components(closure), key=len, default=set())
    if len(joined) < 2:
        return Connection(Subgraph([], []), actors)
    hops: dict[frozenset[str], dict[tuple[str, str, str], EdgeView]] = {}
    for a, b in nx.minimum_spanning_edges(closure.subgraph(joined), data=False):
        for path in closure[a][b]["paths"]:
            for edge in path.edges:
                pair = frozenset((edge.subject, edge.object))
                hops.setdefault(pair, {})[(edge.subject, edge.type, edge.object)] = edge
    union = nx.Graph(tuple(pair) for pair in hops)
    tree = steiner_tree(union, sorted(joined), method="kou")
    edges = [e for u, v in tree.edges for e in hops[frozenset((u, v))].values()]
    nodes = [a for a in (store.actor(i) for i in sorted(tree.nodes)) if a is not None]
    return Connection(Subgraph(nodes, edges), [a for a in actors if a not in joined])
