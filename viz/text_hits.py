"""Texts that hold the words searched for, under Explore's search box: the articles and
evidence sentences the store's full-text index finds (Store.search_text), the words
highlighted, each a link to its Article page (a sentence opens its article at that claim).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from actorgraph.graph import Store, TextHit
from actorgraph.viz import routes
from actorgraph.viz.present import md_escape

SHOWN = 10  # of each kind: articles, then evidence sentences


def show(store: Store, text: str, expanded: bool) -> None:
    """An expander listing the hits (open when no actor matched the search)."""
    hits = store.search_text(text, limit=SHOWN)
    with st.expander(f"Articles and sentences with these words ({len(hits)})", expanded=expanded):
        if not hits:
            st.caption("No article or evidence sentence holds every word.")
        for hit in hits:
            st.markdown(hit_markdown(hit))


def highlighted(snippet: str, marks: Sequence[tuple[int, int]]) -> str:
    """Escaped Markdown of a snippet with each word found highlighted."""
    out, at = [], 0
    for start, end in marks:
        out += [
            md_escape(snippet[at:start]),
            f":orange-background[{md_escape(snippet[start:end])}]",
        ]
        at = end
    out.append(md_escape(snippet[at:]))
    return " ".join("".join(out).split())  # one line: a list item of Markdown


def hit_markdown(hit: TextHit) -> str:
    """``- [Title](article link) · date: …words…``; a sentence names its edge."""
    title = md_escape(hit.title or "untitled article")
    found = f"{hit.published or 'undated'}: {highlighted(hit.snippet, hit.marks)}"
    if hit.kind == "claim":
        url = routes.article_url(hit.article, claim=hit.claim)
        ends = (md_escape(hit.subject_name or ""), md_escape(hit.object_name or ""))
        edge = f"{ends[0]} {hit.type} {ends[1]}"
        return f"- :blue-badge[evidence] [{edge}]({url}) · {title} · {found}"
    url = routes.article_url(hit.article)
    return f"- :gray-badge[article] [{title}]({url}) · {found}"
