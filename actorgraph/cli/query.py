"""`actorgraph query`, `show` and `stats`: read the store and print rows."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from actorgraph.cli.app import Format, FormatOption, StoreOption, app, check_format, friendly
from actorgraph.errors import ActorgraphError, ReadOnlyError
from actorgraph.graph import open_store
from actorgraph.graph.cypher_store import QUERY_TIMEOUT
from actorgraph.graph.fulltext import TextHit, marked, query_words
from actorgraph.graph.lookup import (
    EVIDENCE_COLUMNS,
    actor_evidence,
    evidence_rows,
    find_actor,
    stats_rows,
)
from actorgraph.graph.values import encode_params
from actorgraph.output import print_rows
from actorgraph.params import BadParamError, parse_params


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
    check_format(fmt)
    try:
        params = parse_params(param or [])
    except BadParamError as error:
        raise ActorgraphError(f"--param {error.pair!r} is not key=value") from None
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
    fmt = check_format(fmt)
    with open_store(store) as graph:
        actor = find_actor(graph, name)
        found = actor_evidence(graph, actor)
    rows = evidence_rows(found)
    if fmt == Format.TABLE:
        typer.echo(f"{actor.name} ({actor.kind}), id {actor.id}")
        if actor.aliases:
            typer.echo("also: " + ", ".join(actor.aliases))
    print_rows(EVIDENCE_COLUMNS, rows, fmt)


SEARCH_COLUMNS = ["kind", "article", "published", "title", "edge", "text"]
HIT_MARKS = ("**", "**")  # around each word found, in the table's text column


@app.command()
@friendly
def search(
    words: Annotated[
        list[str], typer.Argument(help="Words every hit holds (whole words, any case).")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most so many articles and sentences.")
    ] = 20,
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """Articles and evidence sentences that hold every word, best first, the words marked."""
    fmt = check_format(fmt)
    text = " ".join(words)
    if not query_words(text):
        raise ActorgraphError(
            f"{text!r} holds no word to search for; give words of letters or digits"
        )
    with open_store(store) as graph:
        hits = graph.search_text(text, limit=limit)
    if fmt == Format.TABLE:
        print_rows(SEARCH_COLUMNS, [hit_row(h) for h in hits], fmt)
        return
    records = [h.as_dict() for h in hits]
    columns = list(TextHit.__slots__)
    print_rows(columns, [[r[c] for c in columns] for r in records], fmt)


def hit_row(hit: TextHit) -> list[str | None]:
    """A hit as SEARCH_COLUMNS: an evidence sentence with the edge it supports, its words
    marked with HIT_MARKS."""
    edge = f"{hit.subject_name} {hit.type} {hit.object_name}" if hit.kind == "claim" else ""
    kind = "evidence" if hit.kind == "claim" else "article"
    text = " ".join(marked(hit.snippet, hit.marks, *HIT_MARKS).split())
    return [kind, hit.article, hit.published, hit.title, edge, text]


@app.command()
@friendly
def stats(store: StoreOption = None, fmt: FormatOption = "table") -> None:
    """Counts of articles, actors, claims and edges, by kind and by type."""
    fmt = check_format(fmt)
    with open_store(store) as graph:
        numbers = graph.stats()
    if fmt == Format.JSON:
        typer.echo(json.dumps(numbers.as_dict(), indent=2))
        return
    print_rows(["group", "name", "count"], stats_rows(numbers), fmt)
