"""Errors that users see: each carries one line saying what is wrong and what to do.

The CLI and the app print ``str(error)`` for these and exit non-zero, without a
traceback. Anything else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


class ActorgraphError(Exception):
    """An expected failure, explained in one line for the user."""


class VocabularyError(ActorgraphError):
    """An actor kind or relation type that the vocabulary does not declare."""


class InputError(ActorgraphError):
    """A source that cannot be read as an article (unreadable, empty, malformed)."""


class StoreError(ActorgraphError):
    """A store that cannot be reached, opened or written."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (a server gone, refused or not answering): nothing more
    can be written this run, so a batch is not tried again article by article."""


class QueryError(ActorgraphError):
    """A query the store refused: bad syntax, or a write in read-only mode."""


class ReadOnlyError(QueryError):
    """A query that writes, run on a graph opened read-only. The remedy depends on where
    it ran, so each surface names its own: the store's, the CLI's --write, the API's."""

    def __init__(self, remedy: str = "pass write=True to allow it") -> None:
        self.remedy = remedy
        super().__init__(f"this query writes to the graph; {remedy}")

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as made, not from its message
        return (type(self), (self.remedy,))


class ActorNotFoundError(ActorgraphError, LookupError):
    """No actor goes by the name given; ``suggestions`` are the closest names (did you mean)."""

    def __init__(self, text: str, suggestions: Sequence[str] = ()) -> None:
        self.text = text
        self.suggestions = list(suggestions)
        hint = (
            f"did you mean {', '.join(repr(s) for s in self.suggestions)}?"
            if self.suggestions
            else "try a shorter name or part of one"
        )
        super().__init__(f"no actor matches {text!r}; {hint}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.suggestions))


class AmbiguousActorError(ActorgraphError, LookupError):
    """Several actors match the name equally well; ``candidates`` holds them (ActorViews)."""

    SHOWN = 5  # candidates named in the message; all are in .candidates

    def __init__(self, text: str, candidates: Sequence[Any], more: bool = False) -> None:
        self.text = text
        self.candidates = list(candidates)
        self.more = more
        named = ", ".join(f"{a.name} ({a.kind}, id {a.id})" for a in self.candidates[: self.SHOWN])
        rest = len(self.candidates) - self.SHOWN
        if rest > 0:
            named += f" and {rest}{' or more' if more else ''} more"
        count = f"{len(self.candidates)}{' or more' if more else ''}"
        super().__init__(
            f"{text!r} matches {count} actors: {named}; give more of the name, or the actor's id"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.candidates, self.more))


class ReadWarning(UserWarning):
    """An item that could not be read, in Python: the others were read (warnings, not errors)."""


class QueryTimeout(QueryError):
    """A query the server stopped at its time limit."""


# Characters that would break a message's one line or forge another: C0 and C1 controls,
# DEL, Unicode line and paragraph separators, and lone surrogates (a file name's bad bytes).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with every control character escaped as repr does (a newline as \\n), so a
    hostile file name cannot split a message or forge a line of its own."""
    return _UNSAFE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")
