"""The Timeline page, run with AppTest over the sample corpus.

Every count is recomputed here from ``store.iter_edges()`` with plain string slicing,
so a page that counted, grouped or cut differently fails.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest
from test_app import APP, actor, chart_rows, drawn

from actorgraph.graph import ActorView, EdgeView, Store, Subgraph
from actorgraph.graph.open import STORE_ENV
from actorgraph.graph.views import TimelineCounts
from actorgraph.schema import vocabulary
from actorgraph.viz import draw, timeline
from actorgraph.viz.timeline import as_of, counts, latest, store_counts

pytest_plugins = ["app_fixtures"]

TIMELINE = "views/timeline.py"
COMMERCE = "U.S. Department of Commerce"


def open_timeline(monkeypatch, store: Store, **query: str) -> AppTest:
    """The Timeline page opened straight from its URL (Explore would put its actor there)."""
    monkeypatch.setenv(STORE_ENV, store.url)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update(query)
    return at.switch_page(TIMELINE).run()


def expected_counts(edges: list[EdgeView], chars: int) -> dict[tuple[str, str], int]:
    """Edges per (period, type), the period being the first ``chars`` of first_seen."""
    return dict(Counter((e.first_seen[:chars], e.type) for e in edges if e.first_seen))


def shown_counts(at: AppTest) -> dict[tuple[str, str], int]:
    [chart] = at.get("vega_lite_chart")
    return {(r["period"], r["relation"]): r["edges"] for r in chart_rows(chart)}


def touching(store: Store, actor_id: str) -> list[EdgeView]:
    """The edges with the actor at one end: its depth-1 ego network, read without ego()."""
    return [e for e in store.iter_edges() if actor_id in (e.subject, e.object)]


# -- the chart --------------------------------------------------------------------------------


def test_the_chart_has_a_time_axis_and_a_colour_per_relation_type(monkeypatch, app_sample_store):
    at = open_timeline(monkeypatch, app_sample_store)
    [chart] = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)

    assert spec["encoding"]["x"]["type"] == "temporal"  # months apart, not side by side
    scale = spec["encoding"]["color"]["scale"]
    relations = list(vocabulary().relations.values())
    assert scale["domain"] == [r.name for r in relations]
    assert scale["range"] == [r.color for r in relations]
    assert len(set(scale["range"])) == len(relations)  # BANNED is not SUPPLIED's colour


def test_whole_graph_counts_per_month_equal_the_stores_edges(monkeypatch, app_sample_store):
    at = open_timeline(monkeypatch, app_sample_store)

    assert not at.exception
    assert at.selectbox(key="tl_actor").value == ""  # the whole graph
    expected = expected_counts(list(app_sample_store.iter_edges()), 7)
    assert shown_counts(at) == expected
    assert sum(expected.values()) == app_sample_store.stats().edges


def test_counts_per_year_and_the_grain_in_the_url(monkeypatch, app_sample_store):
    at = open_timeline(monkeypatch, app_sample_store)
    at.radio(key="tl_grain").set_value("year").run()

    assert shown_counts(at) == expected_counts(list(app_sample_store.iter_edges()), 4)
    assert at.query_params["grain"] == "year"


def test_one_actors_counts_come_from_its_edges(monkeypatch, app_sample_store):
    store = app_sample_store
    commerce = actor(store, COMMERCE)
    at = open_timeline(monkeypatch, store)
    at.text_input(key="tl_search").input("commerce").run()
    at.selectbox(key="tl_actor").select(commerce.id).run()

    mine = touching(store, commerce.id)
    assert shown_counts(at) == expected_counts(mine, 7)
    assert len({p for p, _ in shown_counts(at)}) > 1  # more than one month to compare
    assert at.query_params["actor"] == commerce.id


# -- the graph as of a date -----------------------------------------------------------------------


def test_as_of_slider_drops_edges_first_seen_later(monkeypatch, app_sample_store):
    store = app_sample_store
    edges = list(store.iter_edges())
    at = open_timeline(monkeypatch, store)
    assert drawn(at)[1] == {draw.edge_id(e) for e in edges}  # the latest date: everything

    at.slider(key="tl_asof").set_value(date(2020, 12, 31)).run()

    kept = {draw.edge_id(e) for e in edges if e.first_seen and e.first_seen <= "2020-12-31"}
    assert kept and len(kept) < len(edges)
    nodes, shown = drawn(at)
    assert shown == kept
    assert nodes == {i for e in kept for i in (e.split("|")[0], e.split("|")[2])}
    assert len(at.dataframe[0].value) == len(kept)
    assert at.query_params["asof"] == "2020-12-31"


def test_as_of_for_one_actor_from_a_bookmark(monkeypatch, app_sample_store):
    store = app_sample_store
    commerce = actor(store, COMMERCE)
    at = open_timeline(monkeypatch, store, actor=commerce.id, asof="2019-12-31")

    assert at.selectbox(key="tl_actor").value == commerce.id
    assert at.slider(key="tl_asof").value == date(2019, 12, 31)
    mine = touching(store, commerce.id)
    kept = {draw.edge_id(e) for e in mine if e.first_seen and e.first_seen <= "2019-12-31"}
    later = {draw.edge_id(e) for e in mine} - kept
    assert kept and later
    assert drawn(at)[1] == kept


@pytest.fixture
def few_drawn(monkeypatch) -> Iterator[int]:
    """The page draws at most 5 edges, as a big graph's 600 of many; its caches start empty."""
    monkeypatch.setattr(timeline, "MAX_DRAWN", 5)
    timeline.whole_as_of.clear()
    yield 5
    timeline.whole_as_of.clear()


def test_whole_graph_draws_the_most_recent_edges_and_counts_the_rest(
    monkeypatch, app_sample_store, few_drawn
):
    store = app_sample_store
    edges = list(store.iter_edges())
    at = open_timeline(monkeypatch, store, asof="2020-12-31")

    then = [e for e in edges if e.first_seen and e.first_seen <= "2020-12-31"]
    newest = sorted(then, key=lambda e: (e.subject, e.type, e.object))
    newest.sort(key=lambda e: e.first_seen, reverse=True)  # stable: ties keep that order
    assert len(then) > few_drawn
    days = sorted(e.first_seen for e in edges if e.first_seen)
    slider = at.slider(key="tl_asof")  # its ends as Streamlit sends them: microseconds
    ends = [datetime.fromtimestamp(v / 1e6, UTC).date() for v in (slider.min, slider.max)]
    assert ends == [date.fromisoformat(days[0]), date.fromisoformat(days[-1])]
    nodes, shown = drawn(at)
    assert shown == {draw.edge_id(e) for e in newest[:few_drawn]}
    assert nodes == {i for e in newest[:few_drawn] for i in (e.subject, e.object)}
    caption = (
        f"{few_drawn:,} of {len(then):,} edges (the most recent) first seen on or before "
        f"2020-12-31, of {len(edges):,} in the whole graph."
    )
    assert caption in [c.value for c in at.caption]


# -- the pieces, without Streamlit ------------------------------------------------------------


def test_store_counts_read_periods_as_dates_and_merge_months_into_years():
    found = TimelineCounts(
        rows=(("2020-11", "SUED", 2), ("2020-12", "SUED", 3), ("2021-01", "BANNED", 1),
              ("soon", "SUED", 4)),
        undated=5,
        earliest="2020-11-02",
        latest="2021-01-30",
    )  # fmt: skip
    rows, undated = store_counts(found, "year")
    assert rows == [
        {"period": "2020", "relation": "SUED", "edges": 5},
        {"period": "2021", "relation": "BANNED", "edges": 1},
    ]
    assert undated == 9  # "soon" is no date
    rows, _ = store_counts(found, "month")
    assert [r["period"] for r in rows] == ["2020-11", "2020-12", "2021-01"]


def edge(o: str, first: str | None, t: str = "SUED") -> EdgeView:
    return EdgeView("a", t, o, 1, 1, "asserted", 0.75, first, first)


def test_counts_leave_undated_edges_out_and_keep_time_order():
    edges = [edge("b", "2021-03-04"), edge("c", None), edge("d", "2020-11-30", "BANNED")]
    edges.append(edge("e", "2021-03-20"))
    assert counts(edges, "month") == [
        {"period": "2020-11", "relation": "BANNED", "edges": 1},
        {"period": "2021-03", "relation": "SUED", "edges": 2},
    ]
    assert [r["period"] for r in counts(edges, "year")] == ["2020", "2021"]


def test_as_of_and_the_drawing_cap_keep_the_chosen_actor():
    nodes = [ActorView(i, i, "Company") for i in "abcd"]
    sub = Subgraph(nodes, [edge("b", "2021-01-01"), edge("c", "2022-01-01"), edge("d", None)])

    then = as_of(sub, date(2021, 6, 1), keep=["a"])
    assert [e.object for e in then.edges] == ["b"]  # undated "d" is not known to exist then
    assert [n.id for n in then.nodes] == ["a", "b"]
    assert [n.id for n in as_of(sub, date(2000, 1, 1), keep=["a"]).nodes] == ["a"]
    capped = latest(sub, 1, keep=["a"])
    assert [e.object for e in capped.edges] == ["c"]  # the most recent one
    assert latest(sub, 3) == sub
