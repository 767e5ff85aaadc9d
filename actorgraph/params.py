"""A notebook's values as Cypher parameters: numpy and pandas values made plain Python.

A value taken from a DataFrame is a numpy scalar, an array or a Series, a Timestamp, or
NaN/NA for a missing one. The stores take str, int, float, bool, None, and lists and
maps of them; anything else would reach FalkorDB as its str() (a Series' printout is
not a list). So each value is turned into one of those, or refused in one line naming
the parameter, before the store sees it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from actorgraph.errors import InputError


class BadParamError(InputError):
    """A parameter that is not key=value; ``pair`` is it as given, for the caller's message."""

    def __init__(self, pair: str) -> None:
        super().__init__(f"{pair!r} is not key=value")
        self.pair = pair


def parse_params(pairs: Iterable[str], *, typed: bool = False) -> dict[str, Any]:
    """``key=value`` pairs as parameters; a value that parses as JSON (42, true, [1,2]) is
    taken as such, any other as its text. The CLI's --param and the app's console share it.

    A shell argument is taken as given; a ``typed`` line (the console's editor) is trimmed
    and its key must be a name. BadParamError names the first pair that is not key=value.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        value = value.strip() if typed else value
        if not sep or not key or (typed and not key.isidentifier()):
            raise BadParamError(pair)
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


def plain_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Every parameter as a plain value; InputError names the first that cannot be one."""
    return {name: _plain(value, name) for name, value in params.items()}


def _plain(value: Any, name: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str.__str__(value)  # the text itself, also of a subclass (numpy's str_)
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if _missing(value):
        return None  # pandas' NA and NaT, numpy's NaN: a missing value
    if isinstance(value, dt.datetime):  # before date: a datetime is a date too
        raise InputError(
            f"parameter {name!r} is a date and time ({value}); the graph's dates are ISO "
            "strings: pass one, e.g. '2020-01-02'"
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy, pandas: arrays, scalars
        return _plain(value.tolist(), name)
    if isinstance(value, Mapping):
        return {str(k): _plain(v, f"{name}.{k}") for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v, name) for v in value]
    raise InputError(
        f"parameter {name!r} is of type {type(value).__name__}; pass text, a number, a bool, "
        "None, or lists and dicts of them"
    )


def _missing(value: Any) -> bool:
    """pandas' NA and NaT (and numpy's NaN), without importing pandas for it."""
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pd.NA refuses bool(); an array answers per item
        return type(value).__name__ == "NAType"
