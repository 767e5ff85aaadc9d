"""The Cypher, Paths, Analytics and SPARQL pages, run headless with AppTest over the sample corpus.

Each test compares what a page shows with what the store (or graph.analytics, or
graph.sparql) answers for the same question, so a page that drew something else fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from test_app import actor, chart_rows, plain, run_app
from test_paths_all import ACME, DOE, article, claim

from actorgraph.graph import Store, analytics
from actorgraph.graph.cypher import CONSOLE_EXAMPLES
from actorgraph.graph.sparql import run_sparql
from actorgraph.schema import Extraction, vocabulary
from actorgraph.viz import results, routes, sparql_console
from actorgraph.viz.connect import EMPTY_MESSAGE, open_cached
from actorgraph.viz.cypher_console import WRITES, ParamsError, format_params, read_params
from actorgraph.viz.sparql_console import examples

pytest_plugins = ["app_fixtures"]

CYPHER, PATHS, TIMELINE = "views/cypher.py", "views/paths.py", "views/timeline.py"
ANALYTICS, SPARQL = "views/analytics.py", "views/sparql.py"
NAMES_QUERY = "MATCH (a:Actor) RETURN a.name AS name ORDER BY name LIMIT 3"
GRAPH_EXAMPLE = "Who criticized whom (as a graph)"
RUBIO, THERMO, POLICE = "Marco Rubio", "Thermo Fisher Scientific", "Xinjiang police"
QUERIES = Path(__file__).resolve().parents[1] / "docs" / "queries"


@pytest.fixture(scope="module", autouse=True)
def _release_app_stores() -> Iterator[None]:
    """The app caches its store in this process; close it before the fixtures stop the server."""
    yield
    open_cached.clear()


def open_page(monkeypatch: pytest.MonkeyPatch, store: Store, page: str, **query: str) -> AppTest:
    """The app, switched to ``page``; the URL's query parameters are kept across the switch."""
    at = run_app(monkeypatch, store, **query)
    return at.switch_page(page).run()


def graph_data(at: AppTest) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The data of the nodes and edges handed to st-link-analysis (none: no component)."""
    graphs = [
        e for e in at.get("component_instance") if "st_link_analysis" in e.proto.component_name
    ]
    if not graphs:
        return [], []
    [graph] = graphs
    elements = json.loads(graph.proto.json_args)["elements"]
    return [n["data"] for n in elements["nodes"]], [e["data"] for e in elements["edges"]]


def run_cypher(at: AppTest, query: str, params: str = "") -> AppTest:
    at.text_area(key="cypher_text").input(query)
    at.text_area(key="cypher_params").input(params)
    return at.button(key="cypher_run").click().run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


# -- Cypher ---------------------------------------------------------------------------------


def test_cypher_shows_the_rows_and_puts_the_query_in_the_url(monkeypatch, app_sample_store):
    at = run_cypher(open_page(monkeypatch, app_sample_store, CYPHER), NAMES_QUERY)

    assert not at.exception and not errors(at)
    expected = [row[0] for row in app_sample_store.query(NAMES_QUERY).rows]
    assert len(expected) == 3
    assert list(at.dataframe[0].value["name"]) == expected
    assert at.query_params["q"] == NAMES_QUERY
    assert graph_data(at) == ([], [])  # names only: nothing to draw


def test_cypher_draws_the_nodes_and_relationships_of_the_result(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, CYPHER)
    at.selectbox(key="cypher_example").select(GRAPH_EXAMPLE).run()
    query = CONSOLE_EXAMPLES[GRAPH_EXAMPLE][0]
    assert at.text_area(key="cypher_text").value == query
    at.button(key="cypher_run").click().run()

    rows = app_sample_store.query(query).rows
    nodes, edges = graph_data(at)
    pairs = {(s["name"], o["name"]) for s, _, o in rows}
    assert {n["name"] for n in nodes} == {name for pair in pairs for name in pair}
    by_id = {n["id"]: n["name"] for n in nodes}
    assert {(by_id[e["source"]], by_id[e["target"]]) for e in edges} == pairs
    assert {e["label"] for e in edges} == {"CRITICIZED"}
    rubio = next(n for n in nodes if n["name"] == RUBIO)
    assert rubio["label"] == "Person"  # styled by its kind, not by the Actor label
    assert list(at.dataframe[0].value.columns) == ["s", "r", "o"]
    assert f"(:Actor:Person {RUBIO})" in set(at.dataframe[0].value["s"])


@pytest.mark.parametrize("params", ["name=thermo\nlimit=2", '{"name": "thermo", "limit": 2}'])
def test_cypher_parameters_as_lines_or_json(monkeypatch, app_sample_store, params):
    query = (
        "MATCH (a:Actor) WHERE toLower(a.name) CONTAINS $name "
        "RETURN a.name AS name ORDER BY name LIMIT $limit"
    )
    at = run_cypher(open_page(monkeypatch, app_sample_store, CYPHER), query, params)

    assert not errors(at)
    assert list(at.dataframe[0].value["name"]) == [THERMO]
    assert at.query_params["params"] == params


def test_cypher_refuses_a_write_in_one_line(monkeypatch, app_sample_store):
    store = app_sample_store
    before = store.stats()
    at = run_cypher(open_page(monkeypatch, store, CYPHER), "MATCH (a:Actor) SET a.name = 'x'")

    assert not at.exception
    [error] = errors(at)
    assert error == WRITES  # the console says what to do instead
    assert "\n" not in error
    assert store.stats() == before
    assert actor(store, THERMO).name == THERMO
    assert not at.dataframe


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("MATCH (a:Actor RETURN a", "", "the query failed"),
        ("RETURN $x AS x", "not a parameter line", "cannot read the parameter line"),
        ("RETURN $x AS x", "{not json", "the parameters are not valid JSON"),
        ("RETURN 1 AS x", '{"a`b": 1}', "the parameter name 'a`b' holds a backtick"),
        ("RETURN $m AS m", 'm={"k`": 1}', "the map key 'k`' holds a backtick"),
        ("RETURN $t AS t", '{"t": "a\\u0000b"}', None),  # NUL: carried as data, no error
        ("RETURN $t AS t", '{"t": "a\\ud800b"}', None),  # a lone surrogate too
    ],
)
def test_cypher_errors_are_one_line(monkeypatch, app_sample_store, query, params, message):
    at = run_cypher(open_page(monkeypatch, app_sample_store, CYPHER), query, params)

    assert not at.exception
    if message is None:
        shown = at.dataframe[0].value.iloc[0, 0]  # a lone surrogate as \\uXXXX (JSON reads it)
        assert not errors(at) and json.loads(f'"{shown}"', strict=False) == json.loads(params)["t"]
        return
    [error] = errors(at)
    assert error.startswith(message) and "\n" not in error


def test_cypher_bookmark_runs_its_query(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, CYPHER, q=NAMES_QUERY)

    assert at.text_area(key="cypher_text").value == NAMES_QUERY
    expected = [row[0] for row in app_sample_store.query(NAMES_QUERY).rows]
    assert list(at.dataframe[0].value["name"]) == expected


def test_cypher_paths_in_a_result_are_drawn(app_sample_store):
    """A path value (nodes and edges nested in one cell) is found and drawn."""
    result = app_sample_store.query(
        "MATCH p = (s:Actor)-[:CRITICIZED]->(o:Actor) RETURN p ORDER BY s.name LIMIT 1"
    )
    elements = results.elements(result, vocabulary())
    [path] = result.rows[0]
    assert [n["data"]["name"] for n in elements["nodes"]] == [n["name"] for n in path["nodes"]]
    [edge] = elements["edges"]
    assert edge["data"]["label"] == "CRITICIZED"
    assert (edge["data"]["source"], edge["data"]["target"]) == tuple(
        f"n{n['_id']}" for n in path["nodes"]
    )


def test_parameters_parse_from_lines_and_json():
    assert read_params("") == {}
    assert read_params('limit=5\n# a comment\n\nname=thermo\nids=["a", "b"]') == {
        "limit": 5,
        "name": "thermo",
        "ids": ["a", "b"],
    }
    assert read_params('{"name": "a=b"}') == {"name": "a=b"}
    assert read_params("q=a=b") == {"q": "a=b"}
    params = {"n": 2, "s": "it's", "l": [1, "x"], "t": True}
    assert read_params(format_params(params)) == params
    for bad in ("[1, 2]", "{1: 2}", "= 3", "two words=1"):
        with pytest.raises(ParamsError):
            read_params(bad)


# -- Paths ----------------------------------------------------------------------------------


def pick_ends(at: AppTest, source: str, target: str) -> AppTest:
    at.text_input(key="search_from").input(source).run()
    return at.text_input(key="search_to").input(target).run()


def test_paths_list_each_chain_once_with_every_hop_and_its_evidence(monkeypatch, app_sample_store):
    store = app_sample_store
    rubio, thermo, police = (actor(store, n) for n in (RUBIO, THERMO, POLICE))
    at = pick_ends(open_page(monkeypatch, store, PATHS), "rubio", "xinjiang police")

    assert not at.exception
    assert (at.selectbox(key="pick_from").value, at.selectbox(key="pick_to").value) == (
        rubio.id,
        police.id,
    )
    paths = store.paths(rubio.id, police.id, directed=False)  # through Thermo Fisher
    assert [e.label for e in at.expander] == [f"1. {RUBIO} → {THERMO} → {POLICE} (2 hops)"]
    shown = [plain(m.value) for m in at.markdown]
    assert f"{RUBIO} -CRITICIZED-> {THERMO} (1 claim)" in shown
    assert f"{THERMO} -SUPPLIED-> {POLICE} (1 claim)" in shown
    for path in paths:
        for edge in path.edges:
            for ev in store.evidence(edge.subject, edge.type, edge.object):
                assert f"> {ev.sentence.strip()}" in shown
    nodes, edges = graph_data(at)
    assert [n["id"] for n in nodes] == [rubio.id, thermo.id, police.id]
    assert {e["label"] for e in edges} == {e.type for p in paths for e in p.edges}
    assert (at.query_params["from"], at.query_params["to"]) == (rubio.id, police.id)


def test_paths_by_parallel_edges_are_one_chain(monkeypatch, fresh_store):
    text = "Jane Doe criticized Acme Corp. Jane Doe sued Acme Corp."
    fresh_store.write(
        [
            Extraction(
                article(text, "The Daily"),
                (DOE, ACME),
                (
                    claim("CRITICIZED", DOE, ACME, text, "Jane Doe criticized Acme Corp."),
                    claim("SUED", DOE, ACME, text, "Jane Doe sued Acme Corp."),
                ),
            )
        ]
    )
    at = pick_ends(open_page(monkeypatch, fresh_store, PATHS), "jane doe", "acme corp")

    assert [e.label for e in at.expander] == ["1. Jane Doe → Acme Corp (1 hop)"]
    assert "2 shortest paths through 1 chain of actors" in [c.value for c in at.caption]
    shown = [plain(m.value) for m in at.markdown]
    assert "> Jane Doe criticized Acme Corp." in shown
    assert "> Jane Doe sued Acme Corp." in shown


def test_paths_walk_edges_either_way_unless_told_to_follow_them(monkeypatch, app_sample_store):
    at = pick_ends(open_page(monkeypatch, app_sample_store, PATHS), "xinjiang police", "rubio")

    assert not at.warning
    assert [e.label for e in at.expander] == [f"1. {POLICE} ← {THERMO} ← {RUBIO} (2 hops)"]
    assert at.query_params["directed"] == "0"

    at.toggle(key="follow_direction").set_value(True).run()

    assert [w.value for w in at.warning] == [
        f"No path of at most 4 hops from {POLICE} to {RUBIO} along the edges."
    ]
    assert not at.expander
    assert at.query_params["directed"] == "1"


def test_paths_respect_the_maximum_length_and_the_url(monkeypatch, app_sample_store):
    store = app_sample_store
    rubio, police = actor(store, RUBIO), actor(store, POLICE)
    at = open_page(monkeypatch, store, PATHS, **{"from": rubio.id, "to": police.id, "max": "1"})

    assert (at.selectbox(key="pick_from").value, at.selectbox(key="pick_to").value) == (
        rubio.id,
        police.id,
    )
    assert at.slider(key="max_length").value == 1
    assert "No path of at most 1 hops" in at.warning[0].value
    at.slider(key="max_length").set_value(2).run()
    assert len(at.expander) >= 1
    assert at.query_params["max"] == "2"


# -- Analytics ------------------------------------------------------------------------------


def test_analytics_ranks_as_graph_analytics_does(monkeypatch, app_sample_store):
    store = app_sample_store
    at = open_page(monkeypatch, store, ANALYTICS)

    assert not at.exception
    graph = analytics.load(store)
    expected = analytics.ranking(graph, "degree", limit=15)
    table = at.dataframe[0].value
    assert list(table["Actor"]) == [r.name for r in expected]
    assert list(table["Degree"]) == [r.score for r in expected]
    assert table["Degree"].iloc[0] == store.top_actors(1)[0][1]
    [chart] = at.get("vega_lite_chart")
    assert [r["actor"] for r in chart_rows(chart)] == [r.name for r in expected]

    at.radio(key="an_measure").set_value("pagerank").run()
    pagerank = analytics.ranking(graph, "pagerank", limit=15)
    assert list(at.dataframe[0].value["Actor"]) == [r.name for r in pagerank]


def test_analytics_filters_the_graph_by_type_and_kind(monkeypatch, app_sample_store):
    store = app_sample_store
    at = open_page(monkeypatch, store, ANALYTICS)
    at.multiselect(key="an_types").set_value(["SANCTIONED"])
    at.multiselect(key="an_kinds").set_value(["Person", "GovernmentBody"]).run()

    sub = analytics.restrict(analytics.load(store), ["SANCTIONED"], ["Person", "GovernmentBody"])
    expected = analytics.ranking(sub, "degree", limit=15)
    table = at.dataframe[0].value
    assert list(table["Actor"]) == [r.name for r in expected]
    assert set(table["Kind"]) <= {"person", "government body"}
    found = analytics.communities(sub)
    communities = at.dataframe[1].value
    assert list(communities["Actors"]) == [len(c.members) for c in found]
    assert len(found) > 0


def test_analytics_filters_live_in_the_url(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, ANALYTICS, measure="betweenness", type="SUED")

    assert at.radio(key="an_measure").value == "betweenness"
    assert at.multiselect(key="an_types").value == ["SUED"]
    assert "Betweenness" in at.dataframe[0].value.columns
    at.multiselect(key="an_kinds").set_value(["Company"]).run()
    assert at.query_params["kind"] == "Company"
    assert at.query_params["measure"] == "betweenness"


def test_analytics_opens_an_actor_in_explore(monkeypatch, app_sample_store):
    store = app_sample_store
    at = open_page(monkeypatch, store, ANALYTICS)
    second = analytics.ranking(analytics.load(store), "degree", limit=2)[1]
    at.selectbox(key="an_pick").select(second.id).run()
    at.button(key="an_explore").click().run()

    assert not at.exception
    assert at.query_params["actor"] == second.id
    assert at.selectbox(key="actor_pick").value == second.id  # Explore, on that actor


# -- SPARQL ---------------------------------------------------------------------------------


def test_sparql_examples_come_from_docs_queries_and_run(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, SPARQL)
    found = examples()
    assert len(found) == len(list(QUERIES.glob("*.rq"))) > 0
    assert at.selectbox(key="sparql_example").options == list(found)

    title = "Who supplied whom"
    at.selectbox(key="sparql_example").select(title).run()
    assert at.text_area(key="sparql_text").value == (QUERIES / "who-supplied-whom.rq").read_text()
    at.button(key="sparql_run").click().run()

    assert not at.exception and not errors(at)
    expected = run_sparql(app_sample_store, found[title])
    table = at.dataframe[0].value
    assert list(table.columns) == expected.columns
    assert table.values.tolist() == expected.rows
    assert at.query_params["q"] == found[title]


def test_sparql_bad_query_is_one_line(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, SPARQL, q="SELEC ?x WHERE {}")

    assert not at.exception
    [error] = errors(at)
    assert error.startswith("SPARQL syntax error") and "\n" not in error
    assert not at.dataframe


# -- every new page ---------------------------------------------------------------------------


def test_pages_are_routed_from_views_not_a_pages_folder():
    """A pages/ folder beside app.py would let a bookmarked page URL skip st.navigation."""
    app_dir = Path(__file__).resolve().parents[1] / "viz"
    assert not (app_dir / "pages").exists()
    scripts = sorted(p.name for p in routes.PAGES.glob("*.py"))
    assert routes.PAGES.parent == app_dir
    names = ("explore", "paths", "timeline", "analytics", "overview", "article", "cypher")
    names += ("sparql", "ingest", "review")
    assert scripts == sorted(f"{n}.py" for n in names)


@pytest.mark.parametrize("page", [CYPHER, PATHS, TIMELINE, ANALYTICS, SPARQL])
def test_new_pages_on_an_empty_store_say_how_to_fill_it(monkeypatch, app_empty_store, page):
    at = open_page(monkeypatch, app_empty_store, page)

    assert not at.exception
    assert [i.value for i in at.info] == [EMPTY_MESSAGE]


def test_sparql_on_a_graph_too_big_for_memory_points_to_an_export(monkeypatch, app_sample_store):
    """Past MAX_EDGES the page builds no RDF view (it would hold the whole graph in the
    app's memory) and says how to query an export instead."""
    monkeypatch.setattr(sparql_console, "MAX_EDGES", app_sample_store.stats().edges - 1)
    at = open_page(monkeypatch, app_sample_store, SPARQL, q="SELECT ?s WHERE { ?s ?p ?o }")

    assert not at.exception
    [info] = [i.value for i in at.info]
    assert "actorgraph export -o graph.nq" in info and "sparql --data graph.nq" in info
    assert not at.dataframe
