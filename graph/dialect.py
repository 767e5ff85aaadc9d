"""A backend's dialect: what its schema is, and how its query language reads its indexes.

Each backend declares one Dialect (graph.falkordb_store.DIALECT, graph.neo4j_store.DIALECT);
graph.migrations runs it when a store is opened, the same steps for both, through the
backend's Schema (its own commands or session). docs/dialects.md lists what differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from actorgraph.graph import cypher
from actorgraph.graph.fulltext import TextIndex
from actorgraph.graph.write_plan import Statement


@dataclass(frozen=True, slots=True)
class GramIndex:
    """A backend's full-text index over actors' NameGrams (graph.grams): its statements for
    name search and did-you-mean ($terms, $limit), and how its query language joins terms
    that must all be there (``every``) or may be (``any``)."""

    search: str
    similar: str
    every: str
    any: str

    @classmethod
    def over(cls, query_index: str, every: str, any: str) -> GramIndex:
        """The index a backend reads with ``query_index``: a CALL of its full-text query
        on $terms that yields ``node`` (a NameGrams) and ``score``."""
        candidates = cypher.gram_candidates(query_index)
        return cls(cypher.search_among(candidates), cypher.similar_among(candidates), every, any)


@dataclass(frozen=True, slots=True)
class Index:
    """One index or constraint of a backend's schema, made when a store lacks it.

    ``name`` is how Schema.present lists it; ``replaces`` are statements that drop what an
    older store had in its stead (run first); ``backfill`` fills in, once, what an older
    store's nodes lack of the property it covers (run right after it is made)."""

    name: str
    create: str
    replaces: tuple[str, ...] = ()
    backfill: str | None = None


@dataclass(frozen=True, slots=True)
class Dialect:
    """What a backend's schema is, and how it reads its full-text indexes.

    ``indexes`` are made first; ``migrations`` are (is it missing?, fill it in) pairs of
    statements, each asked in turn (cypher.MIGRATIONS); ``gram_index`` is made once every
    actor has its trigrams, ``text_indexes`` once every article and claim has its words.
    ``refused`` are the errors a backend raises to an account that may not change the
    schema: such an account reads the store as it is."""

    indexes: tuple[Index, ...]
    gram_index: Index
    text_indexes: tuple[Index, ...]
    grams: GramIndex
    text: TextIndex
    migrations: tuple[tuple[str, str], ...] = cypher.MIGRATIONS
    refused: tuple[type[Exception], ...] = ()


class Schema(Protocol):
    """How a backend reaches its schema while a store is opened (graph.migrations)."""

    def present(self) -> set[str]:
        """The names (Index.name) of the indexes the store has."""
        ...

    def run(self, statement: str) -> None:
        """Run one schema or backfill statement; an index made meanwhile by another
        process is not an error."""
        ...

    def holds(self, question: str) -> bool:
        """Whether a migration's question (one row, ``missing``) is answered true."""
        ...

    def write(self, statements: list[Statement]) -> None:
        """Run the statements as one transaction (a backfill's batch)."""
        ...

    def settle(self) -> None:
        """Wait for the indexes just made to be built."""
        ...

    def ready(self) -> None:
        """Wait for the full-text indexes to be built, however they were made."""
        ...
