"""Errors that users see: each carries one line saying what is wrong and what to do.

The CLI and the app print ``str(error)`` for these and exit non-zero, without a
traceback. Anything else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations

import re


class ActorgraphError(Exception):
    """An expected failure, explained in one line for the user."""


class VocabularyError(ActorgraphError):
    """An actor kind or relation type that the vocabulary does not declare."""


class InputError(ActorgraphError):
    """A source that cannot be read as an article (unreadable, empty, malformed)."""


class StoreError(ActorgraphError):
    """A store that cannot be reached, opened or written."""


class QueryError(ActorgraphError):
    """A query the store refused: bad syntax, or a write in read-only mode."""


# Characters that would break a message's one line or forge another: C0 and C1 controls,
# DEL, Unicode line and paragraph separators, and lone surrogates (a file name's bad bytes).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with every control character escaped as repr does (a newline as \\n), so a
    hostile file name cannot split a message or forge a line of its own."""
    return _UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")
