"""The graph: the Store protocol and its backends, every Cypher string, the queries."""

from actorgraph.graph.checksum import content_checksum
from actorgraph.graph.open import default_data_dir, default_url, open_store
from actorgraph.graph.store import (
    ActorView,
    EdgeView,
    EvidenceView,
    PathView,
    QueryResult,
    Stats,
    Store,
    Subgraph,
)

__all__ = [
    "ActorView",
    "EdgeView",
    "EvidenceView",
    "PathView",
    "QueryResult",
    "Stats",
    "Store",
    "Subgraph",
    "content_checksum",
    "default_data_dir",
    "default_url",
    "open_store",
]
