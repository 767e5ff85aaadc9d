"""`actorgraph merge`, `split`, `rename`, `kind`, `reject`, `confirm`, `add-claim`,
`article-meta` and `curation log|undo`: a curator's decisions (graph.curation).

Actors are named as `show` names them (an id, a name or alias, or part of one; did-you-mean
when none matches, the candidates when several do). Each decision is one transaction.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from actorgraph.cli.app import FormatOption, StoreOption, app, check_format, friendly
from actorgraph.errors import ActorgraphError
from actorgraph.graph import curation, open_store
from actorgraph.graph.duplicates import likely_duplicates
from actorgraph.graph.lookup import find_actor
from actorgraph.output import print_rows
from actorgraph.schema import Decision

ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (kept in the log).")]
CuratorOption = Annotated[
    str | None,
    typer.Option("--curator", help="Who decides (default: $ACTORGRAPH_CURATOR, else your user)."),
]
LOG_FORMATS = ("table", "json", "jsonl", "csv")
LOG_COLUMNS = ["id", "at", "curator", "action", "reason", "args"]

log_app = typer.Typer(
    help="The curation log (list, undo) and likely duplicates.", no_args_is_help=True
)
app.add_typer(log_app, name="curation")


def _done(decision: Decision, what: str) -> None:
    typer.echo(
        f"{what} (decision {decision.id}; undo with `actorgraph curation undo {decision.id}`)"
    )


@app.command()
@friendly
def merge(
    keep: Annotated[str, typer.Argument(help="The actor that stays (name, alias or id).")],
    drop: Annotated[str, typer.Argument(help="The actor merged into it.")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Merge two actors into one: names joined, claims and edges moved, B's id kept."""
    with open_store(store) as graph:
        a, b = find_actor(graph, keep), find_actor(graph, drop)
        decision = curation.merge(graph, a.id, b.id, curator=curator, reason=reason)
    _done(decision, f"merged {b.name} ({b.id}) into {a.name} ({a.id})")


@app.command()
@friendly
def split(
    actor: Annotated[str, typer.Argument(help="The actor (name, alias or id).")],
    alias: Annotated[str, typer.Argument(help="The alias that is an actor of its own.")],
    kind: Annotated[
        str | None, typer.Option(help="The new actor's kind (default: the same).")
    ] = None,
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Split an alias off an actor into a new actor, with the claims that name it."""
    with open_store(store) as graph:
        found = find_actor(graph, actor)
        decision = curation.split(graph, found.id, alias, kind=kind, curator=curator, reason=reason)
    _done(decision, f"split {alias!r} off {found.name} as {decision.args['new']}")


@app.command()
@friendly
def rename(
    actor: Annotated[str, typer.Argument(help="The actor (name, alias or id).")],
    name: Annotated[str, typer.Argument(help="Its new name (the old one stays an alias).")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Show an actor by another name; its id stays."""
    with open_store(store) as graph:
        found = find_actor(graph, actor)
        decision = curation.rename(graph, found.id, name, curator=curator, reason=reason)
    _done(decision, f"renamed {found.name} ({found.id}) to {name.strip()}")


@app.command()
@friendly
def kind(
    actor: Annotated[str, typer.Argument(help="The actor (name, alias or id).")],
    new_kind: Annotated[str, typer.Argument(metavar="KIND", help="Company, Person, ...")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Set an actor's kind, whatever later articles read it as."""
    with open_store(store) as graph:
        found = find_actor(graph, actor)
        decision = curation.set_kind(graph, found.id, new_kind, curator=curator, reason=reason)
    _done(decision, f"{found.name} ({found.id}) is a {decision.args['kind']}")


@app.command()
@friendly
def reject(
    claim: Annotated[str, typer.Argument(help="A claim id (the claim column of `show`).")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Reject a claim: it stays, marked rejected, and supports no edge."""
    with open_store(store) as graph:
        decision = curation.reject(graph, claim, curator=curator, reason=reason)
    _done(decision, f"rejected claim {decision.args['claim']}")


@app.command()
@friendly
def confirm(
    claim: Annotated[str, typer.Argument(help="A claim id (the claim column of `show`).")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Confirm a claim: a curator read its sentence and it says so."""
    with open_store(store) as graph:
        decision = curation.confirm(graph, claim, curator=curator, reason=reason)
    _done(decision, f"confirmed claim {decision.args['claim']}")


@app.command("add-claim")
@friendly
def add_claim(
    article: Annotated[str, typer.Argument(help="The article's id.")],
    subject: Annotated[str, typer.Argument(help="The subject (name, alias or id).")],
    relation: Annotated[
        str, typer.Argument(metavar="TYPE", help="A relation type, e.g. SUPPLIED.")
    ],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="The object (name, alias or id).")],
    modality: Annotated[str, typer.Option(help="asserted, hedged or negated.")] = "asserted",
    sentence: Annotated[
        str | None, typer.Option(help="The article's sentence it is read from, exactly.")
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="Where it comes from, if not a sentence.")
    ] = None,
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Add a claim by hand (source: manual) to an article."""
    with open_store(store) as graph:
        s, o = find_actor(graph, subject), find_actor(graph, obj)
        decision = curation.add_claim(
            graph, article, s.id, relation, o.id, modality=modality, sentence=sentence,
            note=note, curator=curator, reason=reason,
        )  # fmt: skip
    _done(decision, f"added {s.name} {decision.args['type']} {o.name}")


@app.command("article-meta")
@friendly
def article_meta(
    article: Annotated[str, typer.Argument(help="The article's id.")],
    title: Annotated[str | None, typer.Option(help="Its title.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Its publisher.")] = None,
    published: Annotated[str | None, typer.Option(help="Its date, YYYY-MM-DD.")] = None,
    url: Annotated[str | None, typer.Option(help="Its URL.")] = None,
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Correct an article's title, publisher, date or URL."""
    fields = {"title": title, "publisher": publisher, "published": published, "url": url}
    with open_store(store) as graph:
        decision = curation.article_meta(graph, article, curator=curator, reason=reason, **fields)
    _done(decision, f"article {decision.args['article']} corrected")


@log_app.command("log")
@friendly
def log(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")
    ] = "table",
    store: StoreOption = None,
) -> None:
    """Every decision, oldest first, undos included."""
    if fmt not in LOG_FORMATS:
        raise ActorgraphError(f"unknown format {fmt!r}; use one of {', '.join(LOG_FORMATS)}")
    with open_store(store) as graph:
        found = curation.decisions(graph)
    if fmt == "jsonl":
        for d in found:
            sys.stdout.write(json.dumps(d.as_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        return
    rows = [[d.as_dict()[c] for c in LOG_COLUMNS] for d in found]
    print_rows(LOG_COLUMNS, rows, fmt)


@log_app.command("undo")
@friendly
def undo(
    decision: Annotated[str, typer.Argument(help="The decision's id (from `curation log`).")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Take a decision back (the undo is recorded too)."""
    with open_store(store) as graph:
        done = curation.undo(graph, decision, curator=curator, reason=reason)
    _done(done, f"undid {decision.strip()}")


@log_app.command("duplicates")
@friendly
def duplicates(
    limit: Annotated[int, typer.Option("--limit", help="Pairs to list.")] = 20,
    fmt: FormatOption = "table",
    store: StoreOption = None,
) -> None:
    """Likely duplicate actors, best first (merge them, or judge them not-same)."""
    fmt = check_format(fmt)
    if limit < 1:
        raise ActorgraphError("--limit must be at least 1")
    with open_store(store) as graph:
        found = likely_duplicates(graph, limit=limit)
    columns = ["a", "b", "score", "names", "same_kind", "neighbours", "articles"]
    rows = [
        [f"{p.a.name} ({p.a.id})", f"{p.b.name} ({p.b.id})", p.score, p.name_likeness,
         p.same_kind, p.shared_neighbours, p.shared_articles]
        for p in found
    ]  # fmt: skip
    print_rows(columns, rows, fmt)


@log_app.command("not-same")
@friendly
def not_same(
    a: Annotated[str, typer.Argument(help="An actor (name, alias or id).")],
    b: Annotated[str, typer.Argument(help="Another actor it is not.")],
    reason: ReasonOption = None,
    curator: CuratorOption = None,
    store: StoreOption = None,
) -> None:
    """Judge two actors distinct: `curation duplicates` proposes them no more."""
    with open_store(store) as graph:
        first, second = find_actor(graph, a), find_actor(graph, b)
        decision = curation.not_same(graph, first.id, second.id, curator=curator, reason=reason)
    _done(decision, f"{first.name} and {second.name} are not the same")
