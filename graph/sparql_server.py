"""A SPARQL 1.1 protocol endpoint on 127.0.0.1, for YASGUI and other SPARQL clients.

GET /sparql?query=..., POST /sparql with a form (query=...) or a
application/sparql-query body. Results as SPARQL JSON, XML, CSV or TSV (SELECT,
ASK) and Turtle, N-Triples, RDF/XML or JSON-LD (CONSTRUCT, DESCRIBE), picked by
the Accept header. Read-only: updates are refused. CORS is open so a browser
page on another port can query it.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.graph.sparql import SparqlGraph

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
PATHS = ("/sparql", "/")


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


class _Handler(BaseHTTPRequestHandler):
    graph: SparqlGraph  # set on the subclass make_server builds
    server_version = "actorgraph-sparql"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet by default: a YASGUI session sends many requests."""

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such path; query {PATHS[0]}")
        queries = parse_qs(url.query).get("query")
        if not queries:
            return self._error(HTTPStatus.BAD_REQUEST, "missing the query parameter")
        self._answer(queries[0])

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such path; query {PATHS[0]}")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if content_type == "application/sparql-query":
            return self._answer(body)
        if content_type == "application/sparql-update" or "update" in parse_qs(body):
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only")
        if content_type == "application/x-www-form-urlencoded":
            queries = parse_qs(body).get("query") or parse_qs(url.query).get("query")
            if queries:
                return self._answer(queries[0])
            return self._error(HTTPStatus.BAD_REQUEST, "missing the query parameter")
        self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {content_type!r}")

    def _answer(self, query: str) -> None:
        try:
            result = self.graph.execute(query)
        except ActorgraphError as error:
            return self._error(HTTPStatus.BAD_REQUEST, str(error))
        accept = self.headers.get("Accept")
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(GRAPH_TYPES))
            body = result.serialize(format=GRAPH_TYPES[media])
        else:
            media = negotiate(accept, list(RESULT_TYPES))
            body = result.serialize(format=RESULT_TYPES[media])
        self._send(HTTPStatus.OK, body or b"", f"{media}; charset=utf-8")


def make_server(
    graph: SparqlGraph, port: int = 7878, host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() on it."""
    handler = type("SparqlHandler", (_Handler,), {"graph": graph})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(graph: SparqlGraph, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start an endpoint in a background thread; returns it and its URL (stop: shutdown())."""
    server = make_server(graph, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, bound = server.server_address[:2]
    return server, f"http://{host}:{bound}/sparql"
