"""`actorgraph serve` and `actorgraph demo`: the explorer app on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

import actorgraph.viz
from actorgraph.cli.app import StoreOption, app, friendly
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.graph import open_store
from actorgraph.graph.open import STORE_ENV, default_url, mask_url
from actorgraph.pipeline import ingest

SAMPLES = Path(__file__).parent.parent / "samples"
SERVE_STOP_TIMEOUT = 20.0  # seconds the app may take to stop when told to, before it is killed
APP_SCRIPT = Path(actorgraph.viz.__file__).parent / "app.py"


def _serve(store: str | None, port: int) -> None:
    """Run the Streamlit app on 127.0.0.1 until it stops or this process is told to stop."""
    if not APP_SCRIPT.exists():
        raise ActorgraphError(f"the app is missing at {APP_SCRIPT}; reinstall actorgraph")
    _check_port_free(port)
    env = {**os.environ, STORE_ENV: store or default_url()}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    typer.echo(
        f"actorgraph app on http://127.0.0.1:{port} (store {mask_url(env[STORE_ENV])}); "
        "Ctrl+C stops it"
    )
    code, stopped = run_until_stopped(command, env)
    if code != 0 and not stopped:
        raise ActorgraphError(f"the app stopped with status {code}; see its messages above")


def _check_port_free(port: int) -> None:
    """Refuse a port something already listens on (Streamlit would exit with status 0)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is free
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise ActorgraphError(
                f"port {port} on 127.0.0.1 is in use ({error.strerror}); "
                "stop what uses it or choose another with --port"
            ) from None


def run_until_stopped(command: list[str], env: dict[str, str]) -> tuple[int, bool]:
    """Run ``command`` until it exits: its status, and whether this process was told to stop.

    SIGTERM or SIGINT sent here is passed on to it and waited for (then SIGKILL after
    SERVE_STOP_TIMEOUT), so stopping `actorgraph serve` never leaves the app on its port.
    """
    child = subprocess.Popen(command, env=env)
    told: list[float] = []  # when the first signal came

    def forward(signum: int, _frame: object) -> None:
        told.append(time.monotonic())
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while (code := child.poll()) is None:
            if told and time.monotonic() - told[0] > SERVE_STOP_TIMEOUT:
                child.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code, bool(told)


@app.command()
@friendly
def serve(
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.", min=1, max=65535)] = 8501,
) -> None:
    """Start the explorer app on 127.0.0.1."""
    _serve(store, port)


@app.command()
@friendly
def demo(
    store: StoreOption = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.", min=1, max=65535)] = 8501,
    serve_app: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the app.")] = True,
) -> None:
    """Ingest the bundled sample corpus (once) and start the app."""
    if not SAMPLES.is_dir():
        raise InputError(f"the sample corpus is missing at {SAMPLES}; reinstall actorgraph")
    with open_store(store) as graph:
        report = ingest([SAMPLES], graph)
        numbers = graph.stats()
    typer.echo(
        f"sample corpus: {report.written} articles written, {report.skipped} already stored; "
        f"the store holds {numbers.articles} articles, {numbers.actors} actors, "
        f"{numbers.edges} edges"
    )
    if serve_app:
        _serve(store, port)
