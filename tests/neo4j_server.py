"""A real Neo4j 5.26 Community server for the tests, from Maven Central artifacts.

Loaded as a pytest plugin by conftest.py. The session fixture ``neo4j_server``
starts tests/neo4j/Launcher.java (the neo4j-harness in-process server) on a free
loopback port with authentication on, waits until Bolt answers, and stops it at
the end of the session whatever happened. The classpath Maven resolves and the
compiled launcher are kept in tests/neo4j/.build (gitignored), so only the first
start pays for Maven. With NEO4J_URI set, that server is used instead.

Missing java, javac or mvn skips the Neo4j cases with that reason, except in CI
(CI=true), where a Neo4j case that cannot run fails.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import neo4j
import pytest

HERE = Path(__file__).resolve().parent / "neo4j"
BUILD = HERE / ".build"
CLASSPATH = BUILD / "classpath.txt"
CLASSES = BUILD / "classes"
READY = "NEO4J READY "
START_TIMEOUT = 180.0
NEO4J_VERSION = re.search(r"<neo4j.version>(.+)</neo4j.version>", (HERE / "pom.xml").read_text())[1]
TIMINGS: dict[str, float] = {}  # what this session spent building and starting, for the summary
# A small heap for a test graph; for tests, C1 only: start-up time matters more than peak speed.
JVM_OPTIONS = ["-Xms256m", "-Xmx768m", "-XX:+UseSerialGC"]
QUICK_START = ["-XX:TieredStopAtLevel=1"]


@dataclass(frozen=True)
class Neo4jServer:
    """Where the test server listens and how to log in."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def url(self, scheme: str = "bolt") -> str:
        """A store URL with the credentials in it, so subprocesses need no environment."""
        host = self.uri.split("://", 1)[1]
        url = f"{scheme}://{quote(self.user, safe='')}:{quote(self.password, safe='')}@{host}"
        return url + (f"?database={self.database}" if self.database else "")


def unavailable(reason: str) -> None:
    """Skip with the reason; in CI a Neo4j case that cannot run is a failure instead."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Neo4j is required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def missing_tools() -> str | None:
    """What is missing to build and run the server, if anything."""
    needed = ["java"] if CLASSPATH.exists() and (CLASSES / "Launcher.class").exists() else []
    needed = needed or ["java", "javac", "mvn"]
    missing = [tool for tool in needed if shutil.which(tool) is None]
    return (
        f"{', '.join(missing)} not found: the Neo4j test server needs Java 17 and Maven"
        if (missing)
        else None
    )


def _stale(target: Path, source: Path) -> bool:
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def build() -> None:
    """Resolve the jars with Maven and compile the launcher, unless done already."""
    BUILD.mkdir(exist_ok=True)
    began = time.monotonic()
    if _stale(CLASSPATH, HERE / "pom.xml"):
        subprocess.run(
            [
                "mvn",
                "-q",
                "-B",
                "-Dstyle.color=never",
                "dependency:build-classpath",
                f"-Dmdep.outputFile={CLASSPATH}",
            ],
            cwd=HERE,
            check=True,
            stdout=sys.stderr,
        )
    launcher = CLASSES / "Launcher.class"
    if _stale(launcher, HERE / "Launcher.java") or _stale(launcher, CLASSPATH):
        CLASSES.mkdir(exist_ok=True)
        subprocess.run(
            ["javac", "-d", str(CLASSES), "-cp", CLASSPATH.read_text().strip(), "Launcher.java"],
            cwd=HERE,
            check=True,
        )
    if time.monotonic() - began > 0.5:
        TIMINGS["build"] = time.monotonic() - began


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Running:
    """A started launcher process and the server it serves."""

    process: subprocess.Popen[str]
    server: Neo4jServer

    def stop(self) -> None:
        """Close its stdin (it exits cleanly), then terminate, then kill."""
        if self.process.poll() is not None:
            return
        try:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=30)
        except (subprocess.TimeoutExpired, OSError):
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(
    user: str = "neo4j", password: str | None = None, port: int = 0, *, quick: bool = True
) -> Running:
    """Build if needed, start the server, and return once it printed its ready line.

    ``quick`` trades the JIT's peak speed for a start-up in about half the time.
    """
    build()
    password = password or "ag-" + secrets.token_hex(8)
    port = port or free_port()
    classpath = f"{CLASSPATH.read_text().strip()}:{CLASSES}"
    log = (BUILD / "server.log").open("w")
    process = subprocess.Popen(
        [
            "java",
            *JVM_OPTIONS,
            *(QUICK_START if quick else []),
            "-cp",
            classpath,
            "Launcher",
            str(port),
            user,
            password,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    found: list[str] = []
    reader = threading.Thread(
        target=lambda: found.extend(line for line in process.stdout if line.startswith(READY)),
        daemon=True,
    )
    reader.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not found and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    if not found:
        Running(process, Neo4jServer("", user, password)).stop()
        tail = (BUILD / "server.log").read_text()[-2000:]
        raise RuntimeError(f"the Neo4j test server did not start; its log ends:\n{tail}")
    uri = found[0][len(READY) :].strip().rstrip("/").replace("localhost", "127.0.0.1")
    return Running(process, Neo4jServer(uri, user, password))


def wait_for_bolt(server: Neo4jServer, timeout: float = 60.0) -> None:
    """Until a login over Bolt works."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with neo4j.GraphDatabase.driver(
                server.uri, auth=(server.user, server.password)
            ) as driver:
                driver.verify_connectivity()
                return
        except neo4j.exceptions.ServiceUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """The Neo4j server of this test session: NEO4J_URI's, or one started here."""
    if os.environ.get("NEO4J_URI"):
        server = Neo4jServer(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
        )
        wait_for_bolt(server, timeout=10)
        yield server
        return
    reason = missing_tools()
    if reason:
        unavailable(reason)
    began = time.monotonic()
    running = start()
    try:
        wait_for_bolt(running.server)
        TIMINGS["start"] = time.monotonic() - began
        yield running.server
    finally:
        running.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """One driver for the fixtures' own housekeeping."""
    auth = (neo4j_server.user, neo4j_server.password)
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as driver:
        yield driver


def clear(driver: neo4j.Driver, database: str | None) -> None:
    """Empty the database between tests (Community has one user database); the schema stays."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


@pytest.fixture
def neo4j_url(neo4j_server: Neo4jServer, neo4j_driver: neo4j.Driver) -> str:
    """A store URL of the Neo4j test server, emptied for this test."""
    clear(neo4j_driver, neo4j_server.database)
    return neo4j_server.url()


def main() -> None:
    """`make neo4j`: the same server in the foreground, until Ctrl+C; `build`: only build it."""
    reason = missing_tools()
    if sys.argv[1:] == ["build"]:
        if reason:
            print(f"{reason}; the Neo4j cases will be skipped", file=sys.stderr)
        else:
            build()
        return
    if reason:
        sys.exit(reason)
    port = int(os.environ.get("NEO4J_PORT", "7687"))
    password = os.environ.get("NEO4J_PASSWORD", "actorgraph")
    running = start(password=password, port=port, quick=False)
    server = running.server
    wait_for_bolt(server)
    print(f"NEO4J_URI={server.uri}\nNEO4J_USER={server.user}\nNEO4J_PASSWORD={server.password}")
    print(f"store URL: {server.url()}\nCtrl+C stops it", flush=True)
    try:
        running.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


if __name__ == "__main__":
    main()
