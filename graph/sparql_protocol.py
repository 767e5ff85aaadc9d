"""What a SPARQL 1.1 protocol request asks, or why it is refused (before any query runs).

GET with ?query=, POST with a url-encoded form, POST with an application/sparql-query
body; default-graph-uri and named-graph-uri name the dataset. A request that could be
read two ways (two queries, a query and an update, a query in the URL and in the body)
is a 400; updates are refused (403: the endpoint is read-only); a body that is not
UTF-8 or of another media type is a 415. A GET that asks nothing gets the service
description.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl

from actorgraph.graph.sparql import Dataset

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
MAX_BODY = 1 << 20  # a query is text a person wrote; a megabyte is plenty


class Refused(Exception):
    """A request the endpoint answers with an error status and one line."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Request:
    """One query and its dataset; ``query`` None asks for the service description."""

    query: str | None
    dataset: Dataset


def _params(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Refused(HTTPStatus.BAD_REQUEST, "the parameters are not UTF-8") from None


def _values(params: list[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


def _dataset(params: list[tuple[str, str]]) -> Dataset:
    return Dataset(
        tuple(_values(params, "default-graph-uri")), tuple(_values(params, "named-graph-uri"))
    )


def _refuse_updates(params: list[tuple[str, str]], queries: int) -> None:
    if any(k in UPDATE_PARAMS for k, _ in params):
        if queries:
            raise Refused(HTTPStatus.BAD_REQUEST, "a request is a query or an update, not both")
        raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")


def _one_query(queries: list[str]) -> str:
    if len(queries) > 1:
        raise Refused(HTTPStatus.BAD_REQUEST, "the request holds more than one query; send one")
    if not queries:
        raise Refused(HTTPStatus.BAD_REQUEST, "missing the query parameter")
    return queries[0]


def parse_get(url_query: str) -> Request:
    """A GET: the query in the URL, or nothing at all for the service description."""
    params = _params(url_query)
    queries = _values(params, "query")
    _refuse_updates(params, len(queries))
    if not params:
        return Request(None, Dataset())
    return Request(_one_query(queries), _dataset(params))


def _media(content_type: str | None) -> tuple[str, str | None]:
    """The media type and charset (lower case) of a Content-Type header."""
    media, *parts = (p.strip() for p in (content_type or "").split(";"))
    charset = None
    for part in parts:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def parse_post(url_query: str, content_type: str | None, body: bytes) -> Request:
    """A POST: a url-encoded form (parameters in the body and the URL) or a direct query."""
    media, charset = _media(content_type)
    if charset not in (None, "utf-8", "utf8"):
        raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"charset {charset} refused; send UTF-8")
    url_params = _params(url_query)
    if media == UPDATE_TYPE:
        _refuse_updates([("update", "")], 0)
    if media == QUERY_TYPE:
        _refuse_updates(url_params, 1)
        if _values(url_params, "query"):
            raise Refused(HTTPStatus.BAD_REQUEST, "a query in the body and another in the URL")
        try:
            return Request(body.decode("utf-8"), _dataset(url_params))
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "the query is not UTF-8") from None
    if media == FORM_TYPE:
        try:
            params = url_params + _params(body.decode("ascii"))
        except UnicodeDecodeError:
            raise Refused(HTTPStatus.BAD_REQUEST, "a url-encoded body must be ASCII") from None
        queries = _values(params, "query")
        _refuse_updates(params, len(queries))
        return Request(_one_query(queries), _dataset(params))
    raise Refused(
        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        f"unsupported Content-Type {media or '(none)'!r}; send {QUERY_TYPE} or {FORM_TYPE}",
    )
