"""Each backend's Dialect names the indexes its store lists (graph.dialect, graph.migrations).

Opening a store makes only the indexes it lacks, by name: a name that the backend never
lists would have every open make that index again and run its backfill (a scan of every
claim), silently. Each case runs on both backends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j

from actorgraph.graph import falkordb_store, neo4j_store, open_store
from actorgraph.graph.dialect import Dialect


@contextmanager
def listed(store) -> Iterator[tuple[set[str], Dialect]]:
    """The index names the backend lists for ``store``, and its dialect."""
    if isinstance(store, falkordb_store.FalkorDBStore):
        yield falkordb_store._Schema(store).present(), falkordb_store.DIALECT
        return
    with store._session(neo4j.READ_ACCESS) as session:
        yield neo4j_store._Schema(store, session).present(), neo4j_store.DIALECT


def names(dialect: Dialect) -> set[str]:
    return {i.name for i in (*dialect.indexes, dialect.gram_index, *dialect.text_indexes)}


def test_an_opened_store_lists_every_index_its_dialect_names(store):
    with listed(store) as (present, dialect):
        assert names(dialect) <= present
        assert len(names(dialect)) == len(dialect.indexes) + 1 + len(dialect.text_indexes)
    assert store._grams is dialect.grams
    assert store._text is dialect.text


def test_an_index_dropped_is_listed_no_more_and_made_again_on_open(store_url):
    """The edge-key index: made again (with its backfill) when a store lacks it."""
    falkordb = store_url.startswith("falkordb:")
    edge_key = "Claim.edge_key" if falkordb else "claim_edge"
    drop = "DROP INDEX ON :Claim(edge_key)" if falkordb else "DROP INDEX claim_edge"
    with open_store(store_url) as first:
        first.query(drop, write=True)
        with listed(first) as (present, _):
            assert edge_key not in present
    with open_store(store_url) as again, listed(again) as (present, _):
        assert edge_key in present


def test_a_label_being_rebuilt_lists_the_index_it_will_have():
    """While FalkorDB rebuilds a label's index it lists two rows: the new one, being built,
    and the old one, still serving. The store has (or lacks) what the new one holds: an
    index just dropped is not there, one just added is."""
    held = [
        ["Claim", {"id": ["RANGE"], "words": ["FULLTEXT"]}, "[Indexing] 1868/300000"],
        ["Claim", {"id": ["RANGE"], "edge_key": ["RANGE"]}, "OPERATIONAL"],
        ["Actor", {"id": ["RANGE"]}, "OPERATIONAL"],
    ]
    assert falkordb_store._to_be(held) == {
        "Claim": {"id": ["RANGE"], "words": ["FULLTEXT"]},
        "Actor": {"id": ["RANGE"]},
    }
    assert falkordb_store._to_be(list(reversed(held)))["Claim"] == held[0][1]
