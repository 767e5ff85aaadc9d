"""HTML pages: the main text, title, publisher, date and canonical URL, by trafilatura.

trafilatura finds the article in a page full of menus and adverts. When it
finds nothing (a broken or bare page), a tolerant stdlib parser takes the
visible text instead, so a page with text is never lost.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from typing import Any

from actorgraph.errors import InputError
from actorgraph.loaders.source import Item, Source, SourceOptions, make_article, source_text

_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)", re.I)


@cache
def _trafilatura() -> Any:
    """trafilatura, imported once, its loggers quietened (a page it cannot read is ours to
    report, in one line)."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


class _HTMLText(HTMLParser):
    """Collects an HTML page's readable text and its metadata, tolerating broken markup."""

    _SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form"})
    _BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "br", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = values.get("property") or values.get("name") or ""
            self.meta.setdefault(key.lower(), values.get("content", ""))
        elif tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        paragraphs = (re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", joined))
        return "\n\n".join(p for p in paragraphs if p)

    def title(self) -> str:
        return self.meta.get("og:title") or " ".join("".join(self._title).split())


def _by_trafilatura(html: str, url: str | None) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs apart) and metadata by trafilatura; ('', {}) when it finds none."""
    try:
        doc = _trafilatura().bare_extraction(
            html, url=url, fast=True, favor_precision=True, with_metadata=True
        )
    except (ValueError, TypeError, AttributeError):
        return "", {}
    if doc is None or not (doc.text or "").strip():
        return "", {}
    body = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip())
    meta = {"title": doc.title, "publisher": doc.sitename, "published": doc.date, "url": doc.url}
    return body, meta


def visible_text(html: str) -> tuple[str, dict[str, Any]]:
    """Visible text and metadata by the tolerant stdlib parser (the fallback)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    meta = {
        "title": parser.title() or None,
        "publisher": parser.meta.get("og:site_name"),
        "published": parser.meta.get("article:published_time") or parser.meta.get("date"),
        "url": parser.meta.get("og:url") or parser.meta.get("canonical"),
    }
    return parser.text(), meta


def read_html(source: Source, options: SourceOptions) -> Iterator[Item]:
    """An HTML page: its main text, with title, publisher, date and URL from its metadata."""
    html = source_text(source)
    body, meta = _by_trafilatura(html, source.url)
    if not body:
        body, meta = visible_text(html)
    if not body:
        raise InputError(f"{source.name}: no readable text in this HTML page")
    title = meta.get("title") or ""
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta["url"] = meta.get("url") or source.url
    lang = _LANG.search(html[:4096])
    meta["language"] = lang.group(1) if lang else None
    yield make_article(text, source.name, meta)
