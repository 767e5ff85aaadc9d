"""SPARQL over the graph: the example queries, the command, and the HTTP endpoint."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pyoxigraph
import pytest
import rdflib
from conftest import ROOT, short_tmp, sparql_endpoint
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import ActorgraphError
from actorgraph.graph import Store, open_store
from actorgraph.graph.rdf import ARTICLE
from actorgraph.graph.sparql import SparqlGraph, run_sparql
from actorgraph.graph.sparql_live import LiveGraph
from actorgraph.graph.sparql_server import EndpointOptions, negotiate, serve_in_thread

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


# --- the dataset, limits, SERVICE, live data and the protocol's edges (#21, #25) ---------------

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


EVERY_QUAD = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@pytest.fixture(scope="module")
def sample_graph(sample_extractions) -> Iterator[SparqlGraph]:
    """The sample corpus as SPARQL data (the embedded store only: these tests are about the
    endpoint, not the backend), loaded once for the module: the graph is read-only (the
    endpoint refuses updates) and lives in memory, so the store is gone once it is read."""
    folder = short_tmp()
    try:
        with open_store(f"falkordb://{folder}") as store:
            store.write(sample_extractions)
            graph = SparqlGraph.load(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    before = _count(graph, EVERY_QUAD)
    yield graph
    after = _count(graph, EVERY_QUAD)
    assert after == before, "a test changed the shared SPARQL graph"


@pytest.fixture
def endpoint(sample_graph: SparqlGraph) -> Iterator[str]:
    with sparql_endpoint(sample_graph, options=EndpointOptions(timeout=60)) as url:
        yield url


def _count(graph: SparqlGraph, query: str, **kwargs) -> int:
    return graph.select(query, **kwargs).rows[0][0]


def _article_graph(graph: SparqlGraph) -> str:
    """The named graph of the article with the most triples (fewer than the whole graph)."""
    query = (
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)"
    )
    return graph.select(query).rows[0][0]


def test_from_and_from_named_give_exactly_those_graphs(sample_graph: SparqlGraph):
    g = _article_graph(sample_graph)
    everything = _count(sample_graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    in_g = _count(sample_graph, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    assert 0 < in_g < everything
    assert _count(sample_graph, f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}") == in_g
    named = f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{g}> WHERE {{ GRAPH ?g {{ }} }}"
    assert _count(sample_graph, named) == 1
    # A FROM inside a string, an IRI or a comment names no dataset: the union still applies.
    fake = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != 'FROM <urn:x>') } # FROM <urn:x>"
    assert _count(sample_graph, fake) > in_g


def test_the_protocol_dataset_wins_over_the_query_and_the_union(sample_graph, endpoint):
    g = _article_graph(sample_graph)
    in_g = _count(sample_graph, f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}")
    params = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": g}
    _ct, body = _get(f"{endpoint}?{urlencode(params)}", "application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == in_g
    # named-graph-uri alone: the default graph is empty, the named graphs just that one
    both = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    params = {"query": both + " GROUP BY ?g", "named-graph-uri": g}
    status, _ct, body = _post(endpoint, urlencode(params).encode(), FORM, "text/csv")
    assert status == 200
    assert body.decode().splitlines()[1:] == [f"{g},{in_g}"]


def test_the_cli_honours_from(sample_store: Store, store_url: str):
    graph = SparqlGraph.load(sample_store)
    g = _article_graph(graph)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}"
    result = runner.invoke(app, ["sparql", query, "--store", store_url, "-f", "json"])
    assert result.exit_code == 0, result.output
    expected = _count(graph, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
    assert json.loads(result.stdout) == [{"n": expected}]


FORM = "application/x-www-form-urlencoded"


def _request(url: str, method: str, body: bytes | None = None, headers: dict | None = None):
    """Any request, its status, headers and body (http.client: no header of its own)."""
    address = urlparse(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        target = address.path + (f"?{address.query}" if address.query else "")
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_a_get_without_a_query_is_the_service_description(endpoint: str):
    status, headers, body = _request(endpoint, "GET", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert headers["Vary"] == "Accept"
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    service = graph.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert str(graph.value(service, sd.endpoint)) == endpoint
    assert sd.SPARQL11Query in set(graph.objects(service, sd.supportedLanguage))
    assert sd.UnionDefaultGraph in set(graph.objects(service, sd.feature))
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, sd.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle"} <= formats


def test_negotiated_answers_vary_on_accept(endpoint: str):
    url = f"{endpoint}?{urlencode({'query': SUPPLIED})}"
    for media in ("text/csv", "application/sparql-results+xml"):
        status, headers, _body = _request(url, "GET", headers={"Accept": media})
        assert status == 200 and headers["Content-Type"].startswith(media)
        assert headers["Vary"] == "Accept"


@pytest.mark.parametrize(
    ("method", "target", "body", "content_type", "status", "message"),
    [
        ("GET", "?query=ASK{}&query=ASK{}", None, None, 400, "more than one query"),
        ("GET", "?query=ASK{}&update=CLEAR%20ALL", None, None, 400, "a query or an update"),
        ("POST", "", b"query=ASK{}&update=CLEAR%20ALL", FORM, 400, "a query or an update"),
        ("POST", "?query=ASK{}", b"query=ASK{}", FORM, 400, "more than one query"),
        ("POST", "?query=ASK{}", b"ASK {}", "application/sparql-query", 400, "in the URL"),
        ("POST", "", b"ASK {}", "application/sparql-query; charset=latin-1", 415, "send UTF-8"),
        ("POST", "", b"ASK { \xff }", "application/sparql-query", 400, "not UTF-8"),
        ("POST", "", b"CLEAR ALL", "application/sparql-update", 403, "read-only"),
        ("POST", "", b"ASK {}", "text/plain", 415, "unsupported Content-Type"),
        ("PUT", "?query=ASK{}", b"", FORM, 405, "not a SPARQL protocol method"),
        ("GET", "?query=ASK{}&default-graph-uri=not%20an%20iri", None, None, 400, "is not an IRI"),
        ("GET", "?query=SELECT%20WHERE%20{", None, None, 400, "SPARQL syntax error"),
    ],
)
def test_requests_that_cannot_be_answered_get_a_status_and_one_line(
    endpoint, method, target, body, content_type, status, message
):
    headers = {"Content-Type": content_type} if content_type else {}
    got, headers, text = _request(endpoint + target, method, body, headers)
    assert got == status, text
    assert headers["Content-Type"].startswith("text/plain")
    assert message in text.decode() and text.decode().count("\n") == 1, text


def test_the_listen_backlog_takes_a_burst(endpoint: str):
    """200 clients at once: none is reset (the old backlog of 5 was)."""
    from actorgraph.graph.sparql_server import LISTEN_BACKLOG

    assert LISTEN_BACKLOG >= 128
    url = f"{endpoint}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"
    barrier = threading.Barrier(200)

    def one(_: int) -> int:
        barrier.wait()
        return _request(url, "GET")[0]

    with ThreadPoolExecutor(200) as pool:
        assert set(pool.map(one, range(200))) == {200}


def _children() -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def test_a_query_past_the_time_limit_is_stopped_and_answered_with_an_error(sample_graph):
    before = _children()
    server, url = serve_in_thread(sample_graph, options=EndpointOptions(timeout=1))
    try:
        started = time.monotonic()
        status, headers, body = _request(f"{url}?{urlencode({'query': ENDLESS})}", "GET")
        assert status == 503 and b"ran longer than 1 s and was stopped" in body
        assert body.count(b"\n") == 1 and headers["Content-Type"].startswith("text/plain")
        assert time.monotonic() - started < 30  # the answer came at the limit, not at the end
        assert _children() <= before  # the process that ran it is gone, not left burning a core
        status, _h, body = _request(f"{url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}", "GET")
        assert status == 200 and b"true" in body
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(ActorgraphError, match="ran longer than 1 s"):
        sample_graph.select(ENDLESS, timeout=1)
    assert _children() <= before  # (a process of an earlier test may have ended meanwhile)


def test_the_cli_stops_a_query_at_its_timeout_in_one_line(sample_store: Store, store_url: str):
    result = runner.invoke(app, ["sparql", ENDLESS, "--store", store_url, "--timeout", "1"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("actorgraph: the SPARQL query ran longer than 1 s")
    assert result.output.count("\n") == 1
    result = runner.invoke(
        app, ["sparql", "ASK { ?s ?p ?o }", "--store", store_url, "--timeout", "60"]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it gets (what SERVICE would reach)."""
    hits: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/internal", hits
    server.shutdown()
    server.server_close()


def test_service_is_refused_unless_allowed(sample_store, store_url, listener, sample_graph):
    target, hits = listener
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    result = runner.invoke(app, ["sparql", query, "--store", store_url])
    assert result.exit_code == 1 and "SERVICE is refused" in result.output, result.output
    assert "--allow-service" in result.output and result.output.count("\n") == 1

    server, url = serve_in_thread(sample_graph)
    try:
        status, _h, body = _request(f"{url}?{urlencode({'query': query})}", "GET")
    finally:
        server.shutdown()
        server.server_close()
    assert status == 403 and b"SERVICE is refused" in body
    assert hits == []  # nothing was fetched on the query's behalf

    allowed = runner.invoke(app, ["sparql", query, "--store", store_url, "--allow-service"])
    assert hits == ["/internal"], allowed.output  # the option lets it through
    assert allowed.exit_code == 1 and allowed.output.count("\n") == 1  # its 500: one line


def test_the_endpoint_answers_from_the_store_as_it_is_now(store: Store, sample_extractions):
    store.write(sample_extractions[:1])
    live = LiveGraph(store)
    server, url = serve_in_thread(live)
    count = {"query": f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a <{ARTICLE.value}> }}"}

    def articles() -> int:
        _ct, body = _get(f"{url}?{urlencode(count)}", "application/sparql-results+json")
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    try:
        assert articles() == 1
        assert articles() == 1 and live.loads == 1  # nothing changed: no reload
        store.write(sample_extractions[1:])
        assert articles() == len(sample_extractions) == store.stats().articles
        store.remove([sample_extractions[0].article.id])
        assert articles() == len(sample_extractions) - 1
    finally:
        server.shutdown()
        server.server_close()


def test_an_export_file_that_does_not_parse_is_one_line(tmp_path: Path):
    bad = tmp_path / "graph.ttl"
    bad.write_text("garbage {{{", encoding="utf-8")
    result = runner.invoke(app, ["sparql", "--data", str(bad), "ASK { ?s ?p ?o }"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"actorgraph: cannot read {bad}: Parser error at line 1")
    assert result.output.count("\n") == 1
    assert isinstance(result.exception, SystemExit)  # not a traceback


def test_a_syntax_error_names_the_place_not_the_parsers_token_list():
    from actorgraph.graph.sparql import syntax_message

    query = "SELECT ?s WHERE {\n  ?s ?p ?o . FILTER( }"
    with pytest.raises(ActorgraphError) as caught:
        SparqlGraph(pyoxigraph.Store(), {}).execute(query)
    message = str(caught.value)
    assert message.startswith("SPARQL syntax error at line 2, column ")
    assert "after “. FILTER( }”" in message
    assert "ABS" not in message and "one of" not in message and "\n" not in message
    assert syntax_message("x", "error at 1:2: expected REDUCED") == (
        "SPARQL syntax error at line 1, column 2, after “x”: expected REDUCED"
    )
    assert syntax_message("x", "odd") == "SPARQL syntax error: odd"
