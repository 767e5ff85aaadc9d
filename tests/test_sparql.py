"""SPARQL over the graph: the example queries, the command, and the HTTP endpoint."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest
import rdflib
from conftest import ROOT
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import Store
from actorgraph.graph.sparql import SparqlGraph, run_sparql
from actorgraph.graph.sparql_server import negotiate, serve_in_thread

pytest_plugins = ["rdf_fixtures"]
QUERIES = ROOT / "docs" / "queries"
runner = CliRunner()


def _names(store: Store) -> dict[str, str]:
    return {a.id: a.name for a in store.iter_actors()}


def _query(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def test_who_supplied_whom(sample_store: Store):
    result = run_sparql(sample_store, _query("who-supplied-whom.rq"))
    assert result.columns == ["supplier", "customer", "claims", "articles"]
    names = _names(sample_store)
    asserted: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for ex in sample_store.iter_extractions():
        for c in ex.claims:
            if c.type == "SUPPLIED" and c.modality == "asserted":
                ends = (names[c.subject], names[c.object])
                asserted.setdefault(ends, set()).add((c.id, ex.article.id))
    expected = sorted(
        (*ends, len(found), len({a for _c, a in found})) for ends, found in asserted.items()
    )
    assert [tuple(row) for row in result.rows] == expected
    hedged = {
        (names[e.subject], names[e.object]) for e in sample_store.iter_edges()
        if e.type == "SUPPLIED" and e.modality != "asserted"
    }  # fmt: skip
    assert not hedged & {row[:2] for row in map(tuple, result.rows)}
    assert ("Thermo Fisher Scientific", "Xinjiang police", 1, 1) in expected


def test_who_criticized_a_company_that_supplied_police(sample_store: Store):
    result = run_sparql(sample_store, _query("critics-of-police-suppliers.rq"))
    assert [row[:3] for row in result.rows] == [
        ["Marco Rubio", "Thermo Fisher Scientific", "Xinjiang police"]
    ]
    assert "Rubio criticized Thermo Fisher" in result.rows[0][3]


def test_edges_per_year(sample_store: Store):
    result = run_sparql(sample_store, _query("edges-per-year.rq"))
    edges: dict[int, set[tuple[str, str, str]]] = {}
    claims: Counter[int] = Counter()
    for ex in sample_store.iter_extractions():
        year = int(ex.article.published[:4])
        for c in ex.claims:
            edges.setdefault(year, set()).add((c.subject, c.type, c.object))
            claims[year] += 1
    expected = [[year, len(edges[year]), claims[year]] for year in sorted(edges)]
    assert result.rows == expected
    assert sum(row[2] for row in result.rows) == sample_store.stats().claims


def test_sparql_command_prints_rows_as_json_and_reads_rq_files(sample_store, store_url):
    query = "SELECT ?b WHERE { ?a rdfs:label 'U.S. Congress' ; ag:banned ?x . ?x rdfs:label ?b }"
    result = runner.invoke(app, ["sparql", query, "--store", store_url, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert {"b": "Hikvision"} in json.loads(result.stdout)

    path = str(QUERIES / "critics-of-police-suppliers.rq")
    result = runner.invoke(app, ["sparql", path, "--store", store_url, "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "critic,company,police,evidence"

    result = runner.invoke(app, ["sparql", "SELECT WHERE {", "--store", store_url])
    assert result.exit_code == 1
    assert result.output.startswith("actorgraph: SPARQL syntax error")


def test_sparql_over_an_export_file(sample_store: Store, tmp_path: Path):
    from actorgraph.graph.rdf import write_rdf

    path = tmp_path / "graph.trig"
    write_rdf(sample_store, path, "trig")
    graph = SparqlGraph.from_file(str(path))
    rows = graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?a a ag:Actor }").rows
    assert rows == [[sample_store.stats().actors]]
    assert graph.select("ASK { ?a ag:supplied ?b }").rows == [[True]]


def _get(url: str, accept: str) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def _post(url: str, body: bytes, content_type: str, accept: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type, "Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


SUPPLIED = "SELECT ?s ?o WHERE { ?a ag:supplied ?b . ?a rdfs:label ?s . ?b rdfs:label ?o }"


def test_the_endpoint_speaks_the_sparql_protocol(sample_store: Store):
    server, url = serve_in_thread(SparqlGraph.load(sample_store))
    try:
        content_type, body = _get(
            f"{url}?{urlencode({'query': SUPPLIED})}", "application/sparql-results+json"
        )
        assert content_type.startswith("application/sparql-results+json")
        bindings = json.loads(body)["results"]["bindings"]
        pairs = {(b["s"]["value"], b["o"]["value"]) for b in bindings}
        assert ("Thermo Fisher Scientific", "Xinjiang police") in pairs

        form = urlencode({"query": SUPPLIED}).encode()
        status, content_type, body = _post(
            url, form, "application/x-www-form-urlencoded", "text/csv"
        )
        assert status == 200 and content_type.startswith("text/csv")
        assert b"Thermo Fisher Scientific,Xinjiang police" in body

        status, content_type, body = _post(
            url, b"ASK { ?a ag:banned ?b }", "application/sparql-query",
            "application/sparql-results+xml",
        )  # fmt: skip
        assert status == 200 and b"<boolean>true</boolean>" in body

        construct = b"CONSTRUCT { ?a ag:supplied ?b } WHERE { ?a ag:supplied ?b }"
        status, content_type, body = _post(
            url, construct, "application/sparql-query", "text/turtle"
        )
        assert status == 200 and content_type.startswith("text/turtle")
        assert len(rdflib.Graph().parse(data=body, format="turtle")) == len(pairs)

        status, _ct, body = _post(url, b"SELECT WHERE {", "application/sparql-query", "*/*")
        assert status == 400 and b"SPARQL syntax error" in body
        update = b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"
        status, _ct, _body = _post(url, update, "application/sparql-update", "*/*")
        assert status == 403
    finally:
        server.shutdown()
        server.server_close()


def test_negotiation_follows_the_accept_header():
    offered = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
    assert negotiate(None, offered) == offered[0]
    assert negotiate("text/csv", offered) == "text/csv"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", offered) == offered[1]
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("image/png", offered) == offered[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_sparql_serve_runs_an_endpoint_until_stopped(sample_store: Store, store_url: str):
    port = _free_port()
    env = {**os.environ, "ACTORGRAPH_STORE": store_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "sparql", "--serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/sparql?{urlencode({'query': SUPPLIED})}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _ct, body = _get(url, "application/sparql-results+json")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        values = {b["s"]["value"] for b in json.loads(body)["results"]["bindings"]}
        assert "Thermo Fisher Scientific" in values
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/sparql" in err
