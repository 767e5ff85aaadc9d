"""The CLI on the real Neo4j test server: ingest, copy both ways, and the bad cases."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import ROOT, SAMPLES, said, short_tmp
from neo4j_server import Neo4jServer, free_port
from test_cli import cli, consistency, run

pytestmark = pytest.mark.neo4j


def stats(url: str) -> dict:
    result = run("stats", "-f", "json", store_url=url)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def sample_falkordb() -> Iterator[tuple[str, dict]]:
    """The sample corpus ingested into an embedded store, once for this module."""
    folder = short_tmp()
    url = f"falkordb://{folder}"
    result = run("ingest", str(SAMPLES), store_url=url)
    assert result.exit_code == 0, result.output
    yield url, stats(url)
    shutil.rmtree(folder, ignore_errors=True)


def test_ingest_into_neo4j_counts_the_same_as_the_embedded_store(sample_falkordb, neo4j_url):
    _, expected = sample_falkordb
    assert expected["articles"] >= 9 and expected["edges"] > 0
    result = run("ingest", str(SAMPLES), store_url=neo4j_url)
    assert result.exit_code == 0, result.output
    assert stats(neo4j_url) == expected
    again = run("ingest", str(SAMPLES), store_url=neo4j_url)
    assert "0 articles written" in again.stdout
    assert stats(neo4j_url) == expected


def test_copy_embedded_to_neo4j_and_back_keeps_every_count(sample_falkordb, neo4j_url, data_dir):
    source, expected = sample_falkordb
    there = run("copy", "--from", source, "--to", neo4j_url, "--batch-size", "4", store_url=source)
    assert there.exit_code == 0, there.output
    assert f"copied {expected['articles']} articles" in there.output
    assert stats(neo4j_url) == expected
    back_url = f"falkordb://{data_dir}"
    back = run("copy", "--from", neo4j_url, "--to", back_url, store_url=source)
    assert back.exit_code == 0, back.output
    assert stats(back_url) == expected
    shown = run("show", "thermo", "-f", "json", store_url=neo4j_url)
    assert shown.exit_code == 0 and "Thermo Fisher" in shown.output


def bad_urls(server: Neo4jServer) -> dict[str, str]:
    host = server.uri.split("://", 1)[1]
    return {
        "password": f"bolt://{server.user}:wrong-password@{host}",
        "database": server.url() + ("&" if "?" in server.url() else "?") + "database=nosuchdb",
        "closed": f"bolt://{server.user}:wrong-password@127.0.0.1:{free_port()}",
        "tls": server.url("bolt+s").replace(server.password, "wrong-password"),
        "system": server.url() + ("&" if "?" in server.url() else "?") + "database=system",
    }


READ_ONLY = "this query writes to the graph; run it with --write"


@pytest.mark.parametrize(
    ("case", "args", "message"),
    [
        ("password", ("stats",), "refused user 'neo4j': wrong user or password"),
        ("database", ("stats",), "has no database 'nosuchdb'"),
        ("closed", ("stats",), "no Neo4j server answers at bolt://127.0.0.1:"),
        ("closed", ("stats",), "(connection refused); is it running"),
        ("tls", ("stats",), "no TLS connection could be made to Neo4j at bolt+s://127.0.0.1:"),
        ("system", ("stats",), "the database 'system' at bolt://127.0.0.1:"),
        (None, ("query", "MATCH (n) SET n.x = 1"), READ_ONLY),
        (None, ("query", "CREATE (:Note {n: 1})"), READ_ONLY),
        (None, ("query", "MATCH (a:Actor RETURN a"), "the query failed: Invalid input"),
    ],
)
def test_bad_cases_are_one_line_and_exit_1(case, args, message, neo4j_server, neo4j_url):
    url = bad_urls(neo4j_server)[case] if case else neo4j_url
    result = cli(*args, store_url=url, timeout=90)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "wrong-password" not in result.stderr
    assert neo4j_server.password not in result.stdout + result.stderr


def test_a_refused_write_leaves_the_graph_as_it_was(neo4j_url):
    assert cli("query", "CREATE (:Note {n: 1})", store_url=neo4j_url).returncode == 1
    count = run("query", "MATCH (n) RETURN count(n) AS n", "-f", "json", store_url=neo4j_url)
    assert json.loads(count.output) == [{"n": 0}]


def test_the_explore_page_works_on_neo4j(sample_falkordb, neo4j_url, monkeypatch):
    """The app's entry script with a bolt:// store: search, pick, the ego network drawn."""
    from test_app import drawn, run_app, search

    from actorgraph.graph import open_store
    from actorgraph.viz.connect import open_cached

    source, _ = sample_falkordb
    assert run("copy", "--from", source, "--to", neo4j_url, store_url=source).exit_code == 0
    with open_store(neo4j_url) as store:
        thermo = next(a for a in store.search_actors("thermo") if a.name.startswith("Thermo"))
        monkeypatch.setattr(store, "url", neo4j_url)  # the app opens it with the credentials
        try:
            at = search(run_app(monkeypatch, store), "thermo", thermo.id)
            nodes, edges = drawn(at)
        finally:
            open_cached.clear()
    assert thermo.id in nodes and len(nodes) > 1 and edges
    assert not at.exception


class Relay:
    """A TCP relay to the server; cutting it looks to the client like the server stopping."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.gone = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
                if self.gone:
                    client.close()
                    continue
                upstream = socket.create_connection(self.target)
            except OSError:
                return
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        self.gone = True
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


@pytest.mark.slow
def test_server_gone_mid_ingest_keeps_whole_articles_and_a_rerun_completes(
    sample_falkordb, neo4j_server, neo4j_url
):
    _, expected = sample_falkordb
    host, port = neo4j_server.uri.split("://", 1)[1].rstrip("/").rsplit(":", 1)
    relay = Relay(host, int(port))
    via_relay = neo4j_url.replace(f"@{host}:{port}", f"@127.0.0.1:{relay.port}")
    env = {**os.environ, "ACTORGRAPH_STORE": via_relay}
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "ingest", "--batch-size", "1", str(SAMPLES)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if consistency(neo4j_url)["articles"] >= 3:
            break
    assert process.poll() is None, "the ingest ended before the server could go"
    relay.cut()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, out + err
    assert said(err).count("\n") == 0, err
    assert "no Neo4j server answers" in err and "Traceback" not in out + err
    midway = consistency(neo4j_url)
    assert (midway["orphans"], midway["unsupported"]) == (0, 0)
    assert 0 < midway["articles"] < expected["articles"]
    rerun = run("ingest", str(SAMPLES), store_url=neo4j_url)
    assert rerun.exit_code == 0, rerun.output
    final = consistency(neo4j_url)
    assert (final["orphans"], final["unsupported"]) == (0, 0)
    assert stats(neo4j_url) == expected
