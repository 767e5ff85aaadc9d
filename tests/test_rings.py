"""graph.rings: the shortest paths found from both ends are every shortest path networkx
finds from one, in order, on random directed multigraphs with hubs, parallel edges of
different types and cycles; and the rings walk fewer edges than a search from one end."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from actorgraph.graph.rings import shortest_paths

TYPES = ("CRITICIZED", "FUNDED", "SUPPLIED")


def random_multigraph(actors: int, edges: int, seed: int) -> nx.MultiDiGraph:
    """Edges drawn with a skew, so a few actors are hubs; some pairs twice, by two types."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"a{i:02d}" for i in range(actors))
    for _ in range(edges):
        s, o = (f"a{min(int(rng.paretovariate(0.9)) - 1, actors - 1):02d}" for _ in range(2))
        if s != o:
            graph.add_edge(s, o, key=rng.choice(TYPES))
    return graph


class Rings:
    """The rings of a networkx graph as a store gives them, counting the edges returned."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.walked = 0

    def degree(self, actor: str) -> int:
        return self.graph.degree(actor)

    def __call__(self, actor_ids: list[str], forward: bool) -> list[tuple[str, str, str, int]]:
        rows = []
        for near in actor_ids:
            edges = (
                self.graph.out_edges(near, keys=True)
                if forward
                else ((o, s, k) for s, o, k in self.graph.in_edges(near, keys=True))
            )
            rows += [(near, key, far, self.degree(far)) for _, far, key in edges]
        self.walked += len(rows)
        return rows


def expected(
    graph: nx.MultiDiGraph, source: str, target: str, max_length: int, directed: bool = True
) -> list:
    """Every shortest path as hops, sorted by its actors and then by each step's (type,
    whether the edge points along the path); with ``directed=False`` over the edges in
    either direction, each hop as stored."""
    walked = graph if directed else graph.to_undirected(as_view=True)
    try:
        walks = list(nx.all_shortest_paths(walked, source, target))
    except nx.NetworkXNoPath:
        return []
    if len(walks[0]) - 1 > max_length:
        return []
    found = []
    for walk in sorted(walks):
        pairs = list(itertools.pairwise(walk))
        steps = [
            sorted(
                [(t, True) for t in graph[a].get(b, {})]
                + ([] if directed else [(t, False) for t in graph[b].get(a, {})])
            )
            for a, b in pairs
        ]
        for chosen in itertools.product(*steps):
            found.append(
                [
                    (a, t, b) if along else (b, t, a)
                    for (a, b), (t, along) in zip(pairs, chosen, strict=True)
                ]
            )
    return found


def search(rings: Rings, source: str, target: str, max_length: int, limit: int) -> list:
    ends = (source, rings.degree(source)), (target, rings.degree(target))
    return shortest_paths(*ends, max_length, limit, rings)


@pytest.mark.parametrize("seed", range(6))
def test_every_shortest_path_in_order_as_networkx_finds_them(seed):
    graph = random_multigraph(actors=30, edges=90, seed=seed)
    rings = Rings(graph)
    pairs = [(s, t) for s in graph for t in graph if s != t]
    lengths = set()
    for source, target in random.Random(seed).sample(pairs, 120):
        for max_length in (1, 3, 6):
            want = expected(graph, source, target, max_length)
            assert search(rings, source, target, max_length, 10_000) == want
            lengths |= {len(path) for path in want}
    assert {1, 2, 3} <= lengths  # the sample holds paths of several lengths, not only misses


def test_the_limit_keeps_the_first_paths_in_order():
    graph = random_multigraph(actors=30, edges=120, seed=3)
    rings = Rings(graph)
    many = max(
        ((s, t) for s in graph for t in graph if s != t),
        key=lambda pair: len(expected(graph, *pair, 6)),
    )
    every = expected(graph, *many, 6)
    assert len(every) > 5
    assert search(rings, *many, 6, limit=5) == every[:5]


def test_a_hub_between_two_ends_is_not_walked_from_both_sides():
    """Two actors with few edges, each linked to a hub with many: the rings meet at the hub
    without walking its edges, where a search from one end walks them all."""
    graph = nx.MultiDiGraph()
    graph.add_edge("source", "hub", key="FUNDED")
    graph.add_edge("hub", "target", key="SUPPLIED")
    for i in range(500):
        graph.add_edge("hub", f"spoke{i}", key="SUPPLIED")
        graph.add_edge(f"spoke{i}", f"leaf{i}", key="CRITICIZED")
    rings = Rings(graph)
    assert search(rings, "source", "target", 3, 10) == [
        [("source", "FUNDED", "hub"), ("hub", "SUPPLIED", "target")]
    ]
    assert rings.walked <= 2  # one edge out of the source, one into the target


def test_no_path_within_the_length_is_none():
    graph = nx.MultiDiGraph()
    nx.add_path(graph, ["a", "b", "c", "d"], key="FUNDED")
    rings = Rings(graph)
    assert search(rings, "a", "d", 2, 10) == []
    assert search(rings, "d", "a", 6, 10) == []  # directed
    assert len(search(rings, "a", "d", 3, 10)) == 1


@pytest.mark.parametrize("seed", range(4))
def test_undirected_paths_mix_directions_as_networkx_finds_them(seed):
    graph = random_multigraph(actors=30, edges=60, seed=seed)
    rings = Rings(graph)
    pairs = [(s, t) for s in graph for t in graph if s != t]
    mixed = 0
    for source, target in random.Random(seed).sample(pairs, 80):
        ends = (source, rings.degree(source)), (target, rings.degree(target))
        for max_length in (1, 3, 6):
            want = expected(graph, source, target, max_length, directed=False)
            assert shortest_paths(*ends, max_length, 10_000, rings, directed=False) == want
            mixed += sum(1 for path in want if path[0][0] != source)
    assert mixed  # some paths start against an edge's direction


def test_an_undirected_path_keeps_each_hops_true_direction():
    graph = nx.MultiDiGraph()
    graph.add_edge("acme", "ruritania", key="SUPPLIED")
    graph.add_edge("agency", "ruritania", key="BANNED")
    graph.add_edge("agency", "globex", key="SANCTIONED")
    rings = Rings(graph)
    ends = ("acme", 1), ("globex", 1)
    assert shortest_paths(*ends, 6, 10, rings) == []  # no path follows every edge's way
    assert shortest_paths(*ends, 6, 10, rings, directed=False) == [
        [
            ("acme", "SUPPLIED", "ruritania"),
            ("agency", "BANNED", "ruritania"),
            ("agency", "SANCTIONED", "globex"),
        ]
    ]
