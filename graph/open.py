"""Open a store from its URL: parsed once (StoreURL), the scheme picks the backend, which
is imported only when used."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit, urlunsplit

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


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A store URL, parsed once (StoreURL.parse) and taken as it is by the backends and by
    backup: ``falkordb:///path/to/folder[?graph=name]`` or
    ``neo4j://, bolt://, ... [user:password@]host[:port][?database=name]``."""

    text: str  # as given (it may hold a password: show ``masked``)
    scheme: str
    host: str | None  # as urllib reads it: lower case, an IPv6 address without brackets
    port: int | None  # None when none is given, or when it is not a port (``port_ok``)
    port_ok: bool
    path: str  # host and path together, unquoted: the embedded store's folder
    user: str | None
    password: str | None
    query: str  # the query as given, without its ``?``
    options: dict[str, str]  # the query's options, each one's first non-blank value
    masked: str  # as it may be shown (mask_url)

    @classmethod
    def parse(cls, url: str) -> StoreURL:
        """The parts of ``url``; a URL that does not parse at all is a one-line StoreError."""
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise StoreError(
                f"the store URL {mask_url(url)!r} does not parse ({error}); "
                "use falkordb:///path/to/folder or bolt://host:7687"
            ) from None
        try:
            port, port_ok = parts.port, True
        except ValueError:
            port, port_ok = None, False
        return cls(
            text=url,
            scheme=parts.scheme,
            host=parts.hostname,
            port=port,
            port_ok=port_ok,
            path=unquote(parts.netloc + parts.path),
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            query=parts.query,
            options={k: v[0] for k, v in parse_qs(parts.query).items()},
            masked=_masked(url, parts),
        )

    @property
    def backend(self) -> tuple[str, str] | None:
        """The (module, factory) that opens a store of this scheme, or None (BACKENDS)."""
        return BACKENDS.get(self.scheme)

    @property
    def database(self) -> str | None:
        """A Neo4j URL's ?database=, if given."""
        return self.options.get("database")


def _masked(url: str, parts: SplitResult) -> str:
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def mask_url(url: str) -> str:
    """The URL as it may be shown: a password in it as ***, ``bolt://neo4j:***@host``.

    Every URL actorgraph prints (the app's sidebar, the serve banner, errors) goes
    through here; a URL that does not parse is shown up to its scheme only."""
    try:
        return _masked(url, urlsplit(url))
    except ValueError:
        scheme = url.partition(":")[0]
        return f"{scheme}:…" if ":" in url else "…"


def open_store(url: str | StoreURL | None = None) -> Store:
    """The store at ``url`` (see default_url); a bad URL is a StoreError naming the valid forms."""
    parsed = url if isinstance(url, StoreURL) else StoreURL.parse(url or default_url())
    if parsed.backend is None:
        raise StoreError(
            f"unknown store URL {parsed.masked!r}; "
            "use falkordb:///path/to/folder (the embedded store) "
            "or neo4j://host, bolt://host:7687 (a Neo4j server)"
        )
    module, factory = parsed.backend
    return getattr(importlib.import_module(module), factory)(parsed)
