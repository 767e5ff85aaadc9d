"""Reading a source within limits: regular files only, gzip looked through as it streams,
and no more than MAX_SOURCE_BYTES kept, however large the file or the archive's content.

A hostile input (a gzip that expands a thousandfold, a FIFO that never ends, a device)
is refused in one line after reading at most the limit, never by reading it whole first.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from pathlib import Path
from typing import BinaryIO

from actorgraph.errors import InputError

# One source at most (a file of many articles, a feed, a fetched page), after gunzip.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"

_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _too_large(name: str, limit: int) -> InputError:
    size = f"{round(limit / 2**20)} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return InputError(f"{name}: larger than {size} (after gunzip); split it into smaller files")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; a FIFO, device or socket is an
    InputError. Opened non-blocking first, so a FIFO with no writer cannot hang the open."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        raise InputError(
            f"{path}: cannot read ({error.strerror}); check the path and permissions"
        ) from None
    mode = os.fstat(fd).st_mode
    for test, what in _SPECIAL:
        if test(mode):
            os.close(fd)
            raise InputError(f"{path}: {what}, not a regular file; give a file's path")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_plain(stream: BinaryIO, head: bytes, name: str, limit: int) -> bytes:
    kept = io.BytesIO(head)  # grows in place; getvalue() does not copy
    kept.seek(0, io.SEEK_END)
    while kept.tell() <= limit:
        chunk = stream.read(CHUNK)
        if not chunk:
            return kept.getvalue()
        kept.write(chunk)
    raise _too_large(name, limit)


def _gunzip(stream: BinaryIO, head: bytes, name: str, limit: int) -> bytes:
    """The decompressed bytes of every gzip member, never more than ``limit`` held."""
    kept = io.BytesIO()  # grows in place; getvalue() does not copy
    size = 0
    inflate, fresh = zlib.decompressobj(wbits=31), True
    pending = head
    try:
        while True:
            if not pending and not (pending := stream.read(CHUNK)):
                break
            if fresh and not pending.strip(b"\x00"):  # zero padding after the last member
                pending = b""
                continue
            out = inflate.decompress(pending, min(CHUNK, limit + 1 - size))
            fresh = False
            size += len(out)
            kept.write(out)
            if size > limit:
                raise _too_large(name, limit)
            pending = inflate.unconsumed_tail
            if inflate.eof:  # another member may follow (as `cat a.gz b.gz` makes)
                pending = inflate.unused_data + pending
                inflate, fresh = zlib.decompressobj(wbits=31), True
        if not fresh:
            raise zlib.error("the archive ends before its data does")
    except zlib.error as error:
        raise InputError(f"{name}: broken gzip data ({error}); re-create the archive") from None
    return kept.getvalue()


def read_limited(stream: BinaryIO, name: str, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of ``stream`` (gunzipped when they start as gzip does), reading in chunks
    and stopping with an InputError as soon as more than ``limit`` bytes would be kept."""
    head = stream.read(2)
    if head[:2] == GZIP_MAGIC:
        return _gunzip(stream, head, name, limit)
    return _read_plain(stream, head, name, limit)
