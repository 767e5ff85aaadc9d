"""Making an article's text safe to store: control characters out, lone surrogates replaced.

A NUL or an escape character in an article (a .txt file, a CSV cell, a JSON "\\u0000")
is not news, and a store may refuse the whole write for it; a lone surrogate (a JSON
"\\ud800") cannot even be encoded as UTF-8. Both are cleaned when an article is read,
and counted in the source's Tally, so the batch can say what it removed, naming the source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# C0 controls except tab, newline and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(slots=True)
class Tally:
    """How many characters were cleaned out of one source (reported once for it)."""

    count: int = 0


def clean_text(text: str, tally: Tally | None = None) -> str:
    """``text`` with C0 controls (but tab, newline, CR) removed and lone surrogates made
    U+FFFD; how many that touched is added to ``tally``."""
    text, removed = _CONTROLS.subn("", text)
    text, replaced = _SURROGATES.subn("\ufffd", text)
    if tally is not None:
        tally.count += removed + replaced
    return text


def clean_meta(meta: Mapping[str, Any], tally: Tally | None = None) -> dict[str, Any]:
    """The metadata with every text value cleaned as clean_text does."""
    return {k: clean_text(v, tally) if isinstance(v, str) else v for k, v in meta.items()}
