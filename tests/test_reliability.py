"""Reliability of the embedded store: backup and restore, the server's hard cases (a crash, a
folder it cannot write, a full disk, another user's folder, a hung server), and an ingest of
500 articles killed with SIGKILL at a random moment, then resumed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, said, short_tmp
from test_embedded import wait_gone
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import StoreError
from actorgraph.graph import content_checksum, embedded, open_store
from actorgraph.graph.backup import Dumpable, dumpable, swap
from actorgraph.graph.embedded import EmbeddedServer
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

runner = CliRunner()
IS_ROOT = os.geteuid() == 0


def run(*args: str):
    return runner.invoke(app, list(args))


def one_line_error(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert said(result.output).count("\n") == 0, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception


def extraction(n: int) -> Extraction:
    """Article ``n``: company n supplied the police, Jane Doe criticized it."""
    text = f"Acme {n} sold radios to Ruritania police. Senator Jane Doe criticized Acme {n}."
    article = Article(text=text, title=f"Acme {n}", published=f"2020-01-{n % 28 + 1:02}")
    acme = Actor(f"Acme {n} Corp", "Company", (f"Acme {n}",))
    police = Actor("Ruritania police", "GovernmentBody")
    doe = Actor("Jane Doe", "Person")
    cut = text.index(".") + 1
    claims = (
        Claim("SUPPLIED", acme.id, police.id, Evidence(text[:cut], 0, cut), "asserted", 0.8),
        Claim("CRITICIZED", doe.id, acme.id, Evidence(text[cut + 1 :], cut + 1, len(text))),
    )
    return Extraction(article, (acme, police, doe), claims, extractor="test-1")


def snapshot(url: str) -> tuple[dict, str, int]:
    """Counts, content checksum and the number of nodes of every label, of the store at url."""
    with open_store(url) as store:
        nodes = store.query("MATCH (n) RETURN count(n)").rows[0][0]
        return store.stats().as_dict(), content_checksum(store), nodes


def stop_servers(*folders: Path) -> None:
    for folder in folders:
        with contextlib.suppress(StoreError):
            EmbeddedServer(folder).stop()


class Folders:
    def __init__(self) -> None:
        self.made: list[Path] = []

    def new(self) -> Path:
        self.made.append(short_tmp())
        return self.made[-1]


@pytest.fixture
def folders() -> Iterator[Folders]:
    """Short temporary folders (socket paths), their servers stopped afterwards."""
    maker = Folders()
    yield maker
    stop_servers(*maker.made)
    for folder in maker.made:
        shutil.rmtree(folder, ignore_errors=True)


# --- backup and restore ------------------------------------------------------------------------


@pytest.fixture
def filled(folders) -> str:
    url = f"falkordb://{folders.new()}"
    with open_store(url) as store:
        store.write([extraction(n) for n in range(12)])
    return url


def test_only_the_embedded_store_is_dumpable_and_backup_checks_it(filled):
    """Backup and restore reach the server's DUMP/RESTORE through the Dumpable protocol,
    which the embedded store implements and the Neo4j store does not."""
    from actorgraph.graph.falkordb_store import FalkorDBStore
    from actorgraph.graph.neo4j_store import Neo4jStore

    assert issubclass(FalkorDBStore, Dumpable)
    assert not issubclass(Neo4jStore, Dumpable)
    with open_store(filled) as store:
        assert dumpable(store).dump_payloads()  # the graph's key, as a DUMP payload
    with pytest.raises(StoreError, match="cannot be backed up"):
        dumpable(object())  # type: ignore[arg-type]


def test_backup_then_restore_into_an_empty_store_gives_the_same_counts_and_checksum(
    filled, folders
):
    backup = folders.new() / "backup"
    made = run("backup", str(backup), "--store", filled)
    assert made.exit_code == 0, made.output
    assert "backed up 12 articles, 14 actors, 24 claims, 24 edges" in made.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"] == {"articles": 12, "actors": 14, "claims": 24, "edges": 24}

    target = f"falkordb://{folders.new()}"
    restored = run("restore", str(backup), "--store", target)
    assert restored.exit_code == 0, restored.output
    assert snapshot(target) == snapshot(filled)
    assert snapshot(target)[1] == manifest["checksum"]


def test_a_restored_store_survives_a_restart_and_takes_new_writes(filled, folders):
    backup = folders.new() / "backup"
    assert run("backup", str(backup), "--store", filled).exit_code == 0
    target_dir = folders.new()
    target = f"falkordb://{target_dir}"
    assert run("restore", str(backup), "--store", target).exit_code == 0
    EmbeddedServer(target_dir).stop()  # the next open replays the log
    assert snapshot(target) == snapshot(filled)
    with open_store(target) as store:
        store.write([extraction(99)])
        assert store.stats().articles == 13
        assert [a.name for a in store.search_actors("acme 99")] == ["Acme 99 Corp"]


def test_backup_runs_while_the_server_is_in_use_by_another_client(filled, folders):
    with open_store(filled) as holder:  # keeps the server up, as the app would
        backup = folders.new() / "backup"
        assert run("backup", str(backup), "--store", filled).exit_code == 0
        holder.write([extraction(50)])
        assert holder.stats().articles == 13
    target = f"falkordb://{folders.new()}"
    assert run("restore", str(backup), "--store", target).exit_code == 0
    assert snapshot(target)[0]["articles"] == 12


def test_a_backup_taken_during_an_ingest_is_one_whole_state_of_the_store(folders):
    """The dump is one transaction; its manifest describes exactly what was dumped."""
    articles = folders.new() / "articles"
    write_articles(articles, 150)
    url = f"falkordb://{folders.new()}"
    writer = ingest(articles, url, "--batch-size", "4")
    with open_store(url) as watcher:
        while watcher.stats().articles < 8:
            time.sleep(0.05)
        backup = folders.new() / "backup"
        made = run("backup", str(backup), "--store", url)
        assert writer.poll() is None, "the ingest ended before the backup"
    assert made.exit_code == 0, made.output
    _, errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, errors
    manifest = json.loads((backup / "manifest.json").read_text())
    assert 8 <= manifest["counts"]["articles"] < 150
    assert manifest["counts"]["articles"] % 4 == 0  # whole batches (one transaction each)

    target = f"falkordb://{folders.new()}"
    restored = run("restore", str(backup), "--store", target)  # checks counts and checksum
    assert restored.exit_code == 0, restored.output
    counts, checksum, _ = snapshot(target)
    assert (counts["articles"], checksum) == (manifest["counts"]["articles"], manifest["checksum"])


def test_restore_refuses_a_store_that_is_not_empty_unless_forced(filled, folders):
    backup = folders.new() / "backup"
    assert run("backup", str(backup), "--store", filled).exit_code == 0
    other = f"falkordb://{folders.new()}"
    with open_store(other) as store:
        store.write([extraction(77)])
    before = snapshot(other)

    refused = run("restore", str(backup), "--store", other)
    one_line_error(refused, "is not empty (")
    assert "--force" in refused.output
    assert snapshot(other) == before

    forced = run("restore", str(backup), "--force", "--store", other)
    assert forced.exit_code == 0, forced.output
    assert snapshot(other) == snapshot(filled)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("neo4j", "works on the embedded store (falkordb:///path) only"),
        ("no-manifest", "holds no actorgraph backup (no manifest.json)"),
        ("damaged", "does not match its checksum; the backup is damaged"),
        ("not-a-backup", "is not an actorgraph backup manifest"),
    ],
)
def test_restore_refuses_what_it_cannot_trust_in_one_line(filled, folders, case, message):
    backup = folders.new() / "backup"
    assert run("backup", str(backup), "--store", filled).exit_code == 0
    target = f"falkordb://{folders.new()}"
    if case == "neo4j":
        target = "bolt://127.0.0.1:1"
    elif case == "no-manifest":
        (backup / "manifest.json").unlink()
    elif case == "damaged":
        dump = backup / "key-0.dump"
        dump.write_bytes(dump.read_bytes()[:-20] + b"x" * 20)
    else:
        (backup / "manifest.json").write_text('{"format": "something-else"}')
    one_line_error(run("restore", str(backup), "--store", target), message)
    if case != "neo4j":
        assert snapshot(target)[2] == 0


def edit_manifest(backup: Path, change) -> None:
    """Rewrite a backup's manifest through ``change(manifest)``, as a hand or a tool might."""
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


@pytest.fixture
def full_target(filled, folders) -> tuple[Path, str, tuple]:
    """A backup of ``filled``, and another store holding something else, with its snapshot."""
    backup = folders.new() / "backup"
    assert run("backup", str(backup), "--store", filled).exit_code == 0
    other = f"falkordb://{folders.new()}"
    with open_store(other) as store:
        store.write([extraction(77), extraction(78)])
    return backup, other, snapshot(other)


def test_an_edited_manifest_checksum_is_refused_before_the_store_is_touched(full_target):
    backup, other, before = full_target
    edit_manifest(backup, lambda m: m.update(checksum="0" * 64))
    result = run("restore", str(backup), "--force", "--store", other)
    one_line_error(result, "does not match its manifest")
    assert "nothing was restored" in result.output
    assert snapshot(other) == before


def test_a_tampered_payload_with_a_matching_hash_leaves_a_forced_store_as_it_was(full_target):
    """The file's hash is fixed up to match, so only loading it shows the damage."""
    backup, other, before = full_target
    manifest = json.loads((backup / "manifest.json").read_text())
    for entry in manifest["keys"]:
        dump = backup / entry["file"]
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
        entry["sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))
    result = run("restore", str(backup), "--force", "--store", other)
    one_line_error(result, "does not load (a payload is damaged); nothing was restored")
    assert snapshot(other) == before


WRONG_SHAPES = {
    "no-keys": (lambda m: m.pop("keys"), "'keys' must be a list"),
    "keys-dict": (lambda m: m.update(keys={"a": 1}), "'keys' must be a list"),
    "keys-strings": (lambda m: m.update(keys=["key-0.dump"]), "must name its key, file and sha256"),
    "no-sha": (lambda m: m["keys"][0].pop("sha256"), "must name its key, file and sha256"),
    "short-sha": (lambda m: m["keys"][0].update(sha256="abc"), "is not a SHA-256 in hex"),
    "no-counts": (lambda m: m.pop("counts"), "'counts' must map"),
    "count-text": (lambda m: m["counts"].update(articles="12"), "'counts' must hold whole numbers"),
    "no-checksum": (lambda m: m.update(checksum=None), "'checksum' must be a SHA-256"),
}


def test_a_manifest_of_the_wrong_shape_is_one_line(full_target, subtests):
    """Each wrong shape on its own, from the same backup (its manifest put back after each)."""
    backup, other, before = full_target
    pristine = (backup / "manifest.json").read_text()
    for name, (change, problem) in WRONG_SHAPES.items():
        with subtests.test(shape=name):
            (backup / "manifest.json").write_text(pristine)
            edit_manifest(backup, change)
            result = run("restore", str(backup), "--force", "--store", other)
            one_line_error(result, "is not a valid actorgraph backup manifest: ")
            assert problem in result.output
            assert snapshot(other) == before


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_a_manifest_naming_a_file_outside_the_backup_is_refused_unread(full_target, folders, how):
    backup, other, before = full_target
    secret = folders.new() / "secret.txt"
    secret.write_text("TOP-SECRET-4711")
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()
    name = {"relative": os.path.relpath(secret, backup), "absolute": str(secret)}.get(how)
    if how == "symlink":
        (backup / "link.dump").symlink_to(secret)
        name = "link.dump"
    edit_manifest(backup, lambda m: m["keys"][0].update(file=name, sha256=digest))
    result = run("restore", str(backup), "--force", "--store", other)
    one_line_error(result, "names a file outside the backup folder")
    assert "TOP-SECRET" not in result.output
    assert snapshot(other) == before


def test_a_swap_whose_result_does_not_check_puts_the_store_back(filled, full_target):
    """The last line of defence: the live load is checked too, and undone if it is wrong."""
    _backup, other, before = full_target
    with open_store(filled) as source:
        payloads = source.server.dump()
    with pytest.raises(StoreError, match="put back as it was"):
        swap(other, payloads, expected="0" * 64)
    assert snapshot(other) == before
    swap(other, payloads, expected=snapshot(filled)[1])
    assert snapshot(other) == snapshot(filled)


def test_backup_refuses_a_folder_that_is_not_empty_and_a_neo4j_store(filled, folders):
    busy = folders.new()
    (busy / "note.txt").write_text("mine")
    one_line_error(run("backup", str(busy), "--store", filled), "is not an empty folder")
    assert [p.name for p in busy.iterdir()] == ["note.txt"]
    one_line_error(
        run("backup", str(folders.new() / "b"), "--store", "bolt://127.0.0.1:1"),
        "works on the embedded store",
    )


# --- the embedded server's hard cases ------------------------------------------------------------


def server_pid(folder: Path) -> int:
    return int((folder / "redis.pid").read_text())


def test_kill_9_of_the_server_leaves_a_stale_socket_and_pid_file_that_the_next_open_recovers(
    filled, folders
):
    folder = Path(filled.removeprefix("falkordb://"))
    before = snapshot(filled)
    with open_store(filled):  # the server is up while a client is connected
        pid = server_pid(folder)
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid, timeout=10)
    assert (folder / "redis.sock").exists() and (folder / "redis.pid").exists()

    result = run("stats", "-f", "json", "--store", filled)

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 12
    assert snapshot(filled) == before


def test_a_pid_file_naming_a_live_process_of_another_folder_does_not_block_a_start(filled, folders):
    folder = Path(filled.removeprefix("falkordb://"))
    stop_servers(folder)
    (folder / "redis.pid").write_text(f"{os.getpid()}\n")  # alive, but not a server of ours
    (folder / "redis.sock").touch()  # and a socket file nobody listens on
    assert snapshot(filled)[0]["articles"] == 12


def test_a_server_that_does_not_answer_is_one_line_naming_its_pid(filled, folders, monkeypatch):
    folder = Path(filled.removeprefix("falkordb://"))
    with open_store(filled):
        pid = server_pid(folder)
        os.kill(pid, signal.SIGSTOP)  # alive, holding its socket, answering nothing
        try:
            monkeypatch.setattr(embedded, "START_TIMEOUT", 0.5)
            result = run("stats", "--store", filled)
        finally:
            os.kill(pid, signal.SIGCONT)
    one_line_error(result, f"a FalkorDB server (pid {pid}) is running for {folder}")
    assert "does not answer" in result.output and f"kill {pid}" in result.output


@pytest.fixture
def tmpfs(folders) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root to mount), unmounted afterwards."""
    if not IS_ROOT:
        pytest.fail("mounting a small tmpfs needs root; run this test as root")
    mount = folders.new()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    yield mount
    stop_servers(mount / "store")
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("server", ["running", "stopped"])
def test_a_full_disk_is_one_line_and_the_store_works_again_once_there_is_room(tmpfs, server):
    """The disk fills while the server runs (it refuses writes), or before it starts."""
    url = f"falkordb://{tmpfs / 'store'}"
    with open_store(url) as store:
        store.write([extraction(1)])
    ballast = tmpfs / "ballast"
    with contextlib.ExitStack() as holding:
        if server == "running":
            holding.enter_context(open_store(url))
        free = shutil.disk_usage(tmpfs).free
        ballast.write_bytes(b"\0" * (free - 4096))  # less than an article's log entry

        result = run("ingest", str(ROOT / "actorgraph" / "samples"), "--store", url)

        one_line_error(result, "the disk is full")
        assert "No space left on device" in result.output
        ballast.unlink()
        deadline = time.monotonic() + 5  # the server retries its log write once a second
        while run("stats", "--store", url).exit_code and time.monotonic() < deadline:
            time.sleep(0.2)
    after = snapshot(url)
    assert (after[0]["articles"] - 1) % 16 == 0  # whole batches of 16 (one transaction each)
    stop_servers(tmpfs / "store")  # what it said it kept is in its log: a restart finds it
    assert snapshot(url) == after
    with open_store(url) as store:
        orphans = "MATCH (c:Claim) WHERE NOT ()-[:ASSERTS]->(c) RETURN count(c)"
        assert store.query(orphans).rows == [[0]]
        store.write([extraction(2)])
        assert [a.name for a in store.search_actors("acme 2")] == ["Acme 2 Corp"]


def test_a_backup_onto_a_full_disk_is_one_line_and_leaves_no_manifest(filled, tmpfs):
    (tmpfs / "ballast").write_bytes(b"\0" * (shutil.disk_usage(tmpfs).free - 4096))
    backup = tmpfs / "backup"
    one_line_error(run("backup", str(backup), "--store", filled), "No space left on device")
    assert not (backup / "manifest.json").exists()  # restore will refuse it, not half-load it
    one_line_error(run("restore", str(backup), "--store", filled), "holds no actorgraph backup")


def test_a_read_only_data_folder_is_one_line(tmpfs):
    url = f"falkordb://{tmpfs / 'store'}"
    with open_store(url) as store:
        store.write([extraction(1)])
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    try:
        one_line_error(run("stats", "--store", url), f"the data folder {tmpfs / 'store'}")
        assert "is not writable" in run("stats", "--store", url).output
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tmpfs)], check=True)
    assert snapshot(url)[0]["articles"] == 1


def test_another_users_data_folder_is_one_line(folders):
    folder = folders.new()
    nobody = 65534
    os.chown(folder, nobody, nobody)
    one_line_error(run("stats", "--store", f"falkordb://{folder}"), "belongs to another user")
    assert sorted(p.name for p in folder.iterdir()) == []  # nothing of ours left in it


# --- 500 articles, SIGKILL at a random moment, resumed -----------------------------------------

FIRST = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Woodgrove", "Litware", "Adatum",
         "Proseware", "Wingtip", "Lucerne", "Alpine", "Coho", "Humongous", "Trey", "Graphic",
         "Datum", "Margie", "Fourth", "Wide", "Blue"]  # fmt: skip
SECOND = ["Systems", "Dynamics", "Optics", "Robotics", "Marine", "Avionics", "Networks",
          "Metals", "Sensors", "Labs", "Energy", "Motors", "Devices", "Security", "Telecom",
          "Analytics", "Aerospace", "Chemicals", "Logistics", "Materials", "Software",
          "Industries", "Holdings", "Electronics", "Vision"]  # fmt: skip


def write_articles(folder: Path, count: int = 500) -> None:
    """Small articles in which the extractor finds two companies and a SUPPLIED claim."""
    names = [f"{a} {b}" for a in FIRST for b in SECOND]
    folder.mkdir(parents=True)
    for i in range(count):
        seller, buyer = names[i % len(names)], names[(i * 7 + 3) % len(names)]
        (folder / f"a{i:03}.txt").write_text(
            f"{seller} deal {i}\n\nPublished: 2022-{i % 12 + 1:02}-{i % 27 + 1:02}\n\n"
            f"{seller} Corp supplied {buyer} Ltd with radar parts in deal number {i}, "
            "officials said.\n"
        )


def ingest(articles: Path, url: str, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "ingest", *options, str(articles)],
        env={**os.environ, "ACTORGRAPH_STORE": url}, cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


@pytest.fixture(scope="module")
def reference_500() -> Iterator[tuple[Path, tuple[dict, str, int]]]:
    """500 generated articles, and the store an uninterrupted ingest of them makes."""
    folder, store_dir = short_tmp(), short_tmp()
    articles = folder / "articles"
    write_articles(articles)
    url = f"falkordb://{store_dir}"
    whole = run("ingest", str(articles), "--store", url)  # in this process: nothing is killed
    assert whole.exit_code == 0, whole.output
    expected = snapshot(url)
    assert expected[0]["articles"] == 500 and expected[0]["claims"] == 500
    yield articles, expected
    stop_servers(store_dir)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(store_dir, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("victim", ["ingest", "server"])
def test_500_articles_killed_at_a_random_moment_resume_to_the_same_store(
    reference_500, folders, victim
):
    """SIGKILL the ingest (or the FalkorDB server under it) once a random number of articles
    is in; a rerun then ends with exactly the counts and checksum of an uninterrupted run."""
    articles, expected = reference_500
    data_dir = folders.new()
    url = f"falkordb://{data_dir}"
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    target, extra = chance.randrange(20, 450), chance.uniform(0, 0.2)  # a moment mid-batch

    killed = ingest(articles, url)
    with open_store(url) as watcher:  # polls the store the ingest writes to
        while watcher.stats().articles < target and killed.poll() is None:
            time.sleep(0.1)
    time.sleep(extra)
    assert killed.poll() is None, f"the ingest ended before the kill (seed {seed})"
    if victim == "ingest":
        killed.send_signal(signal.SIGKILL)
    else:
        os.kill(server_pid(data_dir), signal.SIGKILL)
    _, errors = killed.communicate(timeout=60)
    if victim == "server":  # the ingest saw its server die: one line, no traceback
        assert killed.returncode == 1, errors
        assert said(errors).count("\n") == 0 and "Traceback" not in errors, errors
        assert re.search(r"^actorgraph: .*FalkorDB server.*run the command again", said(errors))
    midway = snapshot(url)[0]["articles"]
    assert target <= midway < 500, f"seed {seed}"

    rerun = run("ingest", str(articles), "--store", url)  # in this process: no restart to pay
    assert rerun.exit_code == 0, rerun.output
    assert f"{500 - midway} articles written" in rerun.stdout, f"seed {seed}: {rerun.stdout}"
    assert snapshot(url) == expected, f"seed {seed}: killed at {midway} articles"
