"""Plain text and Markdown: the title on the first line, then optional header lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from actorgraph.loaders.source import Item, Source, SourceOptions, make_article, source_text

# Header lines a text file may carry under its title line.
_HEADER = re.compile(
    r"^(?P<key>publisher|published|date|url|source|by|language)\s*:\s*(?P<value>.+)$", re.I
)
_KEYS = {"date": "published", "source": "publisher"}


def _headers(lines: list[str]) -> dict[str, Any]:
    """'Publisher:', 'Published:', 'URL:' and 'Language:' lines under the title."""
    meta: dict[str, Any] = {}
    for line in lines[1:8]:
        header = _HEADER.match(line.strip())
        if header:
            key = header["key"].lower()
            meta[_KEYS.get(key, key)] = header["value"]
    return meta


def read_plain(source: Source, options: SourceOptions) -> Iterator[Item]:
    """A text file: the title on its first line, then optional 'Publisher:', 'Published:'
    and 'URL:' lines."""
    text = source_text(source)
    yield make_article(text, source.name, _headers(text.splitlines()))


def read_markdown(source: Source, options: SourceOptions) -> Iterator[Item]:
    """A Markdown file: as a text file, with the first '#' heading as the title."""
    text = source_text(source)
    lines = text.splitlines()
    meta = _headers(lines)
    heading = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), None)
    if heading:
        meta["title"] = heading
    yield make_article(text, source.name, meta)
