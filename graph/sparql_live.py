"""The graph a SPARQL endpoint answers from: the store as it is now, not as it was at start.

Loading the whole graph into Oxigraph for each request would be slow, so the
endpoint keeps the loaded dataset and reloads it when the store's change marker
moves: the articles (with the extractor that read each and their sources) and
the store's counts and the ids of its curation decisions, read with three small
queries before each request. An ingest, a re-extraction, a removal, a restore or a
curation decision each move it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Protocol

from actorgraph.graph import cypher
from actorgraph.graph.sparql import SparqlGraph
from actorgraph.graph.store import Store
from actorgraph.schema import namespaces as ns


def change_marker(store: Store) -> str:
    """A digest that changes whenever a write changes what the RDF export would say."""
    stats = store.stats()
    rows = store.query(cypher.SPARQL_CHANGE_MARKER).rows
    decided = store.query(cypher.DECISION_IDS).rows  # a decision may change no count
    text = json.dumps([stats.as_dict(), rows, decided], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class GraphSupply(Protocol):
    """Where an endpoint gets the dataset for a request."""

    def current(self) -> SparqlGraph: ...


class FixedGraph:
    """A dataset that does not change (an export file, or a test's graph)."""

    def __init__(self, graph: SparqlGraph) -> None:
        self._graph = graph

    def current(self) -> SparqlGraph:
        return self._graph


class LiveGraph:
    """The store's graph, reloaded when its change marker moved since the last load."""

    def __init__(self, store: Store, base: str = ns.DEFAULT_BASE) -> None:
        self._store = store
        self._base = base
        self._lock = threading.Lock()  # one check at a time: the store client is shared
        self._marker: str | None = None
        self._graph: SparqlGraph | None = None
        self.loads = 0  # how many times the graph was (re)loaded

    def current(self) -> SparqlGraph:
        with self._lock:
            marker = change_marker(self._store)  # read before loading: a write in between
            if marker != self._marker or self._graph is None:  # reloads again next time
                self._graph = SparqlGraph.load(self._store, self._base)
                self._marker = marker
                self.loads += 1
            return self._graph
