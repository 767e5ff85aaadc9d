"""RSS and Atom feeds, by feedparser: one article per entry.

An entry's text is its content, else its summary, as plain text; its link is
kept as the URL but never fetched (only a URL given on the command line is).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any
from xml.sax import SAXException

from actorgraph.errors import InputError
from actorgraph.loaders.read_html import visible_text
from actorgraph.loaders.source import (
    Item,
    Source,
    SourceOptions,
    guarded,
    make_article,
    source_text,
)


@cache
def _feedparser() -> Any:
    import feedparser

    return feedparser


def _entry_text(entry: Any) -> str:
    """The entry's content (or summary) as plain text, paragraphs apart."""
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return visible_text(part["value"])[0]
    return visible_text(entry.get("summary") or entry.get("description") or "")[0]


def _entry_article(entry: Any, name: str, feed: Any) -> Any:
    text = _entry_text(entry)
    if not text.strip():
        raise InputError(f"{name}: the entry has no text (no content, no summary)")
    title = " ".join(str(entry.get("title") or "").split())
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta = {
        "title": title or None,
        "url": entry.get("link"),
        "published": entry.get("published_parsed")
        or entry.get("updated_parsed")
        or entry.get("published"),
        "publisher": feed.get("title"),
        "language": feed.get("language"),
    }
    return make_article(text, name, meta)


def read_feed(source: Source, options: SourceOptions) -> Iterator[Item]:
    """An RSS or Atom feed: one article per entry; a bad entry fails alone."""
    source_text(source)  # empty or not UTF-8: one clear line, as for any file
    parsed = _feedparser().parse(source.data)  # bytes, never a URL: feedparser fetches those
    broken = parsed.get("bozo_exception")
    if isinstance(broken, SAXException) or (broken and not parsed.entries):
        why = " ".join(str(broken).split()) or "broken XML"
        raise InputError(f"{source.name}: not a valid RSS/Atom feed ({why}); fix the XML")
    if not parsed.entries:
        raise InputError(f"{source.name}: the feed has no entries; there is no article to read")
    for number, entry in enumerate(parsed.entries, start=1):
        name = f"{source.name}#{number}"
        yield guarded(
            source.name,
            f"entry {number}",
            lambda entry=entry, name=name: _entry_article(entry, name, parsed.feed),
        )
