"""graph.values: the stored form of text no server takes as it is, and FalkorDB's parameter
prefix (the stores' own round trips are in the store contract, tests/test_store.py)."""

from __future__ import annotations

import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actorgraph.errors import QueryError
from actorgraph.graph.values import decode_text, encode_text, falkordb_header


def test_nul_surrogates_and_the_escape_are_stored_as_the_escape_and_four_hex_digits():
    assert encode_text("a\x00b\ud800\ufdd0") == "a\ufdd00000b\ufdd0d800\ufdd0fdd0"
    assert encode_text("plain text, é and 😀") == "plain text, é and 😀"


@given(st.text(st.characters(exclude_categories=())))
def test_decoding_undoes_encoding_and_leaves_nothing_a_server_refuses(text):
    stored = encode_text(text)
    assert decode_text(stored) == text
    assert "\x00" not in stored and not any(0xD800 <= ord(c) <= 0xDFFF for c in stored)
    stored.encode("utf-8")  # strict: both servers' protocols can carry it


def test_the_prefix_escapes_only_what_falkordb_reads_as_escapes():
    header = falkordb_header({"t": 'a"b\\c\nd', "n": None, "f": float("-inf"), "l": (1, True)})
    assert header == 'CYPHER `t`="a\\"b\\\\c\nd" `n`=null `f`=-1e999 `l`=[1,true] '


def test_subclasses_are_sent_as_their_base_type():
    class Kind(enum.StrEnum):
        COMPANY = "Company\x00"

    class Size(enum.IntEnum):
        BIG = 3

    assert falkordb_header({"k": Kind.COMPANY, "s": Size.BIG}) == (
        'CYPHER `k`="Company\ufdd00000" `s`=3 '
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"x": float("nan")}, "the parameter $x is NaN"),
        ({"x": [2**63]}, "beyond 64-bit integers"),
        ({"x": {"a\x00": 1}}, "the map key 'a\\x00' holds a NUL character"),
        ({"\ud800": 1}, "holds a lone surrogate (U+D800)"),
        ({"x": b"bytes"}, "the parameter $x is a bytes"),
    ],
)
def test_what_falkordb_cannot_take_is_refused_in_one_line(params, message):
    with pytest.raises(QueryError) as error:
        falkordb_header(params)
    assert message in str(error.value) and "\n" not in str(error.value)
