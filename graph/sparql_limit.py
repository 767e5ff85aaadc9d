"""A time limit on SPARQL work that truly stops it: the work runs in a forked child.

pyoxigraph cannot cancel a query, and a thread cannot be killed, so a query that
runs away would keep a core busy after its caller gave up. A forked child shares
the parent's in-memory dataset (copy on write, no reload), runs the query, writes
its answer into a pipe and exits; at the limit the parent kills it with SIGKILL.
POSIX only, like the embedded store.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time
from collections.abc import Callable

from actorgraph.errors import ActorgraphError

DEFAULT_TIMEOUT = 30.0
_OK, _FAILED = b"O", b"E"


class QueryTimeout(ActorgraphError):
    """A query ran past its time limit and was stopped."""


def timeout_message(limit: float) -> str:
    return (
        f"the SPARQL query ran longer than {limit:g} s and was stopped; "
        "narrow it (a LIMIT, more specific patterns) or raise the limit with --timeout"
    )


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _child(work: Callable[[], bytes], out: int) -> None:
    """Run in the forked child: never returns, never runs the parent's clean-up."""
    try:
        try:
            answer = _OK + work()
        except ActorgraphError as error:
            answer = _FAILED + _one_line(error).encode()
        except BaseException as error:  # any failure: one line for the parent
            answer = _FAILED + f"SPARQL query failed: {_one_line(error)}".encode()
        view = memoryview(answer)
        while view:
            view = view[os.write(out, view) :]
    finally:
        os._exit(0)


def _reap(pid: int, kill: bool) -> None:
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _collect(fd: int, pid: int, limit: float) -> bytes:
    """Read the child's answer until it closes the pipe; kill it at the limit (or if this
    process is interrupted while waiting), so no query outlives its caller."""
    deadline = time.monotonic() + limit
    chunks: list[bytes] = []
    done = False
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([fd], [], [], left)[0]:
                continue  # the deadline decides
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                done = True
                break
            chunks.append(chunk)
    finally:
        _reap(pid, kill=not done)
    if not done:
        raise QueryTimeout(timeout_message(limit))
    return b"".join(chunks)


def run_bounded(work: Callable[[], bytes], limit: float | None) -> bytes:
    """``work()`` in a child process stopped after ``limit`` seconds (None or 0: in this
    process, no limit). An ActorgraphError raised by the work comes back as one."""
    if not limit:
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child; coverage does not follow it)
        os.close(read_end)
        _child(work, write_end)
    os.close(write_end)
    try:
        answer = _collect(read_end, pid, limit)
    finally:
        os.close(read_end)
    if answer[:1] == _OK:
        return answer[1:]
    if answer[:1] == _FAILED:
        raise ActorgraphError(answer[1:].decode("utf-8", errors="replace"))
    raise ActorgraphError("the SPARQL query process ended without an answer (out of memory?)")
