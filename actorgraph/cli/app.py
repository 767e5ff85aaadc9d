"""The Typer app every command registers on, and what the commands share.

The shared options (--store, --format), the one table/json/csv ``Format``, and the
wrappers that turn expected errors into one line on stderr (``friendly``, ``say``) and
show progress (``progress_bar``). Command modules import this module only, never the
``actorgraph.cli`` package, so the package has no import circle.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actorgraph.cli.progress import ProgressLines
from actorgraph.errors import ActorgraphError, one_line
from actorgraph.graph.open import STORE_ENV
from actorgraph.interrupts import signals_stop

app = typer.Typer(
    help="Read news articles into a knowledge graph of actors and their typed relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    """How a command prints rows: a table for people, JSON or CSV for programs."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _inherited_store(ctx: typer.Context, value: str | None) -> str | None:
    """A command's own --store, else the one given before the command (`actorgraph --store
    URL stats`), kept on the Typer context rather than written into the environment."""
    if value:
        return value
    root = ctx.find_root()
    return root.obj.store if isinstance(root.obj, GlobalOptions) else None


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    """What `actorgraph --store URL ...` says for every command."""

    store: str | None = None


StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        "-s",
        help=f"Store URL (default: ${STORE_ENV} or the embedded store).",
        callback=_inherited_store,
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def check_format(fmt: str) -> Format:
    """``fmt`` as a Format, or a one-line error naming the formats (Typer's own refusal of
    an Enum option would exit 2 with its usage text)."""
    if fmt not in tuple(Format):
        raise ActorgraphError(f"unknown format {fmt!r}; use one of {', '.join(Format)}")
    return Format(fmt)


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
    """A rich progress bar on stderr (gone when done), or lines when stderr is no terminal
    (a log); yields advance(n). Calls of one item against a known total are gathered 256
    at a time, so advancing per item stays cheap."""
    if not err.is_terminal:
        yield ProgressLines(label, total, say_plain).advance
        return
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


def say_plain(line: str) -> None:
    """A line on stderr as it is (a progress line: no 'actorgraph:' prefix)."""
    typer.echo(line, err=True)


@app.callback()
def _global(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option("--store", "-s", help=f"Store URL for every command (or ${STORE_ENV})."),
    ] = None,
) -> None:
    """Read news articles into a knowledge graph of actors and their typed relations."""
    ctx.obj = GlobalOptions(store)
