"""Readers: turn files, folders, URLs and stdin into Articles, one small reader per kind.

A source (a file's bytes, a fetched page, stdin) is read by the reader its kind
names in READERS; the kind comes from the suffix (SUFFIXES), from --format-in, or
from sniffing the first bytes. Each reader yields Articles, or a ReadFailure for
an item it cannot read (a bad line, a feed entry without text), so one bad item
never stops the rest. Messages are one line that starts with the source.
"""

from __future__ import annotations

import fnmatch
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from actorgraph.errors import InputError
from actorgraph.loaders.bounded import MAX_SOURCE_BYTES, open_regular, read_limited
from actorgraph.loaders.read_feed import read_feed
from actorgraph.loaders.read_html import read_html
from actorgraph.loaders.read_records import read_csv, read_json, read_jsonl
from actorgraph.loaders.read_text import read_markdown, read_plain
from actorgraph.loaders.read_url import fetch_url, is_url
from actorgraph.loaders.source import (
    MAX_CHARS,
    Reader,
    ReadFailure,
    Source,
    SourceOptions,
)
from actorgraph.schema import Article

__all__ = [
    "FORMATS",
    "READERS",
    "SUFFIXES",
    "ReadFailure",
    "Source",
    "SourceOptions",
    "count_items",
    "iter_files",
    "read_file",
    "read_source",
    "read_sources",
]

# kind -> reader: the registry every source goes through.
FORMATS: dict[str, Reader] = {
    "text": read_plain,
    "markdown": read_markdown,
    "html": read_html,
    "feed": read_feed,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
}

# file suffix -> kind (a trailing .gz is looked through: a.jsonl.gz is jsonl).
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}

# suffix -> reader, for callers that list the accepted file kinds (the app's upload box).
READERS: dict[str, Reader] = {suffix: FORMATS[kind] for suffix, kind in SUFFIXES.items()}

STDIN = "-"

# Bytes one source of a kind may hold after gunzip: a text file is one article (MAX_CHARS
# characters, at most 4 bytes each, and its header lines); a page carries markup besides.
# Reading stops there, so a file or archive far larger costs no more memory than that.
KIND_BYTES: dict[str, int] = {
    "text": 4 * MAX_CHARS + 64 * 1024,
    "markdown": 4 * MAX_CHARS + 64 * 1024,
    "html": 16 * 1024 * 1024,
}


def _suffix(path: Path) -> str:
    """The suffix that names the kind, looking through a trailing .gz."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _peek(data: bytes) -> str:
    """The bytes as text for guessing only: undecodable bytes replaced, never an error
    (the reader that gets the source says what is wrong with it, naming it)."""
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return data.decode(encoding, errors="replace")


def sniff(data: bytes) -> str | None:
    """A kind guessed from the first bytes (for stdin and URLs): JSON, feed, HTML or None."""
    head = _peek(data[:2048]).lstrip().lower() if data else ""
    if head.startswith(("{", "[")):
        lines = [ln for ln in _peek(data[:65536]).splitlines()[:3] if ln.strip()]
        many_objects = len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:2])
        return "jsonl" if many_objects else "json"
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<p>" in head:
        return "html"
    return None


def _kind(name: str, data: bytes, options: SourceOptions, default: str | None) -> str:
    if options.format_in:
        if options.format_in not in FORMATS:
            kinds = ", ".join(FORMATS)
            raise InputError(f"unknown input format {options.format_in!r}; use one of {kinds}")
        return options.format_in
    kind = default or sniff(data)
    if kind is None:
        raise InputError(f"{name}: cannot tell the format; pass --format-in ({', '.join(FORMATS)})")
    return kind


def read_source(source: Source, options: SourceOptions) -> Iterator[Article | ReadFailure]:
    """The items of one source, read by the reader for its kind."""
    yield from FORMATS[source.kind](source, options)


def _kind_of_name(name: str, options: SourceOptions) -> tuple[str | None, int]:
    """The kind a file's suffix names, and how many bytes a source of that kind may hold."""
    kind = SUFFIXES.get(_suffix(Path(name)))
    if kind is None and not options.format_in:
        kinds = ", ".join(SUFFIXES)
        suffix = _suffix(Path(name)) or "(none)"
        raise InputError(f"{name}: unsupported file kind {suffix}; use one of {kinds}")
    return kind, KIND_BYTES.get(options.format_in or kind or "", MAX_SOURCE_BYTES)


def _file_source(path: Path, options: SourceOptions) -> Source:
    kind, limit = _kind_of_name(str(path), options)
    try:
        with open_regular(path) as stream:
            data = read_limited(stream, str(path), limit)
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror}); check the path and permissions"
        ) from None
    return Source(str(path), data, _kind(str(path), data, options, kind))


def _memory_source(name: str, data: bytes, options: SourceOptions) -> Source:
    kind, limit = _kind_of_name(name, options)
    data = read_limited(io.BytesIO(data), name, limit)
    return Source(name, data, _kind(name, data, options, kind))


def _stdin_source(options: SourceOptions) -> Source:
    data = read_limited(sys.stdin.buffer, "<stdin>")
    return Source("<stdin>", data, _kind("<stdin>", data, options, None))


def _url_source(url: str, options: SourceOptions) -> Source:
    data, content_type = fetch_url(url, options.timeout)
    data = read_limited(io.BytesIO(data), url)  # a .gz page is looked through, within limits
    default = "feed" if any(k in content_type for k in ("rss", "atom")) else None
    if default is None and "html" in content_type:
        default = "html"
    if default is None and content_type.startswith("text/plain"):
        default = "text"
    return Source(url, data, _kind(url, data, options, default), url=url)


def _wanted(path: Path, root: Path, options: SourceOptions) -> bool:
    """Whether a file found in a folder passes --include and --exclude (globs on its path
    relative to the folder, or on its name)."""
    relative = path.relative_to(root).as_posix()

    def matches(pattern: str) -> bool:
        return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)

    if options.include and not any(matches(p) for p in options.include):
        return False
    return not any(matches(p) for p in options.exclude)


def iter_files(paths: Iterable[str | Path], options: SourceOptions | None = None) -> Iterator[Path]:
    """The readable files under ``paths``: files as given, folders recursively (filtered by
    --include/--exclude), sorted."""
    options = options or SourceOptions()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # not only regular files: a FIFO or device named like an article is reported
            yield from sorted(
                p
                for p in path.rglob("*")
                if _suffix(p) in SUFFIXES and not p.is_dir() and _wanted(p, path, options)
            )
        elif path.exists():
            yield path
        else:
            raise InputError(f"{path}: no such file or folder")


# Kinds whose file is one article: a folder of them has as many articles as files.
_SINGLE = frozenset({"text", "markdown", "html"})


def count_items(paths: Iterable[str | Path], options: SourceOptions | None = None) -> int | None:
    """How many items (articles, or failures in their place) reading ``paths`` will give,
    when that is known without reading them: every input a file of one article, a missing
    path or an empty folder (one failure). None when a file, stdin or a URL may hold many
    (a CSV, a feed), so that a progress bar shows a count rather than a false total."""
    options = options or SourceOptions()

    def single(path: Path) -> bool:
        kind = options.format_in or SUFFIXES.get(_suffix(path))
        return kind is None or kind in _SINGLE  # no kind: one failure

    count = 0
    for raw in paths:
        if str(raw) == STDIN or is_url(str(raw)):
            return None
        path = Path(raw)
        try:
            files = list(iter_files([path], options)) if path.is_dir() else [path]
        except OSError:
            files = []
        if not all(single(f) for f in files if f.exists()):
            return None
        count += len(files) or 1
    return count


def read_file(path: Path, options: SourceOptions | None = None) -> list[Article]:
    """The articles in one file; the first item that cannot be read fails the file."""
    options = options or SourceOptions()
    articles = []
    for item in read_source(_file_source(path, options), options):
        if isinstance(item, ReadFailure):
            raise InputError(item.reason)
        articles.append(item)
    return articles


def _empty_folder(folder: str, options: SourceOptions) -> str:
    why = " that --include/--exclude let through" if options.include or options.exclude else ""
    kinds = ", ".join(SUFFIXES)
    return f"{folder}: no readable files in this folder{why} (kinds: {kinds})"


def _sources(paths: Iterable[str | Path], options: SourceOptions) -> Iterator[Source | ReadFailure]:
    for raw in paths:
        text = str(raw)
        if text == STDIN:
            try:
                yield _stdin_source(options)
            except InputError as error:
                yield ReadFailure("<stdin>", str(error))
        elif is_url(text):
            try:
                yield _url_source(text, options)
            except InputError as error:
                yield ReadFailure(text, str(error))
        else:
            yield from _path_sources(raw, options)


def _path_sources(raw: str | Path, options: SourceOptions) -> Iterator[Source | ReadFailure]:
    """The sources of one path given on the command line: a missing path, a folder that
    cannot be walked, or an unreadable file is a ReadFailure; the other paths go on."""
    found = False
    try:
        for path in iter_files([raw], options):
            found = True
            try:
                yield _file_source(path, options)
            except InputError as error:
                yield ReadFailure(str(path), str(error))
    except InputError as error:
        yield ReadFailure(str(raw), str(error))
        return
    except OSError as error:
        yield ReadFailure(str(raw), f"{raw}: cannot read the folder ({error.strerror})")
        return
    if not found:
        yield ReadFailure(str(raw), _empty_folder(str(raw), options))


Warn = Callable[[str], None]


def _report_cleaned(source: Source, warn: Warn | None) -> None:
    count = source.cleaned.count
    if count and warn:
        what = "character" if count == 1 else "characters"
        warn(
            f"{source.name}: {count} unsafe {what} (NUL and other controls, lone surrogates) "
            "cleaned out of its text"
        )


def read_bytes(
    name: str, data: bytes, options: SourceOptions | None = None, warn: Warn | None = None
) -> Iterator[Article | ReadFailure]:
    """The articles of a file held in memory (an upload), read as the file ``name`` would be
    from disk: by its suffix, within the same limits; what cannot be read is a ReadFailure."""
    options = options or SourceOptions()
    try:
        source = _memory_source(name, data, options)
        yield from read_source(source, options)
    except InputError as error:
        yield ReadFailure(name, str(error))
        return
    _report_cleaned(source, warn)


def read_sources(
    paths: Iterable[str | Path], options: SourceOptions | None = None, warn: Warn | None = None
) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths`` (files, folders, URLs, ``-`` for stdin); an item that
    cannot be read yields a ReadFailure instead and the others go on. Control characters
    are removed from every article, each article that had some reported to ``warn``."""
    options = options or SourceOptions()
    for source in _sources(paths, options):
        if isinstance(source, ReadFailure):
            yield source
            continue
        try:
            yield from read_source(source, options)
        except InputError as error:
            yield ReadFailure(source.name, str(error))
        _report_cleaned(source, warn)
