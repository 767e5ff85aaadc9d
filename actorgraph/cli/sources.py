"""The source options `actorgraph ingest` and `actorgraph extract` share, and --errors.

Kept apart from extract.py so both commands declare the same options in one line each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from actorgraph.errors import InputError
from actorgraph.loaders.readers import FORMATS
from actorgraph.loaders.source import ReadFailure, SourceOptions

_PANEL = "Sources"

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, http(s) URLs (fetched), or - for stdin.", show_default=False
    ),
]
TextField = Annotated[
    str | None, typer.Option(help="Record field (JSON/CSV) with the text.", rich_help_panel=_PANEL)
]
TitleField = Annotated[
    str | None, typer.Option(help="Record field with the title.", rich_help_panel=_PANEL)
]
DateField = Annotated[
    str | None, typer.Option(help="Record field with the date.", rich_help_panel=_PANEL)
]
PublisherField = Annotated[
    str | None, typer.Option(help="Record field with the publisher.", rich_help_panel=_PANEL)
]
UrlField = Annotated[
    str | None, typer.Option(help="Record field with the URL.", rich_help_panel=_PANEL)
]
FormatIn = Annotated[
    str | None,
    typer.Option(
        help=f"Input format for stdin/URLs: {', '.join(FORMATS)}.", rich_help_panel=_PANEL
    ),
]
Include = Annotated[
    list[str] | None,
    typer.Option(
        help="In folders, only files matching this glob (repeatable).", rich_help_panel=_PANEL
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        help="In folders, skip files matching this glob (repeatable).", rich_help_panel=_PANEL
    ),
]
Timeout = Annotated[
    float,
    typer.Option(help="Seconds a URL's whole fetch may take.", min=0.1, rich_help_panel=_PANEL),
]
Errors = Annotated[
    Path | None,
    typer.Option(help="Write each failed item (source, location, reason) here as JSON Lines."),
]


def source_options(
    text_field: str | None = None,
    title_field: str | None = None,
    date_field: str | None = None,
    publisher_field: str | None = None,
    url_field: str | None = None,
    format_in: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    timeout: float = 20.0,
) -> SourceOptions:
    """The options as the readers take them; an unknown --format-in is a one-line error."""
    if format_in and format_in not in FORMATS:
        raise InputError(f"unknown --format-in {format_in!r}; use one of {', '.join(FORMATS)}")
    return SourceOptions(
        text_field=text_field,
        title_field=title_field,
        date_field=date_field,
        publisher_field=publisher_field,
        url_field=url_field,
        format_in=format_in,
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        timeout=timeout,
    )


def write_errors(path: Path | None, failures: Iterable[ReadFailure]) -> None:
    """Each failure as one JSON line in ``path`` (nothing when no path was given)."""
    if path is None:
        return
    try:
        with path.open("w", encoding="utf-8") as sink:
            for failure in failures:
                sink.write(json.dumps(failure.to_json(), ensure_ascii=False) + "\n")
    except OSError as error:
        raise InputError(f"{path}: cannot write the errors file ({error.strerror})") from None
