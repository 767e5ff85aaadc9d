"""Network measures on the actor graph, with networkx: plain functions, plain results.

The graph is graph.export.network's MultiDiGraph (actor ids as nodes with ``label``
and ``kind``; one edge per typed relation, keyed by type, with ``relation`` and
``claims``), so the app, the exports and the tests all measure the same graph.
Results are lists of records so a page can show them without knowing networkx.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
import numpy as np

from actorgraph.graph.export import network
from actorgraph.graph.rdf import GraphSource

MEASURES = ("degree", "betweenness", "pagerank")
LOUVAIN_SEED = 7  # a fixed seed: the same graph always splits into the same communities


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
    (who sits between others whatever the direction of the relations). pagerank: on the
    directed graph, parallel edges counted by their claims.
    """
    if measure == "degree":
        return {n: float(d) for n, d in graph.degree()}
    if measure == "betweenness":
        return nx.betweenness_centrality(_simple(graph), normalized=True)
    if measure == "pagerank":
        return pagerank(graph)
    raise ValueError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")


def pagerank(graph: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1e-10) -> dict[str, float]:
    """PageRank by power iteration on networkx's Google matrix (numpy only).

    nx.pagerank needs scipy, which actorgraph does not depend on. Parallel edges count
    by their claims; an actor with no outgoing edge spreads its rank evenly.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    matrix = nx.google_matrix(graph, alpha=alpha, weight="claims", nodelist=nodes)
    rank = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(1000):
        step = rank @ matrix
        done = np.abs(step - rank).sum() < tol * len(nodes)
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
