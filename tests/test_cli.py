"""The `actorgraph` command end to end, against a real embedded store."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SAMPLES
from neo4j_server import free_port
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import open_store
from actorgraph.graph.open import mask_url

runner = CliRunner()


@pytest.fixture
def store_url(falkordb_url: str) -> str:
    """These cases run on the embedded store; test_neo4j_cli.py runs the CLI on Neo4j."""
    return falkordb_url


def run(*args: str, store_url: str):
    return runner.invoke(app, ["--store", store_url, *args])


def cli(*args: str, store_url: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real console script in its own process, as a user runs it."""
    env = {**os.environ, "ACTORGRAPH_STORE": store_url}
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


def in_process(*args: str, store_url: str) -> subprocess.CompletedProcess[str]:
    """The CLI in this process (no interpreter start), reported as :func:`cli` reports a
    process: an exception that escapes Typer shows up as a traceback on stderr."""
    result = runner.invoke(app, list(args), env={"ACTORGRAPH_STORE": store_url})
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + repr(result.exception)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, stderr)


RUNAWAY = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)"


def rows(result) -> list[dict]:
    return json.loads(result.stdout)


HEADLINE_EDGES = (
    "MATCH (s:Actor)-[e]->(o:Actor) WHERE type(e) = $type "
    "RETURN s.name AS subject, s.kind AS sk, o.name AS object, o.kind AS ok"
)


def test_the_global_store_option_reaches_the_command_and_not_the_environment(
    store_url, monkeypatch
):
    monkeypatch.delenv("ACTORGRAPH_STORE", raising=False)
    assert run("ingest", str(FIXTURES / "sequencer_sales.txt"), store_url=store_url).exit_code == 0
    shown = run("stats", "--format", "json", store_url=store_url)
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["articles"] == 1  # the global --store's store
    assert "ACTORGRAPH_STORE" not in os.environ  # one invocation's option is not the next's


def test_ingest_then_query_finds_the_headline_edges_and_reingest_changes_nothing(store_url):
    first = run("ingest", str(FIXTURES / "sequencer_sales.txt"), store_url=store_url)
    assert first.exit_code == 0, first.output
    assert "1 articles written" in first.output
    found = {}
    for rel in ("SUPPLIED", "CRITICIZED", "BANNED"):
        result = run(
            "query", HEADLINE_EDGES, "-p", f"type={rel}", "-f", "json", store_url=store_url
        )
        assert result.exit_code == 0, result.output
        found[rel] = {(r["sk"], r["ok"]) for r in rows(result)}
    assert ("Company", "GovernmentBody") in found["SUPPLIED"]
    assert ("Person", "Company") in found["CRITICIZED"]
    assert ("GovernmentBody", "Company") in found["BANNED"]
    stats = json.loads(run("stats", "-f", "json", store_url=store_url).output)
    again = run("ingest", str(FIXTURES / "sequencer_sales.txt"), store_url=store_url)
    assert "0 articles written, 1 already stored" in again.output
    assert json.loads(run("stats", "-f", "json", store_url=store_url).output) == stats


def test_extract_writes_the_output_contract(tmp_path, store_url):
    out = tmp_path / "out.jsonl"
    result = run("extract", str(FIXTURES), "-o", str(out), store_url=store_url)
    assert result.exit_code == 0, result.output
    [line] = out.read_text().splitlines()
    doc = json.loads(line)
    assert Path(doc["source"]).stem == "sequencer_sales"
    assert doc["published"] == "2019-03-03"
    ids = {a["id"] for a in doc["actors"]}
    assert {a["kind"] for a in doc["actors"]} >= {"Company", "Person", "GovernmentBody"}
    for rel in doc["relations"]:
        assert rel["subject"] in ids and rel["object"] in ids
        assert set(rel["evidence"]) == {"sentence", "start", "end"}


def test_show_prints_an_actor_with_its_evidence(store_url):
    run("ingest", str(FIXTURES), store_url=store_url)
    result = run("show", "rubio", "-f", "json", store_url=store_url)
    assert result.exit_code == 0, result.output
    [row] = [r for r in rows(result) if r["type"] == "CRITICIZED"]
    assert row["subject"] == "Marco Rubio"
    assert "criticized Thermo Fisher" in row["evidence"]


def test_a_batch_with_one_bad_file_ingests_the_others_and_reports_it(tmp_path, store_url):
    (tmp_path / "good.txt").write_text((FIXTURES / "sequencer_sales.txt").read_text())
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path), store_url=store_url)
    assert result.exit_code == 1
    assert "1 articles written" in result.output
    assert "empty.txt: the file is empty" in result.output
    with open_store(store_url) as store:
        assert store.stats().articles == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "MATCH (a RETURN a"), "actorgraph: the query failed"),
        (("query", "CREATE (:X)"), "run it with --write"),
        (("--store", "postgres://x", "stats"), "unknown store URL"),
        (("ingest", "/nonexistent/file.txt"), "no such file or folder"),
        (("query", "RETURN 1", "-f", "xml"), "unknown format 'xml'"),
        (("show", "nobody-at-all"), "no actor matches"),
        (("query", "RETURN 1", "-p", "a`b=1"), "the parameter name 'a`b' holds a backtick"),
        (("query", "RETURN $m", "-p", 'm={"k`": 1}'), "the map key 'k`' holds a backtick"),
        (("query", "RETURN $n", "-p", "n=18446744073709551616"), "beyond 64-bit integers"),
        (("query", RUNAWAY, "--timeout", "0.5"), "time limit of 0.5 s and the store stopped"),
        (("query", "RETURN 1", "--timeout", "-1"), "a time limit cannot be negative"),
        (("--store", "postgres://u:hunter2@h/db", "stats"), "'postgres://u:***@h/db'"),
    ],
)
def test_expected_errors_are_one_line_without_traceback(args, message, store_url):
    result = in_process(*args, store_url=store_url)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "hunter2" not in result.stderr + result.stdout


def test_the_console_script_prints_an_expected_error_as_one_line(store_url):
    """The same promise through `python -m actorgraph` in a process of its own, as a user
    runs it (the cases above run in this process)."""
    result = cli("--store", "postgres://u:hunter2@h/db", "stats", store_url=store_url)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "unknown store URL 'postgres://u:***@h/db'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "hunter2" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("bolt://neo4j:s3cret@db:7687?database=x", "bolt://neo4j:***@db:7687?database=x"),
        ("neo4j+s://u:p@ss:w@[::1]:7687", "neo4j+s://u:***@[::1]:7687"),
        ("bolt://:s3cret@db", "bolt://:***@db"),
        ("bolt://neo4j@db", "bolt://neo4j@db"),
        ("falkordb:///tmp/store", "falkordb:///tmp/store"),
    ],
)
def test_urls_are_shown_with_their_password_masked(url, shown):
    assert mask_url(url) == shown


def test_a_query_stopped_at_its_limit_leaves_the_store_answering(store_url):
    stopped = run("query", RUNAWAY, "--timeout", "0.3", store_url=store_url)
    assert stopped.exit_code == 1 and "--timeout SECONDS" in stopped.output
    assert run("query", "RETURN 1 AS one", "-f", "csv", store_url=store_url).output == "one\n1\n"


def test_query_write_flag_allows_writes(store_url):
    result = run(
        "query", "CREATE (:Note {n: $n}) RETURN 1", "-p", "n=5", "--write", store_url=store_url
    )
    assert result.exit_code == 0, result.output
    out = run("query", "MATCH (x:Note) RETURN x.n AS n", "-f", "csv", store_url=store_url)
    assert out.output.splitlines()[:2] == ["n", "5"]


def test_demo_twice_duplicates_nothing(store_url):
    first = run("demo", "--no-serve", store_url=store_url)
    assert first.exit_code == 0, first.output
    second = run("demo", "--no-serve", store_url=store_url)
    assert "0 articles written" in second.output
    expected = len(list(SAMPLES.glob("*.txt")))
    assert f"the store holds {expected} articles" in second.output


def consistency(store_url: str) -> dict:
    """Every claim hangs off one article and two actors, and every edge has its claims."""
    with open_store(store_url) as store:
        orphans = store.query(
            "MATCH (c:Claim) WHERE NOT ()-[:ASSERTS]->(c) OR NOT (c)-[:SUBJECT]->() "
            "OR NOT (c)-[:OBJECT]->() RETURN count(c)"
        ).rows[0][0]
        unsupported = store.query(
            "MATCH (s:Actor)-[e]->(o:Actor) WHERE type(e) IN $types AND NOT "
            "(s)<-[:SUBJECT]-(:Claim {type: type(e)})-[:OBJECT]->(o) RETURN count(e)",
            {"types": ["SUPPLIED", "CRITICIZED", "BANNED", "SANCTIONED", "MEMBER_OF"]},
        ).rows[0][0]
        return {"orphans": orphans, "unsupported": unsupported, **store.stats().as_dict()}


@pytest.mark.slow
def test_killing_an_ingest_leaves_a_whole_store_and_a_rerun_completes_it(store_url, data_dir):
    env = {**os.environ, "ACTORGRAPH_STORE": store_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "ingest", "--batch-size", "1", str(SAMPLES)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill it once some batches are written
        time.sleep(0.2)
        if (data_dir / "redis.sock").exists() and consistency(store_url)["articles"] >= 4:
            break
    assert process.poll() is None, "the ingest ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    midway = consistency(store_url)
    assert (midway["orphans"], midway["unsupported"]) == (0, 0)
    assert midway["articles"] > 0
    rerun = run("ingest", str(SAMPLES), store_url=store_url)  # in this process: no restart
    assert rerun.exit_code == 0, rerun.output
    final = consistency(store_url)
    assert final["articles"] == len(list(SAMPLES.glob("*.txt")))
    assert (final["orphans"], final["unsupported"]) == (0, 0)


def test_one_real_world_actor_is_one_node_across_the_sample_corpus(store_url):
    """After ingest, no two actors of agreeing kinds answer to the same name or alias."""
    from actorgraph.loaders.resolve import keys_of
    from actorgraph.schema import Actor

    assert run("ingest", str(SAMPLES), store_url=store_url).exit_code == 0
    owners: dict[tuple[str, str], set[str]] = {}
    with open_store(store_url) as store:
        for view in store.iter_actors():
            actor = Actor(view.name, view.kind, view.aliases, id=view.id)
            family = "state" if view.kind in ("Government", "Place") else view.kind
            for key in keys_of(actor):
                owners.setdefault((key, family), set()).add(view.id)
    shared = {k: ids for k, ids in owners.items() if len(ids) > 1}
    assert shared == {}


# --- serve: stopped with the app, refused on a used port, no password shown ----------------


def port_answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def app_healthy(port: int) -> bool:
    """Streamlit's health check answers ok: the app has finished starting."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def wait_for(condition, what: str, timeout: float = 90.0) -> None:
    """Poll ``condition`` until it holds (a busy machine may take long to start Streamlit)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_serve_stops_the_app_and_frees_its_port(sig, store_url):
    """The signal reaches Streamlit and serve waits for it: the port is free once it exits."""
    port = free_port()
    secret = "bolt://neo4j:hunter2@127.0.0.1:1"  # the banner shows it masked (never opened)
    serve = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "serve", "--port", str(port), "--store", secret],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_for(lambda: app_healthy(port), "the app answers")
        serve.send_signal(sig)
        out, err = serve.communicate(timeout=60)
        assert not port_answers(port), "the app still serves after serve exited"
        assert "(store bolt://neo4j:***@127.0.0.1:1)" in out
        assert "hunter2" not in out + err and "Traceback" not in err
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()


def test_serve_on_a_port_in_use_exits_1_with_one_line(store_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port), store_url=store_url, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"actorgraph: port {port} on 127.0.0.1 is in use (Address already in use); "
        "stop what uses it or choose another with --port"
    )
    assert "actorgraph app on" not in result.stdout


def test_path_answers_how_actors_are_connected_either_way_or_along_the_edges(store_url):
    from test_paths_all import ACME, BETA, DOE, POLICE, web

    with open_store(store_url) as store:
        store.write(web())
    result = run("path", "Acme Corp", "Jane Doe", "--max", "1", "-f", "json", store_url=store_url)
    assert result.exit_code == 0, result.output
    assert [(r["subject"], r["type"], r["object"]) for r in rows(result)] == [
        ("Jane Doe", "CRITICIZED", "Acme Corp")  # walked against its direction
    ]
    result = run("path", "Acme Corp", "Jane Doe", "--max", "1", "--directed", store_url=store_url)
    assert result.exit_code == 1
    assert "no path of at most 1 hops from Acme Corp to Jane Doe along the edges" in result.output
    result = run("path", "acme", "doe", "--max", "2", "--directed", store_url=store_url)
    assert result.exit_code == 0 and "1. Acme Corp → Ruritania police → Jane Doe" in result.output
    result = run("path", BETA.id, POLICE.id, DOE.id, "-f", "json", store_url=store_url)
    assert result.exit_code == 0, result.output
    assert sorted((r["subject"], r["type"], r["object"]) for r in rows(result)) == [
        ("Jane Doe", "FUNDED", "Beta Ltd"),
        ("Jane Doe", "SUED", "Ruritania police"),
        ("Ruritania police", "DETAINED", "Jane Doe"),
    ]
    result = run("path", "Acme Corp", ACME.id, store_url=store_url)
    assert result.exit_code == 1 and "the same actor" in result.output


def test_path_walks_only_the_edges_of_the_types_and_dates_asked(store_url):
    from test_paths_all import web

    with open_store(store_url) as store:
        store.write(web())

    def hops(*options: str) -> list[tuple[str, str, str]]:
        result = run("path", "Jane Doe", "Ruritania police", *options, "-f", "json",
                     store_url=store_url)  # fmt: skip
        assert result.exit_code == 0, result.output
        return [(r["subject"], r["type"], r["object"]) for r in rows(result)]

    assert sorted(hops()) == [
        ("Jane Doe", "SUED", "Ruritania police"),
        ("Ruritania police", "DETAINED", "Jane Doe"),
    ]
    assert hops("--type", "criticized", "-t", "SUPPLIED") == [
        ("Jane Doe", "CRITICIZED", "Acme Corp"),
        ("Acme Corp", "SUPPLIED", "Ruritania police"),
    ]
    assert hops("--since", "2022-05") == [("Ruritania police", "DETAINED", "Jane Doe")]
    for options, message in [
        (("--type", "BOUGHT"), "unknown relation type 'BOUGHT'; valid: "),
        (("--modality", "maybe"), "unknown modality 'maybe'"),
        (("--since", "2022-13"), "--since must be a date YYYY, YYYY-MM or YYYY-MM-DD"),
        (("--since", "2023", "--until", "2022"), "--since 2023 is after --until 2022"),
        (("--type", "FUNDED", "--max", "1"), "over the edges asked for; try a larger --max"),
    ]:
        result = run("path", "Jane Doe", "Ruritania police", *options, store_url=store_url)
        assert result.exit_code == 1 and message in result.output, result.output
        assert "Traceback" not in result.output
