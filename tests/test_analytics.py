"""Network measures on small graphs whose answers are known by hand, and on the sample store."""

from __future__ import annotations

import networkx as nx
import pytest

from actorgraph.graph import analytics

pytest_plugins = ["app_fixtures"]


def graph(edges: list[tuple[str, str, str]], kinds: dict[str, str] | None = None):
    """A MultiDiGraph shaped like graph.export.network's: ids, labels, kinds, typed edges."""
    g = nx.MultiDiGraph()
    names = {n for u, _, v in edges for n in (u, v)} | set(kinds or {})
    for n in sorted(names):
        g.add_node(n, label=n.upper(), kind=(kinds or {}).get(n, "Company"))
    for u, rel, v in edges:
        g.add_edge(u, v, key=rel, relation=rel, claims=1)
    return g


def two_triangles() -> nx.MultiDiGraph:
    """Two triangles joined by one bridge c-d: the bridge ends broker, Louvain splits there."""
    return graph(
        [
            ("a", "SUED", "b"),
            ("b", "SUED", "c"),
            ("c", "SUED", "a"),
            ("d", "SUPPLIED", "e"),
            ("e", "SUPPLIED", "f"),
            ("f", "SUPPLIED", "d"),
            ("c", "CRITICIZED", "d"),
        ]
    )


def test_degree_counts_typed_edges_both_ways():
    g = graph([("hub", "SUED", "x"), ("y", "SUED", "hub"), ("hub", "CRITICIZED", "x")])
    top = analytics.ranking(g, "degree")
    assert [(r.id, r.score) for r in top] == [("hub", 3.0), ("x", 2.0), ("y", 1.0)]
    assert (top[0].name, top[0].kind) == ("HUB", "Company")


def test_betweenness_ranks_the_bridge_ends_first():
    top = analytics.ranking(two_triangles(), "betweenness")
    assert {r.id for r in top[:2]} == {"c", "d"}
    assert top[0].score == pytest.approx(0.6)  # 6 of the 10 pairs of other actors
    assert {r.score for r in top[2:]} == {0.0}


def test_pagerank_favours_the_actor_everyone_points_at():
    g = graph([("a", "SUED", "sink"), ("b", "SUED", "sink"), ("c", "SUED", "sink")])
    top = analytics.ranking(g, "pagerank")
    assert top[0].id == "sink"
    assert sum(r.score for r in top) == pytest.approx(1.0)


def test_ranking_limit_and_unknown_measure():
    assert len(analytics.ranking(two_triangles(), "degree", limit=2)) == 2
    with pytest.raises(ValueError, match="unknown measure"):
        analytics.ranking(two_triangles(), "closeness")


def test_louvain_splits_at_the_bridge_and_is_repeatable():
    found = analytics.communities(two_triangles())
    assert {frozenset(c.members) for c in found} == {frozenset("abc"), frozenset("def")}
    assert [c.number for c in found] == [1, 2]
    assert found == analytics.communities(two_triangles())  # fixed seed


def test_restrict_by_type_and_kind():
    g = two_triangles()
    only_sued = analytics.restrict(g, types=["SUED"])
    assert {k for _, _, k in only_sued.edges(keys=True)} == {"SUED"}
    assert set(only_sued.nodes) == set(g.nodes)  # actors stay, with no edges left

    people = analytics.restrict(g, kinds=["Person"])
    assert list(people.nodes) == []
    g.nodes["a"]["kind"] = g.nodes["b"]["kind"] = "Person"
    people = analytics.restrict(g, kinds=["Person"])
    assert set(people.nodes) == {"a", "b"}
    assert list(people.edges(keys=True)) == [("a", "b", "SUED")]


def test_sample_store_graph_matches_its_stats(app_sample_store):
    stats = app_sample_store.stats()
    g = analytics.load(app_sample_store)
    assert (g.number_of_nodes(), g.number_of_edges()) == (stats.actors, stats.edges)
    _, top_degree = app_sample_store.top_actors(1)[0]
    best = analytics.ranking(g, "degree", limit=1)[0]
    assert best.score == top_degree
    members = [m for c in analytics.communities(g) for m in c.members]
    assert len(members) == len(set(members))  # each actor in one community at most
    assert set(members) <= set(g.nodes)


def test_pagerank_agrees_with_networkx_reference():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    g = two_triangles()
    g.add_edge("a", "b", key="CRITICIZED", relation="CRITICIZED", claims=3)  # a parallel edge
    expected = _pagerank_python(g, weight="claims", tol=1e-12)
    got = analytics.pagerank(g)
    assert got == pytest.approx(expected, abs=1e-6)
