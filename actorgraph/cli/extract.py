"""`actorgraph extract` and `actorgraph ingest`: articles in, extractions out or into a store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

import actorgraph.cli.sources as src
from actorgraph.cli.app import StoreOption, app, friendly, progress_bar, say
from actorgraph.graph import open_store
from actorgraph.loaders.readers import count_items
from actorgraph.parallel import extraction_engine
from actorgraph.pipeline import IngestReport, extract_sources, ingest


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

    summary = IngestReport()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress_bar("extracting", count_items(paths, options)) as advance:

            def report(failure: Any) -> None:
                say(f"skipped {failure.reason}")
                advance(1)

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
        progress_bar("ingesting", count_items(paths, options)) as advance,
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
