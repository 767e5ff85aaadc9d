"""The Analytics page: who is central and which actors cluster, by networkx on the graph.

The measures are graph.analytics's; this page filters, caches and shows them. The graph
(the whole store when small, else its best-supported core: analytics.load_core) is read
once per store and version (its counts), the scores once per filter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from actorgraph.graph import Store, analytics
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import routes
from actorgraph.viz.connect import Version, require_store, store_version

TYPES, KINDS, MEASURE, TOP, PICK = "an_types", "an_kinds", "an_measure", "an_top", "an_pick"
LABELS = {"degree": "Degree", "betweenness": "Betweenness", "pagerank": "PageRank"}
MEASURE_PARAM, TYPE_PARAM, KIND_PARAM = "measure", "type", "kind"  # in the URL
DEFAULT_TOP = 15
MEMBERS_SHOWN = 8
BAR_COLOR = "#4c78a8"


@st.cache_resource(show_spinner="Reading the graph…", max_entries=4)
def core_graph(_store: Store, key: Version) -> analytics.Core:
    """The graph measured, once per store version (never changed in place): the whole
    store when small, else its CORE_EDGES best-supported edges."""
    return analytics.load_core(_store)


@st.cache_data(show_spinner="Ranking actors…", max_entries=64)
def ranked(
    _store: Store, key: Version, types: tuple[str, ...], kinds: tuple[str, ...], measure: str
) -> tuple[list[analytics.Ranked], int | None]:
    """The ranking, and (betweenness) how many sampled sources estimated it (None: exact)."""
    graph = analytics.restrict(core_graph(_store, key).graph, types, kinds)
    sample = analytics.betweenness_pivots(graph) if measure == "betweenness" else None
    return analytics.ranking(graph, measure), sample


@st.cache_data(show_spinner="Finding communities…", max_entries=64)
def grouped(
    _store: Store, key: Version, types: tuple[str, ...], kinds: tuple[str, ...]
) -> list[analytics.Community]:
    return analytics.communities(analytics.restrict(core_graph(_store, key).graph, types, kinds))


def core_note(core: analytics.Core) -> str | None:
    """What a ranking on a core leaves out, in a caption (None: the whole graph)."""
    if core.whole:
        return None
    kept = core.graph.number_of_edges()
    return (
        f"Ranked on the {kept:,} best-supported of {core.edges:,} edges (most claims first) "
        f"and their {core.graph.number_of_nodes():,} actors: the whole graph is too big to "
        "measure here."
    )


def sample_note(sample: int | None, measure: str) -> str | None:
    """Say when betweenness was estimated from sampled sources rather than computed exactly."""
    if measure != "betweenness" or sample is None:
        return None
    return (
        f"Betweenness estimated from shortest paths out of {sample:,} sampled actors "
        f"(a fixed seed, {analytics.PIVOT_SEED}): exact would take too long on this graph."
    )


def from_url(vocab: Vocabulary) -> None:
    """A bookmarked view's filters (``?measure=pagerank&type=SUED&kind=Person``), once."""
    params = st.query_params
    measure = params.get(MEASURE_PARAM)
    st.session_state.setdefault(MEASURE, measure if measure in LABELS else "degree")
    st.session_state.setdefault(
        TYPES, [t for t in params.get_all(TYPE_PARAM) if t in vocab.relations]
    )
    st.session_state.setdefault(KINDS, [k for k in params.get_all(KIND_PARAM) if k in vocab.kinds])
    st.session_state.setdefault(TOP, DEFAULT_TOP)


def render() -> None:
    """Filters, the ranking as a chart and a table, then the communities."""
    store = require_store()
    vocab = vocabulary()
    st.title("Analytics")
    key = store_version(store)
    from_url(vocab)
    type_col, kind_col = st.columns(2)
    types = type_col.multiselect(
        "Relation types", list(vocab.relations), key=TYPES, placeholder="All relation types"
    )
    kinds = kind_col.multiselect(
        "Actor kinds",
        list(vocab.kinds),
        key=KINDS,
        placeholder="All kinds",
        format_func=lambda k: vocab.kinds[k].label,
    )
    measure_col, top_col = st.columns([3, 2])
    measure = measure_col.radio(
        "Measure",
        list(LABELS),
        key=MEASURE,
        format_func=LABELS.get,
        horizontal=True,
        help="Degree: typed edges in and out. Betweenness: how often an actor lies on the "
        "shortest routes between others (directions ignored). PageRank: importance passed "
        "along the edges' direction, weighted by claims.",
    )
    top = top_col.slider("Actors shown", 5, 50, key=TOP)
    st.query_params[MEASURE_PARAM] = measure
    st.query_params[TYPE_PARAM] = types
    st.query_params[KIND_PARAM] = kinds
    every, sample = ranked(store, key, tuple(sorted(types)), tuple(sorted(kinds)), measure)
    for note in (core_note(core_graph(store, key)), sample_note(sample, measure)):
        if note:
            st.caption(note)
    rows = every[:top]
    if not rows:
        st.info("No actor matches these filters.")
        return
    chart_col, table_col = st.columns(2, gap="large")
    with chart_col:
        st.altair_chart(ranking_chart(rows, LABELS[measure]), width="stretch")
    with table_col:
        ranking_table(rows, vocab, LABELS[measure])
    st.subheader("Communities")
    st.caption("Louvain on the filtered graph, directions ignored, edges weighted by claims.")
    found = grouped(store, key, tuple(sorted(types)), tuple(sorted(kinds)))
    names = {r.id: r.name for r in ranked(store, key, (), (), "degree")[0]}
    st.dataframe(community_rows(found, names), hide_index=True, width="stretch")


def ranking_frame(
    rows: Sequence[analytics.Ranked], vocab: Vocabulary, measure: str
) -> pd.DataFrame:
    """The ranking as a table: rank, actor, kind, score."""
    return pd.DataFrame(
        [
            {
                "Rank": i,
                "Actor": r.name,
                "Kind": vocab.kinds[r.kind].label if r.kind in vocab.kinds else r.kind,
                measure: round(r.score, 4),
            }
            for i, r in enumerate(rows, start=1)
        ],
        columns=["Rank", "Actor", "Kind", measure],
    )


def ranking_chart(rows: Sequence[analytics.Ranked], measure: str) -> alt.Chart:
    """Horizontal bars, highest first."""
    frame = pd.DataFrame([{"actor": r.name, "score": r.score} for r in rows])
    return (
        alt.Chart(frame)
        .mark_bar(color=BAR_COLOR)
        .encode(
            x=alt.X("score:Q", title=measure),
            y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            tooltip=["actor", alt.Tooltip("score:Q", format=".4f")],
        )
        .properties(height=alt.Step(22))
    )


def ranking_table(rows: Sequence[analytics.Ranked], vocab: Vocabulary, measure: str) -> None:
    """The ranking; a selected row, or the pick list and button, opens Explore on the actor.

    The table's key names its rows, so a selection never outlives the ranking it was made in.
    """
    event = st.dataframe(
        ranking_frame(rows, vocab, measure),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="an_table:" + hashlib.sha1("|".join(r.id for r in rows).encode()).hexdigest()[:12],
    )
    picked = event.selection.rows if event else []
    if picked:
        explore(rows[picked[0]].id)
    names = {r.id: r.name for r in rows}
    pick_col, go_col = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick_col.selectbox("Explore an actor", list(names), key=PICK, format_func=names.get)
    if go_col.button("Explore →", key="an_explore") and chosen:
        explore(chosen)
    st.caption("Select a row, or pick an actor, to explore it.")


def explore(actor_id: str) -> None:
    st.switch_page(routes.explore(), query_params={"actor": actor_id})


def community_rows(
    found: Sequence[analytics.Community], names: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per community: its size and its most connected members."""
    return [
        {
            "Community": c.number,
            "Actors": len(c.members),
            "Members": ", ".join(names.get(m, m) for m in c.members[:MEMBERS_SHOWN])
            + (" …" if len(c.members) > MEMBERS_SHOWN else ""),
        }
        for c in found
    ]
