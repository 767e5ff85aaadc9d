"""`actorgraph copy`: move a whole graph between any two stores (embedded, Neo4j).

It reads the source as the extractions that wrote it (store.iter_extractions) and
writes them to the target in batches, one transaction each, so the target derives
its own edges and actor statistics exactly as an ingest would; copying again
changes nothing, and an interrupted copy resumes by running it again.
"""

from __future__ import annotations

from typing import Annotated

import typer

from actorgraph.batching import batched
from actorgraph.cli.app import app, friendly, progress_bar
from actorgraph.errors import ActorgraphError
from actorgraph.graph import curation, open_store


@app.command()
@friendly
def copy(
    source: Annotated[str, typer.Option("--from", help="Store URL to read.")],
    target: Annotated[str, typer.Option("--to", help="Store URL to write.")],
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 100,
) -> None:
    """Copy every article, actor, claim, edge and curation decision from one store to another."""
    if source == target:
        raise ActorgraphError("--from and --to are the same store; nothing to copy")
    if batch_size < 1:
        raise ActorgraphError("--batch-size must be at least 1")
    with open_store(source) as reader, open_store(target) as writer:
        total = reader.stats().articles
        curation.copy_decisions(reader, writer)  # first: the articles are written curated
        extractions = reader.iter_extractions(batch_size=batch_size)
        with progress_bar("copying", total) as advance:
            for batch in batched(extractions, batch_size):
                writer.write(batch)
                advance(len(batch))
        numbers = writer.stats()
    typer.echo(
        f"copied {total} articles to {writer.url}; it holds {numbers.articles} articles, "
        f"{numbers.actors} actors, {numbers.claims} claims, {numbers.edges} edges"
    )
