"""The current view as files: its edges with their evidence as CSV, its subgraph as GraphML.

Bytes, built from the same Subgraph that is drawn, so a download holds what is on
screen (filters included) and nothing else; the CSV carries each edge's claims (sentence
and article), so a spreadsheet of the view can be checked against its sources.
"""

from __future__ import annotations

import csv
import io

from actorgraph.graph import (
    EdgeView,
    EvidenceView,
    Store,
    Subgraph,
    subgraph_network,
    write_graphml,
)
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
    "claim_modality",
    "claim_confidence",
    "sentence",
    "article_title",
    "publisher",
    "published",
    "url",
    "claim_id",
    "article_id",
]


def edges_csv(sub: Subgraph, store: Store) -> bytes:
    """One row per claim behind each edge of the view (the edge's columns repeated), names
    first (for a spreadsheet), ids last (to join back), in UTF-8; an edge whose claims are
    gone meanwhile keeps one row with empty evidence."""
    names = {n.id: n.name for n in sub.nodes}
    edges = draw.ordered_edges(sub)
    evidence = store.evidence_of(edges)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in edges:
        edge = _edge_cells(e, names)
        for claim in evidence.get((e.subject, e.type, e.object)) or [None]:
            writer.writerow(edge + _evidence_cells(claim))
    return out.getvalue().encode("utf-8")


def _edge_cells(e: EdgeView, names: dict[str, str]) -> list[object]:
    return [
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


def _evidence_cells(claim: EvidenceView | None) -> list[object]:
    if claim is None:
        return [""] * 9
    return [
        claim.modality,
        claim.confidence,
        " ".join(claim.sentence.split()),
        claim.title,
        claim.publisher or "",
        claim.published or "",
        claim.url or "",
        claim.claim,
        claim.article,
    ]


def subgraph_graphml(sub: Subgraph) -> bytes:
    """The view as GraphML (actors with their kind, typed edges with their attributes)."""
    out = io.BytesIO()
    write_graphml(subgraph_network(sub), out)
    return out.getvalue()
