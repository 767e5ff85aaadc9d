"""Open a store from its URL: the scheme picks the backend, imported only when used."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from platformdirs import user_data_dir

from actorgraph.errors import StoreError
from actorgraph.graph.store import Store

STORE_ENV = "ACTORGRAPH_STORE"

# scheme -> (module, factory); a backend costs nothing until a URL asks for it.
BACKENDS: dict[str, tuple[str, str]] = {
    "falkordb": ("actorgraph.graph.falkordb_store", "open_falkordb"),
    **{
        scheme: ("actorgraph.graph.neo4j_store", "open_neo4j")
        for scheme in ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
    },
}


def default_data_dir() -> Path:
    """Where the embedded store keeps its data unless told otherwise."""
    return Path(user_data_dir("actorgraph", appauthor=False)) / "store"


def default_url() -> str:
    """The store URL from ACTORGRAPH_STORE, else the embedded store in the user's data folder."""
    return os.environ.get(STORE_ENV) or f"falkordb://{default_data_dir()}"


def mask_url(url: str) -> str:
    """The URL as it may be shown: a password in it as ***, ``bolt://neo4j:***@host``.

    Every URL actorgraph prints (the app's sidebar, the serve banner, errors) goes
    through here; a URL that does not parse is shown up to its scheme only."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        user = parts.netloc.rpartition("@")[0].partition(":")[0]
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        scheme = url.partition(":")[0]
        return f"{scheme}:…" if ":" in url else "…"


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (see default_url); a bad URL is a StoreError naming the valid forms."""
    url = url or default_url()
    scheme = urlsplit(url).scheme
    if scheme not in BACKENDS:
        raise StoreError(
            f"unknown store URL {mask_url(url)!r}; "
            "use falkordb:///path/to/folder (the embedded store) "
            "or neo4j://host, bolt://host:7687 (a Neo4j server)"
        )
    module, factory = BACKENDS[scheme]
    return getattr(importlib.import_module(module), factory)(url)
