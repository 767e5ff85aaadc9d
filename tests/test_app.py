"""The Streamlit app's pages, run headless with AppTest against a store of the sample corpus.

The graph component shows up as an UnknownElement whose ``json_args`` hold the
elements it was given, so the tests read what would be drawn.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from actorgraph.graph import ActorView, EdgeView, Store
from actorgraph.graph.open import STORE_ENV
from actorgraph.schema import vocabulary
from actorgraph.viz import connect, draw
from actorgraph.viz.connect import EMPTY_MESSAGE, open_cached
from actorgraph.viz.present import mark_terms, md_escape

pytest_plugins = ["app_fixtures"]

APP = Path(__file__).resolve().parents[1] / "viz" / "app.py"
THERMO = "Thermo Fisher Scientific"
RUBIO = "Marco Rubio"
CRITICIZED_SENTENCE = "Sen. Marco Rubio criticized Thermo Fisher over the sales."


@pytest.fixture(scope="module", autouse=True)
def _release_app_stores() -> Iterator[None]:
    """The app caches its store in this process; close it before the fixtures stop the server."""
    yield
    open_cached.clear()


# -- helpers --------------------------------------------------------------------------------


def run_app(monkeypatch: pytest.MonkeyPatch, store: Store, **query: str) -> AppTest:
    """The app's entry script, as `actorgraph serve` runs it (store URL in the environment)."""
    monkeypatch.setenv(STORE_ENV, store.url)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(query)
    return at.run()


def actor(store: Store, name: str) -> ActorView:
    """The actor called exactly ``name`` (search also matches aliases and substrings)."""
    return next(a for a in store.search_actors(name) if a.name == name)


def edge_key(subject: str, type_: str, obj: str) -> str:
    return f"{subject}|{type_}|{obj}"


def graph_args(at: AppTest) -> dict[str, Any]:
    """What the page handed to st-link-analysis."""
    [graph] = [
        e for e in at.get("component_instance") if "st_link_analysis" in e.proto.component_name
    ]
    return json.loads(graph.proto.json_args)


def drawn(at: AppTest) -> tuple[set[str], set[str]]:
    """The ids of the nodes and edges the graph component was given."""
    elements = graph_args(at)["elements"]
    return (
        {n["data"]["id"] for n in elements["nodes"]},
        {e["data"]["id"] for e in elements["edges"]},
    )


def plain(markdown: str) -> str:
    """Markdown as read on screen: no bold markers, no escapes."""
    return markdown.replace("**", "").replace("\\", "")


def texts(at: AppTest) -> list[str]:
    return [plain(m.value) for m in at.markdown] + [plain(c.value) for c in at.caption]


def search(at: AppTest, text: str, pick: str) -> AppTest:
    """Type in the search box, then pick an actor id from the matches."""
    at.text_input(key="search").input(text).run()
    return at.selectbox(key="actor_pick").select(pick).run()


# -- Explore ------------------------------------------------------------------------------


def test_search_draws_the_ego_network(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, RUBIO)
    at = search(run_app(monkeypatch, store), "thermo", thermo.id)

    assert not at.exception
    assert f"{THERMO} · company" in at.selectbox(key="actor_pick").options
    ego = store.ego([thermo.id], depth=1)
    nodes, edges = drawn(at)
    assert nodes == {n.id for n in ego.nodes}
    assert edges == {draw.edge_id(e) for e in ego.edges}
    assert edge_key(rubio.id, "CRITICIZED", thermo.id) in edges
    assert at.query_params["actor"] == thermo.id  # the view can be bookmarked


def test_graph_is_coloured_and_captioned_from_the_vocabulary(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    args = graph_args(run_app(monkeypatch, store, actor=thermo.id))

    first = args["style"][0]
    assert first == {"selector": "node", "style": first["style"]}
    assert first["style"]["min-zoomed-font-size"] == 0  # captions stay at fit zoom
    for kind in vocabulary().kinds.values():
        rule = {"selector": f"node[label='{kind.name}']", "style": {}}
        assert any(
            s["selector"] == rule["selector"] and s["style"]["background-color"] == kind.color
            for s in args["style"]
        )
    node = next(n["data"] for n in args["elements"]["nodes"] if n["data"]["id"] == thermo.id)
    assert (node["label"], node["name"]) == ("Company", THERMO)
    assert {e["data"]["label"] for e in args["elements"]["edges"]} <= set(vocabulary().relations)


def test_kinds_have_their_shapes_and_edges_widen_with_claims(monkeypatch, app_sample_store):
    store = app_sample_store
    args = graph_args(run_app(monkeypatch, store, actor=actor(store, THERMO).id))
    shapes = {s["selector"]: s["style"]["shape"] for s in args["style"] if "shape" in s["style"]}
    assert shapes == {f'node[label = "{k.name}"]': k.shape for k in vocabulary().kinds.values()}
    assert len(set(shapes.values())) == len(vocabulary().kinds)  # every kind looks different
    edge_rule = next(s for s in args["style"] if s["selector"] == "edge")
    assert edge_rule["style"]["width"] == "mapData(claims, 1, 10, 1.5, 6)"
    assert all(isinstance(e["data"]["claims"], int) for e in args["elements"]["edges"])


def test_selected_edge_shows_its_evidence(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, RUBIO)
    at = run_app(monkeypatch, store, actor=thermo.id)
    criticized = edge_key(rubio.id, "CRITICIZED", thermo.id)
    supplied = next(i for i in drawn(at)[1] if "|SUPPLIED|" in i)

    picker = at.selectbox(key="edge_pick")
    assert f"{RUBIO} -CRITICIZED-> {THERMO} (1 claim)" in picker.options
    picker.select(supplied).run()
    assert not any("criticized Thermo Fisher" in t for t in texts(at))
    at.selectbox(key="edge_pick").select(criticized).run()

    [evidence] = store.evidence(rubio.id, "CRITICIZED", thermo.id)
    assert CRITICIZED_SENTENCE in texts(at)
    source = next(t for t in texts(at) if evidence.title in t)
    assert evidence.publisher in source
    assert evidence.published in source
    assert f"[{evidence.modality}]" in source
    # the selected edge is drawn highlighted
    assert any(criticized in s["selector"] for s in graph_args(at)["style"])


def test_relation_filter_removes_edges(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, RUBIO)
    at = run_app(monkeypatch, store, actor=thermo.id)
    assert len(drawn(at)[1]) > 1

    at.multiselect(key="types").set_value(["CRITICIZED"]).run()

    nodes, edges = drawn(at)
    assert edges == {edge_key(rubio.id, "CRITICIZED", thermo.id)}
    assert nodes == {thermo.id, rubio.id}
    assert set(at.dataframe[0].value["Relation"]) == {"CRITICIZED"}
    assert at.selectbox(key="edge_pick").options == [f"{RUBIO} -CRITICIZED-> {THERMO} (1 claim)"]


def test_filter_offers_every_relation_type_of_the_vocabulary(monkeypatch, app_sample_store):
    at = run_app(monkeypatch, app_sample_store)
    assert at.multiselect(key="types").options == list(vocabulary().relations)


def test_query_param_preselects_the_actor(monkeypatch, app_sample_store):
    store = app_sample_store
    congress, hikvision = actor(store, "U.S. Congress"), actor(store, "Hikvision")
    at = run_app(monkeypatch, store, actor=congress.id)

    assert at.selectbox(key="actor_pick").value == congress.id
    assert edge_key(congress.id, "BANNED", hikvision.id) in drawn(at)[1]


def test_unknown_actor_in_the_url_falls_back_to_the_most_connected(monkeypatch, app_sample_store):
    store = app_sample_store
    at = run_app(monkeypatch, store, actor="nobody-here")

    assert "nobody-here" in at.warning[0].value
    assert at.selectbox(key="actor_pick").value == store.top_actors(1)[0][0].id


def test_depth_widens_the_network(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    at = run_app(monkeypatch, store, actor=thermo.id)
    at.slider(key="depth").set_value(2).run()

    nodes, edges = drawn(at)
    ego = store.ego([thermo.id], depth=2)
    assert nodes == {n.id for n in ego.nodes}
    assert edges == {draw.edge_id(e) for e in ego.edges}
    assert len(nodes) > len(store.ego([thermo.id], depth=1).nodes)


def test_clicked_actor_can_be_explored(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, RUBIO)
    at = run_app(monkeypatch, store, actor=thermo.id)
    at.session_state["tapped_actor"] = rubio.id  # what a click on the node leaves behind
    at.run()

    [explore] = [b for b in at.button if b.label == f"Explore {RUBIO} →"]
    explore.click().run()

    assert at.selectbox(key="actor_pick").value == rubio.id
    assert at.query_params["actor"] == rubio.id
    assert at.text_input(key="search").value == ""
    assert rubio.id in drawn(at)[0]


def test_search_without_match_says_so(monkeypatch, app_sample_store):
    at = run_app(monkeypatch, app_sample_store)
    at.text_input(key="search").input("zzzz-nothing").run()

    assert "No actor matches" in at.warning[0].value
    assert not at.get("component_instance")


# -- Overview -----------------------------------------------------------------------------


def test_overview_counts_equal_the_store_stats(monkeypatch, app_sample_store):
    store = app_sample_store
    at = run_app(monkeypatch, store)
    at.switch_page("views/overview.py").run()

    assert not at.exception
    stats = store.stats()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Articles": f"{stats.articles:,}",
        "Actors": f"{stats.actors:,}",
        "Claims": f"{stats.claims:,}",
        "Edges": f"{stats.edges:,}",
    }
    kinds, types = (chart_rows(c) for c in at.get("vega_lite_chart"))
    assert {r["name"]: r["actors"] for r in kinds} == stats.by_kind
    assert {r["name"]: r["color"] for r in kinds} == {
        k: vocabulary().kinds[k].color for k in stats.by_kind
    }
    assert {r["relation"]: r["edges"] for r in types} == stats.by_type


def test_overview_lists_top_actors_and_newest_articles(monkeypatch, app_sample_store):
    store = app_sample_store
    at = run_app(monkeypatch, store)
    at.switch_page("views/overview.py").run()

    top, newest = at.dataframe
    expected = store.top_actors(len(top.value))
    assert list(top.value["Actor"]) == [a.name for a, _ in expected]
    assert list(top.value["Edges"]) == [degree for _, degree in expected]
    articles = store.newest_articles(10)
    assert list(newest.value["Title"]) == [a["title"] for a in articles]
    assert list(newest.value["Read"]) == [f"./article?article={a['id']}" for a in articles]


def chart_rows(chart: Any) -> list[dict[str, Any]]:
    """The data behind an Altair chart, as Streamlit sent it."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    [dataset] = chart.proto.datasets
    return convert_arrow_bytes_to_pandas_df(dataset.data.data).to_dict("records")


# -- first run and errors -----------------------------------------------------------------


@pytest.mark.parametrize("page", [None, "views/overview.py"])
def test_empty_store_says_how_to_fill_it(monkeypatch, app_empty_store, page):
    at = run_app(monkeypatch, app_empty_store)
    if page:
        at.switch_page(page).run()

    assert not at.exception
    assert [i.value for i in at.info] == [EMPTY_MESSAGE]
    assert "No articles yet: run `actorgraph ingest PATH`" in EMPTY_MESSAGE
    assert not at.get("component_instance")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://x", "unknown store URL"),
        ("bolt://127.0.0.1:1", "no Neo4j server answers"),
        ("postgres://u:hunter2@h/db", "unknown store URL 'postgres://u:***@h/db'"),
        ("bolt://neo4j:hunter2@127.0.0.1:1", "no Neo4j server answers"),
    ],
)
def test_a_bad_store_url_is_one_line_not_a_traceback(monkeypatch, url, message):
    monkeypatch.setenv(STORE_ENV, url)
    at = AppTest.from_file(str(APP), default_timeout=30).run()

    assert not at.exception
    assert message in at.error[0].value
    shown = [e.value for e in (*at.error, *at.caption, *at.sidebar.caption)]
    assert not any("hunter2" in text for text in shown), shown
    if "hunter2" in url:  # the sidebar and the page name the store, its password masked
        assert sum(f"{url.split('://')[0]}://" in t and ":***@" in t for t in shown) >= 2


# -- the pieces, without Streamlit ----------------------------------------------------------


def test_store_url_comes_from_the_command_line_then_the_environment(monkeypatch):
    monkeypatch.setenv(STORE_ENV, "falkordb:///from/env")
    assert connect.store_url(["--store", "falkordb:///from/argv"]) == "falkordb:///from/argv"
    assert connect.store_url(["--store=falkordb:///x", "-q"]) == "falkordb:///x"
    assert connect.store_url(["tests/test_app.py", "-q"]) == "falkordb:///from/env"
    assert connect.store_url(["--s", "falkordb:///abbrev"]) == "falkordb:///from/env"


def test_graph_clicks_are_read_as_picks():
    edge = {"action": "edge_tap", "data": {"target_id": "a|SUED|b", "target_group": "edges"}}
    node = {"action": "node_tap", "data": {"target_id": "a", "target_group": "nodes"}}
    expand = {"action": "expand", "data": {"node_ids": ["b"]}}
    assert draw.read_event(edge) == draw.Pick(edge="a|SUED|b")
    assert draw.read_event(node) == draw.Pick(actor="a")
    assert draw.read_event(expand) == draw.Pick(actor="b", explore=True)
    assert draw.read_event({"action": "remove", "data": {"node_ids": ["a"]}}) is None
    assert draw.read_event(None) is None


def test_edge_labels_follow_the_vocabulary():
    vocab = vocabulary()
    symmetric = next(r.name for r in vocab.relations.values() if r.symmetric)
    names = {"a": "Alpha", "b": "Beta"}
    one = EdgeView("a", "SUED", "b", 1, 1, "asserted", 0.75)
    two = EdgeView("a", symmetric, "b", 2, 2, "hedged", 0.5)
    assert draw.edge_label(one, names, vocab) == "Alpha -SUED-> Beta (1 claim)"
    assert draw.edge_label(two, names, vocab) == f"Alpha -{symmetric}- Beta (2 claims)"


def test_filter_keeps_the_centre_actor(app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    ego = store.ego([thermo.id])

    kept = draw.keep_types(ego, ["SUED"], keep=[thermo.id])

    assert kept.edges == []
    assert [n.id for n in kept.nodes] == [thermo.id]
    assert draw.keep_types(ego, [], keep=[thermo.id]) == ego


def test_news_text_is_shown_as_written():
    assert md_escape("a $5 million *deal*") == r"a \$5 million \*deal\*"
    assert md_escape("- not a list") == r"\- not a list"
    assert mark_terms("Rubio criticized Thermo Fisher.", ["thermo fisher", "Rubio"]) == (
        "**Rubio** criticized **Thermo Fisher**."
    )
