"""Extraction in several processes, or on a Dask cluster, behind the Extractor's interface.

spaCy holds the GIL while it parses, so threads do not help: each worker is a process
that builds its own Extractor once and reads chunks of articles. Results come back in
the order the articles went in, to the one process that writes the store, so an
ingest through here writes exactly what the single-process path writes.

    extractor = make_extractor(workers=2)              # a local process pool
    extractor = make_extractor(engine="dask", scheduler="tcp://host:8786")
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import signal
import socket
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from actorgraph.batching import batched
from actorgraph.errors import ActorgraphError
from actorgraph.loaders import Extractor
from actorgraph.schema import Article, Extraction

ENGINES = ("local", "dask")
CHUNK = 16  # articles per task: big enough to amortise the transfer, small enough to balance
CONNECT_TIMEOUT = "10s"

_worker: Extractor | None = None  # each worker process's own extractor, built once


def _extractor() -> Extractor:
    global _worker
    if _worker is None:
        _worker = Extractor()
    return _worker


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when the process that started it dies, even by
    kill -9 (Linux; elsewhere the pool's own shutdown is all there is)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def _start_worker(parent: int | None = None) -> None:
    """Pool initializer: tie the worker's life to its parent's, leave Ctrl-C to the parent
    (which stops the workers itself, without a traceback from each; see _submit), then
    load spaCy and the rules before the first chunk arrives."""
    if parent is not None:
        _die_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _extractor()


def extract_chunk(articles: list[Article]) -> list[Extraction]:
    """A worker's task: the extractions of one chunk, in order."""
    return list(_extractor().extract_many(articles))


def worker_name() -> str:
    """The extractor name a worker records (its spaCy pipeline and rules version)."""
    return _extractor().name


@contextmanager
def _quiet_tracker() -> Iterator[None]:
    """The pool's queues start multiprocessing's resource tracker, a process that outlives
    a killed parent to free its semaphores and warns that it did; started in here, it does
    that without two lines of warning on the user's terminal after a kill -9."""
    quiet = "ignore::UserWarning:multiprocessing.resource_tracker"
    sys.warnoptions.append(quiet)  # the tracker is started with this process's -W options
    try:
        yield
    finally:
        sys.warnoptions.remove(quiet)


class ExtractorLike(Protocol):
    name: str

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


def _in_order(
    chunks: Iterable[list[Article]],
    submit: Callable[[list[Article]], Any],
    result: Callable[[Any], list[Extraction]],
    window: int,
) -> Iterator[Extraction]:
    """Keep ``window`` chunks in flight and yield their extractions in submission order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


class _Chunked:
    """What both engines share: chunking a call's articles so every worker gets a share."""

    workers: int
    chunk_size: int

    def _chunk_size(self, articles: Iterable[Article]) -> tuple[Iterable[Article], int]:
        if isinstance(articles, list | tuple):
            share = math.ceil(len(articles) / max(1, self.workers))
            return articles, max(1, min(self.chunk_size, share))
        return articles, self.chunk_size


class ProcessExtractor(_Chunked):
    """An Extractor whose work runs in ``workers`` processes (started on first use)."""

    def __init__(self, workers: int = 2, chunk_size: int = CHUNK) -> None:
        if workers < 1:
            raise ActorgraphError(f"--workers must be at least 1 (got {workers})")
        self.workers = workers
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None
        self._name: str | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: a clean interpreter per worker, whatever threads or sockets this one holds
            context = multiprocessing.get_context("spawn")
            with _quiet_tracker():
                self._pool = ProcessPoolExecutor(
                    self.workers, mp_context=context, initializer=_start_worker,
                    initargs=(os.getpid(),),
                )  # fmt: skip
        return self._pool

    def _submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        """The pool starts a worker when a task is submitted; SIGINT is blocked meanwhile,
        and the worker keeps it blocked from its first instruction, so a Ctrl-C sent to the
        whole process group reaches only this process (which stops the workers) and never a
        worker half started. A Ctrl-C in that moment is delivered here right after."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return self._executor().submit(task, *args)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = self._submit(worker_name).result()
        return self._name

    def start(self) -> ProcessExtractor:
        """Start every worker and wait until each has loaded its pipeline."""
        for future in [self._submit(worker_name) for _ in range(self.workers * 2)]:
            self._name = future.result()
        return self

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        articles, size = self._chunk_size(articles)
        return _in_order(
            batched(articles, size),
            lambda chunk: self._submit(extract_chunk, chunk),
            Future.result,
            self.workers * 2,
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now, their chunks unfinished (on Ctrl-C or SIGTERM): the pool's
        processes are this process's only multiprocessing children."""
        if self._pool is None:
            return
        self._pool.shutdown(wait=False, cancel_futures=True)
        workers = multiprocessing.active_children()
        for process in workers:
            process.terminate()
        for process in workers:
            process.join()
        self._pool = None

    def __enter__(self) -> ProcessExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and issubclass(exc[0], KeyboardInterrupt):  # type: ignore[arg-type]
            self.terminate()
        self.close()


def _dask_client(scheduler: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ActorgraphError(
            "--engine dask needs Dask; install it with pip install 'actorgraph[dask]'"
        ) from None
    try:
        _refuse_early(scheduler)
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ActorgraphError(
            f"no Dask scheduler answers at {scheduler!r} ({detail}); "
            "start one (`dask scheduler`) or check --scheduler"
        ) from None


def _refuse_early(scheduler: str) -> None:
    """Raise ConnectionRefusedError at once when nothing listens at a tcp:// scheduler's
    address: Dask's client would retry a refused connection until its timeout (10 s)."""
    host, _, port = scheduler.removeprefix("tcp://").rpartition(":")
    if not scheduler.startswith("tcp://") or not port.isdigit():
        return  # another protocol, or no port: Dask reads it
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=1.0).close()
    except ConnectionRefusedError:
        raise
    except OSError:
        return  # unreachable or slow: Dask's own timeout decides


class DaskExtractor(_Chunked):
    """An Extractor whose work runs on a Dask cluster's workers; results come back in order."""

    def __init__(self, scheduler: str, chunk_size: int = CHUNK, client: Any = None) -> None:
        if not scheduler and client is None:
            raise ActorgraphError("--engine dask needs --scheduler ADDRESS (tcp://host:8786)")
        self.scheduler = scheduler
        self.chunk_size = chunk_size
        self._client = client or _dask_client(scheduler)
        self._own_client = client is None
        threads = sum(self._client.nthreads().values())
        if not threads:
            self.close()
            raise ActorgraphError(f"the Dask scheduler at {scheduler!r} has no workers")
        self.workers = threads
        self.name: str = self._client.submit(worker_name, pure=False).result()

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        articles, size = self._chunk_size(articles)
        client = self._client
        return _in_order(
            batched(articles, size),
            lambda chunk: client.submit(extract_chunk, chunk, pure=False),
            lambda future: future.result(),
            self.workers * 2,
        )

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_extractor(
    workers: int = 1, engine: str = "local", scheduler: str | None = None
) -> Extractor | ProcessExtractor | DaskExtractor:
    """The extractor for ``--workers``/``--engine``/``--scheduler``: in-process for one worker."""
    if engine not in ENGINES:
        raise ActorgraphError(f"unknown --engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ActorgraphError(f"--workers must be at least 1 (got {workers})")
    if engine == "dask":
        return DaskExtractor(scheduler or "")
    if scheduler:
        raise ActorgraphError("--scheduler goes with --engine dask")
    return Extractor() if workers == 1 else ProcessExtractor(workers)


@contextmanager
def extraction_engine(
    workers: int = 1, engine: str = "local", scheduler: str | None = None
) -> Iterator[ExtractorLike]:
    """make_extractor's extractor for a block; its processes or cluster client closed after."""
    extractor = make_extractor(workers, engine, scheduler)
    try:
        yield extractor
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM (interrupts.Interrupted): no waiting
        if isinstance(extractor, ProcessExtractor):
            extractor.terminate()
        raise
    finally:
        if isinstance(extractor, ProcessExtractor | DaskExtractor):
            extractor.close()
