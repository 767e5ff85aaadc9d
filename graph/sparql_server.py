"""A SPARQL 1.1 protocol endpoint on 127.0.0.1, for YASGUI and other SPARQL clients.

GET /sparql?query=..., POST /sparql with a form (query=...) or a
application/sparql-query body; default-graph-uri / named-graph-uri name the
dataset (graph/sparql_protocol.py reads requests). Results as SPARQL JSON, XML,
CSV or TSV (SELECT, ASK) and Turtle, N-Triples, RDF/XML or JSON-LD (CONSTRUCT,
DESCRIBE), picked by the Accept header (answers say Vary: Accept). A GET without a
query answers with the SPARQL 1.1 service description. Read-only: updates are
refused, and so is SERVICE unless allowed. Each query runs in a child process
killed at the time limit. Data comes from the store as it is at each request
(graph/sparql_live.py). CORS is open so a browser page on another port can query it.
Errors are one line of text, never a traceback.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import ParseResult, urlparse

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.graph.sparql import Dataset, ServiceRefused, SparqlGraph, refuse_service
from actorgraph.graph.sparql_limit import DEFAULT_TIMEOUT, QueryTimeout, run_bounded
from actorgraph.graph.sparql_live import FixedGraph, GraphSupply
from actorgraph.graph.sparql_protocol import MAX_BODY, Refused, Request, parse_get, parse_post

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
PATHS = ("/sparql", "/sparql/", "/")
LISTEN_BACKLOG = 128  # a burst of clients waits in the kernel's queue, not reset at 5
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD")  # fmt: skip


def negotiate(accept: str | None, offered: list[str]) -> str:
    """The offered media type the Accept header likes best (the first offered if none fits)."""
    best, best_q = offered[0], 0.0
    for position, part in enumerate((accept or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, val = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
        if media == "*/*" or media.endswith("/*"):
            candidates = [o for o in offered if media == "*/*" or o.startswith(media[:-1])]
        else:
            candidates = [media] if media in offered else []
        # A tie keeps the earlier entry of the header.
        score = q - position * 1e-6
        if candidates and score > best_q:
            best, best_q = candidates[0], score
    return best


def service_description(endpoint: str) -> list[ox.Triple]:
    """The SPARQL 1.1 service description of the endpoint at ``endpoint``."""
    sd = ox.NamedNode
    service, dataset, graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    a = sd("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, a, sd(SD + "Service")),
        ox.Triple(service, sd(SD + "endpoint"), sd(endpoint)),
        ox.Triple(service, sd(SD + "supportedLanguage"), sd(SD + "SPARQL11Query")),
        ox.Triple(service, sd(SD + "feature"), sd(SD + "UnionDefaultGraph")),
        ox.Triple(service, sd(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, sd(SD + "Dataset")),
        ox.Triple(dataset, sd(SD + "defaultGraph"), graph),
        ox.Triple(graph, a, sd(SD + "Graph")),
    ]
    triples += [
        ox.Triple(service, sd(SD + "resultFormat"), sd(FORMATS + f)) for f in RESULT_FORMATS
    ]
    return triples


@dataclass(frozen=True, slots=True)
class EndpointOptions:
    """How the endpoint runs queries."""

    timeout: float | None = DEFAULT_TIMEOUT  # seconds a query may run (None: no limit)
    allow_service: bool = False  # SERVICE <url> lets any client make this machine fetch URLs
    workers: int = max(2, os.cpu_count() or 2)  # queries running at once; the rest wait


@dataclass(frozen=True, slots=True)
class QueryRequest:
    """One query as the endpoint received it."""

    query: str
    dataset: Dataset
    accept: str | None
    endpoint: str  # the endpoint's URL: the base of the query's relative IRIs


def answer_query(
    graph: SparqlGraph, request: QueryRequest, options: EndpointOptions
) -> tuple[str, bytes]:
    """The media type and body of a query's results, computed within the time limit."""
    query, accept = request.query, request.accept

    def work() -> bytes:
        result = graph.execute(
            query, request.dataset, allow_service=options.allow_service, base_iri=request.endpoint
        )
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(GRAPH_TYPES))
            body = result.serialize(format=GRAPH_TYPES[media])
        else:
            media = negotiate(accept, list(RESULT_TYPES))
            body = result.serialize(format=RESULT_TYPES[media])
        return media.encode() + b"\n" + (body or b"")

    refuse_service(query, options.allow_service)  # in this process: a 403, not a 400
    media, _, body = run_bounded(work, options.timeout).partition(b"\n")
    return media.decode(), body


class _Handler(BaseHTTPRequestHandler):
    supply: GraphSupply  # set on the subclass make_server builds
    options: EndpointOptions
    slots: threading.BoundedSemaphore
    server_version = "actorgraph-sparql"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet by default: a YASGUI session sends many requests."""

    def _send(self, status: int, body: bytes, content_type: str, *, vary: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        if vary:
            self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        line = " ".join(message.split())
        self._send(status, (line + "\n").encode(), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def _not_allowed(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        body = f"{self.command} is not a SPARQL protocol method; use GET or POST\n".encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def do_GET(self) -> None:
        self._handle(lambda url: parse_get(url.query))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        self._handle(lambda url: parse_post(url.query, self.headers["Content-Type"], self._body()))

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refused(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length > MAX_BODY or length < 0:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a body over {MAX_BODY} bytes")
        return self.rfile.read(length)

    def _handle(self, parse: Callable[[ParseResult], Request]) -> None:
        url = urlparse(self.path)
        try:
            if url.path not in PATHS:
                raise Refused(HTTPStatus.NOT_FOUND, f"no such path; query {PATHS[0]}")
            request = parse(url)
            if request.query is None:
                return self._describe(url.path)
            self._answer(url.path, request.query, request.dataset)
        except Refused as refused:
            self._error(refused.status, str(refused))
        except Exception as error:  # a bug still answers in one line
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {error!r}")

    def _endpoint(self, path: str) -> str:
        """The endpoint's URL as the client named it (its Host header), checked as an IRI."""
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        try:
            return ox.NamedNode(f"http://{host}{path}").value
        except ValueError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the Host header is not a host name") from None

    def _describe(self, path: str) -> None:
        triples = service_description(self._endpoint(path))
        media = negotiate(self.headers.get("Accept"), list(GRAPH_TYPES))
        body = ox.serialize(
            triples, format=GRAPH_TYPES[media], prefixes={"sd": SD, "formats": FORMATS}
        )
        self._send(HTTPStatus.OK, body or b"", f"{media}; charset=utf-8", vary=True)

    def _answer(self, path: str, query: str, dataset: Dataset) -> None:
        accept = self.headers.get("Accept")
        with self.slots:
            try:
                graph = self.supply.current()
            except ActorgraphError as error:
                raise Refused(
                    HTTPStatus.SERVICE_UNAVAILABLE, f"the store cannot be read: {error}"
                ) from None
            try:
                asked = QueryRequest(query, dataset, accept, self._endpoint(path))
                media, body = answer_query(graph, asked, self.options)
            except QueryTimeout as error:
                raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, str(error)) from None
            except ServiceRefused as error:
                raise Refused(HTTPStatus.FORBIDDEN, str(error)) from None
            except ActorgraphError as error:
                raise Refused(HTTPStatus.BAD_REQUEST, str(error)) from None
        self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8", vary=True)


class _Server(ThreadingHTTPServer):
    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that went away mid-answer is no news; anything else is one line."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"actorgraph sparql: {client_address[0]}: {error!r}", file=sys.stderr)


def make_server(
    graph: SparqlGraph | GraphSupply,
    port: int = 7878,
    host: str = "127.0.0.1",
    options: EndpointOptions | None = None,
) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() on it."""
    supply = FixedGraph(graph) if isinstance(graph, SparqlGraph) else graph
    options = options or EndpointOptions()
    attributes = {"supply": supply, "options": options,
                  "slots": threading.BoundedSemaphore(options.workers)}  # fmt: skip
    handler = type("SparqlHandler", (_Handler,), attributes)
    return _Server((host, port), handler)


def serve_in_thread(
    graph: SparqlGraph | GraphSupply, port: int = 0, options: EndpointOptions | None = None
) -> tuple[ThreadingHTTPServer, str]:
    """Start an endpoint in a background thread; returns it and its URL (stop: shutdown())."""
    server = make_server(graph, port, options=options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/sparql"
