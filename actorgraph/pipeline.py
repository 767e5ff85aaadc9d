"""Ingest: sources -> articles -> extractions -> store, in batches, resumable.

An article the store already holds, read by the same extractor, is skipped, so
running an ingest again (after a crash, or on a folder that grew) only does
the new work. A file that cannot be read is reported and the others go on.

Before extraction each batch is screened: an article not in English is skipped
(counted by language), and a near-duplicate of a stored article or of one read
earlier (the same wire story on another site) is not stored again: its source
is added to the article that holds the story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from actorgraph.batching import batched
from actorgraph.errors import InputError, StoreError, StoreUnavailable
from actorgraph.graph import Stats, Store
from actorgraph.interrupts import held
from actorgraph.loaders import Extractor, ReadFailure, read_sources
from actorgraph.loaders.fingerprint import FingerprintIndex, fingerprint
from actorgraph.loaders.language import ENGLISH
from actorgraph.loaders.readers import read_bytes
from actorgraph.loaders.resolve import resolve_extractions
from actorgraph.loaders.source import SourceOptions
from actorgraph.schema import Article, Extraction

Progress = Callable[[int], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: articles written and skipped, failures, and the store's growth."""

    written: int = 0
    skipped: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    before: Stats | None = None
    after: Stats | None = None
    skipped_language: dict[str, int] = field(default_factory=dict)  # language -> articles
    duplicates: int = 0  # near-duplicates whose source went to the article already held
    warnings: list[str] = field(default_factory=list)  # one line each: read, but cleaned

    def summary(self) -> str:
        """One line: what was written, skipped, merged and failed, and the store's growth."""
        parts = [f"{self.written} articles written", f"{self.skipped} already stored"]
        if self.duplicates:
            parts.append(f"{self.duplicates} near-duplicates merged")
        if self.skipped_language:
            by = ", ".join(f"{n} {lang}" for lang, n in sorted(self.skipped_language.items()))
            parts.append(f"{sum(self.skipped_language.values())} not in English ({by})")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        added = ", ".join(f"{v} {k}" for k, v in self.added().items())
        return f"{', '.join(parts)}; added {added}"

    def added(self) -> dict[str, int]:
        """How many articles, actors, claims and edges the store gained."""
        keys = ("articles", "actors", "claims", "edges")
        if not (self.before and self.after):
            return dict.fromkeys(keys, 0)
        before, after = self.before.as_dict(), self.after.as_dict()
        return {k: after[k] - before[k] for k in keys}


class Screen:
    """The step between reading and extraction: drops articles not in English and
    near-duplicates, counting both in ``report``; ``extra`` gathers the sources of the
    near-duplicates, by the id of the article that holds their story."""

    def __init__(self, report: IngestReport, index: FingerprintIndex) -> None:
        self.report = report
        self.index = index
        self.extra: dict[str, list[str]] = {}

    def _english(self, article: Article) -> bool:
        if article.language == ENGLISH:
            return True
        counts = self.report.skipped_language
        counts[article.language] = counts.get(article.language, 0) + 1
        return False

    def _merge(self, holder: str, article: Article) -> None:
        self.extra.setdefault(holder, []).append(article.url or article.source)

    def keep(self, articles: Iterable[Article], known: Iterable[str] = ()) -> list[Article]:
        """The articles to extract, fingerprinted; ``known`` ids are in the store (they are
        not near-duplicates of themselves)."""
        stored = set(known)
        kept: dict[str, Article] = {}
        for article in filter(self._english, articles):
            if article.id in kept:  # the same text twice in one batch
                self._merge(article.id, article)
                continue
            article = replace(article, fingerprint=fingerprint(article.text))
            holder = None
            if article.fingerprint and article.id not in stored:
                holder = self.index.find(article.fingerprint, exclude=article.id)
            if holder:
                self._merge(holder, article)
                self.report.duplicates += 1
                continue
            if article.fingerprint:
                self.index.add(article.id, article.fingerprint)
            kept[article.id] = article
        return list(kept.values())


def _split(batch: list[Article | ReadFailure]) -> tuple[list[Article], list[ReadFailure]]:
    articles = [a for a in batch if isinstance(a, Article)]
    return articles, [f for f in batch if isinstance(f, ReadFailure)]


def select(
    articles: Iterable[Article],
    screen: Screen,
    known: Mapping[str, str | None],
    extractor_name: str,
    *,
    force: bool = False,
) -> tuple[list[Article], list[Article]]:
    """The one screening step of every ingest path (the CLI's, the app's, ``extract``'s):
    the articles to extract, and those skipped because the store holds them already, read
    by this extractor (``known``: stored article id -> its extractor). Articles not in
    English and near-duplicates are dropped first and counted in the screen's report; a
    skipped article's source joins the stored one (``screen.extra``)."""
    unique = screen.keep(articles, known)
    done = [a for a in unique if not force and known.get(a.id) == extractor_name]
    for article in done:
        screen.extra.setdefault(article.id, []).append(article.url or article.source)
    skipped = {a.id for a in done}
    return [a for a in unique if a.id not in skipped], done


@dataclass(slots=True)
class Screened:
    """Articles screened against a store before extraction (the app's preview)."""

    todo: list[Article]  # to extract
    skipped: list[Article]  # the store holds them already, read by this extractor
    report: IngestReport  # not in English, near-duplicates
    sources: dict[str, list[str]]  # a stored article's id -> its near-duplicates' sources


def screen_against(articles: list[Article], store: Store, extractor_name: str) -> Screened:
    """The screening `ingest` gives a batch, for articles read elsewhere (uploads)."""
    report = IngestReport()
    screen = Screen(report, FingerprintIndex(store.article_fingerprints().items()))
    known = store.article_extractors({a.id for a in articles})
    todo, skipped = select(articles, screen, known, extractor_name)
    return Screened(todo, skipped, report, screen.extra)


def extract_sources(
    paths: Iterable[str | Path],
    extractor: Extractor | None = None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    batch_size: int = 16,
    options: SourceOptions | None = None,
    report: IngestReport | None = None,
) -> Iterator[Extraction]:
    """Extractions of every readable English article under ``paths``, near-duplicates
    dropped (no store involved); ``report`` counts what was skipped and failed."""
    extractor = extractor or Extractor()
    report = report if report is not None else IngestReport()
    screen = Screen(report, FingerprintIndex())
    for batch in batched(read_sources(paths, options, report.warnings.append), batch_size):
        articles, failures = _split(batch)
        report.failures += failures
        for failure in failures:
            if on_failure:
                on_failure(failure)
        todo, _ = select(articles, screen, {}, extractor.name)
        report.written += len(todo)
        yield from extractor.extract_many(todo)


def _write(extractions: Sequence[Extraction], store: Store) -> None:
    """The write step every ingest path shares: map actors onto the graph's, then write."""
    store.write(resolve_extractions(extractions, store))


def _write_each(extractions: Sequence[Extraction], store: Store) -> list[ReadFailure]:
    """A batch the store refused, written again one article at a time: the articles it
    takes are written, each one it still refuses is a failure naming its source."""
    failures = []
    for extraction in extractions:
        try:
            _write([extraction], store)
        except StoreUnavailable:
            raise  # a store gone refuses every article alike: stop here, in one line
        except StoreError as error:
            source = extraction.article.source
            reason = f"{source}: {error}; the other articles were written"
            failures.append(ReadFailure(source, reason))
    return failures


def _write_batch(extractions: Sequence[Extraction], store: Store) -> list[ReadFailure]:
    """One transaction for the batch; when the store refuses it, one per article, so one
    article it cannot take does not cost the others. A signal waits for the end."""
    with held():
        if len(extractions) == 1:
            return _write_each(extractions, store)
        try:
            _write(extractions, store)
            return []
        except StoreUnavailable:
            raise
        except StoreError:
            return _write_each(extractions, store)


def write_batch(
    extractions: Sequence[Extraction],
    store: Store,
    report: IngestReport,
    sources: Mapping[str, list[str]] | None = None,
) -> None:
    """The one write step of every ingest path: the batch in one transaction (article by
    article when the store refuses it, each article it still refuses a failure in
    ``report``), then the sources seen again (a near-duplicate, the same text in another
    file) added to the article that holds the story; appending is idempotent."""
    if extractions:
        refused = _write_batch(extractions, store)
        report.failures += refused
        report.written += len(extractions) - len(refused)
    if sources:
        with held():
            store.add_sources(sources)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    force: bool = False,
    batch_size: int = 16,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    options: SourceOptions | None = None,
) -> IngestReport:
    """Read, extract and write everything under ``paths``; one store transaction per batch."""
    extractor = extractor or Extractor()
    report = IngestReport(before=store.stats())
    screen = Screen(report, FingerprintIndex(store.article_fingerprints().items()))
    for batch in batched(read_sources(paths, options, report.warnings.append), batch_size):
        articles, failures = _split(batch)
        report.failures += failures
        known = store.article_extractors({a.id for a in articles})
        todo, done = select(articles, screen, known, extractor.name, force=force)
        report.skipped += len(done)
        write_batch(list(extractor.extract_many(todo)), store, report, screen.extra)
        screen.extra = {}
        if progress:
            progress(len(batch))
    report.after = store.stats()
    return report


def read_upload(name: str, data: bytes) -> list[Article | ReadFailure]:
    """The items of an uploaded file, read from memory by the reader for its suffix, as
    from disk: an article each, or a ReadFailure for what cannot be read (one bad line of a
    JSONL file, or the whole file), the others going on as `actorgraph ingest` does."""
    return list(read_bytes(name, data))


def read_uploads(uploads: Iterable[tuple[str, bytes]]) -> tuple[list[Article], list[ReadFailure]]:
    """Every article in the uploads; what cannot be read is a ReadFailure, the others go on."""
    items = [item for name, data in uploads for item in read_upload(name, data)]
    return _split(items)


def pasted_article(text: str, title: str = "", source: str = "pasted text") -> Article:
    """An article from pasted text, read as a .txt file is (title: ``title`` or the first line)."""
    body = f"{title.strip()}\n\n{text}" if title.strip() else text
    [item] = read_upload(f"{source}.txt", body.encode("utf-8"))
    if isinstance(item, ReadFailure):
        raise InputError(item.reason)
    return replace(item, source=source)


def write_extractions(
    extractions: Sequence[Extraction],
    store: Store,
    *,
    sources: Mapping[str, list[str]] | None = None,
    batch_size: int = 16,
    progress: Progress | None = None,
) -> IngestReport:
    """Resolve and write extractions as :func:`ingest` does, one transaction per batch, and
    add ``sources`` (an article id -> the sources of its near-duplicates) to the store."""
    report = IngestReport(before=store.stats())
    for batch in batched(extractions, batch_size):
        write_batch(batch, store, report)
        if progress:
            progress(len(batch))
    write_batch([], store, report, sources)
    report.after = store.stats()
    return report
