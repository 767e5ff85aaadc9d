"""Exports of the graph: RDF (graph.rdf), GraphML and GEXF for Gephi, CSV for neo4j-admin.

One entry point, ``export``, picks the writer by format. RDF and CSV stream
page by page; GraphML and GEXF build a networkx graph of the actors and typed
edges first (Gephi reads whole files anyway; claims and articles are left out).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from actorgraph.errors import ActorgraphError
from actorgraph.graph.rdf import RDF_FORMATS, Description, GraphSource, Progress, write_rdf
from actorgraph.graph.views import ActorView, EdgeView, Subgraph
from actorgraph.schema import namespaces as ns

NETWORK_FORMATS = ("graphml", "gexf")
CSV_FORMAT = "csv"
FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS, CSV_FORMAT)
ARRAY_DELIMITER = ";"  # neo4j-admin's default for string[] columns


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: where, and how much."""

    path: Path
    format: str
    articles: int
    actors: int
    edges: int
    triples: int | None = None


def work_units(source: GraphSource, fmt: str) -> int:
    """How many progress steps an export of ``fmt`` takes (for the progress bar's total)."""
    stats = source.stats()
    if fmt in NETWORK_FORMATS:
        return stats.actors + stats.edges
    return stats.articles + stats.actors + stats.edges


def export(
    source: GraphSource,
    fmt: str,
    output: Path,
    *,
    base: str = ns.DEFAULT_BASE,
    progress: Progress | None = None,
    described: Description | None = None,
) -> Exported:
    """Write the graph to ``output`` (a folder for csv, a file otherwise) in ``fmt``; an RDF
    export ends with its VoID/DCAT description (``described``)."""
    if fmt in RDF_FORMATS:
        report = write_rdf(source, output, fmt, base=base, progress=progress, described=described)
        return Exported(output, fmt, report.articles, report.actors, report.edges, report.triples)
    if fmt in NETWORK_FORMATS:
        return write_network(source, output, fmt, progress=progress)
    if fmt == CSV_FORMAT:
        return write_neo4j_csv(source, output, progress=progress)
    raise ActorgraphError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def network(source: GraphSource, progress: Progress | None = None) -> nx.MultiDiGraph:
    """Actors and typed edges as a networkx graph; attributes are GraphML/GEXF-safe scalars."""
    return _network(source.iter_actors(), source.iter_edges(), progress)


def subgraph_network(sub: Subgraph) -> nx.MultiDiGraph:
    """One view of the graph (an ego network, a filtered one) as :func:`network` builds it.

    The same attributes as the whole-graph export, so a download of a view opens in
    Gephi or networkx like the full file does.
    """
    return _network(sub.nodes, sub.edges)


def _network(
    actors: Iterable[ActorView], edges: Iterable[EdgeView], progress: Progress | None = None
) -> nx.MultiDiGraph:
    advance = progress or (lambda _n: None)
    graph = nx.MultiDiGraph()
    for actor in actors:
        attrs: dict[str, Any] = {
            "label": actor.name,
            "kind": actor.kind,
            "aliases": ARRAY_DELIMITER.join(sorted(actor.aliases)),
            "mentions": int(actor.mentions),
        }
        for key in ("wikidata", "first_seen", "last_seen"):
            if (value := getattr(actor, key)) is not None:
                attrs[key] = str(value)
        graph.add_node(actor.id, **attrs)
        advance(1)
    for edge in edges:
        attrs = {
            "label": edge.type,
            "relation": edge.type,  # not "type": GEXF reserves it for directedness
            "claims": int(edge.claims),
            "articles": int(edge.articles),
            "modality": edge.modality,
            "confidence": float(edge.confidence),
        }
        for key in ("first_seen", "last_seen"):
            if (value := getattr(edge, key)) is not None:
                attrs[key] = str(value)
        # keyed by type in memory (graph[s][o]["SUPPLIED"]); in a file each edge has an id
        # of its own, the "id" attribute (Gephi keeps only the first edge of an id)
        graph.add_edge(edge.subject, edge.object, key=edge.type, id=edge_id(edge), **attrs)
        advance(1)
    return graph


def write_graphml(graph: nx.MultiDiGraph, output: Path | BinaryIO) -> None:
    """GraphML with each edge's "id" attribute as its id (not its key, the relation type,
    which repeats across the file)."""
    nx.write_graphml(graph, output, edge_id_from_attribute="id")


def edge_id(edge: EdgeView) -> str:
    """A typed edge's id in GraphML and GEXF: its subject, type and object (one edge each)."""
    return f"{edge.subject}|{edge.type}|{edge.object}"


def write_network(
    source: GraphSource, output: Path, fmt: str, progress: Progress | None = None
) -> Exported:
    """GraphML or GEXF of the actors and typed edges, for Gephi, yEd or networkx."""
    stats = source.stats()
    graph = network(source, progress)
    if fmt == "graphml":
        write_graphml(graph, output)
    else:
        nx.write_gexf(graph, output)
    return Exported(output, fmt, stats.articles, graph.number_of_nodes(), graph.number_of_edges())


# neo4j-admin database import full --nodes=... --relationships=...: a header row per file,
# ID spaces keep actors, articles and claims apart.
ACTOR_HEADER = [
    "id:ID(Actor)",
    "name",
    "kind",
    "aliases:string[]",
    "wikidata",
    "mentions:int",
    "first_seen",
    "last_seen",
    ":LABEL",
]
ARTICLE_HEADER = [
    "id:ID(Article)",
    "title",
    "publisher",
    "published",
    "url",
    "language",
    "source",
    "extractor",
    ":LABEL",
]
CLAIM_HEADER = [
    "id:ID(Claim)",
    "type",
    "modality",
    "confidence:float",
    "sentence",
    "start:int",
    "end:int",
    ":LABEL",
]
EDGE_HEADER = [
    ":START_ID(Actor)",
    ":END_ID(Actor)",
    ":TYPE",
    "claims:int",
    "articles:int",
    "modality",
    "confidence:float",
    "first_seen",
    "last_seen",
]
MENTION_HEADER = [":START_ID(Article)", ":END_ID(Actor)", ":TYPE"]
ASSERT_HEADER = [":START_ID(Article)", ":END_ID(Claim)", ":TYPE"]
CLAIM_END_HEADER = [":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"]

CSV_FILES: dict[str, list[str]] = {
    "actors.csv": ACTOR_HEADER,
    "articles.csv": ARTICLE_HEADER,
    "claims.csv": CLAIM_HEADER,
    "edges.csv": EDGE_HEADER,
    "mentions.csv": MENTION_HEADER,
    "asserts.csv": ASSERT_HEADER,
    "claim_ends.csv": CLAIM_END_HEADER,
}
NODE_FILES = ("actors.csv", "articles.csv", "claims.csv")


def _cell(value: Any) -> Any:
    return "" if value is None else value


def import_command(folder: Path) -> str:
    """The neo4j-admin command that loads a CSV export into an empty database."""
    nodes = " ".join(f"--nodes={folder / f}" for f in NODE_FILES)
    rels = " ".join(f"--relationships={folder / f}" for f in CSV_FILES if f not in NODE_FILES)
    return f"neo4j-admin database import full {nodes} {rels} neo4j"


def write_neo4j_csv(
    source: GraphSource, folder: Path, progress: Progress | None = None
) -> Exported:
    """The whole property graph as neo4j-admin import CSV files in ``folder``, streamed."""
    advance = progress or (lambda _n: None)
    folder.mkdir(parents=True, exist_ok=True)
    handles = {name: (folder / name).open("w", newline="", encoding="utf-8") for name in CSV_FILES}
    try:
        out: dict[str, Callable[[list[Any]], Any]] = {}
        for name, header in CSV_FILES.items():
            writer = csv.writer(handles[name])
            writer.writerow(header)
            out[name] = writer.writerow
        articles = actors = edges = 0
        for ex in source.iter_extractions():
            art = ex.article
            out["articles.csv"](
                [
                    art.id,
                    art.title,
                    _cell(art.publisher),
                    _cell(art.published),
                    _cell(art.url),
                    art.language,
                    art.source,
                    ex.extractor,
                    "Article",
                ]
            )
            for actor in ex.actors:
                out["mentions.csv"]([art.id, actor.id, "MENTIONS"])
            for c in ex.claims:
                out["claims.csv"](
                    [
                        c.id,
                        c.type,
                        c.modality,
                        c.confidence,
                        c.evidence.sentence,
                        c.evidence.start,
                        c.evidence.end,
                        "Claim",
                    ]
                )
                out["asserts.csv"]([art.id, c.id, "ASSERTS"])
                out["claim_ends.csv"]([c.id, c.subject, "SUBJECT"])
                out["claim_ends.csv"]([c.id, c.object, "OBJECT"])
            articles += 1
            advance(1)
        for a in source.iter_actors():
            out["actors.csv"](
                [
                    a.id,
                    a.name,
                    a.kind,
                    ARRAY_DELIMITER.join(sorted(a.aliases)),
                    _cell(a.wikidata),
                    a.mentions,
                    _cell(a.first_seen),
                    _cell(a.last_seen),
                    f"Actor;{a.kind}",
                ]
            )
            actors += 1
            advance(1)
        for e in source.iter_edges():
            out["edges.csv"](
                [
                    e.subject,
                    e.object,
                    e.type,
                    e.claims,
                    e.articles,
                    e.modality,
                    e.confidence,
                    _cell(e.first_seen),
                    _cell(e.last_seen),
                ]
            )
            edges += 1
            advance(1)
    finally:
        for handle in handles.values():
            handle.close()
    return Exported(folder, CSV_FORMAT, articles, actors, edges)
