"""Fetching a URL given on the command line: the only network use, bounded in time and size.

Links found inside files or feeds are never fetched. The whole fetch (connecting,
redirects, headers, body) has one deadline, ``timeout`` seconds from the start, so a
server that trickles a byte a second cannot hold a batch up; at most MAX_REDIRECTS
redirects are followed and at most MAX_BYTES read. Every failure is one line that
starts with the URL and says what to do instead.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from http.client import HTTPException, HTTPResponse
from typing import Any

from actorgraph.errors import InputError

MAX_BYTES = 64 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_AGENT = "actorgraph (news reader; +https://pypi.org/project/actorgraph)"
# Content types that cannot be an article, refused before their body is read.
_NOT_TEXT = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
             "application/octet-stream")  # fmt: skip


def is_url(text: str) -> bool:
    """Whether an argument is an http(s) URL rather than a path."""
    return text.lower().startswith(("http://", "https://"))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects; a loop ends there too, in one line."""

    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS

    def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
        visited = getattr(req, "redirect_dict", {})
        if sum(visited.values()) >= MAX_REDIRECTS:
            raise _TooManyRedirects()
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _TooManyRedirects(Exception):
    pass


_OPENER = urllib.request.build_opener(_Redirects)


class _Deadline:
    """Seconds left until the fetch must end; the socket's timeout follows it."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout
        self.end = time.monotonic() + timeout

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> InputError:
        return InputError(
            f"{self.url}: no complete answer within {self.timeout:g} s; "
            "raise --timeout or save the page and ingest the file"
        )


def _set_timeout(response: HTTPResponse, seconds: float) -> None:
    """Tighten the socket's timeout to what is left of the deadline (when reachable)."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(seconds)


def _body(response: HTTPResponse, deadline: _Deadline) -> bytes:
    """The body, read as it arrives, stopped at the deadline or past MAX_BYTES."""
    url = deadline.url
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // 2**20} MB; save it and split it")
    parts, size = [], 0
    while True:
        _set_timeout(response, deadline.left())
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(f"{url}: larger than {MAX_BYTES // 2**20} MB; save it and split it")
        parts.append(chunk)


def _refuse_type(url: str, content_type: str) -> None:
    if content_type.startswith(_NOT_TEXT):
        kind = content_type.split(";")[0].strip()
        raise InputError(
            f"{url}: the server sent {kind}, not a page, feed or text; give the article's URL"
        )


def _fetch(url: str, deadline: _Deadline) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    with _OPENER.open(request, timeout=deadline.left()) as response:
        content_type = response.headers.get("Content-Type", "").lower()
        _refuse_type(url, content_type)
        return _body(response, deadline), content_type


def fetch_url(url: str, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; any failure is one clear InputError."""
    deadline = _Deadline(url, timeout)
    try:
        return _fetch(url, deadline)
    except _TooManyRedirects:
        raise InputError(
            f"{url}: more than {MAX_REDIRECTS} redirects (a redirect loop?); "
            "open it in a browser and give the final URL"
        ) from None
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: the server answered {error.code} {error.reason}") from None
    except TimeoutError:
        raise deadline.expired() from None
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as error:
        why = getattr(error, "reason", None) or error
        if isinstance(why, TimeoutError):
            raise deadline.expired() from None
        raise InputError(
            f"cannot fetch URL: {url} ({why}); check the network or save the page and "
            "ingest the file"
        ) from None
