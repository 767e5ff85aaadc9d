"""Fetching a URL given on the command line: the only network use, bounded in time and size.

Links found inside files or feeds are never fetched. The whole fetch (connecting,
redirects, headers, body) has one deadline, ``timeout`` seconds from the start, so a
server that trickles a byte a second cannot hold a batch up; at most MAX_REDIRECTS
redirects are followed and at most MAX_BYTES read. Every failure is one line that
starts with the URL and says what to do instead.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
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


class _Deadline:
    """Seconds left until the fetch must end. Each socket the fetch opens is shut down
    when the time is up, so no phase (headers trickled a byte at a time included) can
    outlast it; reads also stop by their own check."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout
        self.end = time.monotonic() + timeout
        self._timers: list[threading.Timer] = []

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def expired(self) -> InputError:
        return InputError(
            f"{self.url}: no complete answer within {self.timeout:g} s; "
            "raise --timeout or save the page and ingest the file"
        )

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down at the deadline (a blocked read then ends at once)."""
        timer = threading.Timer(max(0.0, self.end - time.monotonic()), _shut, (sock,))
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    """An opener whose connections are watched by ``deadline`` and whose redirects are
    capped."""

    class Plain(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class Secure(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    class PlainHandler(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(Plain, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(
                Secure, req, context=self._context, check_hostname=self._check_hostname
            )

    return urllib.request.build_opener(_Redirects, PlainHandler, SecureHandler)


def _body(response: HTTPResponse, deadline: _Deadline) -> bytes:
    """The body, read as it arrives, stopped at the deadline or past MAX_BYTES."""
    url = deadline.url
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise InputError(f"{url}: larger than {MAX_BYTES // 2**20} MB; save it and split it")
    parts, size = [], 0
    while True:
        deadline.left()  # (a read blocked past the deadline ends: the watch shuts it)
        chunk = response.read1(CHUNK)
        if not chunk:
            if deadline.passed():  # the end came from the watch shutting the socket
                raise deadline.expired()
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
    with _opener(deadline).open(request, timeout=deadline.left()) as response:
        content_type = response.headers.get("Content-Type", "").lower()
        _refuse_type(url, content_type)
        return _body(response, deadline), content_type


def _failure(url: str, deadline: _Deadline, error: Exception) -> InputError:
    """The one line for a fetch that failed."""
    if isinstance(error, _TooManyRedirects):
        return InputError(
            f"{url}: more than {MAX_REDIRECTS} redirects (a redirect loop?); "
            "open it in a browser and give the final URL"
        )
    if isinstance(error, urllib.error.HTTPError):
        return InputError(f"{url}: the server answered {error.code} {error.reason}")
    why = getattr(error, "reason", None) or error
    if deadline.passed() or isinstance(why, TimeoutError):  # (the watch shut the socket)
        return deadline.expired()
    return InputError(
        f"cannot fetch URL: {url} ({why}); check the network or save the page and ingest the file"
    )


def fetch_url(url: str, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` and its content type; any failure is one clear InputError."""
    deadline = _Deadline(url, timeout)
    try:
        return _fetch(url, deadline)
    except (_TooManyRedirects, urllib.error.URLError, HTTPException, OSError, ValueError) as e:
        raise _failure(url, deadline, e) from None
    finally:
        deadline.cancel()
