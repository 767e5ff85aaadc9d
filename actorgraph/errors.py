"""Errors that users see: each carries one line saying what is wrong and what to do.

The CLI and the app print ``str(error)`` for these and exit non-zero, without a
traceback. Anything else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations


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


class QueryTimeout(QueryError):
    """A query the server stopped at its time limit."""
