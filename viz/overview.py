"""The Overview page: what the store holds, its most connected actors and newest articles."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from actorgraph.graph import ActorView, Stats
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import routes
from actorgraph.viz.connect import require_store
from actorgraph.viz.present import dated

TOP = 15
NEWEST = 10
BAR_COLOR = "#8c8c8c"


def render() -> None:
    """Counts, two bar charts, and two tables; a row of the actors table opens Explore."""
    store = require_store()
    vocab = vocabulary()
    stats = store.stats()
    st.title("Overview")
    counts(stats)
    kind_col, type_col = st.columns(2, gap="large")
    with kind_col:
        st.subheader("Actors by kind")
        st.altair_chart(kind_chart(stats, vocab), width="stretch")
    with type_col:
        st.subheader("Edges by relation type")
        st.altair_chart(type_chart(stats), width="stretch")
    top_col, news_col = st.columns(2, gap="large")
    with top_col:
        st.subheader("Most connected actors")
        top_actors(store.top_actors(TOP), vocab)
    with news_col:
        st.subheader("Newest articles")
        st.dataframe(
            article_rows(store.newest_articles(NEWEST)),
            hide_index=True,
            width="stretch",
            column_config={
                "Read": st.column_config.LinkColumn("Read", display_text="open the article")
            },
        )


def counts(stats: Stats) -> None:
    """One metric per total, in the order the pipeline makes them."""
    for col, (label, value) in zip(
        st.columns(4),
        [
            ("Articles", stats.articles),
            ("Actors", stats.actors),
            ("Claims", stats.claims),
            ("Edges", stats.edges),
        ],
        strict=True,
    ):
        col.metric(label, f"{value:,}")


def kind_chart(stats: Stats, vocab: Vocabulary) -> alt.Chart:
    """Actors per kind, each bar in its kind's colour from the vocabulary."""
    rows = [
        {"kind": vocab.kinds[k].label if k in vocab.kinds else k, "actors": n, "name": k}
        for k, n in stats.by_kind.items()
    ]
    colors = {k: v.color for k, v in vocab.kinds.items()}
    frame = pd.DataFrame(rows, columns=["kind", "actors", "name"])
    frame["color"] = frame["name"].map(colors).fillna(BAR_COLOR)
    return _bars(frame, "kind", "actors", color=alt.Color("color:N", scale=None, legend=None))


def type_chart(stats: Stats) -> alt.Chart:
    """Typed edges per relation type."""
    frame = pd.DataFrame(
        [{"relation": t, "edges": n} for t, n in stats.by_type.items()],
        columns=["relation", "edges"],
    )
    return _bars(frame, "relation", "edges", color=alt.value(BAR_COLOR))


def _bars(frame: pd.DataFrame, label: str, count: str, color: Any) -> alt.Chart:
    """Horizontal bars, longest first, counts as tooltips."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{count}:Q", title=None),
            y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            color=color,
            tooltip=[label, count],
        )
        .properties(height=alt.Step(22))
    )


def top_actors(rows: list[tuple[ActorView, int]], vocab: Vocabulary) -> None:
    """The most connected actors; selecting a row opens it in Explore."""
    table = [
        {
            "Actor": a.name,
            "Kind": vocab.kinds[a.kind].label if a.kind in vocab.kinds else a.kind,
            "Edges": degree,
            "Mentions": a.mentions,
        }
        for a, degree in rows
    ]
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="top_actors",
    )
    st.caption("Select a row to explore that actor.")
    picked = event.selection.rows if event else []
    if picked:
        st.switch_page(routes.explore(), query_params={"actor": rows[picked[0]][0].id})


def article_rows(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest articles as table rows, each with a link to its Article page."""
    return [
        {
            "Published": dated(a["published"], a.get("date_origin")) if a.get("published") else "",
            "Title": a.get("title") or "",
            "Publisher": a.get("publisher") or "",
            "Source": a.get("url") or a.get("source") or "",
            "Read": routes.article_url(a["id"]),
        }
        for a in articles
    ]
