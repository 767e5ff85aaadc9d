"""The bad-input suite: one table, one row per thing a user may feed actorgraph.

Every row runs the real CLI (in-process with typer's CliRunner, or as a process where a
signal or a second process is the point) against a store pre-filled with a few articles,
then asserts three things: the exit code; stderr is one clear line, or empty when the
input is fine (never a traceback); and the store afterwards, by its counts and a checksum
of its contents, is unchanged, or grew by exactly what the row says should go in.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, said, short_tmp
from hostile import (
    alive,
    gzip_bomb,
    misbehaving_server,
    multiprocessing_children,
    wait_for,
    worker_pids,
)
from test_cli import consistency
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import content_checksum, open_store
from actorgraph.graph.embedded import EmbeddedServer
from actorgraph.graph.open import STORE_ENV

runner = CliRunner()

INJECTION = "Acme'}) DETACH DELETE n //"
EMOJI_RTL = "Acme 🚀 שלום عربي Corp"
LONG_NAME = "Acme " + "x" * 9995  # 10,000 characters
RUNAWAY_WRITE = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b CREATE (:X) RETURN 1"
FORGED = "forged\nactorgraph: 5 articles written.txt"  # a file name that would forge a line
PEAK_MB = 300  # the most an ingest of a gzip bomb may take

# The few articles every store starts with (the extractor finds companies and a claim in each).
PREFILL = {
    "radar.txt": "Radar deal\n\nPublished: 2021-03-04\n\n"
    "Northwind Systems Corp supplied Contoso Optics Ltd with radar parts, officials said.\n",
    "drones.txt": "Drone sale\n\nPublished: 2022-06-07\n\n"
    "Fabrikam Robotics Corp supplied Woodgrove Marine Ltd with drones last spring.\n",
    "cameras.txt": "Camera contract\n\nPublished: 2023-09-10\n\n"
    "Litware Vision Corp supplied Adatum Security Ltd with cameras for the city.\n",
}


def generated(folder: Path, count: int, stem: str) -> Path:
    """``count`` distinct small articles, each naming two companies and a SUPPLIED claim."""
    first = ["Tailspin", "Proseware", "Wingtip", "Lucerne", "Alpine", "Coho", "Humongous",
             "Trey", "Graphic", "Datum", "Margie", "Fourth"]  # fmt: skip
    second = ["Avionics", "Networks", "Metals", "Sensors", "Labs", "Energy", "Motors",
              "Devices", "Telecom", "Analytics", "Aerospace", "Chemicals"]  # fmt: skip
    names = [f"{a} {b}" for a in first for b in second]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        seller, buyer = names[(i * 5) % len(names)], names[(i * 11 + 7) % len(names)]
        (folder / f"{stem}{i:03}.txt").write_text(
            f"{stem} story {i}: {seller}\n\nPublished: 2020-{i % 12 + 1:02}-{i % 27 + 1:02}\n\n"
            f"{seller} Corp supplied {buyer} Ltd with {i} tonnes of {stem} parts, said a "
            f"filing seen in week {i}.\n"
        )
    return folder


def write_inputs(folder: Path) -> None:
    """The bad (and the fine but unusual) input files the rows feed in."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes(
        "Société Générale Corp supplied Contoso Ltd with radios, café owners said.\n".encode(
            "latin-1"
        )
    )
    (folder / "utf16.txt").write_bytes(
        "Acme Corp supplied Contoso Ltd with radios.\n".encode("utf-16")  # with a BOM
    )
    (folder / "nobody.html").write_text("<html><head><title>Nothing</title></head></html>")
    (folder / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Acme</b></item></rss>"
    )
    good = {"text": "Tailspin Avionics Corp supplied Coho Labs Ltd with sensors last year."}
    (folder / "mixed.jsonl").write_text(json.dumps(good) + '\n{"text": "broken\n')
    (folder / "notext.csv").write_text("title,summary\nAcme,Acme Corp supplied Contoso Ltd.\n")
    (folder / "document.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip at all")
    (folder / "broken.json").write_text('{"text": "Acme Corp supplied", ')
    (folder / "future.txt").write_text(
        "Tomorrow's news\n\nPublished: 2091-05-01\n\n"
        "Trey Metals Corp supplied Alpine Energy Ltd with copper, a filing says.\n"
    )
    (folder / "emoji.txt").write_text(
        "Satellite deal 📡\n\nPublished: 2024-01-02\n\n"
        "Wingtip Aerospace Corp supplied Lucerne Telecom Ltd with antennas 📡, said "
        "שלום Cohen and عمر خالد of the ministry.\n"
    )
    (folder / "a-file").write_text("a file, not a folder")
    unreadable = folder / "nothing-to-read"
    unreadable.mkdir()
    (unreadable / "notes.pdf").write_bytes(b"%PDF")
    (unreadable / "image.png").write_bytes(b"\x89PNG")
    (folder / "not-a-backup").mkdir()
    write_hostile(folder)


def story(name: str, seller: str, buyer: str, extra: str = "") -> str:
    """A small article naming two companies and a SUPPLIED claim."""
    return f"{name}\n\n{extra}{seller} Corp supplied {buyer} Ltd with parts, a filing shows.\n"


def write_hostile(folder: Path) -> None:
    """The inputs of the hostile rows (#25): control characters, nesting, odd names."""
    (folder / "nul.txt").write_bytes(
        b"Nul story\n\nProseware Metals Corp supplied\x00 Wingtip Labs Ltd with steel\x1b plates.\n"
    )
    (folder / "cells.csv").write_bytes(
        b'text\n"Lucerne Energy Corp supplied\x01 Alpine Devices Ltd with turbines."\n'
    )
    escaped = "Coho Telecom Corp supplied \u0000Trey Analytics Ltd with \ud800 routers."
    (folder / "escapes.jsonl").write_text(json.dumps({"text": escaped}) + "\n")  # as \u escapes
    for name, seller, buyer in [
        ("batch-a", "Graphic Sensors", "Datum Motors"),
        ("batch-b", "Margie Chemicals", "Fourth Aerospace"),
        ("errors-a", "Humongous Labs", "Tailspin Networks"),
        ("errors-b", "Wingtip Energy", "Alpine Metals"),
        ("fifo-a", "Coho Devices", "Trey Telecom"),
        ("fifo-b", "Lucerne Analytics", "Graphic Avionics"),
    ]:
        (folder / f"{name}.txt").write_text(story(f"{name} story", seller, buyer))
    for name, seller in [("same-url-1", "Datum Labs"), ("same-url-2", "Margie Motors")]:
        url = "URL: https://example.org/news/one-story\n\n"
        (folder / f"{name}.txt").write_text(story(f"{name} story", seller, "Fourth Sensors", url))
    (folder / "other-url.txt").write_text(story("Other story", "Humongous Devices", "Coho Labs"))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    good = json.dumps({"text": story("Deep story", "Trey Metals", "Wingtip Analytics")})
    (folder / "deep.jsonl").write_text(good + "\n" + '{"text": ' + "[" * 5000 + "]" * 5000 + "}\n")
    (folder / FORGED).write_text("")


# --- what a run gives, and a fingerprint of a store -----------------------------------------


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def fingerprint(url: str) -> tuple[dict, str, str]:
    """The store's counts, the checksum of its contents (articles, actors, claims, edges,
    through the public iteration API) and of every node label and relationship type count."""
    with open_store(url) as store:
        labels = store.query("MATCH (n) RETURN labels(n) AS l, count(n) AS n").rows
        types = store.query("MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS n").rows
        shape = json.dumps(sorted([sorted(names), n] for names, n in labels) + sorted(types))
        return (
            store.stats().as_dict(),
            content_checksum(store),
            hashlib.sha256(shape.encode()).hexdigest(),
        )


def consistent(url: str) -> None:
    """No claim without its article and two actors, no typed edge without a claim."""
    found = consistency(url)
    assert (found["orphans"], found["unsupported"]) == (0, 0)


@dataclass
class Ctx:
    """What a row's action gets: the input files, the store under test, scratch space."""

    inputs: Path
    url: str
    scratch: Path
    neo4j_url: str = ""

    def cli(self, *args: str, stdin: str | None = None) -> Outcome:
        """The CLI in this process; an exception that escapes shows up as a traceback."""
        result = runner.invoke(app, ["--store", self.url, *args], input=stdin)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "Traceback (most recent call last):\n" + repr(result.exception)
        return Outcome(result.exit_code, result.stdout, stderr)

    def ingest(self, *paths: str) -> Outcome:
        return self.cli("ingest", *(str(self.inputs / p) for p in paths))

    def process(self, *args: str, session: bool = False) -> subprocess.Popen[str]:
        """The CLI as a process (in a session of its own if ``session``, as a shell runs a
        job: Ctrl-C then goes to its whole process group)."""
        return subprocess.Popen(
            [sys.executable, "-m", "actorgraph", *args],
            env={**os.environ, STORE_ENV: self.url}, cwd=ROOT, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=session,
        )  # fmt: skip


# --- the actions that need more than one call --------------------------------------------------


def huge_article(ctx: Ctx) -> Outcome:
    """A 50 MB single article: refused (over MAX_CHARS) in well under a minute."""
    path = ctx.scratch / "huge.txt"
    sentence = "Northwind Systems Corp supplied Contoso Optics Ltd with radar parts. "
    path.write_text("Huge story\n\n" + sentence * (50 * 2**20 // len(sentence)))
    began = time.monotonic()
    outcome = ctx.cli("ingest", str(path))
    assert time.monotonic() - began < 60
    return outcome


def emoji_article(ctx: Ctx) -> Outcome:
    outcome = ctx.ingest("emoji.txt")
    stored = ctx.cli(
        "query", "MATCH (a:Article) WHERE a.text CONTAINS $s RETURN a.text AS text",
        "-p", "s=📡", "-f", "json",
    )  # fmt: skip
    assert [r["text"] for r in json.loads(stored.stdout)] == [
        (ctx.inputs / "emoji.txt").read_text()
    ]
    return outcome


def round_trip(value: str) -> Callable[[Ctx], Outcome]:
    """A parameter comes back exactly as it went in: nothing is spliced into the query."""

    def action(ctx: Ctx) -> Outcome:
        outcome = ctx.cli("query", "RETURN $name AS name", "-p", f"name={value}", "-f", "json")
        assert json.loads(outcome.stdout) == [{"name": value}]
        return outcome

    return action


def unencodable_as_parameter(ctx: Ctx) -> Outcome:
    """NUL and a lone surrogate (from JSON escapes) go in as data and are printed back as JSON
    that reads as the same text (FalkorDB ended the query at the NUL)."""
    outcome = ctx.cli(
        "query", "RETURN $name AS name", "-p", 'name="Acme\\u0000\\ud800 Corp"', "-f", "json"
    )
    assert json.loads(outcome.stdout) == [{"name": "Acme\x00\ud800 Corp"}]
    return outcome


def injection_as_parameter(ctx: Ctx) -> Outcome:
    outcome = ctx.cli(
        "query", "MATCH (a:Actor) WHERE a.name = $name RETURN a.name AS name",
        "-p", f"name={INJECTION}", "-f", "json",
    )  # fmt: skip
    assert json.loads(outcome.stdout) == []
    return outcome


def offline(ctx: Ctx) -> Outcome:
    """The CLI in a network namespace of its own (unshare -n, needs root): no network at all."""
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "actorgraph", "ingest",
         "https://example.org/news/story.html"],
        env={**os.environ, STORE_ENV: ctx.url}, cwd=ROOT, text=True, capture_output=True,
        timeout=120,
    )  # fmt: skip
    return Outcome(done.returncode, done.stdout, done.stderr)


def remove_unknown(ctx: Ctx) -> Outcome:
    return ctx.cli("remove", "0" * 16)


def two_at_once(ctx: Ctx) -> Outcome:
    """Two processes ingest the same 30 articles at the same time: both succeed, and the
    store ends exactly as a store that ingested them once."""
    folder = generated(ctx.scratch / "both", 30, "twin")
    reference = f"falkordb://{short_tmp()}"
    try:
        prefill(reference, ctx.inputs)
        assert runner.invoke(app, ["--store", reference, "ingest", str(folder)]).exit_code == 0
        expected = fingerprint(reference)
    finally:
        stop(reference)
    first, second = ctx.process("ingest", str(folder)), ctx.process("ingest", str(folder))
    (out1, err1), (out2, err2) = first.communicate(timeout=120), second.communicate(timeout=120)
    assert fingerprint(ctx.url) == expected, (out1, out2)
    consistent(ctx.url)
    return Outcome(first.returncode or second.returncode, out1 + out2, err1 + err2)


def interrupted(ctx: Ctx) -> Outcome:
    """Ctrl-C (SIGINT) in the middle of a batch: exit 130, whole batches only, and a rerun
    completes the ingest."""
    folder = generated(ctx.scratch / "many", 80, "halt")
    start = fingerprint(ctx.url)[0]["articles"]
    process = ctx.process("ingest", "--batch-size", "4", str(folder))
    with open_store(ctx.url) as watcher:
        deadline = time.monotonic() + 60
        while watcher.stats().articles < start + 8 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert process.poll() is None, "the ingest ended before the interrupt"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    midway = fingerprint(ctx.url)[0]["articles"] - start
    assert 8 <= midway < 80 and midway % 4 == 0, midway  # whole batches of 4
    consistent(ctx.url)
    rerun = ctx.cli("ingest", "--batch-size", "4", str(folder))
    assert rerun.exit_code == 0, rerun.stderr
    assert f"{80 - midway} articles written, {midway} already stored" in rerun.stdout
    return Outcome(process.returncode, out, err)


# --- hostile input (#25) ----------------------------------------------------------------------


def cleaned_article(ctx: Ctx) -> Outcome:
    """A NUL and an escape character in a text file: removed, the rest stored as it was."""
    outcome = ctx.ingest("nul.txt")
    stored = ctx.cli(
        "query", "MATCH (a:Article) WHERE a.text CONTAINS 'Proseware' RETURN a.text AS text",
        "-f", "json",
    )  # fmt: skip
    expected = "Nul story\n\nProseware Metals Corp supplied Wingtip Labs Ltd with steel plates.\n"
    assert [r["text"] for r in json.loads(stored.stdout)] == [expected]
    return outcome


def errors_file(ctx: Ctx) -> Outcome:
    """--errors lists each failed item, one JSON object a line: its source and the reason."""
    listing = ctx.scratch / "failed.jsonl"
    missing = str(ctx.inputs / "no-such-file.txt")
    outcome = ctx.cli(
        "ingest", "--errors", str(listing),
        *(str(ctx.inputs / p) for p in ("errors-a.txt", "no-such-file.txt", "errors-b.txt")),
    )  # fmt: skip
    rows = [json.loads(line) for line in listing.read_text().splitlines()]
    assert rows == [
        {"source": missing, "location": None, "reason": f"{missing}: no such file or folder"}
    ]
    return outcome


def fifo_between(ctx: Ctx) -> Outcome:
    """A FIFO among files (nothing ever writes to it): reported, the files on either side
    written, and the run ends (a process, so a hang fails the row instead of the suite)."""
    fifo = ctx.scratch / "pipe.txt"
    os.mkfifo(fifo)
    paths = [str(ctx.inputs / "fifo-a.txt"), str(fifo), str(ctx.inputs / "fifo-b.txt")]
    process = ctx.process("ingest", *paths)
    try:
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    return Outcome(process.returncode, out, err)


def store_refuses(ctx: Ctx) -> Outcome:
    """The store refuses one article of a batch (a uniqueness constraint on the URL): that
    one is reported, the others of the batch are written."""
    constraint = "hostile_url"
    ctx.cli("query", f"CREATE CONSTRAINT {constraint} IF NOT EXISTS FOR (a:Article) "
            "REQUIRE a.url IS UNIQUE", "--write")  # fmt: skip
    try:
        return ctx.ingest("same-url-1.txt", "same-url-2.txt", "other-url.txt")
    finally:
        ctx.cli("query", f"DROP CONSTRAINT {constraint} IF EXISTS", "--write")


def measured(ctx: Ctx, args: list[str], stdin: Path | None = None) -> tuple[Outcome, float]:
    """The CLI run by a small parent process that reports its child's peak memory
    (ru_maxrss of RUSAGE_CHILDREN, so nothing else this suite ran is counted), in MB."""
    parent = (
        "import json, resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr, peak]))\n"
    )
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(
            [sys.executable, "-c", parent, sys.executable, "-m", "actorgraph", *args],
            env={**os.environ, STORE_ENV: ctx.url}, cwd=ROOT, stdin=source,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    code, out, err, peak_kb = json.loads(done.stdout)
    return Outcome(code, out, err), peak_kb / 1024


def bomb(from_stdin: bool) -> Callable[[Ctx], Outcome]:
    """A 1 MB gzip that expands to 1 GB: refused after reading the limit, the ingest's
    peak memory under PEAK_MB."""

    def action(ctx: Ctx) -> Outcome:
        path = gzip_bomb(ctx.scratch / "bomb.jsonl.gz")
        assert path.stat().st_size < 2 * 2**20
        args = ["ingest", "-"] if from_stdin else ["ingest", str(path)]
        outcome, peak = measured(ctx, args, stdin=path if from_stdin else None)
        assert peak < PEAK_MB, f"peak memory {peak:.0f} MB"
        return outcome

    return action


def url_row(path: str, *args: str, seconds: float = 60) -> Callable[[Ctx], Outcome]:
    """The CLI on a URL of the misbehaving server; the run must end within ``seconds``."""

    def action(ctx: Ctx) -> Outcome:
        with misbehaving_server() as base:
            began = time.monotonic()
            outcome = ctx.cli("ingest", *args, base + path)
            assert time.monotonic() - began < seconds
        return outcome

    return action


def stopped(signum: int, group: bool = False) -> Callable[[Ctx], Outcome]:
    """``ingest --workers 2`` stopped by ``signum`` (sent to its process group, as a
    terminal's Ctrl-C is, when ``group``) once its workers run and two batches are in:
    no worker survives it, only whole batches are stored, and a rerun completes it."""

    def action(ctx: Ctx) -> Outcome:
        total = 200
        folder = generated(ctx.scratch / "many", total, "stop")
        start = fingerprint(ctx.url)[0]["articles"]
        process = ctx.process(
            "ingest", "--workers", "2", "--batch-size", "4", str(folder), session=True
        )
        try:
            with open_store(ctx.url) as watcher:

                def ready() -> bool:
                    if process.poll() is not None:
                        return True
                    return len(worker_pids(process.pid)) >= 2 and (
                        watcher.stats().articles >= start + 8
                    )

                wait_for(ready, 300, "two workers and two batches stored")
            assert process.poll() is None, "the ingest ended before the signal"
            workers = set(multiprocessing_children(process.pid))  # and the resource tracker
            os.killpg(process.pid, signum) if group else os.kill(process.pid, signum)
            out, err = process.communicate(timeout=120)
        finally:
            process.kill()
        wait_for(lambda: not any(alive(pid) for pid in workers), 120, f"{workers} to end")
        midway = fingerprint(ctx.url)[0]["articles"] - start
        assert 8 <= midway < total and midway % 4 == 0, midway  # whole batches of 4
        consistent(ctx.url)
        rerun = ctx.cli("ingest", "--batch-size", "4", str(folder))
        assert rerun.exit_code == 0, rerun.stderr
        assert f"{total - midway} articles written, {midway} already stored" in rerun.stdout
        return Outcome(process.returncode, out, err)

    return action


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One case: what to run, the exit code, what stderr says (a regex; None: nothing), how
    many articles the store gains (0: counts and checksum unchanged), and which store."""

    action: Callable[[Ctx], Outcome]
    exit_code: int
    message: str | None
    grows: int = 0
    store: str = "shared"  # shared (pre-filled once), fresh (pre-filled for this row), neo4j


def ingest(*paths: str) -> Callable[[Ctx], Outcome]:
    return lambda ctx: ctx.ingest(*paths)


def cli(*args: str) -> Callable[[Ctx], Outcome]:
    return lambda ctx: ctx.cli(*args)


def with_url(url: Callable[[Ctx], str], *args: str) -> Callable[[Ctx], Outcome]:
    """The CLI against another store URL than the row's store (which must stay unchanged)."""
    return lambda ctx: Ctx(ctx.inputs, url(ctx), ctx.scratch).cli(*args)


def _wrong_password(ctx: Ctx) -> str:
    return re.sub(r":[^:@/]*@", ":wrong-password@", ctx.url, count=1)


NEO4J = pytest.mark.neo4j
ROWS: dict[str, Row] = {
    # files that are not articles
    "empty file": Row(ingest("empty.txt"), 1, r"empty\.txt: the file is empty"),
    "binary file": Row(ingest("binary.txt"), 1, r"binary\.txt: a binary file, not text"),
    "Latin-1 file": Row(ingest("latin1.txt"), 1, r"latin1\.txt: not UTF-8 text; convert it"),
    "UTF-16 with BOM (read as such)": Row(ingest("utf16.txt"), 0, None, grows=1),
    "50 MB single article": Row(huge_article, 1, r"huge\.txt: larger than 4 MB \(after gunzip\)"),
    "HTML with no body": Row(ingest("nobody.html"), 1, r"no readable text in this HTML page"),
    "feed with broken XML": Row(ingest("broken.rss"), 1, r"broken\.rss: not a valid RSS/Atom"),
    "JSONL with a malformed line": Row(
        ingest("mixed.jsonl"), 1, r"mixed\.jsonl:2: not valid JSON", grows=1
    ),
    "CSV without the text column": Row(
        ingest("notext.csv"), 1, r"notext\.csv: no text column.*--text-field"
    ),
    "JSON that does not parse": Row(ingest("broken.json"), 1, r"broken\.json: not valid JSON"),
    "gzip that is not": Row(ingest("broken.jsonl.gz"), 1, r"broken gzip data"),
    "unsupported file kind": Row(ingest("document.pdf"), 1, r"unsupported file kind \.pdf"),
    "missing path": Row(ingest("no-such-file.txt"), 1, r"no-such-file\.txt: no such file"),
    "folder without readable files": Row(
        ingest("nothing-to-read"), 1, r"nothing-to-read.*no (readable )?(files|articles)"
    ),
    "stdin of an unknown format": Row(
        lambda ctx: ctx.cli("ingest", "-", stdin="just some words"), 1, r"<stdin>: cannot tell"
    ),
    "URL while offline (no network)": Row(offline, 1, r"cannot fetch URL: https://example"),
    "URL while offline (port closed)": Row(
        cli("ingest", "http://127.0.0.1:9/story.html"), 1, r"cannot fetch URL.*refused"
    ),
    "URL while offline (no DNS)": Row(
        cli("ingest", "http://no-such-host.invalid/story"), 1, r"cannot fetch URL"
    ),
    "article dated in the future": Row(ingest("future.txt"), 1, r"2091-05-01 is in the future"),
    # stores that cannot be used
    "store URL with unknown scheme": Row(
        with_url(lambda c: "postgres://db/x", "stats"), 1, r"unknown store URL 'postgres://db/x'"
    ),
    "store URL with a password and an unknown scheme": Row(
        with_url(lambda c: "postgres://u:hunter2@db/x", "stats"),
        1,
        r"^(?!.*hunter2).*unknown store URL 'postgres://u:\*\*\*@db/x'",
    ),
    "Neo4j over TLS to a server without it": Row(
        with_url(lambda c: c.url.replace("bolt://", "bolt+s://", 1), "stats"),
        1,
        r"no TLS connection could be made to Neo4j at bolt\+s://127\.0\.0\.1:\d+ \(",
        store="neo4j",
    ),
    "Neo4j's system database": Row(
        with_url(lambda c: c.url.split("?")[0] + "?database=system", "stats"),
        1,
        r"the database 'system' at bolt://127\.0\.0\.1:\d+ is Neo4j's own administration",
        store="neo4j",
    ),
    "store URL naming no folder": Row(
        with_url(lambda c: "falkordb://", "stats"), 1, r"names no folder"
    ),
    "store folder that is a file": Row(
        with_url(lambda c: f"falkordb://{c.inputs / 'a-file'}", "stats"), 1, r"is a file, not"
    ),
    "unreachable Neo4j (closed port)": Row(
        with_url(lambda c: "bolt://neo4j:secret@127.0.0.1:9", "stats"), 1, r"no Neo4j server"
    ),
    "wrong Neo4j credentials": Row(
        with_url(_wrong_password, "stats"), 1, r"wrong user or password", store="neo4j"
    ),
    # queries
    "Cypher syntax error": Row(cli("query", "MATCH (a:Actor RETURN a"), 1, r"the query failed"),
    "write attempted read-only": Row(
        cli("query", "MATCH (a:Actor) DETACH DELETE a"), 1, r"run it with --write"
    ),
    "write attempted read-only (Neo4j)": Row(
        cli("query", "MATCH (a:Actor) SET a.name = 'x'"), 1, r"run it with --write", store="neo4j"
    ),
    "parameter of the wrong type": Row(
        cli("query", "MATCH (a:Actor) RETURN a.name LIMIT $n", "-p", 'n="ten"'), 1, r"query failed"
    ),
    "parameter that is not key=value": Row(
        cli("query", "RETURN 1", "-p", "oops"), 1, r"--param 'oops' is not key=value"
    ),
    "parameter name with a backtick": Row(
        cli("query", "RETURN 1", "-p", "a`b=1"), 1, r"parameter name 'a`b' holds a backtick"
    ),
    "map key with a backtick": Row(
        cli("query", "RETURN $m", "-p", 'm={"k`": 1}'), 1, r"map key 'k`' holds a backtick"
    ),
    "NUL and a lone surrogate as a parameter": Row(unencodable_as_parameter, 0, None),
    "query that runs past its time limit": Row(
        cli("query", RUNAWAY_WRITE, "--write", "--timeout", "0.5"),
        1,
        r"time limit of 0\.5 s and the store stopped it; .*--timeout SECONDS",
    ),
    "unknown output format": Row(cli("stats", "-f", "xml"), 1, r"unknown format 'xml'"),
    # names: an injection is just a name; emoji, right-to-left and very long names just work
    "injection through show": Row(cli("show", INJECTION), 1, r"no actor matches .*DETACH DELETE"),
    "injection through query --param": Row(injection_as_parameter, 0, None),
    "emoji and right-to-left name in show": Row(cli("show", EMOJI_RTL), 1, r"no actor matches"),
    "emoji and right-to-left name as a parameter": Row(round_trip(EMOJI_RTL), 0, None),
    "emoji and right-to-left text in an article": Row(emoji_article, 0, None, grows=1),
    "10,000-character name in show": Row(cli("show", LONG_NAME), 1, r"no actor matches 'Acme x"),
    "10,000-character name as a parameter": Row(round_trip(LONG_NAME), 0, None),
    # search over text: query syntax, injections and odd words are only words to look for
    "injection through search": Row(cli("search", INJECTION), 0, None),
    "full-text query syntax in search": Row(
        cli("search", "--", '"radar', "-parts*", "title:(supplied)", "~2", "AND", "|"), 0, None
    ),
    "search without a letter or digit": Row(
        cli("search", '"*"', ":("), 1, r"holds no word to search for; give words of letters"
    ),
    "emoji and right-to-left words in search": Row(cli("search", EMOJI_RTL), 0, None),
    "10,000-character word in search": Row(cli("search", LONG_NAME), 0, None),
    # managing the store
    "remove of an unknown article": Row(remove_unknown, 1, r"no article with id '0+'"),
    "restore of a folder that is no backup": Row(
        lambda ctx: ctx.cli("restore", str(ctx.inputs / "not-a-backup")), 1, r"holds no actorg"
    ),
    "backup into a folder that is not empty": Row(
        lambda ctx: ctx.cli("backup", str(ctx.inputs)), 1, r"is not an empty folder"
    ),
    "backup of a Neo4j store (its password not echoed)": Row(
        lambda ctx: Ctx(ctx.inputs, "bolt://neo4j:s3cret@127.0.0.1:9", ctx.scratch).cli(
            "backup", str(ctx.scratch / "b")
        ),
        1,
        r"^(?!.*s3cret).*backup works on the embedded store .* not on a bolt:// store",
    ),
    # curation (#22): refused in one line, nothing written
    "merge naming several actors": Row(
        cli("merge", "Ltd", "Northwind Systems"), 1, r"'Ltd' matches \d+ actors: .*give more"
    ),
    "merge of a misspelt name": Row(
        cli("merge", "Contoso Optics", "Northwnd Systms"), 1, r"no actor matches .*did you mean"
    ),
    "merge of an actor into itself": Row(
        cli("merge", "Contoso Optics", "contoso-optics"), 1, r"already one actor"
    ),
    "reject of an unknown claim": Row(
        cli("reject", INJECTION), 1, r"no claim with id .*DETACH DELETE.*actorgraph show"
    ),
    "kind that is not one": Row(cli("kind", "Contoso Optics", "Planet"), 1, r"unknown kind"),
    "split of an alias the actor lacks": Row(
        cli("split", "Contoso Optics", "Contoso Lenses"), 1, r"has no alias 'Contoso Lenses'"
    ),
    "article-meta of an unknown article": Row(
        cli("article-meta", "0" * 24, "--title", "x"), 1, r"no article with id '0+'"
    ),
    "add-claim of an unknown relation type": Row(
        cli("add-claim", "0" * 24, "Contoso Optics", "LOVED", "Northwind Systems", "--note", "x"),
        1,
        r"no article with id",
    ),
    "undo of an unknown decision": Row(cli("curation", "undo", "d0"), 1, r"no decision 'd0'"),
    "curation log in an unknown format": Row(
        cli("curation", "log", "--format", "xml"), 1, r"unknown format 'xml'"
    ),
    # hostile input (#25): control characters are cleaned out, and said so in one line
    "NUL and escape character in a text file": Row(
        cleaned_article, 0, r"nul\.txt: 2 unsafe characters .* cleaned out", grows=1
    ),
    "control character in a CSV cell": Row(
        ingest("cells.csv"), 0, r"cells\.csv: 1 unsafe character .* cleaned out", grows=1
    ),
    "NUL and lone surrogate as JSON escapes": Row(
        ingest("escapes.jsonl"), 0, r"escapes\.jsonl: 2 unsafe characters", grows=1
    ),
    # one bad item among good ones: reported, the others written
    "missing path between two files": Row(
        ingest("batch-a.txt", "no-such-file.txt", "batch-b.txt"),
        1,
        r"skipped .*no-such-file\.txt: no such file or folder$",
        grows=2,
    ),
    "--errors lists the failed items": Row(errors_file, 1, r"no-such-file\.txt", grows=2),
    "FIFO between two files": Row(
        fifo_between, 1, r"pipe\.txt: a FIFO \(named pipe\), not a regular file", grows=2
    ),
    "device given as a file": Row(
        cli("ingest", "--format-in", "text", "/dev/null"), 1, r"/dev/null: a character device"
    ),
    "store refuses one article of a batch": Row(
        store_refuses,
        1,
        r"same-url-2\.txt: the store refused a write: .*other articles were",
        grows=2,
        store="neo4j",
    ),
    # inputs that would exhaust the machine or never end
    "gzip bomb (1 MB to 1 GB) as a file": Row(
        bomb(from_stdin=False), 1, r"bomb\.jsonl\.gz: larger than 64 MB \(after gunzip\)"
    ),
    "gzip bomb (1 MB to 1 GB) on stdin": Row(
        bomb(from_stdin=True), 1, r"<stdin>: larger than 64 MB \(after gunzip\)"
    ),
    "JSON nested 100,000 deep": Row(ingest("deep.json"), 1, r"deep\.json: JSON nested deeper"),
    "JSON Lines line nested 5,000 deep": Row(
        ingest("deep.jsonl"), 1, r"deep\.jsonl:2: JSON nested deeper than 64", grows=1
    ),
    "file name with a newline": Row(
        ingest(FORGED), 1, r"forged\\nactorgraph: 5 articles written\.txt: the file is empty"
    ),
    "URL trickling a byte at a time": Row(
        url_row("/trickle", "--timeout", "2", seconds=30),
        1,
        r"http://127\.0\.0\.1:\d+/trickle: no complete answer within 2 s",
    ),
    "URL trickling its headers a byte at a time": Row(
        url_row("/slow-headers", "--timeout", "2", seconds=30),
        1,
        r"http://127\.0\.0\.1:\d+/slow-headers: no complete answer within 2 s",
    ),
    "URL in a redirect loop": Row(
        url_row("/loop"), 1, r"http://127\.0\.0\.1:\d+/loop: more than 5 redirects"
    ),
    "URL of an image": Row(
        url_row("/image.png"), 1, r"http://127\.0\.0\.1:\d+/image\.png: the server sent image/png"
    ),
    "URL behind three redirects": Row(url_row("/hop/3"), 0, None, grows=1),
    # processes
    "two processes ingesting at once": Row(two_at_once, 0, None, grows=30, store="fresh"),
    "Ctrl-C in the middle of a batch": Row(
        interrupted, 130, r"^actorgraph: interrupted \(SIGINT\)", 80
    ),
    "Ctrl-C to ingest --workers 2": Row(
        stopped(signal.SIGINT, group=True),
        130,
        r"^actorgraph: interrupted \(SIGINT\)",
        grows=200,
        store="fresh",
    ),
    "SIGTERM to ingest --workers 2": Row(
        stopped(signal.SIGTERM),
        143,
        r"^actorgraph: interrupted \(SIGTERM\)",
        grows=200,
        store="fresh",
    ),
    "kill -9 of ingest --workers 2": Row(
        stopped(signal.SIGKILL), -signal.SIGKILL, None, grows=200, store="fresh"
    ),
}


# --- the store each row runs against ------------------------------------------------------------


def prefill(url: str, inputs: Path) -> None:
    folder = inputs / "prefill"
    result = runner.invoke(app, ["--store", url, "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 articles written" in result.stdout


def stop(url: str) -> None:
    if url.startswith("falkordb://"):
        folder = Path(url.removeprefix("falkordb://"))
        EmbeddedServer(folder).stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    write_inputs(folder)
    for name, text in PREFILL.items():
        (folder / "prefill").mkdir(exist_ok=True)
        (folder / "prefill" / name).write_text(text)
    return folder


@pytest.fixture(scope="module")
def shared_store(inputs: Path) -> Iterator[str]:
    """One pre-filled embedded store for the rows that should leave it as it is; a client
    stays connected so the server is not restarted between rows."""
    url = f"falkordb://{short_tmp()}"
    prefill(url, inputs)
    with open_store(url):
        yield url
    stop(url)


@pytest.fixture
def row_store(request: pytest.FixtureRequest, inputs: Path) -> Iterator[str]:
    kind = request.param
    if kind == "shared":
        yield request.getfixturevalue("shared_store")
    elif kind == "fresh":
        url = f"falkordb://{short_tmp()}"
        prefill(url, inputs)
        yield url
        stop(url)
    else:
        url = request.getfixturevalue("neo4j_url")
        prefill(url, inputs)
        yield url


def _params() -> Iterator[object]:
    for name, row in ROWS.items():
        marks = (NEO4J,) if row.store == "neo4j" else ()
        yield pytest.param(row, row.store, id=name, marks=marks)


@pytest.mark.parametrize(("row", "row_store"), list(_params()), indirect=["row_store"])
def test_bad_input(row: Row, row_store: str, inputs: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(STORE_ENV, row_store)  # `--store` sets it; restore it after the row
    before = fingerprint(row_store)

    outcome = row.action(Ctx(inputs, row_store, tmp_path))

    assert outcome.exit_code == row.exit_code, outcome.stderr or outcome.stdout
    assert "Traceback" not in outcome.stderr + outcome.stdout, outcome.stderr
    told = said(outcome.stderr)
    if row.message is None:
        assert told == ""
    else:
        line = told
        assert line.count("\n") == 0, outcome.stderr
        assert line.startswith("actorgraph: "), outcome.stderr
        assert re.search(row.message, line), outcome.stderr
    after = fingerprint(row_store)
    if row.grows:
        assert after[0]["articles"] == before[0]["articles"] + row.grows
        consistent(row_store)
    else:
        assert after == before


# --- numeric options: refused by the command line itself, before anything is read ------------

NUMBERS = {
    "--batch-size 0": ["ingest", "--batch-size", "0"],
    "--batch-size -3": ["ingest", "--batch-size", "-3"],
    "--workers 0": ["ingest", "--workers", "0"],
    "--timeout 0": ["ingest", "--timeout", "0"],
    "extract --timeout -1": ["extract", "--timeout", "-1"],
}


@pytest.mark.parametrize("args", NUMBERS.values(), ids=NUMBERS.keys())
def test_numeric_options_out_of_range(args: list[str], shared_store: str, inputs: Path) -> None:
    """A usage error (exit 2) naming the option and its range; nothing read or written."""
    before = fingerprint(shared_store)
    option = next(a for a in args if a.startswith("--"))
    result = runner.invoke(app, ["--store", shared_store, *args, str(inputs / "batch-a.txt")])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"Invalid value for '{option}'" in " ".join(result.stderr.split())
    assert fingerprint(shared_store) == before
