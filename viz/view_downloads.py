"""The current view as files: its edges as CSV, its subgraph as GraphML.

Bytes, built from the same Subgraph that is drawn, so a download holds what is on
screen (filters included) and nothing else.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

from actorgraph.graph import Subgraph
from actorgraph.graph.export import subgraph_network
from actorgraph.viz import draw

CSV_HEADER = [
    "subject",
    "type",
    "object",
    "claims",
    "articles",
    "modality",
    "confidence",
    "first_seen",
    "last_seen",
    "subject_id",
    "object_id",
]


def edges_csv(sub: Subgraph) -> bytes:
    """One row per edge, names first (for a spreadsheet), ids last (to join back), in UTF-8."""
    names = {n.id: n.name for n in sub.nodes}
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in draw.ordered_edges(sub):
        writer.writerow(
            [
                names.get(e.subject, e.subject),
                e.type,
                names.get(e.object, e.object),
                e.claims,
                e.articles,
                e.modality,
                e.confidence,
                e.first_seen or "",
                e.last_seen or "",
                e.subject,
                e.object,
            ]
        )
    return out.getvalue().encode("utf-8")


def subgraph_graphml(sub: Subgraph) -> bytes:
    """The view as GraphML (actors with their kind, typed edges with their attributes)."""
    out = io.BytesIO()
    nx.write_graphml(subgraph_network(sub), out)
    return out.getvalue()
