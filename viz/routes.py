"""The app's pages, defined once so navigation and st.switch_page name the same objects.

The page scripts live in views/, not pages/: Streamlit treats a pages/ folder beside the
entry script as an old-style multipage app, and a bookmarked /cypher?q=… opened on a
freshly started server would run that page alone, without app.py's st.navigation, its
layout or its sidebar.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "views"  # not "pages": see above


def explore() -> st.Page:
    """Search an actor, draw its ego network, read the evidence (the default page)."""
    return st.Page(PAGES / "explore.py", title="Explore", icon=":material/hub:", default=True)


def overview() -> st.Page:
    """Counts, charts, top actors and newest articles."""
    return st.Page(PAGES / "overview.py", title="Overview", icon=":material/bar_chart:")


def paths() -> st.Page:
    """The shortest paths between two actors, hop by hop with the evidence of each hop."""
    return st.Page(PAGES / "paths.py", title="Paths", icon=":material/route:")


def timeline() -> st.Page:
    """Edges first seen over time, and the graph as of a date."""
    return st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:")


def analytics() -> st.Page:
    """Degree, betweenness and PageRank rankings, and Louvain communities."""
    return st.Page(PAGES / "analytics.py", title="Analytics", icon=":material/leaderboard:")


def cypher() -> st.Page:
    """A read-only Cypher console with a table and a graph of the result."""
    return st.Page(PAGES / "cypher.py", title="Cypher", icon=":material/terminal:")


def sparql() -> st.Page:
    """SPARQL over the RDF view of the graph."""
    return st.Page(PAGES / "sparql.py", title="SPARQL", icon=":material/data_object:")


def ingest() -> st.Page:
    """Upload files or paste text, preview the extraction, then write it."""
    return st.Page(PAGES / "ingest.py", title="Ingest", icon=":material/upload_file:")


def review() -> st.Page:
    """Likely duplicate actors to merge or judge "not the same", and the curation log."""
    return st.Page(PAGES / "review.py", title="Review", icon=":material/rule:")


def article() -> st.Page:
    """One article's text with its claims and actors marked."""
    return st.Page(PAGES / "article.py", title="Article", icon=":material/article:")


ARTICLE_PARAM = "article"  # the Article page's URL parameter: the article's id
CLAIM_PARAM = "claim"  # and the claim whose sentence it opens at (a text search's hit)


def article_url(article_id: str, claim: str | None = None) -> str:
    """A link to one article's page, relative so it works wherever the app is served;
    with ``claim``, at that claim's sentence."""
    url = f"./article?{ARTICLE_PARAM}={article_id}"
    return f"{url}&{CLAIM_PARAM}={claim}" if claim else url


def all_pages() -> list[st.Page]:
    return [
        explore(),
        paths(),
        timeline(),
        analytics(),
        overview(),
        article(),
        cypher(),
        sparql(),
        review(),
        ingest(),
    ]
