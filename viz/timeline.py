"""The Timeline page: when edges first appeared, for one actor or the whole graph.

A chart of edges first seen per month (or year) by relation type, and a slider that
draws the graph as it stood on a date (edges first seen on or before it). The counting
and the cut are pure functions below, so the tests recount them from the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from st_link_analysis import st_link_analysis

from actorgraph.graph import ActorView, EdgeView, Store, Subgraph
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import draw
from actorgraph.viz.connect import require_store, store_version, whole_graph
from actorgraph.viz.edge_filters import parse_day
from actorgraph.viz.explore import did_you_mean
from actorgraph.viz.present import describe_actor, legend

SEARCH, PICK, DEPTH, GRAIN, ASOF = "tl_search", "tl_actor", "tl_depth", "tl_grain", "tl_asof"
ACTOR_PARAM, GRAIN_PARAM, ASOF_PARAM = "actor", "grain", "asof"  # in the URL
WHOLE = ""  # the pick list's value for the whole graph
GRAINS = {"month": "Month", "year": "Year"}
SUGGESTED = 10
MAX_DRAWN = 600  # edges; the most recent ones of a larger graph are drawn
GRAPH_HEIGHT = 520


# -- pure: counting and cutting ---------------------------------------------------------------


def period(edge: EdgeView, grain: str) -> str | None:
    """``2021-03`` (month) or ``2021`` (year) of the edge's first sighting; None if undated."""
    day = parse_day(edge.first_seen)
    if day is None:
        return None
    return f"{day.year:04d}" if grain == "year" else f"{day.year:04d}-{day.month:02d}"


def counts(edges: Iterable[EdgeView], grain: str) -> list[dict[str, Any]]:
    """Edges first seen per period and relation type, in time order (undated ones left out)."""
    tally = Counter((p, e.type) for e in edges if (p := period(e, grain)) is not None)
    return [{"period": p, "relation": t, "edges": n} for (p, t), n in sorted(tally.items())]


def first_days(edges: Iterable[EdgeView]) -> list[date]:
    """The days edges were first seen, sorted; the as-of slider runs between the ends."""
    return sorted(d for e in edges if (d := parse_day(e.first_seen)) is not None)


def as_of(sub: Subgraph, day: date, keep: Iterable[str] = ()) -> Subgraph:
    """The graph as it stood on ``day``: edges first seen on or before it, and their actors.

    Undated edges are left out: nothing says they existed then. ``keep`` (the chosen
    actor) stays, so the view never goes blank.
    """
    edges = [e for e in sub.edges if (d := parse_day(e.first_seen)) is not None and d <= day]
    wanted = set(keep) | {e.subject for e in edges} | {e.object for e in edges}
    return Subgraph([n for n in sub.nodes if n.id in wanted], edges)


def latest(sub: Subgraph, limit: int, keep: Iterable[str] = ()) -> Subgraph:
    """At most ``limit`` edges, the most recently first seen, so a big graph stays drawable."""
    if len(sub.edges) <= limit:
        return sub
    edges = sorted(sub.edges, key=lambda e: e.first_seen or "", reverse=True)[:limit]
    wanted = set(keep) | {e.subject for e in edges} | {e.object for e in edges}
    return Subgraph([n for n in sub.nodes if n.id in wanted], edges)


# -- the page -----------------------------------------------------------------------------------


def render() -> None:
    """Pick an actor (or none), then the chart of first sightings and the as-of graph."""
    store = require_store()
    vocab = vocabulary()
    st.title("Timeline")
    search_col, pick_col, depth_col, grain_col = st.columns([2, 3, 1, 1])
    actor = choose_actor(store, vocab, search_col, pick_col)
    depth = depth_col.slider(
        "Depth", 1, 3, 1, key=DEPTH, help="Hops from the actor.", disabled=actor is None
    )
    st.session_state.setdefault(GRAIN, _grain(st.query_params.get(GRAIN_PARAM)))
    grain = grain_col.radio("Per", list(GRAINS), key=GRAIN, format_func=GRAINS.get)
    st.query_params[GRAIN_PARAM] = grain
    if actor is None:
        sub = whole_graph(store, store_version(store))
        scope = "the whole graph"
    else:
        sub = store.ego([actor.id], depth=depth)
        scope = actor.name
    keep = [actor.id] if actor else []
    rows = counts(sub.edges, grain)
    undated = sum(1 for e in sub.edges if period(e, grain) is None)
    st.subheader(f"Edges first seen per {grain}, {scope}")
    if not rows:
        st.info("No dated edges here.")
        return
    st.altair_chart(timeline_chart(rows, GRAINS[grain]), width="stretch")
    if undated:
        st.caption(f"{undated} edge(s) without a date are not counted.")
    day = pick_day(first_days(sub.edges))
    shown = as_of(sub, day, keep)
    drawn = latest(shown, MAX_DRAWN, keep)
    st.subheader(f"The graph as of {day.isoformat()}")
    note = f"{len(drawn.edges)} of {len(shown.edges)} edges (the most recent)"
    st.caption(
        (note if len(drawn.edges) < len(shown.edges) else f"{len(shown.edges)} edges")
        + f" first seen on or before {day.isoformat()}, of {len(sub.edges)} in {scope}."
    )
    st_link_analysis(
        draw.elements(drawn, vocab),
        layout=draw.LAYOUT,
        node_styles=draw.node_styles(vocab, centre=actor.id if actor else None),
        edge_styles=draw.edge_styles(vocab),
        height=GRAPH_HEIGHT,
        key=f"timeline:{actor.id if actor else '*'}:{depth}:{day.isoformat()}",
    )
    st.markdown(legend((n.kind for n in drawn.nodes), vocab), unsafe_allow_html=True)
    st.dataframe(draw.edge_rows(drawn), hide_index=True, width="stretch")


def _grain(text: str | None) -> str:
    return text if text in GRAINS else "month"


def pick_suggested(actor_id: str) -> None:
    """A "did you mean" click: clear the search and pick the actor (a callback)."""
    st.session_state[SEARCH] = ""
    st.session_state[PICK] = actor_id
    st.query_params[ACTOR_PARAM] = actor_id


def choose_actor(
    store: Store, vocab: Vocabulary, search_col: Any, pick_col: Any
) -> ActorView | None:
    """Search and pick as on Explore, with "whole graph" first; the pick goes into the URL."""
    text = search_col.text_input("Search actors", key=SEARCH, placeholder="Name or alias")
    if text.strip():
        found = store.search_actors(text.strip())
        if not found:
            did_you_mean(store, text.strip(), pick_col, pick_suggested, key="tl_suggest")
    else:
        wanted = st.query_params.get(ACTOR_PARAM)
        current = store.actor(wanted) if wanted else None
        found = [current] if current else []
        found += [a for a, _ in store.top_actors(SUGGESTED) if a.id != wanted]
    options: dict[str, ActorView | None] = {WHOLE: None, **{a.id: a for a in found}}
    if st.session_state.get(PICK) not in options:
        st.session_state[PICK] = st.query_params.get(ACTOR_PARAM, WHOLE)
        if st.session_state[PICK] not in options:
            st.session_state[PICK] = WHOLE
    chosen = pick_col.selectbox(
        "Actor",
        list(options),
        key=PICK,
        format_func=lambda i: (
            "The whole graph" if i == WHOLE else describe_actor(options[i], vocab)
        ),
    )
    if chosen:
        st.query_params[ACTOR_PARAM] = chosen
    else:
        st.query_params.pop(ACTOR_PARAM, None)
    return options.get(chosen or WHOLE)


def pick_day(days: list[date]) -> date:
    """The as-of slider over the first sightings, the latest by default; kept in the URL."""
    low, high = days[0], days[-1]
    if low == high:
        st.caption(f"Every edge here was first seen on {low.isoformat()}.")
        return high
    wanted = parse_day(st.query_params.get(ASOF_PARAM))
    st.session_state.setdefault(ASOF, wanted or high)
    if not low <= st.session_state[ASOF] <= high:  # another actor, other dates
        st.session_state[ASOF] = min(max(st.session_state[ASOF], low), high)
    day = st.slider(
        "As of",
        min_value=low,
        max_value=high,
        key=ASOF,
        format="YYYY-MM-DD",
        help="Draw only the edges first seen on or before this date.",
    )
    st.query_params[ASOF_PARAM] = day.isoformat()
    return day


def timeline_chart(rows: list[dict[str, Any]], grain_label: str) -> alt.Chart:
    """Stacked bars: edges first seen per period, coloured by relation type."""
    return (
        alt.Chart(pd.DataFrame(rows, columns=["period", "relation", "edges"]))
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=grain_label, sort=None),
            y=alt.Y("sum(edges):Q", title="Edges first seen"),
            color=alt.Color("relation:N", title="Relation"),
            tooltip=["period:O", "relation:N", "edges:Q"],
        )
    )
