"""Network measures on small graphs whose answers are known by hand, and on the sample store."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP

from actorgraph.graph import analytics
from actorgraph.graph.export import subgraph_network
from actorgraph.graph.open import STORE_ENV
from actorgraph.viz import analytics as page

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


# -- big graphs: sampled betweenness, the best-supported core ---------------------------------


def two_stars(leaves: int) -> nx.MultiDiGraph:
    """Two hubs with ``leaves`` leaves each, the hubs joined: every route between the stars
    runs through both hubs."""
    edges = [("h1", "SUED", "h2")]
    edges += [(f"h{h}", "SUPPLIED", f"leaf{h}-{n}") for h in (1, 2) for n in range(leaves)]
    return graph(edges)


def test_pivots_keep_betweenness_within_its_budget():
    path = nx.path_graph(100)  # 100 nodes, 99 edges: 199 steps a source
    assert analytics.pivots(path, budget=100 * 199) is None  # exact fits
    assert analytics.pivots(path, budget=60 * 199) == 60
    assert analytics.pivots(path, budget=1) == analytics.MIN_PIVOTS
    assert analytics.pivots(nx.path_graph(40), budget=1) is None  # fewer actors than pivots


def test_betweenness_of_a_big_graph_is_sampled_and_repeatable(monkeypatch):
    g = two_stars(60)
    monkeypatch.setattr(analytics, "BETWEENNESS_BUDGET", 10 * 250)
    k = analytics.betweenness_pivots(g)
    assert k == analytics.MIN_PIVOTS < g.number_of_nodes()
    top = analytics.ranking(g, "betweenness")
    assert {r.id for r in top[:2]} == {"h1", "h2"}
    assert top == analytics.ranking(g, "betweenness")  # a fixed seed
    monkeypatch.setattr(analytics, "BETWEENNESS_BUDGET", 10**9)
    assert analytics.betweenness_pivots(g) is None


def test_a_small_store_is_measured_whole_and_a_big_one_on_its_core(app_sample_store):
    store = app_sample_store
    stats = store.stats()
    whole = analytics.load_core(store)
    assert whole.whole
    assert (whole.graph.number_of_nodes(), whole.graph.number_of_edges()) == (
        stats.actors,
        stats.edges,
    )

    limit = stats.edges // 3
    core = analytics.load_core(store, limit=limit)
    edges = sorted(store.iter_edges(), key=lambda e: (-e.claims, e.subject, e.type, e.object))
    kept = edges[:limit]
    assert kept[0].claims > edges[-1].claims  # the core is the best-supported part
    assert (core.whole, core.edges) == (False, stats.edges)
    assert set(core.graph.edges(keys=True)) == {(e.subject, e.object, e.type) for e in kept}
    assert set(core.graph.nodes) == {i for e in kept for i in (e.subject, e.object)}


# -- the page on a big store: its core, sampled betweenness ------------------------------------


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """The page's caches start and end empty: these tests change what a store version reads."""
    for cached in (page.core_graph, page.ranked, page.grouped):
        cached.clear()
    yield
    for cached in (page.core_graph, page.ranked, page.grouped):
        cached.clear()


def open_analytics(monkeypatch, store, **query: str) -> AppTest:
    monkeypatch.setenv(STORE_ENV, store.url)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(query)
    return at.switch_page("views/analytics.py").run()


def test_the_page_ranks_a_big_store_on_its_core_and_says_so(
    monkeypatch, app_sample_store, fresh_caches
):
    store = app_sample_store
    edges = store.stats().edges
    limit = edges // 3
    monkeypatch.setattr(analytics, "CORE_EDGES", limit)
    at = open_analytics(monkeypatch, store)

    assert not at.exception
    core = subgraph_network(store.strongest_edges(limit))
    expected = analytics.ranking(core, "degree", limit=15)
    table = at.dataframe[0].value
    assert list(table["Actor"]) == [r.name for r in expected]
    assert list(table["Degree"]) == [r.score for r in expected]
    [note] = [c.value for c in at.caption if "best-supported" in c.value]
    assert note.startswith(f"Ranked on the {limit:,} best-supported of {edges:,} edges")
    communities = at.dataframe[1].value
    assert list(communities["Actors"]) == [len(c.members) for c in analytics.communities(core)]


def test_the_page_says_when_betweenness_is_sampled(monkeypatch, app_sample_store, fresh_caches):
    store = app_sample_store
    monkeypatch.setattr(analytics, "BETWEENNESS_BUDGET", 1)
    at = open_analytics(monkeypatch, store, measure="betweenness")

    graph = analytics.load(store)
    k = analytics.betweenness_pivots(graph)
    assert k == analytics.MIN_PIVOTS < graph.number_of_nodes()
    expected = analytics.ranking(graph, "betweenness", limit=15)
    assert list(at.dataframe[0].value["Actor"]) == [r.name for r in expected]
    assert any(f"out of {k:,} sampled actors" in c.value for c in at.caption)
    at.radio(key="an_measure").set_value("degree").run()
    assert not any("sampled" in c.value for c in at.caption)
