"""A stream cut into lists of a size: write batches, worker chunks, backfills.

(``itertools.batched`` does this from Python 3.12; actorgraph runs on 3.11.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order, the last one shorter; nothing is read ahead."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
