"""The graph: the Store protocol and its backends, every Cypher string, the queries.

These names are the package's public face: the CLI and the app's pages import from
here, never from a module inside. Those that load a heavy library (pyoxigraph for
SPARQL, networkx and rdflib for exports) are imported on first use.
"""

from __future__ import annotations

from actorgraph.graph.checksum import content_checksum
from actorgraph.graph.cypher import CONSOLE_EXAMPLES, MAX_ALL_PATHS_LENGTH
from actorgraph.graph.fulltext import TextHit
from actorgraph.graph.open import default_data_dir, default_url, mask_url, open_store
from actorgraph.graph.store import Store
from actorgraph.graph.suggest import suggest_actors
from actorgraph.graph.values import printable
from actorgraph.graph.views import (
    ANY_EDGE,
    ActorView,
    EdgeMatch,
    EdgeView,
    EvidenceView,
    PathView,
    QueryResult,
    Stats,
    Subgraph,
    TimelineCounts,
)
from actorgraph.lazy import lazy_names

# name -> the module that defines it, imported when the name is first used
_LAZY = {
    "ALL_SHOWN": "actorgraph.graph.connection",
    "MAX_ACTORS": "actorgraph.graph.connection",
    "SHORTEST_SHOWN": "actorgraph.graph.connection",
    "find_paths": "actorgraph.graph.connection",
    "Connection": "actorgraph.graph.connection",
    "connect": "actorgraph.graph.connection",
    "SparqlGraph": "actorgraph.graph.sparql",
    "SparqlResult": "actorgraph.graph.sparql",
    "subgraph_network": "actorgraph.graph.export",
    "write_graphml": "actorgraph.graph.export",
}

__all__ = [
    "ALL_SHOWN",
    "ANY_EDGE",
    "CONSOLE_EXAMPLES",
    "MAX_ACTORS",
    "MAX_ALL_PATHS_LENGTH",
    "SHORTEST_SHOWN",
    "ActorView",
    "Connection",
    "EdgeMatch",
    "EdgeView",
    "EvidenceView",
    "PathView",
    "QueryResult",
    "SparqlGraph",
    "SparqlResult",
    "Stats",
    "Store",
    "Subgraph",
    "TextHit",
    "TimelineCounts",
    "connect",
    "content_checksum",
    "default_data_dir",
    "default_url",
    "find_paths",
    "mask_url",
    "open_store",
    "printable",
    "subgraph_network",
    "suggest_actors",
    "write_graphml",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
