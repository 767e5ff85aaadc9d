"""The endpoint against the W3C SPARQL 1.1 Protocol test cases that apply to a read-only
endpoint (tests/w3c/sparql11-protocol: their source, licence and what was left out).

Each case's request is sent as the manifest writes it (method, path with parameters,
headers, body) to an endpoint over the case's graphs, and its expectations are checked:
the status class, and where given the boolean and the kind of result format.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlparse

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT, sparql_endpoint

from actorgraph.graph.sparql import SparqlGraph
from actorgraph.graph.sparql_server import GRAPH_TYPES, RESULT_TYPES

SUITE_FILE = ROOT / "tests" / "w3c" / "sparql11-protocol" / "cases.json"
SUITE = json.loads(SUITE_FILE.read_text(encoding="utf-8"))
CASES = SUITE["cases"]
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def dataset(graphs: dict[str, str]) -> SparqlGraph:
    """The case's graphs: each data file loaded into the named graph the manifest gives it."""
    store = ox.Store()
    for name, data_file in graphs.items():
        quads = ox.parse(SUITE["data"][data_file].encode(), format=ox.RdfFormat.N_TRIPLES)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in quads)
    return SparqlGraph(store, {})


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    with sparql_endpoint(dataset(request.param["graphs"])) as url:
        yield url


def send(url: str, case: dict) -> tuple[int, str, bytes]:
    """The case's request, byte for byte (http.client adds no Content-Type of its own)."""
    address = urlparse(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        body = case["body"].encode() if case["body"] is not None else None
        path = case["path"].replace("/sparql/", address.path, 1)
        connection.request(case["method"], path, body=body, headers=case["headers"])
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def boolean(content_type: str, body: bytes) -> bool:
    media = content_type.split(";")[0]
    if RESULT_TYPES.get(media) == ox.QueryResultsFormat.JSON:
        return json.loads(body)["boolean"]
    assert RESULT_TYPES.get(media) == ox.QueryResultsFormat.XML, content_type
    return ET.fromstring(body).find(f"{RESULTS_NS}boolean").text == "true"


@pytest.mark.parametrize(("endpoint", "case"), [(c, c) for c in CASES],
                         ids=[c["id"] for c in CASES], indirect=["endpoint"])  # fmt: skip
def test_w3c_protocol_case(endpoint: str, case: dict):
    status, content_type, body = send(endpoint, case)
    assert f"{status // 100}xx" == case["status"], (status, body)
    if status >= 400:
        assert content_type.startswith("text/plain")
        assert body.decode().count("\n") == 1, body  # one line, never a traceback
        return
    media = content_type.split(";")[0]
    if case.get("format") == "boolean":
        assert media in RESULT_TYPES and media != "text/csv"
    if "boolean" in case:
        assert boolean(content_type, body) is case["boolean"]
    if case.get("format") == "tabular":
        assert media in RESULT_TYPES
    if case.get("format") == "RDF":
        assert media in GRAPH_TYPES
        rdflib.Graph().parse(data=body, format=media)


def test_the_suite_holds_every_applicable_case_of_the_manifest():
    """27 of the manifest's 34 entries: the 7 update_* cases expect a writable endpoint."""
    assert len(CASES) == 27
    assert not [c for c in CASES if c["id"].startswith("update_")]
    assert {c["status"] for c in CASES} == {"2xx", "4xx"}
