"""GraphML/GEXF for Gephi, neo4j-admin CSV, and the export command."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import ActorView, EdgeView, Stats, Store
from actorgraph.graph.export import CSV_FILES, export
from actorgraph.graph.rdf import Description, Iris, description_triples, write_rdf
from actorgraph.schema import Extraction

pytest_plugins = ["rdf_fixtures"]
runner = CliRunner()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_files_read_back_with_networkx_with_the_stores_counts(
    fmt, sample_store: Store, tmp_path: Path
):
    path = tmp_path / f"graph.{fmt}"
    done = export(sample_store, fmt, path)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    stats = sample_store.stats()
    assert graph.number_of_nodes() == stats.actors == done.actors
    assert graph.number_of_edges() == stats.edges == done.edges
    thermo = graph.nodes["thermo-fisher-scientific"]
    assert thermo["label"] == "Thermo Fisher Scientific"
    assert thermo["kind"] == "Company"
    types = {d["relation"] for _s, _o, d in graph.edges(data=True)}
    assert types == set(stats.by_type)
    assert graph.has_edge("thermo-fisher-scientific", "xinjiang-police")


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def test_csv_is_neo4j_admin_import_files_with_the_stores_counts(
    sample_store: Store, tmp_path: Path
):
    folder = tmp_path / "csv"
    export(sample_store, "csv", folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)
    stats = sample_store.stats()

    header, actors = _rows(folder / "actors.csv")
    assert header[0] == "id:ID(Actor)" and header[-1] == ":LABEL"
    assert "aliases:string[]" in header and "mentions:int" in header
    assert len(actors) == stats.actors
    ids = {row[0] for row in actors}
    labels = {row[-1] for row in actors}
    assert "Actor;Company" in labels and all(label.startswith("Actor;") for label in labels)

    header, edges = _rows(folder / "edges.csv")
    assert header[:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    assert len(edges) == stats.edges
    assert all(row[0] in ids and row[1] in ids for row in edges)
    assert {row[2] for row in edges} == set(stats.by_type)
    assert [
        "thermo-fisher-scientific",
        "xinjiang-police",
        "SUPPLIED",
    ] in [row[:3] for row in edges]

    header, claims = _rows(folder / "claims.csv")
    assert header[0] == "id:ID(Claim)" and len(claims) == stats.claims
    header, articles = _rows(folder / "articles.csv")
    assert header[0] == "id:ID(Article)" and len(articles) == stats.articles
    header, ends = _rows(folder / "claim_ends.csv")
    assert header == [":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"]
    assert len(ends) == 2 * stats.claims
    _header, mentions = _rows(folder / "mentions.csv")
    assert {row[1] for row in mentions} <= ids


def test_the_export_command_writes_each_format_and_reports_counts(
    sample_store: Store, store_url: str, tmp_path: Path
):
    stats = sample_store.stats()
    for name in ("graph.ttl", "graph.nq", "graph.gexf"):
        result = runner.invoke(app, ["export", "--store", store_url, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert f"{stats.actors} actors, {stats.edges} edges" in result.output
    assert (tmp_path / "graph.nq").read_text().count(" .\n") > 1000

    result = runner.invoke(app, ["export", "--store", store_url, "-f", "nt"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") > 1000

    result = runner.invoke(app, ["export", "--store", store_url, "-f", "csv"])
    assert result.exit_code == 1
    assert result.output.strip() == "actorgraph: --format csv needs -o (a folder)"

    result = runner.invoke(app, ["export", "--store", store_url, "-f", "xml", "-o", "x.xml"])
    assert result.exit_code == 1
    assert "unknown export format 'xml'" in result.output


def test_export_shapes_prints_the_shacl_shapes():
    result = runner.invoke(app, ["export", "--shapes"])
    assert result.exit_code == 0
    assert "sh:NodeShape" in result.stdout and "sh:targetClass ag:Claim" in result.stdout


class _CountingSource:
    """Actors made one at a time, counting how many the exporter has taken so far."""

    def __init__(self, actors: int) -> None:
        self.actors = actors
        self.taken = 0

    def stats(self) -> Stats:
        return Stats(0, self.actors, 0, 0)

    def iter_extractions(self, batch_size: int = 200) -> Iterator[Extraction]:
        return iter(())

    def iter_actors(self, batch_size: int = 1000) -> Iterator[ActorView]:
        for i in range(self.actors):
            self.taken += 1
            yield ActorView(f"c{i}", f"Company {i}", "Company", (f"C{i}",), 1)

    def iter_edges(self, batch_size: int = 1000) -> Iterator[EdgeView]:
        return iter(())


class _Sink(io.RawIOBase):
    """A binary output that notes how many actors had been read when the first bytes came."""

    def __init__(self, source: _CountingSource) -> None:
        self.source = source
        self.taken_at_first_write: int | None = None
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        if self.taken_at_first_write is None:
            self.taken_at_first_write = self.source.taken
        self.size += len(data)
        return len(data)


@pytest.mark.parametrize("fmt", ["ttl", "nq", "jsonld"])
def test_rdf_exports_stream_rather_than_build_the_graph_first(fmt):
    source = _CountingSource(20_000)
    sink = _Sink(source)
    report = write_rdf(source, sink, fmt)  # type: ignore[arg-type]
    described = list(description_triples(Iris(), Description(), 0, source.stats()))
    assert report.triples == 20_000 * 5 + len(described)  # the description comes last
    assert sink.taken_at_first_write is not None
    assert sink.taken_at_first_write < 2_000, "the first bytes came only after most of the graph"
    assert sink.size > 20_000 * 100


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_edge_arrives_in_gephi_files_with_a_unique_id_and_its_attributes(
    fmt, sample_store: Store, tmp_path: Path
):
    path = tmp_path / f"graph.{fmt}"
    export(sample_store, fmt, path)
    ids = [e.get("id") for e in ET.parse(path).iter() if e.tag.rsplit("}", 1)[-1] == "edge"]
    edges = list(sample_store.iter_edges())
    assert len(ids) == len(set(ids)) == len(edges)  # Gephi keeps the first edge of an id
    assert {e.modality for e in edges} > {"asserted"}, "the samples have hedged edges"

    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    read = {(s, d["relation"], o): d for s, o, d in graph.edges(data=True)}
    assert len(read) == len(edges)
    for e in edges:
        d = read[(e.subject, e.type, e.object)]
        assert (d["modality"], int(d["claims"]), int(d["articles"])) == (
            e.modality,
            e.claims,
            e.articles,
        )
        assert (d.get("first_seen"), d.get("last_seen")) == (e.first_seen, e.last_seen)
