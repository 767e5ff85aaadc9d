"""Records: JSON, JSON Lines and CSV, one article per object or row.

Field names are configurable (--text-field, --title-field, --date-field,
--publisher-field, --url-field); without them the usual names are tried. A
bad line or row is reported alone with its line number; the others go on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from actorgraph.errors import InputError
from actorgraph.loaders.clean import Tally
from actorgraph.loaders.source import (
    Item,
    ReadFailure,
    Source,
    SourceOptions,
    guarded,
    make_article,
    source_text,
)
from actorgraph.schema import Article

DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubDate", "published_at", "datetime"),
    "publisher": ("publisher", "source", "site", "sitename"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}
_MAX_FIELD = 64 * 1024 * 1024  # a CSV cell may hold a long article
# Arrays and objects inside each other at most: a news record is two or three deep, and
# deeper input (a hostile "[[[[...") would exhaust the parser's recursion.
MAX_DEPTH = 64


def _names(options: SourceOptions) -> dict[str, tuple[str, ...]]:
    """The field names to look for: the one the user gave, else the defaults."""
    given = {
        "text": options.text_field,
        "title": options.title_field,
        "published": options.date_field,
        "publisher": options.publisher_field,
        "url": options.url_field,
    }
    return {key: (given[key],) if given.get(key) else DEFAULTS[key] for key in DEFAULTS}


def _pick(record: Mapping[str, Any], names: Sequence[str]) -> Any:
    return next((record[n] for n in names if record.get(n) not in (None, "")), None)


def record_article(
    record: Any, name: str, options: SourceOptions, tally: Tally | None = None
) -> Article:
    """An Article from one JSON object or CSV row, by the configured field names (what is
    cleaned out of it counted in ``tally``)."""
    if not isinstance(record, dict):
        raise InputError(f"{name}: expected a JSON object with a text field")
    names = _names(options)
    text = _pick(record, names["text"])
    if not isinstance(text, str):
        raise InputError(
            f"{name}: no text field (one of {', '.join(names['text'])}); name it with --text-field"
        )
    meta = {key: _pick(record, fields) for key, fields in names.items() if key != "text"}
    return make_article(text, name, meta, tally)


_article = record_article


def _depth(value: Any) -> int:
    """How deep arrays and objects nest in a parsed value (iteratively: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _too_deep(name: str) -> InputError:
    return InputError(f"{name}: JSON nested deeper than {MAX_DEPTH} levels; flatten the records")


def parse_json(text: str, name: str, where: bool = True) -> Any:
    """``text`` parsed as JSON; malformed or too deeply nested JSON is one InputError."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        at = f" at line {error.lineno}" if where else ""
        raise InputError(f"{name}: not valid JSON ({error.msg}{at})") from None
    except RecursionError:
        raise _too_deep(name) from None
    if _depth(value) > MAX_DEPTH:
        raise _too_deep(name)
    return value


def read_json(source: Source, options: SourceOptions) -> Iterator[Item]:
    """A JSON file holding one article object or a list of them."""
    data = parse_json(source_text(source), source.name)
    if not isinstance(data, list):
        yield record_article(data, source.name, options, source.cleaned)
        return
    for i, item in enumerate(data):
        name = f"{source.name}#{i}"
        yield guarded(
            source.name,
            f"item {i}",
            lambda r=item, n=name: _article(r, n, options, source.cleaned),
        )


def _jsonl_record(line: str, name: str, options: SourceOptions, tally: Tally) -> Article:
    return record_article(parse_json(line, name, where=False), name, options, tally)


def read_jsonl(source: Source, options: SourceOptions) -> Iterator[Item]:
    """A JSON Lines file, one article object a line; a bad line is reported with its number."""
    for number, line in enumerate(source_text(source).splitlines(), start=1):
        if line.strip():
            name = f"{source.name}:{number}"
            yield guarded(
                source.name,
                f"line {number}",
                lambda ln=line, n=name: _jsonl_record(ln, n, options, source.cleaned),
            )


def _check_columns(columns: Sequence[str], source: Source, options: SourceOptions) -> None:
    """A CSV without the text column fails whole, naming the columns it has."""
    wanted = _names(options)["text"]
    if not any(name in columns for name in wanted):
        has = ", ".join(repr(c) for c in columns) or "none"
        raise InputError(
            f"{source.name}: no text column ({' or '.join(repr(w) for w in wanted)}); "
            f"the columns are {has}; name the text column with --text-field"
        )


def read_csv(source: Source, options: SourceOptions) -> Iterator[Item]:
    """A CSV file with a header row, one article a row."""
    csv.field_size_limit(_MAX_FIELD)
    reader = csv.DictReader(io.StringIO(source_text(source), newline=""))
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
    except csv.Error as error:
        raise InputError(f"{source.name}: not valid CSV ({error})") from None
    reader.fieldnames = columns
    _check_columns(columns, source, options)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = f"{source.name}:{line}: not valid CSV ({error})"
            yield ReadFailure(source.name, reason, f"line {line}")
            return
        name = f"{source.name}:{line}"
        yield guarded(source.name, f"line {line}", lambda r=row, n=name: _article(r, n, options))
