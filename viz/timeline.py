"""The Timeline page: when edges first appeared, for one actor or the whole graph.

A chart of edges first seen per month (or year) by relation type, and a slider that
draws the graph as it stood on a date (edges first seen on or before it). For the whole
graph the store counts and cuts (Store.first_seen_counts, Store.edges_first_seen_by), so
a million edges never come into Python; an actor's ego network is small, and is counted
and cut by the pure functions below, which the tests recount from the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from actorgraph.graph import ActorView, EdgeView, Store, Subgraph, TimelineCounts
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import canvas, draw
from actorgraph.viz.connect import Version, require_store, store_version
from actorgraph.viz.edge_filters import parse_day
from actorgraph.viz.present import describe_actor
from actorgraph.viz.search import did_you_mean

SEARCH, PICK, DEPTH, GRAIN, ASOF = "tl_search", "tl_actor", "tl_depth", "tl_grain", "tl_asof"
SIZE = "tl_size"
ACTOR_PARAM, GRAIN_PARAM, ASOF_PARAM = "actor", "grain", "asof"  # in the URL
WHOLE = ""  # the pick list's value for the whole graph
GRAINS = {"month": "Month", "year": "Year"}
SUGGESTED = 10
MAX_DRAWN = 600  # edges; the most recent ones of a larger graph are drawn


# -- pure: counting and cutting ---------------------------------------------------------------


def period(edge: EdgeView, grain: str) -> str | None:
    """``2021-03`` (month) or ``2021`` (year) of the edge's first sighting; None if undated."""
    return _period_of(edge.first_seen, grain)


def _period_of(text: str | None, grain: str) -> str | None:
    day = parse_day(text)
    if day is None:
        return None
    return f"{day.year:04d}" if grain == "year" else f"{day.year:04d}-{day.month:02d}"


def store_counts(found: TimelineCounts, grain: str) -> tuple[list[dict[str, Any]], int]:
    """The store's counts as :func:`counts` rows, and the number of undated edges.

    The store groups by the leading characters of first_seen (months make years too);
    each period is read as :func:`period` reads a date, a period that is no date as undated.
    """
    tally: Counter[tuple[str, str]] = Counter()
    undated = found.undated
    for text, relation, edges in found.rows:
        label = _period_of(text, grain)
        if label is None:
            undated += edges
        else:
            tally[(label, relation)] += edges
    return _rows(tally), undated


def counts(edges: Iterable[EdgeView], grain: str) -> list[dict[str, Any]]:
    """Edges first seen per period and relation type, in time order (undated ones left out)."""
    return _rows(Counter((p, e.type) for e in edges if (p := period(e, grain)) is not None))


def _rows(tally: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
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


# -- what the page shows: the whole graph (counted by the store) or one ego network ------------


@dataclass(frozen=True)
class Scope:
    """What the chart counts and the slider cuts: its counts, its first and last days, its
    number of edges, and a function from a day to the drawn graph and the edges then."""

    name: str
    rows: list[dict[str, Any]]
    undated: int
    first: date | None
    last: date | None
    edges: int
    at: Callable[[date], tuple[Subgraph, int]]


@st.cache_data(show_spinner="Counting edges…", max_entries=8)
def whole_counts(_store: Store, key: Version) -> TimelineCounts:
    """The store's counts per month, once per store version (a year's are its months')."""
    return _store.first_seen_counts("month")


@st.cache_data(show_spinner="Reading the graph as of that day…", max_entries=32)
def whole_as_of(_store: Store, key: Version, day: date) -> tuple[Subgraph, int]:
    """The most recent MAX_DRAWN edges first seen by ``day``, and how many there are."""
    return _store.edges_first_seen_by(day, MAX_DRAWN)


def whole_scope(store: Store, grain: str) -> Scope:
    """The whole graph, counted and cut by the store."""
    key = store_version(store)
    found = whole_counts(store, key)
    rows, undated = store_counts(found, grain)
    return Scope(
        "the whole graph",
        rows,
        undated,
        parse_day(found.earliest),
        parse_day(found.latest),
        key[3],
        lambda day: whole_as_of(store, key, day),
    )


def ego_scope(sub: Subgraph, name: str, grain: str, keep: list[str]) -> Scope:
    """An actor's ego network (bounded by Store.ego), counted and cut here."""
    days = first_days(sub.edges)

    def at(day: date) -> tuple[Subgraph, int]:
        shown = as_of(sub, day, keep)
        return latest(shown, MAX_DRAWN, keep), len(shown.edges)

    return Scope(
        name,
        counts(sub.edges, grain),
        sum(1 for e in sub.edges if period(e, grain) is None),
        days[0] if days else None,
        days[-1] if days else None,
        len(sub.edges),
        at,
    )


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
        scope = whole_scope(store, grain)
    else:
        scope = ego_scope(store.ego([actor.id], depth=depth), actor.name, grain, [actor.id])
    st.subheader(f"Edges first seen per {grain}, {scope.name}")
    if not scope.rows or scope.first is None or scope.last is None:
        st.info("No dated edges here.")
        return
    st.altair_chart(timeline_chart(scope.rows, GRAINS[grain]), width="stretch")
    if scope.undated:
        st.caption(f"{scope.undated:,} edge(s) without a date are not counted.")
    day = pick_day(scope.first, scope.last)
    drawn, shown = scope.at(day)
    st.subheader(f"The graph as of {day.isoformat()}")
    note = f"{len(drawn.edges):,} of {shown:,} edges (the most recent)"
    st.caption(
        (note if len(drawn.edges) < shown else f"{shown:,} edges")
        + f" first seen on or before {day.isoformat()}, of {scope.edges:,} in {scope.name}."
    )
    size_by = canvas.size_choice(SIZE)
    scope_id = actor.id if actor else "*"
    where = canvas.positions("timeline", scope_id, drawn)  # a later day keeps the earlier's
    canvas.show(
        draw.elements(drawn, vocab, where, size_by),
        draw.node_styles(vocab, centre=actor.id if actor else None),
        draw.edge_styles(vocab),
        key=f"timeline:{scope_id}:{depth}:{day.isoformat()}:{size_by}",
    )
    canvas.legend(drawn, vocab, size_by)
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


def pick_day(low: date, high: date) -> date:
    """The as-of slider from the first sighting to the last, the last by default; kept in
    the URL."""
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
    """Stacked bars on a true time axis (2018-08 and 2019-02 half a year apart, not side by
    side), edges first seen per period, each relation type in its vocabulary colour."""
    frame = pd.DataFrame(rows, columns=["period", "relation", "edges"])
    frame["start"] = pd.to_datetime(frame["period"], format="mixed")  # "2021-03" or "2021"
    relations = vocabulary().relations.values()
    unit = "year" if grain_label == GRAINS["year"] else "yearmonth"
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("start:T", timeUnit=unit, title=grain_label),
            y=alt.Y("sum(edges):Q", title="Edges first seen"),
            color=alt.Color(
                "relation:N",
                title="Relation",
                scale=alt.Scale(
                    domain=[r.name for r in relations], range=[r.color for r in relations]
                ),
            ),
            tooltip=["period:N", "relation:N", "edges:Q"],
        )
    )
