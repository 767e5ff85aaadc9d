"""Network measures on the actor graph, with networkx: plain functions, plain results.

The graph is graph.export.network's MultiDiGraph (actor ids as nodes with ``label``
and ``kind``; one edge per typed relation, keyed by type, with ``relation`` and
``claims``), so the app, the exports and the tests all measure the same graph.
Results are lists of records so a page can show them without knowing networkx.

A big store is measured on its core (:func:`load_core`): the best-supported edges,
read by the store, so the app never pulls a million edges into networkx.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
import numpy as np

from actorgraph.graph.export import network, subgraph_network
from actorgraph.graph.rdf import GraphSource
from actorgraph.graph.store import Store
from actorgraph.graph.views import Stats

MEASURES = ("degree", "betweenness", "pagerank")
LOUVAIN_SEED = 7  # a fixed seed: the same graph always splits into the same communities
CORE_EDGES = 20_000  # a bigger store is measured on its this many best-supported edges
CORE_ACTORS = 50_000  # ... and so is one with more actors than this (a long list to read)
# Exact betweenness walks from every actor; above this many steps (sources times actors
# and edges) it walks from a fixed-seed sample of sources instead: about 3 s in networkx
# (86 sources on the 16,000 actors and 20,000 edges of a 1M-edge store's core).
BETWEENNESS_BUDGET = 3_000_000
MIN_PIVOTS = 50
PIVOT_SEED = 7


@dataclass(frozen=True, slots=True)
class Ranked:
    """One actor's score under a measure."""

    id: str
    name: str
    kind: str
    score: float


@dataclass(frozen=True, slots=True)
class Community:
    """A Louvain community: its members, most connected first."""

    number: int
    members: tuple[str, ...]


def load(source: GraphSource) -> nx.MultiDiGraph:
    """The whole graph of a store (or any GraphSource) as a networkx MultiDiGraph."""
    return network(source)


@dataclass(frozen=True, slots=True)
class Core:
    """The graph the app measures, and whether it is the whole store or its core."""

    graph: nx.MultiDiGraph
    edges: int  # the store's typed edges
    whole: bool  # False: only the ``graph.number_of_edges()`` best-supported ones


def load_core(store: Store, stats: Stats | None = None, limit: int | None = None) -> Core:
    """The whole graph when it is small (at most ``limit`` edges, CORE_EDGES by default,
    and CORE_ACTORS actors), otherwise its ``limit`` edges with the most claims and their
    actors (read by the store).

    Actors without an edge are part of the whole graph only: a core is made of edges.
    """
    limit = CORE_EDGES if limit is None else limit
    stats = stats or store.stats()
    if stats.edges <= limit and stats.actors <= CORE_ACTORS:
        return Core(network(store), stats.edges, True)
    return Core(subgraph_network(store.strongest_edges(limit)), stats.edges, False)


def restrict(
    graph: nx.MultiDiGraph, types: Collection[str] = (), kinds: Collection[str] = ()
) -> nx.MultiDiGraph:
    """Only the edges of ``types`` between actors of ``kinds`` (each: all when empty).

    Actors left without an edge stay when their kind is kept, so rankings still list them.
    """
    keep = [n for n, k in graph.nodes(data="kind") if not kinds or k in kinds]
    kept = set(keep)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, graph.nodes[n]) for n in keep)
    sub.add_edges_from(
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if u in kept and v in kept and (not types or data.get("relation") in types)
    )
    return sub


def _simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph: parallel and opposite edges merged, claims summed."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, claims in graph.edges(data="claims", default=1):
        if u == v:
            continue
        weight = simple.get_edge_data(u, v, {}).get("weight", 0) + (claims or 1)
        simple.add_edge(u, v, weight=weight)
    return simple


def scores(graph: nx.MultiDiGraph, measure: str) -> dict[str, float]:
    """Every actor's score under ``measure``.

    degree: typed edges in and out. betweenness: normalised, on the undirected graph
    (who sits between others whatever the direction of the relations); on a big graph
    estimated from a fixed sample of :func:`pivots` sources. pagerank: on the directed
    graph, parallel edges counted by their claims.
    """
    if measure == "degree":
        return {n: float(d) for n, d in graph.degree()}
    if measure == "betweenness":
        simple = _simple(graph)
        k = pivots(simple)
        return nx.betweenness_centrality(simple, k=k, normalized=True, seed=PIVOT_SEED)
    if measure == "pagerank":
        return pagerank(graph)
    raise ValueError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")


def pivots(graph: nx.Graph, budget: int | None = None) -> int | None:
    """How many sampled sources betweenness is estimated from (networkx's ``k``, with a
    fixed seed), so its cost stays near ``budget`` steps (BETWEENNESS_BUDGET); None: exact,
    from every actor."""
    budget = BETWEENNESS_BUDGET if budget is None else budget
    nodes = graph.number_of_nodes()
    if nodes * (nodes + graph.number_of_edges()) <= budget:
        return None
    k = max(MIN_PIVOTS, budget // (nodes + graph.number_of_edges()))
    return k if k < nodes else None


def betweenness_pivots(graph: nx.MultiDiGraph) -> int | None:
    """The sample :func:`scores` estimates betweenness from on this graph (None: exact)."""
    return pivots(_simple(graph))


def pagerank(graph: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1e-10) -> dict[str, float]:
    """PageRank by power iteration over the edge list (numpy only), as networkx's Google
    matrix defines it.

    nx.pagerank needs scipy, which actorgraph does not depend on, and the dense Google
    matrix takes n² memory (6 GB and 20 s for a 16,000-actor core). Parallel edges count
    by their claims; an actor with no outgoing edge spreads its rank evenly.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    size = len(nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges = list(graph.edges(data="claims", default=1))
    source = np.array([index[u] for u, _, _ in edges], dtype=np.int64)
    target = np.array([index[v] for _, v, _ in edges], dtype=np.int64)
    weight = np.array([float(w) for _, _, w in edges], dtype=float)
    out = np.bincount(source, weights=weight, minlength=size)
    dangling = out == 0
    share = np.divide(weight, out[source], out=np.zeros_like(weight), where=out[source] > 0)
    rank = np.full(size, 1.0 / size)
    for _ in range(1000):
        passed = np.bincount(target, weights=rank[source] * share, minlength=size)
        step = alpha * passed + (alpha * rank[dangling].sum() + 1.0 - alpha) / size
        done = np.abs(step - rank).sum() < tol * size
        rank = step
        if done:
            break
    return {n: float(r) for n, r in zip(nodes, rank / rank.sum(), strict=True)}


def ranking(graph: nx.MultiDiGraph, measure: str, limit: int | None = None) -> list[Ranked]:
    """Actors by ``measure``, highest first; ties by name, so the order is stable."""
    values = scores(graph, measure)
    rows = [
        Ranked(n, graph.nodes[n].get("label", n), graph.nodes[n].get("kind", ""), s)
        for n, s in values.items()
    ]
    rows.sort(key=lambda r: (-r.score, r.name, r.id))
    return rows[:limit] if limit is not None else rows


def communities(graph: nx.MultiDiGraph, seed: int = LOUVAIN_SEED) -> list[Community]:
    """Louvain communities of the undirected graph weighted by claims, largest first.

    Actors without an edge are left out: each would be a community of one.
    """
    simple = _simple(graph)
    simple.remove_nodes_from([n for n, d in simple.degree() if d == 0])
    if simple.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    degree = dict(graph.degree())
    groups = [sorted(c, key=lambda n: (-degree[n], graph.nodes[n].get("label", n))) for c in found]
    groups.sort(key=lambda g: (-len(g), graph.nodes[g[0]].get("label", g[0])))
    return [Community(i, tuple(g)) for i, g in enumerate(groups, start=1)]
