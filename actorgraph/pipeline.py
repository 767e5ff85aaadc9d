"""Ingest: sources -> articles -> extractions -> store, in batches, resumable.

An article the store already holds, read by the same extractor, is skipped, so
running an ingest again (after a crash, or on a folder that grew) only does
the new work. A file that cannot be read is reported and the others go on.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TypeVar

from actorgraph.errors import InputError
from actorgraph.graph import Stats, Store
from actorgraph.loaders import Extractor, ReadFailure, read_file, read_sources
from actorgraph.loaders.resolve import resolve_extractions
from actorgraph.schema import Article, Extraction

Progress = Callable[[int], None]
T = TypeVar("T")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles written and skipped, failures, and the store's growth."""

    written: int = 0
    skipped: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    before: Stats | None = None
    after: Stats | None = None

    def added(self) -> dict[str, int]:
        """How many articles, actors, claims and edges the store gained."""
        keys = ("articles", "actors", "claims", "edges")
        if not (self.before and self.after):
            return dict.fromkeys(keys, 0)
        before, after = self.before.as_dict(), self.after.as_dict()
        return {k: after[k] - before[k] for k in keys}


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_sources(
    paths: Iterable[str | Path],
    extractor: Extractor | None = None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Extractions of every readable article under ``paths`` (no store involved)."""
    extractor = extractor or Extractor()
    for batch in _batches(read_sources(paths), batch_size):
        articles = [a for a in batch if isinstance(a, Article)]
        for failure in (f for f in batch if isinstance(f, ReadFailure)):
            if on_failure:
                on_failure(failure)
        yield from extractor.extract_many(articles)


def _write(extractions: Sequence[Extraction], store: Store) -> None:
    """The write step every ingest path shares: map actors onto the graph's, then write."""
    store.write(resolve_extractions(extractions, store))


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    force: bool = False,
    batch_size: int = 16,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, extract and write everything under ``paths``; one store transaction per batch."""
    extractor = extractor or Extractor()
    report = IngestReport(before=store.stats())
    for batch in _batches(read_sources(paths), batch_size):
        articles = [a for a in batch if isinstance(a, Article)]
        report.failures += [f for f in batch if isinstance(f, ReadFailure)]
        unique = list({a.id: a for a in articles}.values())
        known = {} if force else store.article_extractors(a.id for a in unique)
        todo = [a for a in unique if known.get(a.id) != extractor.name]
        report.skipped += len(articles) - len(todo)
        if todo:
            _write(list(extractor.extract_many(todo)), store)
            report.written += len(todo)
        if progress:
            progress(len(batch))
    report.after = store.stats()
    return report


def read_upload(name: str, data: bytes) -> list[Article]:
    """The articles in an uploaded file, read by the reader for its suffix (as from disk).

    The bytes go to a temporary file with the original suffix so the same readers run;
    the articles' source and any InputError name the upload, not the temporary file.
    """
    suffix = Path(name).suffix
    with tempfile.TemporaryDirectory(prefix="ag-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            articles = read_file(path)
        except InputError as error:
            raise InputError(str(error).replace(str(path), name)) from None
    return [replace(a, source=a.source.replace(str(path), name)) for a in articles]


def read_uploads(uploads: Iterable[tuple[str, bytes]]) -> tuple[list[Article], list[ReadFailure]]:
    """Every article in the uploads; one that cannot be read is a ReadFailure, the others go on."""
    articles: list[Article] = []
    failures: list[ReadFailure] = []
    for name, data in uploads:
        try:
            articles += read_upload(name, data)
        except InputError as error:
            failures.append(ReadFailure(name, str(error)))
    return articles, failures


def pasted_article(text: str, title: str = "", source: str = "pasted text") -> Article:
    """An article from pasted text, read as a .txt file is (title: ``title`` or the first line)."""
    body = f"{title.strip()}\n\n{text}" if title.strip() else text
    [article] = read_upload(f"{source}.txt", body.encode("utf-8"))
    return replace(article, source=source)


def write_extractions(
    extractions: Sequence[Extraction],
    store: Store,
    *,
    batch_size: int = 16,
    progress: Progress | None = None,
) -> IngestReport:
    """Resolve and write extractions as :func:`ingest` does, one transaction per batch."""
    report = IngestReport(before=store.stats())
    for batch in _batches(extractions, batch_size):
        _write(batch, store)
        report.written += len(batch)
        if progress:
            progress(len(batch))
    report.after = store.stats()
    return report
