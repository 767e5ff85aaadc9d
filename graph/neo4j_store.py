"""The Neo4j backend: a user's Neo4j server, cluster or Aura, through the official driver.

It runs the same Cypher as the embedded store (graph.cypher); what is Neo4j's own
is here: the schema (uniqueness constraints, indexes, a full-text index over actor
names and aliases, created on first use), managed transactions that the driver
retries on transient errors, read-only user queries enforced by the server (READ
access mode), and the mapping of driver errors to one-line StoreError/QueryError.
"""

from __future__ import annotations

import logging
import os
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j._exceptions import BoltSecurityError
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    CypherSyntaxError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship

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
from actorgraph.graph.fulltext import TextIndex
from actorgraph.graph.open import StoreURL
from actorgraph.graph.values import decode_text, encode_params
from actorgraph.graph.views import QueryResult
from actorgraph.graph.write_plan import Statement

# The driver logs retries and server hints as warnings; without a handler of the
# application's, Python would print them on stderr under the CLI's one-line errors.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

USER_ENV, PASSWORD_ENV, DATABASE_ENV = "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"
GRAM_INDEX = "actor_grams"
OLD_NAME_INDEX = "actor_names"  # name search's index before trigrams: dropped
# One NameGrams node per actor was required before an actor had one per set of names it was
# given (cypher.ADD_NAME_GRAMS): dropped, for the plain index in SCHEMA.
OLD_NAME_GRAMS_CONSTRAINT = "name_grams_actor"

# Neo4j's dialect: the schema statements (FalkorDB's are in falkordb_store).
SCHEMA = {
    "actor_id": "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
    "article_id": "CREATE CONSTRAINT article_id IF NOT EXISTS "
    "FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "claim_id": "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
    "claim_type": "CREATE INDEX claim_type IF NOT EXISTS FOR (n:Claim) ON (n.type)",
    "claim_edge": "CREATE INDEX claim_edge IF NOT EXISTS FOR (n:Claim) ON (n.edge_key)",
    "alias_key": "CREATE CONSTRAINT alias_key IF NOT EXISTS FOR (n:Alias) REQUIRE n.key IS UNIQUE",
    "name_grams_of": "CREATE INDEX name_grams_of IF NOT EXISTS FOR (n:NameGrams) ON (n.actor)",
}
# Name search's index: each of an actor's name trigrams (graph.grams) is a term, split at
# spaces and nothing else. Made after the actors of an older store have their trigrams.
CREATE_GRAM_INDEX = (
    f"CREATE FULLTEXT INDEX {GRAM_INDEX} IF NOT EXISTS FOR (n:NameGrams) ON EACH [n.grams] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
)
# Search over text's indexes: the words of claims and of articles (graph.fulltext), split
# at spaces and nothing else, as FalkorDB's take them. Made after an older store's articles
# and claims have their words.
TEXT_INDEXES = {"claim_words": "Claim", "article_words": "Article"}
CREATE_TEXT_INDEX = (
    "CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{label}) ON EACH [n.words] "
    "OPTIONS {{indexConfig: {{`fulltext.analyzer`: 'whitespace'}}}}"
)
TEXT = TextIndex(
    claims=cypher.claims_matching(
        "CALL db.index.fulltext.queryNodes('claim_words', $terms) YIELD node, score"
    ),
    articles=cypher.articles_matching(
        "CALL db.index.fulltext.queryNodes('article_words', $terms) YIELD node, score"
    ),
    every=" AND ",
)
DROP_OLD_NAME_INDEX = f"DROP INDEX {OLD_NAME_INDEX} IF EXISTS"
DROP_OLD_NAME_GRAMS_CONSTRAINT = f"DROP CONSTRAINT {OLD_NAME_GRAMS_CONSTRAINT} IF EXISTS"
SHOW_INDEXES = "SHOW INDEXES YIELD name RETURN name"
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"

# Lucene's syntax joins the terms (the whitespace analyzer leaves each as it is).
GRAMS = GramIndex.over(
    f"CALL db.index.fulltext.queryNodes('{GRAM_INDEX}', $terms) YIELD node, score",
    every=" AND ",
    any=" OR ",
)

# Neo4j's dialect (FalkorDB's is in falkordb_store; what differs: docs/dialects.md): an
# account that may not change the schema (Forbidden) reads the store as it is.
DIALECT = Dialect(
    indexes=tuple(
        Index(
            name,
            statement,
            # one NameGrams node an actor was a constraint: dropped for the plain index
            replaces=(DROP_OLD_NAME_GRAMS_CONSTRAINT,) if name == "name_grams_of" else (),
            # a store from before edge keys gets its claims' keys when it is made (once)
            backfill=cypher.BACKFILL_EDGE_KEYS if name == "claim_edge" else None,
        )
        for name, statement in SCHEMA.items()
    ),
    # refused to a read-only account: the first step it is refused ends the open's changes
    gram_index=Index(GRAM_INDEX, CREATE_GRAM_INDEX, replaces=(DROP_OLD_NAME_INDEX,)),
    text_indexes=tuple(
        Index(name, CREATE_TEXT_INDEX.format(name=name, label=label))
        for name, label in TEXT_INDEXES.items()
    ),
    grams=GRAMS,
    text=TEXT,
    refused=(Forbidden,),
)

_UNREACHABLE = ("Couldn't connect", "Unable to retrieve routing information")

READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
)


def _plain(value: Any) -> Any:
    """The driver's nodes, relationships and paths as the same plain dicts as FalkorDB's,
    strings decoded (graph.values)."""
    if isinstance(value, str):
        return decode_text(value)
    if isinstance(value, Node):
        return {"_id": value.element_id, "_labels": sorted(value.labels), **_plain(dict(value))}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "_id": value.element_id,
            "_type": value.type,
            "_start": start.element_id if start is not None else None,
            "_end": end.element_id if end is not None else None,
            **_plain(dict(value)),
        }
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "edges": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _root_cause(error: BaseException) -> BaseException:
    """The innermost error behind a driver error (causes, contexts, a routing group's first)."""
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, BaseExceptionGroup) and error.exceptions:
            error = error.exceptions[0]
            continue
        following = error.__cause__ or error.__context__
        if following is None:
            break
        error = following
    return error


def _first_line(error: BaseException) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return message.strip().splitlines()[0]


class Neo4jStore(CypherStore):
    """A Store on a Neo4j server (5.x): one driver, sessions per call, one database."""

    def __init__(self, uri: str, user: str, password: str | None, database: str | None) -> None:
        self.uri = uri
        self.database = database
        self.url = uri + (f"?database={database}" if database else "")
        auth = (user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=10,
                max_transaction_retry_time=15,
                # The server's hints ("label does not exist" on an empty graph) would reach
                # the user as log lines on stderr; actorgraph's queries are checked in tests.
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as error:
            raise StoreError(f"cannot use the Neo4j URL {uri!r}: {_first_line(error)}") from None
        self._user = user
        try:
            with self._errors():
                self._ensure_schema()
        except BaseException:
            self._driver.close()
            raise

    # --- errors ----------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Connection, login and database problems as one-line StoreErrors."""
        try:
            yield
        except AuthError:
            raise StoreError(
                f"Neo4j at {self.uri} refused user {self._user!r}: wrong user or password "
                f"(set {USER_ENV} and {PASSWORD_ENV}, or put them in the URL)"
            ) from None
        except (ServiceUnavailable, SessionExpired) as error:
            raise StoreUnavailable(self._unreachable(error)) from None
        except ClientError as error:
            if error.code and "DatabaseNotFound" in error.code:
                raise StoreError(
                    f"Neo4j at {self.uri} has no database {self.database!r}; "
                    f"check ?database= or {DATABASE_ENV}"
                ) from None
            if "system database" in _first_line(error):
                raise StoreError(
                    f"the database {self.database!r} at {self.uri} is Neo4j's own administration "
                    "database, which holds no graph; name a user database with ?database= "
                    f"or {DATABASE_ENV}"
                ) from None
            raise

    def _unreachable(self, error: Exception) -> str:
        """One line naming why no connection was made: TLS, a refusal, an unknown host."""
        cause = _root_cause(error)
        if isinstance(cause, ssl.SSLError | BoltSecurityError):
            return (
                f"no TLS connection could be made to Neo4j at {self.uri} ({_first_line(cause)}); "
                "does the server have TLS on? Without it use bolt:// or neo4j://"
            )
        if isinstance(cause, ConnectionRefusedError):
            return (
                f"no Neo4j server answers at {self.uri} (connection refused); "
                "is it running, and is the address right?"
            )
        if isinstance(cause, socket.gaierror):
            return f"the host of {self.uri} is unknown ({cause.strerror}); check the address"
        detail = _first_line(error)
        detail = "" if detail.startswith(_UNREACHABLE) else f" ({detail})"
        return (
            f"no Neo4j server answers at {self.uri}{detail}; "
            "is it running, and is the address right?"
        )

    def _session(self, access: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access)

    def _ensure_schema(self) -> None:
        """Constraints and indexes, once per database: IF NOT EXISTS makes reruns free.

        A user without schema rights (a read-only account) gets the store as it is; name
        search then scans (graph.migrations runs DIALECT in one session)."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            self._open_schema(DIALECT, _Schema(self, session))

    # --- the three primitives ----------------------------------------------------------

    @staticmethod
    def _fetch(tx: ManagedTransaction, text: str, params: dict[str, Any]) -> QueryResult:
        with collector_paused():
            result = tx.run(text, params)
            rows = [[_plain(v) for v in record.values()] for record in result]
            return QueryResult(list(result.keys()), rows)

    def _read(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        encoded = encode_params(params or {})
        with self._errors(), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(self._fetch, text, encoded)

    def _write(self, statements: list[Statement]) -> None:
        """All statements in one managed write transaction, retried whole on transient errors."""
        try:
            with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
                self._write_in(session, statements)
        except Neo4jError as error:
            raise StoreError(f"the store refused a write: {_first_line(error)}") from None

    @staticmethod
    def _write_in(session: neo4j.Session, statements: list[Statement]) -> None:
        """The statements in one managed write transaction of ``session``; the driver's
        errors as they are (Forbidden for an account that may only read)."""
        encoded = [(text, encode_params(params)) for text, params in statements]

        def work(tx: ManagedTransaction) -> None:
            for text, params in encoded:
                tx.run(text, params).consume()

        session.execute_write(work)

    def _user_query(
        self, text: str, params: dict[str, Any], write: bool, timeout: float
    ) -> QueryResult:
        """Read access mode unless ``write``: the server itself refuses a write in a read.
        The server ends the transaction after ``timeout`` seconds (0: no limit)."""
        access = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        encoded = encode_params(params)
        work = neo4j.unit_of_work(timeout=timeout)(self._fetch)
        try:
            with self._errors(), self._session(access) as session:
                run = session.execute_write if write else session.execute_read
                return run(work, text, encoded)
        except CypherSyntaxError as error:
            raise QueryError(f"the query failed: {_first_line(error)}") from None
        except Neo4jError as error:
            if error.code and "TransactionTimedOut" in error.code:
                raise QueryTimeout(time_limit(timeout)) from None
            if not write and error.code in READ_ONLY_CODES:
                raise ReadOnlyError() from None
            raise QueryError(f"the query failed: {_first_line(error)}") from None

    def close(self) -> None:
        self._driver.close()


class _Schema:
    """Neo4j's side of opening a store (graph.dialect.Schema): one write session."""

    def __init__(self, store: Neo4jStore, session: neo4j.Session) -> None:
        self._store, self._session = store, session

    def present(self) -> set[str]:
        return {r["name"] for r in self._session.run(SHOW_INDEXES)}

    def run(self, statement: str) -> None:
        self._session.run(statement).consume()

    def holds(self, question: str) -> bool:
        record = self._session.run(question).single()
        return record is not None and bool(record["missing"])

    def write(self, statements: list[Statement]) -> None:
        """One transaction of the session: Forbidden as it is (graph.migrations stops
        there), another refusal as one line, as a write's."""
        try:
            self._store._write_in(self._session, statements)
        except Forbidden:
            raise
        except Neo4jError as error:
            raise StoreError(f"the store refused a write: {_first_line(error)}") from None

    def settle(self) -> None:
        self._session.run(AWAIT_INDEXES).consume()

    def ready(self) -> None:
        """Nothing to wait for: settle() waited for each index made."""


def open_neo4j(url: StoreURL) -> Neo4jStore:
    """neo4j://, neo4j+s://, bolt:// ... [user:password@]host[:port][?database=name].

    Credentials from the URL, else NEO4J_USER (default neo4j) and NEO4J_PASSWORD;
    the database from ?database=, else NEO4J_DATABASE, else the server's default.
    """
    if not url.host:
        raise StoreError(f"the store URL {url.masked!r} names no host; use bolt://host:7687")
    user = url.user or os.environ.get(USER_ENV, "neo4j")
    password = url.password if url.password is not None else os.environ.get(PASSWORD_ENV)
    database = url.database or os.environ.get(DATABASE_ENV)
    host = url.host if ":" not in url.host else f"[{url.host}]"
    if not url.port_ok:
        raise StoreError(f"the store URL {url.masked!r} has a bad port")
    uri = f"{url.scheme}://{host}" + (f":{url.port}" if url.port else "")
    return Neo4jStore(uri, user, password, database or None)
