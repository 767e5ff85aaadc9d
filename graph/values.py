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
_BAD_NAME = re.compile("[`\x00\ud800-\udfff]")
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # both servers keep 64-bit integers


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


def check_name(name: Any, what: str = "parameter name") -> str:
    """A parameter name or map key both servers accept, or a one-line QueryError."""
    if not isinstance(name, str) or not name:
        raise QueryError(f"a {what} must be non-empty text, not {name!r}; rename it")
    if (bad := _BAD_NAME.search(name)) is not None:
        raise QueryError(
            f"the {what} {name!r} holds {_describe(bad.group())}, which names cannot hold; "
            "use letters, digits and _"
        )
    return name


def encode_params(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters with checked names and keys, and every string in its stored form."""
    return {check_name(k): encode_value(v, k) for k, v in params.items()}


def encode_value(value: Any, name: str) -> Any:
    """One parameter's value, recursively (``name`` is the parameter, for errors)."""
    if isinstance(value, str):
        return encode_text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise QueryError(
                f"the parameter ${name} holds {value}, beyond 64-bit integers; "
                "pass it as text or a decimal number"
            )
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, list | tuple):
        return [encode_value(v, name) for v in value]
    if isinstance(value, dict):
        return {check_name(k, "map key"): encode_value(v, name) for k, v in value.items()}
    raise QueryError(
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
    """An encoded value (see :func:`encode_value`) as a literal of FalkorDB's parameter prefix.

    FalkorDB's string literals know two escapes, ``\\\\`` and ``\\"``; every other
    character, newlines and control characters included, is taken as it is.
    """
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            raise QueryError(f"the parameter ${name} is NaN, which FalkorDB cannot take; use null")
        if math.isinf(value):
            return "1e999" if value > 0 else "-1e999"
        return repr(value)
    if isinstance(value, list):
        return "[" + ",".join(falkordb_literal(v, name) for v in value) + "]"
    return "{" + ",".join(f"`{k}`:{falkordb_literal(v, name)}" for k, v in value.items()) + "}"


def falkordb_header(params: dict[str, Any] | None) -> str:
    """The ``CYPHER name=value ...`` prefix that carries ``params`` to FalkorDB as data."""
    if not params:
        return ""
    encoded = encode_params(params)
    return "CYPHER " + "".join(f"`{k}`={falkordb_literal(v, k)} " for k, v in encoded.items())


def _describe(char: str) -> str:
    if char == "`":
        return "a backtick"
    if char == "\x00":
        return "a NUL character"
    return f"a lone surrogate (U+{ord(char):04X})"
