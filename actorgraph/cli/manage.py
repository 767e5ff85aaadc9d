"""`actorgraph remove`, `backup` and `restore`: look after a store's contents.

remove deletes articles (by id, or by the path they were read from) and re-derives
the edges and actors they touched, in one transaction. backup and restore work on
the embedded store; what they do (the manifest, the hashes, the check in a scratch
store, the all-or-nothing swap) is graph.backup's, these commands parse and print.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Annotated

import typer

from actorgraph.cli.app import StoreOption, app, friendly
from actorgraph.errors import ActorgraphError
from actorgraph.graph import backup as backups
from actorgraph.graph import open_store
from actorgraph.graph.cypher import LIST_ARTICLES
from actorgraph.graph.lookup import store_counts

# --- remove ------------------------------------------------------------------------------------


def _source_forms(path: str) -> list[str]:
    """The ways an ingest may have recorded ``path``: as typed, absolute, or relative."""
    forms = {path.rstrip("/") or path, os.path.abspath(path)}
    with contextlib.suppress(ValueError):  # another drive (Windows)
        forms.add(os.path.relpath(path))
    return sorted(forms)


@app.command()
@friendly
def remove(
    article_ids: Annotated[
        list[str] | None, typer.Argument(help="Ids of the articles to remove.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Remove every article read from this file or folder."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Delete articles and their claims; the edges and actors they touched are re-derived."""
    if not article_ids and not source:
        raise ActorgraphError("name the articles to remove: ARTICLE_ID ... or --source PATH")
    with open_store(store) as graph:
        ids = list(dict.fromkeys(article_ids or []))
        unknown = sorted(set(ids) - set(graph.article_extractors(ids)))
        if unknown:
            raise ActorgraphError(
                f"no article with id {unknown[0]!r} in {graph.url}; nothing was removed "
                f'(`actorgraph query "{LIST_ARTICLES}"` lists them)'
            )
        for path in source or []:
            found = graph.articles_from(_source_forms(path))
            if not found:
                raise ActorgraphError(
                    f"no article in {graph.url} was read from {path}; nothing was removed"
                )
            ids += found
        before = store_counts(graph)
        removed = graph.remove(list(dict.fromkeys(ids)))
        after = store_counts(graph)
    gone = ", ".join(f"{before[k] - after[k]} {k}" for k in ("actors", "claims", "edges"))
    typer.echo(f"removed {len(removed)} articles; with them {gone}")


# --- backup and restore ----------------------------------------------------------------------


def _counted(counts: dict[str, int]) -> str:
    return (
        f"{counts['articles']} articles, {counts['actors']} actors, "
        f"{counts['claims']} claims, {counts['edges']} edges"
    )


@app.command()
@friendly
def backup(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder for the backup.")],
    store: StoreOption = None,
) -> None:
    """Save the embedded store to a folder while it runs (restore it with `restore`)."""
    counts = backups.backup(store, folder)
    typer.echo(f"backed up {_counted(counts)} to {folder}")


@app.command()
@friendly
def restore(
    folder: Annotated[Path, typer.Argument(help="A folder `actorgraph backup` wrote.")],
    store: StoreOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a store that is not empty.")
    ] = False,
) -> None:
    """Load a backup into the embedded store (an empty one, unless --force).

    Every file is checked against its hash and the whole backup against the manifest's
    counts and checksum in a scratch store first; the swap is all or nothing."""
    counts = backups.restore(store, folder, force=force)
    typer.echo(f"restored {_counted(counts)} from {folder}")
