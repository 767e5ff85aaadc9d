"""The embedded default backend: FalkorDB in a server actorgraph starts itself.

The server listens on a Unix socket in the data folder (no TCP port) and keeps
an append-only log there; graph.embedded manages the process. A batch of
statements is one MULTI/EXEC transaction: no other client sees it half done,
and the log replays it whole or not at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FalkorPath
from falkordb.query_result import QueryResult as FalkorResult

from actorgraph.errors import (
    QueryError,
    QueryTimeout,
    ReadOnlyError,
    StoreError,
    StoreUnavailable,
)
from actorgraph.graph import cypher
from actorgraph.graph.cypher_store import CypherStore, collector_paused, time_limit
from actorgraph.graph.dialect import Dialect, GramIndex, Index
from actorgraph.graph.embedded import EmbeddedServer
from actorgraph.graph.fulltext import TextIndex
from actorgraph.graph.open import StoreURL
from actorgraph.graph.values import decode_text, decode_value, falkordb_header
from actorgraph.graph.views import QueryResult
from actorgraph.graph.write_plan import Statement

GRAPH_NAME = "actorgraph"

# Name search's index: each of an actor's name trigrams (graph.grams) is a term, taken as
# it is (no stemming, no stop words: 'the' is a trigram like any other).
_CREATE_GRAM_INDEX = (
    "CALL db.idx.fulltext.createNodeIndex({label: 'NameGrams', stopwords: []}, "
    "{field: 'grams', nostem: true})"
)
# A label's index as label, {property: its index types}, status. While a label's index is
# rebuilt (a property added or dropped) FalkorDB lists two rows for it: the one being
# built, and the old one, still OPERATIONAL, serving queries until the new one is done.
_BUILT = "OPERATIONAL"
_INDEX_STATE = """
CALL db.indexes() YIELD label, types, status
WHERE label = $label
RETURN types, status
"""
_INDEXES_HELD = "CALL db.indexes() YIELD label, types, status RETURN label, types, status"
GRAMS = GramIndex.over(
    "CALL db.idx.fulltext.queryNodes('NameGrams', $terms) YIELD node, score", every=" ", any="|"
)
# Search over text's indexes: the words of claims and of articles (graph.fulltext), each
# word a term as it is. Made after an older store's articles and claims have their words.
_TEXT_LABELS = ("Claim", "Article")
_CREATE_TEXT_INDEX = (
    "CALL db.idx.fulltext.createNodeIndex({{label: '{label}', stopwords: []}}, "
    "{{field: 'words', nostem: true}})"
)
TEXT = TextIndex(
    claims=cypher.claims_matching(
        "CALL db.idx.fulltext.queryNodes('Claim', $terms) YIELD node, score"
    ),
    articles=cypher.articles_matching(
        "CALL db.idx.fulltext.queryNodes('Article', $terms) YIELD node, score"
    ),
    every=" ",
)
_NO_GRAPH = "empty key"  # FalkorDB's answer to a read of a graph not made yet
_FULLTEXT = " (full-text)"  # a full-text index's name: "NameGrams.grams (full-text)"


def _range_index(label: str, prop: str, backfill: str | None = None) -> Index:
    return Index(f"{label}.{prop}", f"CREATE INDEX FOR (n:{label}) ON (n.{prop})", (), backfill)


# FalkorDB's dialect (Neo4j's is in neo4j_store; what differs: docs/dialects.md). Range
# indexes have no IF NOT EXISTS: one another process made meanwhile is not an error.
DIALECT = Dialect(
    indexes=(
        _range_index("Actor", "id"),
        _range_index("Article", "id"),
        _range_index("Claim", "id"),
        _range_index("Claim", "type"),
        _range_index("Alias", "key"),
        _range_index("NameGrams", "actor"),
        # a store from before edge keys gets its claims' keys when it is made (once)
        _range_index("Claim", "edge_key", backfill=cypher.BACKFILL_EDGE_KEYS),
    ),
    gram_index=Index("NameGrams.grams" + _FULLTEXT, _CREATE_GRAM_INDEX),
    text_indexes=tuple(
        Index(f"{label}.words{_FULLTEXT}", _CREATE_TEXT_INDEX.format(label=label))
        for label in _TEXT_LABELS
    ),
    grams=GRAMS,
    text=TEXT,
)
GRAM_INDEX_TIMEOUT = 600.0  # seconds an older store's actors may take to be indexed
# FalkorDB stops a write query at its TIMEOUT only when TIMEOUT_MAX is set (a runaway
# --write query otherwise runs on: bench/results.md): a day, so that only the limits
# actorgraph gives user queries ever stop one.
_TIMEOUT_MAX = ("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", 86_400_000)
_TIMED_OUT = "Query timed out"


_SCALARS = (str, int, float, bool, type(None))

# The kinds of value in FalkorDB's compact replies that _value reads itself.
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


class _NotScalar(Exception):
    """A reply holds a node, an edge, a path or another value only the client parses."""


def _value(cell: list[Any]) -> Any:
    """One [kind, value] of a compact reply that is a scalar, or a list or map of them:
    all that actorgraph's own reads return. (Read here faster than by the client's
    parser, which also knows nodes: bench/results.md.)"""
    kind, value = cell
    if kind == _STRING:
        return decode_text(value)
    if kind == _INTEGER:
        return value
    if kind == _NULL:
        return None
    if kind == _DOUBLE:
        return float(value)
    if kind == _BOOLEAN:
        return value == "true"
    if kind == _ARRAY:
        return [_value(v) for v in value]
    if kind == _MAP:
        return {value[i]: _value(value[i + 1]) for i in range(0, len(value), 2)}
    raise _NotScalar


def _plain(value: Any) -> Any:
    """FalkorDB's nodes, edges and paths as plain dicts, recursively, strings decoded.
    (Scalars are let through first.)"""
    if type(value) in _SCALARS:
        return decode_text(value) if type(value) is str else value
    if isinstance(value, Node):
        props = decode_value(value.properties)
        return {"_id": value.id, "_labels": list(value.labels or []), **props}
    if isinstance(value, Edge):
        return {
            "_id": value.id,
            "_type": value.relation,
            "_start": value.src_node,
            "_end": value.dest_node,
            **decode_value(value.properties),
        }
    if isinstance(value, FalkorPath):
        return {
            "nodes": [_plain(n) for n in value.nodes()],
            "edges": [_plain(e) for e in value.edges()],
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _error_line(error: Exception) -> str:
    """The first line of a FalkorDB error, without the protocol's prefixes."""
    text = str(error).replace("errMsg: ", "").strip()
    return text.split(" errCtx:")[0].splitlines()[0] if text else type(error).__name__


class FalkorDBStore(CypherStore):
    """A Store in an embedded FalkorDB server for the data folder ``path``."""

    def __init__(self, path: Path, graph: str = GRAPH_NAME) -> None:
        self.path = Path(path).expanduser().resolve()
        self.url = f"falkordb://{self.path}"
        self.server = EmbeddedServer(self.path)
        socket = self.server.ensure_running()
        self.server.ensure_graph(graph)
        self._db = FalkorDB(unix_socket_path=str(socket))
        self._graph = self._db.select_graph(graph)
        self._graph_name = graph
        self._wrote = False
        with self._errors():
            self._db.connection.execute_command(*_TIMEOUT_MAX)
            self._open_schema(DIALECT, _Schema(self))

    def _await_index(self, label: str) -> None:
        """Wait until a label's index is built (a big store's is built in the background)."""
        deadline = time.monotonic() + GRAM_INDEX_TIMEOUT
        while not self._index_built(label):
            if time.monotonic() > deadline:
                return
            time.sleep(0.05)

    def _index_built(self, label: str) -> bool:
        rows = self._read(_INDEX_STATE, {"label": label}).rows
        return all(status == _BUILT for _, status in rows)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (redis.ConnectionError, redis.TimeoutError, FileNotFoundError) as error:
            raise StoreUnavailable(
                f"the embedded FalkorDB server for {self.path} is not answering ({error}); "
                "run the command again to restart it"
            ) from None

    def _read(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        return self._run("GRAPH.RO_QUERY", text, params)

    def _run(
        self, command: str, text: str, params: dict[str, Any] | None, timeout_ms: int = 0
    ) -> QueryResult:
        """One statement, its reply read as plain rows: by _value, or by the client's
        parser when it holds nodes, edges or paths (user queries). The server stops it
        after ``timeout_ms`` (0: no limit)."""
        args = [command, self._graph_name, falkordb_header(params) + text, "--compact"]
        if timeout_ms:
            args += ["TIMEOUT", timeout_ms]
        with self._errors(), collector_paused():
            return self._result(self._db.connection.execute_command(*args))

    def _result(self, reply: list[Any]) -> QueryResult:
        if isinstance(reply[-1], redis.ResponseError):  # an error after the rows, as the
            raise reply[-1]  # client checks (FalkorDB 4.16 answers with the error alone)
        if len(reply) == 1:  # statistics only: the statement returns nothing
            return QueryResult([], [])
        columns = [str(name) for _, name in reply[0]]
        try:
            rows = [[_value(cell) for cell in row] for row in reply[1]]
        except _NotScalar:
            parsed = FalkorResult(self._graph, reply).result_set
            rows = [[_plain(v) for v in row] for row in parsed]
        return QueryResult(columns, rows)

    def _write(self, statements: list[Statement]) -> None:
        pipe = self._db.connection.pipeline(transaction=True)
        for text, params in statements:
            header = falkordb_header(params)  # values as data: graph.values
            pipe.execute_command("GRAPH.QUERY", self._graph_name, header + text, "--compact")
        with self._errors():
            replies = pipe.execute(raise_on_error=False)
        errors = [r for r in replies if isinstance(r, Exception)]
        if errors:
            raise StoreError(f"the store refused a write: {_error_line(errors[0])}")
        self._wrote = True

    def _user_query(
        self, text: str, params: dict[str, Any], write: bool, timeout: float
    ) -> QueryResult:
        """Read-only unless ``write``; the server stops it after ``timeout`` seconds."""
        timeout_ms = max(1, round(timeout * 1000)) if timeout else 0
        try:
            if not write:
                return self._run("GRAPH.RO_QUERY", text, params, timeout_ms)
            result = self._run("GRAPH.QUERY", text, params, timeout_ms)
            self._wrote = True
            return result
        except redis.ResponseError as error:
            line = _error_line(error)
            if line.startswith(_TIMED_OUT):
                raise QueryTimeout(time_limit(timeout)) from None
            if "read-only" in line:
                raise ReadOnlyError() from None
            raise QueryError(f"the query failed: {line}") from None

    def dump_payloads(self) -> dict[str, bytes]:
        """Every key of the server as DUMP payloads, one consistent state (graph.backup)."""
        return self.server.dump()

    def load_payloads(self, payloads: dict[str, bytes]) -> None:
        """Replace everything the server holds by DUMP payloads, all or nothing."""
        self.server.load(payloads)

    def close(self) -> None:
        """Flush the log if we wrote, and stop the server if no other process uses it."""
        try:
            if self._wrote:
                self.server.rewrite_log()
            self._db.connection.close()
        finally:
            self.server.release()


def _to_be(held: list[list]) -> dict[str, dict[str, list[str]]]:
    """Each label's index as it will be: the one being built, where one is."""
    indexes: dict[str, dict[str, list[str]]] = {}
    for label, types, _ in sorted(held, key=lambda row: row[2] != _BUILT):
        indexes[label] = types  # a row being built comes last and wins
    return indexes


class _Schema:
    """FalkorDB's side of opening a store (graph.dialect.Schema): its own commands."""

    def __init__(self, store: FalkorDBStore) -> None:
        self._store = store

    def present(self) -> set[str]:
        try:
            held = self._store._read(_INDEXES_HELD).rows
        except redis.ResponseError as error:
            if _NO_GRAPH not in str(error):
                raise
            return set()  # no graph yet (its server restarted since ensure_graph): no index
        found = [
            (f"{label}.{prop}", kinds)
            for label, types in _to_be(held).items()
            for prop, kinds in types.items()
        ]
        return {name for name, kinds in found if "RANGE" in kinds} | {
            name + _FULLTEXT for name, kinds in found if "FULLTEXT" in kinds
        }

    def run(self, statement: str) -> None:
        try:
            self._store._graph.query(statement)
        except redis.ResponseError as error:
            if "already indexed" not in str(error) and "already exists" not in str(error):
                raise

    def holds(self, question: str) -> bool:
        return self._store._read(question).rows == [[True]]

    def write(self, statements: list[Statement]) -> None:
        self._store._write(statements)

    def settle(self) -> None:
        """Nothing to wait for here: ready() waits for the full-text indexes."""

    def ready(self) -> None:
        for label in ("NameGrams", *_TEXT_LABELS):
            self._store._await_index(label)


def open_falkordb(url: StoreURL) -> FalkorDBStore:
    """falkordb:///path/to/folder[?graph=name]: the embedded server for that data folder."""
    if not url.path:
        raise StoreError(
            f"the store URL {url.text!r} names no folder; use falkordb:///path/to/folder"
        )
    return FalkorDBStore(Path(url.path), url.options.get("graph", GRAPH_NAME))
