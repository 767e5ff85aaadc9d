"""What every reader shares: a Source, the options, a ReadFailure and building an Article.

An Article is built in one place (make_article) so every kind of source gets the
same title, date, language and future-date rules.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from actorgraph.errors import InputError
from actorgraph.loaders.clean import Tally, clean_meta, clean_text
from actorgraph.loaders.dates import future_date, parse_date, parse_date_value
from actorgraph.loaders.language import detect_language
from actorgraph.schema import Article


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How to read sources: field names of records, the format of stdin, folder filters."""

    text_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    publisher_field: str | None = None
    url_field: str | None = None
    format_in: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    timeout: float = 20.0


@dataclass(frozen=True, slots=True)
class Source:
    """The bytes of one source and what they are: ``name`` is the path, URL or <stdin>."""

    name: str
    data: bytes
    kind: str
    url: str | None = None
    cleaned: Tally = field(default_factory=Tally)  # control characters removed from it


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An item that could not be read, where it is, and why: reported, never fatal to a batch.

    ``source`` is the file, URL or <stdin>; ``location`` the line or entry inside it, if any;
    ``reason`` one line that starts with the source.
    """

    source: str
    reason: str
    location: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One line of `actorgraph ingest --errors FILE`."""
        return {"source": self.source, "location": self.location, "reason": self.reason}


# One article's text at most (spaCy's own limit): a longer one is a dump, not an article.
MAX_CHARS = 1_000_000

Item = Article | ReadFailure
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WHITESPACE = frozenset(b"\t\n\r\f\v")
Reader = Callable[[Source, SourceOptions], Iterator[Item]]


def decode(data: bytes, name: str) -> str:
    """The bytes as text: UTF-8 (a BOM allowed), or UTF-16 when a BOM says so (Windows
    editors save "Unicode" that way). Any other encoding (Latin-1, say) cannot be told apart
    from a broken file with certainty, so it is a one-line error rather than a guess."""
    encoding, label = ("utf-16", "UTF-16") if data[:2] in _UTF16 else ("utf-8-sig", "UTF-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            f"{name}: not {label} text; convert it to UTF-8 or remove it from the batch"
        ) from None


def _binary(head: bytes) -> bool:
    """Whether the first bytes look like a binary file rather than text with a stray
    control character: more than one byte in 32 is a C0 control other than whitespace."""
    controls = sum(1 for byte in head if byte < 32 and byte not in _WHITESPACE)
    return controls > max(2, len(head) // 32)


def source_text(source: Source) -> str:
    """A source's text; an empty one is an error (there is no article to read). A stray
    control character is kept here and removed when the article is read (loaders.clean)."""
    if source.data[:2] not in _UTF16 and _binary(source.data[:4096]):
        raise InputError(f"{source.name}: a binary file, not text; remove it from the batch")
    text = clean_text(decode(source.data, source.name), source.cleaned)
    if not text.strip():
        raise InputError(f"{source.name}: the file is empty; there is no article to read")
    return text


def _published(
    meta: Mapping[str, Any], lines: list[str], source: str
) -> tuple[str | None, str | None]:
    """The date the metadata gives (a future one is an error), else the first past date in
    the first lines of the text; with where it came from ("metadata", "text"), or None."""
    value = meta.get("published") or meta.get("date")
    if value:
        published = parse_date_value(value)
        if published and future_date(published):
            raise InputError(
                f"{source}: published date {published} is in the future; "
                "fix the date or leave it out"
            )
        if published:
            return published, "metadata"
    found = parse_date("\n".join(lines[:8])[:2000])
    return found, "text" if found else None


def make_article(
    text: str, source: str, meta: Mapping[str, Any], tally: Tally | None = None
) -> Article:
    """An Article from its text and whatever metadata the source gave (title, publisher,
    published or date, url, language); control characters removed (counted in ``tally``),
    so no article holds one, whatever its reader."""
    text, meta = clean_text(text, tally), clean_meta(meta, tally)
    if not text.strip():
        raise InputError(f"{source}: the article has no text")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"{source}: the article has {len(text):,} characters, over the limit of "
            f"{MAX_CHARS:,}; split it into articles"
        )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = " ".join(str(meta.get("title") or (lines[0] if lines else "")).split())
    publisher = str(meta.get("publisher") or "").strip() or None
    url = str(meta.get("url") or "").strip() or None
    published, date_origin = _published(meta, lines, source)
    return Article(
        text=text,
        title=title[:300],
        source=source,
        publisher=publisher,
        published=published,
        date_origin=date_origin,
        url=url,
        language=detect_language(text, hint=meta.get("language")),
    )


def guarded(source: str, location: str | None, build: Callable[[], Article]) -> Item:
    """The article ``build`` makes, or, when it raises InputError, that item's ReadFailure
    (with its location), so the other items of the source still come."""
    try:
        return build()
    except InputError as error:
        return ReadFailure(source, str(error), location)
