"""Stores for the app's tests, loaded as a pytest plugin by test_app.py and test_browser.py.

A plugin rather than an import, so both modules share one session-scoped store
(a fixture imported into two modules would be built twice).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph import Store, open_store
from actorgraph.loaders import Extractor, read_sources
from actorgraph.viz.connect import open_cached

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "actorgraph" / "samples"


def _short_folder() -> str:
    """A data folder under /tmp: the server's Unix socket path must stay under 108 bytes."""
    return tempfile.mkdtemp(prefix="ag-app-", dir="/tmp")


def close(store: Store, folder: str) -> None:
    """Close the app's cached handles on the store first: while they are open, the store's
    close sees other clients and leaves the embedded server running (the last user out
    stops it)."""
    open_cached.clear()
    store.close()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def app_sample_store() -> Iterator[Store]:
    """The bundled sample corpus, extracted and written once for the session."""
    folder = _short_folder()
    store = open_store(f"falkordb://{folder}")
    try:
        articles = list(read_sources([str(SAMPLES)]))
        store.write(list(Extractor().extract_many(articles)))
        yield store
    finally:
        close(store, folder)


@pytest.fixture(scope="session")
def app_empty_store() -> Iterator[Store]:
    """A store with nothing in it, for the app's first-run message."""
    folder = _short_folder()
    store = open_store(f"falkordb://{folder}")
    try:
        yield store
    finally:
        close(store, folder)


@pytest.fixture(scope="session")
def app_publishers_store() -> Iterator[Store]:
    """A small web told by two publishers (tests/test_paths_all.py's), for the publisher
    filter and the all-paths page."""
    from test_paths_all import web

    folder = _short_folder()
    store = open_store(f"falkordb://{folder}")
    try:
        store.write(web())
        yield store
    finally:
        close(store, folder)


@pytest.fixture
def fresh_store(falkordb_url: str) -> Iterator[Store]:
    """An empty embedded store of its own; the app's cached handle is dropped before it stops."""
    store = open_store(falkordb_url)
    try:
        yield store
    finally:
        open_cached.clear()
        store.close()


@pytest.fixture(scope="session")
def parallel_actor(app_sample_store: Store) -> str:
    """The id of an actor that the sample graph relates to another actor by two or more
    relation types: the tests of parallel edges draw its neighbourhood. Found in the data
    rather than named, for which pair the extractor relates twice changes as it learns."""
    types: dict[frozenset[str], set[str]] = {}
    for edge in app_sample_store.iter_edges():
        types.setdefault(frozenset((edge.subject, edge.object)), set()).add(edge.type)
    pairs = sorted(sorted(pair) for pair, found in types.items() if len(found) > 1)
    assert pairs, "the sample graph relates no pair of actors twice"
    return pairs[0][0]
