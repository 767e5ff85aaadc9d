"""`actorgraph path`: how actors are connected, the same answer the app's Paths page gives."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from actorgraph.cli.app import Format, FormatOption, StoreOption, app, check_format, friendly, say
from actorgraph.errors import ActorgraphError
from actorgraph.graph import (
    ANY_EDGE,
    MAX_ACTORS,
    MAX_ALL_PATHS_LENGTH,
    ActorView,
    EdgeMatch,
    EdgeView,
    Store,
    connect,
    find_paths,
    open_store,
)
from actorgraph.graph.lookup import find_actor
from actorgraph.output import print_rows
from actorgraph.schema import vocabulary
from actorgraph.schema.vocabulary import VocabularyError

COLUMNS = ["path", "hop", "subject", "type", "object", "claims", "modality"]


def _names(graph: Store, ids: set[str]) -> dict[str, str]:
    return {i: a.name for i in ids if (a := graph.actor(i)) is not None}


def _row(number: int, hop: int, edge: EdgeView, names: dict[str, str]) -> list:
    subject, obj = names.get(edge.subject, edge.subject), names.get(edge.object, edge.object)
    return [number, hop, subject, edge.type, obj, edge.claims, edge.modality]


def _day(text: str | None, option: str, last: bool) -> str | None:
    """A date option as the ISO day it starts (or, ``last``, ends): 2021 -> 2021-01-01."""
    if text is None or not text.strip():
        return None
    parts = text.strip().split("-")
    try:
        year, month, day = (int(p) for p in [*parts, *(["0"] * (3 - len(parts)))])
        if len(parts) > 1 and not 1 <= month <= 12:  # (more than three parts fail above)
            raise ValueError
        if len(parts) == 3:
            date(year, month, day)  # a real day
    except ValueError:
        raise ActorgraphError(
            f"{option} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}"
        ) from None
    month = month or (12 if last else 1)
    day = day or (31 if last else 1)  # "-31" bounds any month: dates compare as text
    return f"{year:04d}-{month:02d}-{day:02d}"


def edge_match(
    types: list[str], modalities: list[str], since: str | None, until: str | None
) -> EdgeMatch:
    """The edges a path may walk, from the options; an unknown type or modality, or a date
    that is none, is an error naming the valid ones."""
    vocab = vocabulary()
    try:
        chosen = tuple(vocab.relation(t.strip().upper()).name for t in types)
        kept = tuple(vocab.check_modality(m.strip().lower()) for m in modalities)
    except VocabularyError as error:
        raise ActorgraphError(str(error)) from None
    start, end = _day(since, "--since", last=False), _day(until, "--until", last=True)
    if start and end and start > end:
        raise ActorgraphError(f"--since {since} is after --until {until}")
    return EdgeMatch(chosen, kept, start, end)


@app.command("path")
@friendly
def path_command(
    names: Annotated[
        list[str],
        typer.Argument(help="Two actors (names, aliases or ids), or up to five to connect."),
    ],
    max_length: Annotated[int, typer.Option("--max", min=1, max=6, help="Hops at most.")] = 4,
    directed: Annotated[
        bool, typer.Option("--directed", help="Only paths that go along every edge.")
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help=f"Every path up to {MAX_ALL_PATHS_LENGTH} hops, not only the shortest."
        ),
    ] = False,
    types: Annotated[
        list[str] | None,
        typer.Option("--type", "-t", help="Walk only edges of this type (repeat for more)."),
    ] = None,
    modalities: Annotated[
        list[str] | None,
        typer.Option("--modality", help="Walk only edges of this modality (repeat for more)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Walk only edges seen on or after this date (YYYY[-MM[-DD]])."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Walk only edges seen on or before this date.")
    ] = None,
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """How actors are connected: the shortest paths between two, walking edges either way
    (each hop as its edge points) unless --directed; with three to five, the smallest tree
    of shortest paths that joins them. --type, --modality, --since and --until limit the
    edges a path may walk."""
    fmt = check_format(fmt)
    match = edge_match(types or [], modalities or [], since, until)
    if not 2 <= len(names) <= MAX_ACTORS:
        raise ActorgraphError(f"name two actors, or up to {MAX_ACTORS} to connect")
    with open_store(store) as graph:
        actors = [find_actor(graph, name) for name in names]
        if len({a.id for a in actors}) < len(actors):
            raise ActorgraphError("the names given are the same actor; name different ones")
        if len(actors) > 2:
            _print_connection(graph, actors, max_length, fmt, match)
            return
        a, b = (x.id for x in actors)
        found = find_paths(graph, a, b, max_length, directed=directed, every=every, match=match)
        names_by_id = _names(graph, {i for p in found for i in p.actors})
    if not found:
        way = "along the edges" if directed else "either way"
        limited = " or fewer limits on the edges" if match != ANY_EDGE else ""
        raise ActorgraphError(
            f"no path of at most {max_length} hops from {actors[0].name} to {actors[1].name} "
            f"{way}{' over the edges asked for' if limited else ''}; try a larger --max"
            + limited
            + ("" if not directed else " or leave out --directed")
        )
    rows = [
        _row(n, hop, edge, names_by_id)
        for n, p in enumerate(found, start=1)
        for hop, edge in enumerate(p.edges, start=1)
    ]
    if fmt == Format.TABLE:
        for n, p in enumerate(found, start=1):
            typer.echo(f"{n}. {p.chain(names_by_id)}")
    print_rows(COLUMNS, rows, fmt)


def _print_connection(
    graph: Store, actors: list[ActorView], max_length: int, fmt: str, match: EdgeMatch
) -> None:
    joined = connect(graph, [a.id for a in actors], max_length, match)
    names = _names(graph, {n.id for n in joined.subgraph.nodes} | set(joined.unjoined))
    for actor_id in joined.unjoined:
        say(f"{names.get(actor_id, actor_id)}: not joined to the others within {max_length} hops")
    if not joined.subgraph.edges:
        raise ActorgraphError(f"no two of these actors are joined within {max_length} hops")
    rows = [_row(1, hop, e, names) for hop, e in enumerate(joined.subgraph.edges, start=1)]
    print_rows(COLUMNS, rows, fmt)
