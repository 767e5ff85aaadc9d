"""The `actorgraph` command: a thin shell over the library.

Each command parses its arguments, calls the same functions the app calls, and
formats what they return. Expected failures (ActorgraphError) print one line on
stderr and exit with status 1, without a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import actorgraph.cli_sources as src
import actorgraph.viz
from actorgraph.errors import ActorgraphError, InputError, ReadOnlyError, one_line
from actorgraph.graph import open_store
from actorgraph.graph.lookup import actor_evidence, find_actor
from actorgraph.graph.open import STORE_ENV, default_url, mask_url
from actorgraph.graph.store import QUERY_TIMEOUT
from actorgraph.graph.values import encode_params
from actorgraph.interrupts import signals_stop
from actorgraph.output import FORMATS, print_rows
from actorgraph.parallel import extraction_engine
from actorgraph.pipeline import IngestReport, extract_sources, ingest

app = typer.Typer(
    help="Read news articles into a knowledge graph of actors and their typed relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

SAMPLES = Path(__file__).parent / "samples"
SERVE_STOP_TIMEOUT = 20.0  # seconds the app may take to stop when told to, before it is killed
APP_SCRIPT = Path(actorgraph.viz.__file__).parent / "app.py"

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", help=f"Store URL (default: ${STORE_ENV} or the embedded store)."),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def say(message: str) -> None:
    """One line on stderr, control characters escaped (a file name cannot forge a line)."""
    typer.echo(f"actorgraph: {one_line(message)}", err=True)


def friendly(command: F) -> F:
    """Turn expected errors into one line on stderr and exit status 1; Ctrl-C and SIGTERM
    into one line and 130 or 143."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with signals_stop():
                return command(*args, **kwargs)
        except ActorgraphError as error:
            say(str(error))
            raise typer.Exit(1) from None
        except KeyboardInterrupt as error:
            name = getattr(error, "name", "SIGINT")
            say(f"interrupted ({name}); whatever was written is whole, run it again to go on")
            raise typer.Exit(getattr(error, "exit_code", 130)) from None

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr (gone when done); yields advance(n). Calls of one item
    against a known total are gathered 256 at a time, so advancing per item stays cheap."""
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        pending = 0

        def advance(n: int) -> None:
            nonlocal pending
            pending += n
            if total is None or n > 1 or pending >= 256:
                bar.advance(task, pending)
                pending = 0

        yield advance
        bar.advance(task, pending)


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ActorgraphError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def _parse_params(pairs: list[str]) -> dict[str, Any]:
    """--param k=v pairs; a value that parses as JSON (42, true, [1,2]) is taken as such."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ActorgraphError(f"--param {pair!r} is not key=value")
        try:
            params[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            params[key.strip()] = value
    return params


@app.command()
@friendly
def extract(
    paths: src.Paths,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here (default stdout).")
    ] = None,
    errors: src.Errors = None,
    text_field: src.TextField = None,
    title_field: src.TitleField = None,
    date_field: src.DateField = None,
    publisher_field: src.PublisherField = None,
    url_field: src.UrlField = None,
    format_in: src.FormatIn = None,
    include: src.Include = None,
    exclude: src.Exclude = None,
    timeout: src.Timeout = 20.0,
) -> None:
    """Extract actors and relations as JSON Lines, one article a line; no store is used."""
    options = src.source_options(
        text_field, title_field, date_field, publisher_field, url_field, format_in, include,
        exclude, timeout,
    )  # fmt: skip

    def report(failure: Any) -> None:
        say(f"skipped {failure.reason}")

    summary = IngestReport()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress_bar("extracting") as advance:
            for extraction in extract_sources(
                paths, on_failure=report, options=options, report=summary
            ):
                sink.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
                advance(1)
    finally:
        if output:
            sink.close()
    src.write_errors(errors, summary.failures)
    for warning in summary.warnings:
        say(warning)
    if summary.duplicates or summary.skipped_language:
        say(summary.summary().partition("; added")[0])
    if summary.failures:
        raise typer.Exit(1)


@app.command("ingest")
@friendly
def ingest_command(
    paths: src.Paths,
    store: StoreOption = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles already stored.")] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.", min=1)] = 16,
    workers: Annotated[int, typer.Option(help="Extraction processes (--engine local).", min=1)] = 1,
    engine: Annotated[
        str, typer.Option(help="local: processes here; dask: a Dask cluster's workers.")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="The Dask scheduler's address (tcp://host:8786).")
    ] = None,
    errors: src.Errors = None,
    text_field: src.TextField = None,
    title_field: src.TitleField = None,
    date_field: src.DateField = None,
    publisher_field: src.PublisherField = None,
    url_field: src.UrlField = None,
    format_in: src.FormatIn = None,
    include: src.Include = None,
    exclude: src.Exclude = None,
    timeout: src.Timeout = 20.0,
) -> None:
    """Extract articles and write them to the store; already stored articles are skipped."""
    options = src.source_options(
        text_field, title_field, date_field, publisher_field, url_field, format_in, include,
        exclude, timeout,
    )  # fmt: skip
    with (
        extraction_engine(workers, engine, scheduler) as extractor,
        open_store(store) as graph,
        progress_bar("ingesting") as advance,
    ):
        report = ingest(
            paths, graph, force=force, batch_size=batch_size, extractor=extractor,
            progress=advance, options=options,
        )  # fmt: skip
    typer.echo(report.summary())
    for warning in report.warnings:
        say(warning)
    for failure in report.failures:
        say(f"skipped {failure.reason}")
    src.write_errors(errors, report.failures)
    if report.failures:
        raise typer.Exit(1)


@app.command()
@friendly
def query(
    cypher: Annotated[str, typer.Argument(help="A Cypher query; values as $parameters.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter, key=value.")
    ] = None,
    fmt: FormatOption = "table",
    write: Annotated[bool, typer.Option("--write", help="Allow the query to write.")] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", help="Seconds the store lets the query run before stopping it (0: none)."
        ),
    ] = QUERY_TIMEOUT,
    store: StoreOption = None,
) -> None:
    """Run a Cypher query (read-only unless --write) and print its rows."""
    _check_format(fmt)
    params = _parse_params(param or [])
    encode_params(params)  # a bad name or value is refused before the store is opened
    with open_store(store) as graph:
        try:
            result = graph.query(cypher, params, write=write, timeout=timeout)
        except ReadOnlyError:
            raise ReadOnlyError("run it with --write") from None
    print_rows(result.columns, result.rows, fmt)


@app.command()
@friendly
def show(
    name: Annotated[str, typer.Argument(help="A name or alias (or part of one).")],
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """One actor: its kind, aliases, and every typed edge with its evidence."""
    _check_format(fmt)
    with open_store(store) as graph:
        actor = find_actor(graph, name)
        found = actor_evidence(graph, actor)
    rows = [
        [
            found.names[edge.subject],
            edge.type,
            found.names[edge.object],
            ev.modality,
            ev.published,
            ev.title,
            ev.sentence,
        ]
        for edge, ev in found.claims
    ]
    if fmt == "table":
        typer.echo(f"{actor.name} ({actor.kind}), id {actor.id}")
        if actor.aliases:
            typer.echo("also: " + ", ".join(actor.aliases))
    columns = ["subject", "type", "object", "modality", "published", "article", "evidence"]
    print_rows(columns, rows, fmt)


@app.command()
@friendly
def stats(store: StoreOption = None, fmt: FormatOption = "table") -> None:
    """Counts of articles, actors, claims and edges, by kind and by type."""
    _check_format(fmt)
    with open_store(store) as graph:
        numbers = graph.stats()
    if fmt == "json":
        typer.echo(json.dumps(numbers.as_dict(), indent=2))
        return
    rows = [["total", k, v] for k, v in numbers.as_dict().items() if isinstance(v, int)]
    rows += [["kind", k, v] for k, v in numbers.by_kind.items()]
    rows += [["type", k, v] for k, v in numbers.by_type.items()]
    print_rows(["group", "name", "count"], rows, fmt)


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


@app.callback()
def _global(
    store: Annotated[
        str | None,
        typer.Option("--store", "-s", help=f"Store URL for every command (or ${STORE_ENV})."),
    ] = None,
) -> None:
    """Read news articles into a knowledge graph of actors and their typed relations."""
    if store:
        os.environ[STORE_ENV] = store


def main() -> None:
    app()


import actorgraph.cli_copy  # noqa: E402  (registers copy)
import actorgraph.cli_manage  # noqa: E402  (registers remove, backup, restore)
from actorgraph import cli_eval, cli_export  # noqa: E402, F401  (registers eval, train, export, sparql, validate)
