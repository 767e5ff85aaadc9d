"""The app's one store: its URL from the command line or the environment, opened once per server.

Every page calls :func:`require_store`; a bad URL or an empty store ends the page
with one friendly line instead of a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

import streamlit as st

from actorgraph.errors import ActorgraphError
from actorgraph.graph import Store, curation, default_url, mask_url, open_store

EMPTY_MESSAGE = "No articles yet: run `actorgraph ingest PATH` (or `actorgraph demo` for a sample)."


def store_url(argv: Sequence[str] | None = None) -> str:
    """``--store URL`` (``streamlit run viz/app.py -- --store URL``), else ACTORGRAPH_STORE.

    Without either, the default data folder. Unknown arguments are ignored (under
    AppTest, sys.argv is pytest's), and no abbreviations are accepted, so a stray
    ``--s`` never reads as ``--store``.
    """
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--store")
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return known.store or default_url()


def _close(store: Store) -> None:
    """Release the store's connections when Streamlit drops it from the cache."""
    with contextlib.suppress(ActorgraphError, OSError):  # a store whose server died
        store.close()


@st.cache_resource(show_spinner="Opening the store…", on_release=_close)
def open_cached(url: str) -> Store:
    """One store per URL and server process: the embedded server is shared, so open it once."""
    return open_store(url)


def open_or_stop() -> tuple[Store, int]:
    """The app's store and its article count (empty is fine); a bad URL stops the page."""
    url = store_url()
    try:
        store = open_cached(url)
        articles = store.stats().articles
    except ActorgraphError as error:
        open_cached.clear(url)  # the next run opens it afresh (and restarts its server)
        st.error(str(error))
        st.caption(f"Store: `{mask_url(url)}`")
        st.stop()
    return store, articles


def require_store() -> Store:
    """The app's store with at least one article; otherwise say why and stop the page."""
    url = store_url()
    store, articles = open_or_stop()
    if articles == 0:
        st.info(EMPTY_MESSAGE, icon="📭")
        st.caption(f"Store: `{mask_url(url)}`")
        st.stop()
    return store


Version = tuple[str, int, int, int, str | None]


def store_version(store: Store) -> Version:
    """The store's URL, counts and newest curation decision: a cache keyed on it is read
    afresh after an ingest, and after a curation (a rename changes no count), from the app
    or the CLI alike."""
    stats = store.stats()
    return (store.url, stats.articles, stats.actors, stats.edges, curation.last_decision(store))
