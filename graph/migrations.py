"""Opening a store: its backend's dialect made real, and what an older store lacks filled in.

One loop for every backend (open_schema): the indexes and constraints, the migrations
(cypher.MIGRATIONS), name search's trigram index once every actor has its trigrams,
search over text's indexes once every article and claim has its words, then the actor
ids from names. Each step asks first, so opening a store that has everything costs a
few reads; an open cut short carries on next time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from actorgraph.batching import batched
from actorgraph.graph import cypher
from actorgraph.graph.dialect import Dialect, Index, Schema
from actorgraph.graph.fulltext import words_statements
from actorgraph.graph.grams import name_grams
from actorgraph.graph.write_plan import Statement
from actorgraph.schema import Extraction, actor_id

if TYPE_CHECKING:
    from actorgraph.graph.cypher_store import CypherStore

# Articles written again per transaction when an older store's actor ids are rewritten.
ID_MIGRATION_BATCH = 200
# Actors given their name trigrams per transaction when an older store is first opened.
GRAM_BACKFILL_BATCH = 10_000
# Articles given their words (search over text) per transaction when an older store is opened.
WORDS_BACKFILL_BATCH = 200


def open_schema(store: CypherStore, dialect: Dialect, schema: Schema) -> set[str]:
    """Make what the store lacks of ``dialect``, filling in what an older store lacks
    first; the names of the indexes it has afterwards.

    An account the backend refuses schema changes to (Dialect.refused) gets the store as
    it is: what it lacks stays missing, and name search or search over text then scan or
    are refused (CypherStore._grams, _text)."""
    present = schema.present()
    missing = [index for index in dialect.indexes if index.name not in present]
    if missing:
        with _unless_refused(dialect):
            _make(schema, missing)
            schema.settle()
            present |= {index.name for index in missing}
    with _unless_refused(dialect):
        for question, backfill in dialect.migrations:
            if schema.holds(question):
                schema.run(backfill)
        if dialect.gram_index.name not in present:
            _run_all(schema, dialect.gram_index.replaces)
            backfill_grams(store, schema.write)
            schema.run(dialect.gram_index.create)
            schema.settle()
            present.add(dialect.gram_index.name)
        text = [index for index in dialect.text_indexes if index.name not in present]
        if text:
            backfill_words(store, schema.write)
            _make(schema, text)
            schema.settle()
            present |= {index.name for index in text}
        schema.ready()
        migrate_actor_ids(store)
    return present


@contextlib.contextmanager
def _unless_refused(dialect: Dialect) -> Iterator[None]:
    """The steps inside stop at the first the backend refuses to this account."""
    with contextlib.suppress(*dialect.refused):
        yield


def _make(schema: Schema, indexes: list[Index]) -> None:
    """Make these indexes, each after dropping what it replaces and before its backfill."""
    for index in indexes:
        _run_all(schema, index.replaces)
        schema.run(index.create)
        if index.backfill is not None:
            schema.run(index.backfill)


def _run_all(schema: Schema, statements: tuple[str, ...]) -> None:
    for statement in statements:
        schema.run(statement)


def backfill_grams(store: CypherStore, write: Callable[[list[Statement]], None]) -> None:
    """Give the actors of a store written before name grams existed their trigrams, a
    batch at a time (before the index over them is made)."""
    for actors in batched(store.iter_actors(), GRAM_BACKFILL_BATCH):
        names = [{"actor": a.id, "grams": name_grams([a.name, *a.aliases])} for a in actors]
        write([(cypher.SET_NAME_GRAMS, {"names": names})])


def backfill_words(store: CypherStore, write: Callable[[list[Statement]], None]) -> None:
    """Give the articles and claims of a store written before search over text their
    words, a batch of articles at a time (before the indexes over them are made)."""
    for batch in batched(store.iter_extractions(), WORDS_BACKFILL_BATCH):
        write(words_statements(batch))


def migrate_actor_ids(store: CypherStore) -> None:
    """Give the actors of a store written when ids began with a kind their ids from the
    name alone (schema.actor_id), once: every article is written again with its actors'
    new ids, a batch at a time, which re-derives their edges and drops the old actors as
    their last article goes (two old actors of one name, a country as a Place and as a
    Government, become one). Articles keep their ids, texts and ingest times; an open cut
    short carries on next time (articles written again already are written again as they
    are)."""
    rows = store._read(cypher.KIND_PREFIXED_ACTORS, {"limit": 100}).records()
    if any(r["id"] != actor_id(r["name"]) for r in rows):
        for batch in batched(store.iter_extractions(), ID_MIGRATION_BATCH):
            store.write([with_name_ids(ex) for ex in batch])


def with_name_ids(ex: Extraction) -> Extraction:
    """An article as read from an older store, its actors with ids from their names and
    its claims given new ids (a claim's id holds its ends'); a claim whose ends became one
    actor is dropped, as resolution would."""
    actors = {}
    for a in ex.actors:
        actors.setdefault(actor_id(a.name), replace(a, id=actor_id(a.name)))
    new_ids = {a.id: actor_id(a.name) for a in ex.actors}
    claims = [
        replace(c, subject=new_ids[c.subject], object=new_ids[c.object], id="") for c in ex.claims
    ]
    kept = tuple(c for c in claims if c.subject != c.object)
    return Extraction(ex.article, tuple(actors.values()), kept, ex.extractor)
