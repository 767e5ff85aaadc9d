"""What the hostile-input rows of the bad-input table need: a local HTTP server that
misbehaves, a gzip bomb, and a look at a process's children through /proc."""

from __future__ import annotations

import gzip
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# --- a server in a thread ----------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    """/trickle: a page a byte every 0.2 s, without end; /slow-headers: its headers so;
    /loop: a redirect to itself;
    /hop/N: a redirect to /hop/N-1, then a page; /image.png: a PNG image."""

    stop: threading.Event

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, code: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/trickle":
            self._send(200, {"Content-Type": "text/html"}, b"<html><body><p>")
            while not self.stop.is_set():
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                self.stop.wait(0.2)
        elif self.path == "/slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            while not self.stop.is_set():
                try:
                    self.wfile.write(b"X")
                    self.wfile.flush()
                except OSError:
                    return
                self.stop.wait(0.2)
        elif self.path == "/loop":
            self._send(302, {"Location": "/loop", "Content-Length": "0"})
        elif self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            if left:
                self._send(302, {"Location": f"/hop/{left - 1}", "Content-Length": "0"})
            else:
                page = (
                    b"Hop story\n\nTailspin Avionics Corp supplied Coho Motors Ltd with radios.\n"
                )
                self._send(
                    200, {"Content-Type": "text/plain", "Content-Length": str(len(page))}, page
                )
        elif self.path == "/image.png":
            png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
            self._send(200, {"Content-Type": "image/png", "Content-Length": str(len(png))}, png)
        else:
            self._send(404, {"Content-Length": "0"})


@contextmanager
def misbehaving_server() -> Iterator[str]:
    """The base URL (http://127.0.0.1:port) of a server running _Handler in a thread."""
    stop = threading.Event()
    handler = type("Handler", (_Handler,), {"stop": stop})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


# --- a gzip bomb ------------------------------------------------------------------------------


def gzip_bomb(path: Path, expanded: int = 2**30) -> Path:
    """A gzip file of about 1 MB that expands to ``expanded`` bytes of zeros: one member of
    1 MiB of zeros, compressed once and repeated (gzip reads members one after another)."""
    member = gzip.compress(bytes(2**20), compresslevel=9)
    with path.open("wb") as sink:
        for _ in range(expanded // 2**20):
            sink.write(member)
    return path


# --- processes --------------------------------------------------------------------------------


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (from /proc; zombies left out)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not reaped, does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {seconds} s")
        time.sleep(0.05)


def multiprocessing_children(pid: int) -> dict[int, bytes]:
    """The children of ``pid`` that multiprocessing started (pool workers and its resource
    tracker, not a store's server), with their command lines."""
    found = {}
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in command:
            found[child] = command
    return found


def worker_pids(pid: int) -> set[int]:
    """The pool's worker processes among the children of ``pid``."""
    found = multiprocessing_children(pid)
    return {child for child, command in found.items() if b"resource_tracker" not in command}


def pgid(pid: int) -> int:
    return os.getpgid(pid)
