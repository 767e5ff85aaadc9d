"""The app's pages, defined once so navigation and st.switch_page name the same objects."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"


def explore() -> st.Page:
    """Search an actor, draw its ego network, read the evidence (the default page)."""
    return st.Page(PAGES / "explore.py", title="Explore", icon=":material/hub:", default=True)


def overview() -> st.Page:
    """Counts, charts, top actors and newest articles."""
    return st.Page(PAGES / "overview.py", title="Overview", icon=":material/bar_chart:")


def all_pages() -> list[st.Page]:
    return [explore(), overview()]
