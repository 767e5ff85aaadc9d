"""What crosses the store boundary as parameters: checked names and text both servers can hold.

Values always travel as data, never as query text. Two things no backend takes as they
are, so they are handled here, once for both:

- Text. FalkorDB keeps strings NUL-terminated (a NUL ends it), and neither server's
  protocol can carry a lone surrogate (U+D800-U+DFFF, not UTF-8). Those characters, and
  the escape itself, are stored as U+FDD0 (a noncharacter, reserved for such internal
  use) followed by four hex digits of the code point: NUL is stored as U+FDD0 "0000".
  Every string read back is decoded, so text round-trips exactly.
- Names. A parameter name or a map key is written into FalkorDB's ``CYPHER name=value``
  prefix between backticks, which cannot hold a backtick: a name must be non-empty and
  free of backticks, NULs and lone surrogates, or it is refused in one line.
"""

from __future__ import annotations

import math
import re
from typing import Any

from actorgraph.errors import QueryError

ESCAPE = "\ufdd0"
_UNSAFE = re.compile("[\x00\ud800-\udfff\ufdd0]")
_ESCAPED = re.compile("\ufdd0([0-9a-f]{4})", re.IGNORECASE)
_LONE = re.compile("[\ud800-\udfff]")
_BAD_NAME = re.compile("[`\x00\ud800-\udfff]")
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # both servers keep 64-bit integers
_GOOD_NAMES: set[str] = set()  # names already checked (exact str only: see check_name)


def encode_text(text: str) -> str:
    """The stored form of ``text``: NUL, lone surrogates and U+FDD0 as U+FDD0 + 4 hex digits."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: f"{ESCAPE}{ord(m.group()):04x}", text)


def decode_text(text: str) -> str:
    """The text that :func:`encode_text` stored."""
    if ESCAPE not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def printable(text: str) -> str:
    """Text for output (a terminal, a file, a web page), which UTF-8 must carry: a lone
    surrogate as \\uXXXX, which is the character itself when read as JSON."""
    if _LONE.search(text) is None:
        return text
    return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def check_name(name: Any, what: str = "parameter name") -> str:
    """A parameter name or map key both servers accept, or a one-line QueryError."""
    if name in _GOOD_NAMES:  # a batch's rows repeat the same few keys
        return name
    if not isinstance(name, str) or not name:
        raise QueryError(f"a {what} must be non-empty text, not {name!r}; rename it")
    if (bad := _BAD_NAME.search(name)) is not None:
        raise QueryError(
            f"the {what} {name!r} holds {_describe(bad.group())}, which names cannot hold; "
            "use letters, digits and _"
        )
    if type(name) is str and len(_GOOD_NAMES) < 4096:
        _GOOD_NAMES.add(name)
    return name


def encode_params(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters with checked names and keys, and every string in its stored form."""
    return {check_name(k): encode_value(v, k) for k, v in params.items()}


def encode_value(value: Any, name: str) -> Any:
    """One parameter's value, recursively (``name`` is the parameter, for errors)."""
    if isinstance(value, str):
        return encode_text(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        return _checked_int(value, name)
    if isinstance(value, list | tuple):
        return [encode_value(v, name) for v in value]
    if isinstance(value, dict):
        return {check_name(k, "map key"): encode_value(v, name) for k, v in value.items()}
    raise _unsupported(value, name)


def _checked_int(value: int, name: str) -> int:
    if not INT_MIN <= value <= INT_MAX:
        raise QueryError(
            f"the parameter ${name} holds {value}, beyond 64-bit integers; "
            "pass it as text or a decimal number"
        )
    return value


def _unsupported(value: Any, name: str) -> QueryError:
    return QueryError(
        f"the parameter ${name} is a {type(value).__name__}; "
        "use text, numbers, true/false, null, lists and maps"
    )


def decode_value(value: Any) -> Any:
    """A value read from a store, with its strings decoded (lists and maps recursively)."""
    if isinstance(value, str):
        return decode_text(value)
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    if isinstance(value, dict):
        return {k: decode_value(v) for k, v in value.items()}
    return value


def falkordb_literal(value: Any, name: str) -> str:
    """A value as a literal of FalkorDB's parameter prefix, encoded and checked as
    :func:`encode_value` does it (in the same pass: a batch's prefix is built per write).

    FalkorDB's string literals know two escapes, ``\\\\`` and ``\\"``; every other
    character, newlines and control characters included, is taken as it is.
    """
    kind = type(value)
    if kind is str:
        return '"' + encode_text(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind is int:
        return str(_checked_int(value, name))
    if kind is list or kind is tuple:
        return "[" + ",".join([falkordb_literal(v, name) for v in value]) + "]"
    if kind is dict:
        return (
            "{"
            + ",".join(
                [
                    f"`{check_name(k, 'map key')}`:{falkordb_literal(v, name)}"
                    for k, v in value.items()
                ]
            )
            + "}"
        )
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        if math.isnan(value):
            raise QueryError(f"the parameter ${name} is NaN, which FalkorDB cannot take; use null")
        if math.isinf(value):
            return "1e999" if value > 0 else "-1e999"
        return repr(value)
    return falkordb_literal(_exact(value, name), name)


def _exact(value: Any, name: str) -> Any:
    """A subclass's value as its base type (a StrEnum as str), or a refusal."""
    for base in (str, int, float, list, dict):
        if isinstance(value, base):
            return base(value) if base is not str else str.__str__(value)
    if isinstance(value, tuple):
        return list(value)
    raise _unsupported(value, name)


def falkordb_header(params: dict[str, Any] | None) -> str:
    """The ``CYPHER name=value ...`` prefix that carries ``params`` to FalkorDB as data."""
    if not params:
        return ""
    return "CYPHER " + "".join(
        [f"`{check_name(k)}`={falkordb_literal(v, k)} " for k, v in params.items()]
    )


def _describe(char: str) -> str:
    if char == "`":
        return "a backtick"
    if char == "\x00":
        return "a NUL character"
    return f"a lone surrogate (U+{ord(char):04X})"
