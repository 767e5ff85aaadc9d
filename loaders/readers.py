"""Readers: turn files and folders into Articles, one small reader per file kind.

Readers are chosen by file suffix through READERS. Each takes a path and returns
the articles in it, or raises InputError with one line saying what is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from actorgraph.errors import InputError
from actorgraph.loaders.dates import parse_date
from actorgraph.schema import Article

Reader = Callable[[Path], list[Article]]

# Header lines a text file may carry under its title line.
_HEADER = re.compile(r"^(?P<key>publisher|published|date|url|source|by)\s*:\s*(?P<value>.+)$", re.I)
_TEXT_FIELDS = ("text", "body", "content", "article")


def _read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: not UTF-8 text; convert it or remove it from the batch"
        ) from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror}); check the path and permissions"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty; there is no article to read")
    return text


def _article(text: str, source: str, meta: dict[str, Any]) -> Article:
    """An Article from its text and whatever metadata the source gave."""
    if not text.strip():
        raise InputError(f"{source}: the article has no text")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = str(meta.get("title") or (lines[0] if lines else "")).strip()
    published = meta.get("published") or meta.get("date")
    published = parse_date(str(published)) if published else parse_date("\n".join(lines[:8]))
    return Article(
        text=text,
        title=title[:300],
        source=source,
        publisher=(str(meta["publisher"]).strip() or None) if meta.get("publisher") else None,
        published=published,
        url=meta.get("url") or None,
    )


def read_plain(path: Path) -> list[Article]:
    """A text file: the title on its first line, then optional 'Publisher:', 'Published:' and
    'URL:' lines."""
    text = _read_text(path)
    meta: dict[str, Any] = {}
    lines = text.splitlines()
    for line in lines[1:8]:
        header = _HEADER.match(line.strip())
        if header:
            key = header["key"].lower()
            meta[{"date": "published", "source": "publisher"}.get(key, key)] = header["value"]
    if path.suffix.lower() == ".md":
        heading = next((ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), None)
        if heading:
            meta["title"] = heading
    return [_article(text, str(path), meta)]


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


def read_html(path: Path) -> list[Article]:
    """An HTML page: its visible text, with title, publisher, date and URL from its metadata."""
    parser = _HTMLText()
    parser.feed(_read_text(path))
    parser.close()
    body = parser.text()
    if not body:
        raise InputError(f"{path}: no readable text in this HTML page")
    title = parser.title()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta = {
        "title": title or None,
        "publisher": parser.meta.get("og:site_name"),
        "published": parser.meta.get("article:published_time") or parser.meta.get("date"),
        "url": parser.meta.get("og:url") or parser.meta.get("canonical"),
    }
    return [_article(text, str(path), meta)]


def _from_record(record: Any, source: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"{source}: expected a JSON object with a 'text' field")
    text = next((record[f] for f in _TEXT_FIELDS if isinstance(record.get(f), str)), None)
    if text is None:
        raise InputError(f"{source}: no text field (one of {', '.join(_TEXT_FIELDS)})")
    return _article(text, source, record)


def read_json(path: Path) -> list[Article]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON ({error.msg} at line {error.lineno})") from None
    if isinstance(data, list):
        return [_from_record(item, f"{path}#{i}") for i, item in enumerate(data)]
    return [_from_record(data, str(path))]


def read_jsonl(path: Path) -> list[Article]:
    """A JSON Lines file, one article object a line (a bad line fails the file, naming the line)."""
    articles = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not valid JSON ({error.msg})") from None
        articles.append(_from_record(record, f"{path}:{number}"))
    return articles


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The readable files under ``paths``: files as given, folders recursively, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() in READERS and p.is_file()
            )
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


def read_file(path: Path) -> list[Article]:
    """The articles in one file, read by the reader for its suffix."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kinds = ", ".join(READERS)
        raise InputError(
            f"{path}: unsupported file kind {path.suffix or '(none)'}; use one of {kinds}"
        )
    return reader(path)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read, and why: reported, never fatal to a batch."""

    source: str
    reason: str


def read_sources(paths: Iterable[str | Path]) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``; a file that cannot be read yields a ReadFailure instead."""
    for path in iter_files(paths):
        try:
            yield from read_file(path)
        except InputError as error:
            yield ReadFailure(str(path), str(error))
