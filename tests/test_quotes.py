"""Quotations over sentences (loaders/quotes.py): a speaker named once speaks for them all."""

from __future__ import annotations

import pytest
from test_enumerations import _read

from actorgraph.loaders.nlp import parse
from actorgraph.loaders.quotes import quoted
from actorgraph.schema import Article

SAYING = frozenset({"say", "tell", "write"})


def _quoted(text: str) -> list[tuple[str, list[str]]]:
    """(sentence, the names of its speakers) for each quoted sentence of ``text``."""

    def subjects(verb):
        return [c.text for c in verb.children if c.dep_ == "nsubj"]

    return [(s.text.strip(), said) for s, said in quoted(parse(text), SAYING, subjects)]


def test_sentences_before_the_one_naming_the_speaker_are_theirs():
    text = "“Prices rose. Wages fell. The plan failed,” said Roe."
    assert _quoted(text) == [("“Prices rose.", ["Roe"]), ("Wages fell.", ["Roe"])]


def test_sentences_after_the_speaker_opened_the_quotation_are_theirs():
    text = "Roe said: “Prices rose. Wages fell.”"
    assert _quoted(text) == [("Wages fell.”", ["Roe"])]


def test_a_quotation_right_after_a_quoted_speaker_is_theirs():
    text = "“Prices rose,” Roe said. “Wages fell.”"
    assert _quoted(text) == [("“Wages fell.”", ["Roe"])]


@pytest.mark.parametrize(
    "text",
    [
        "“Prices rose,” Roe said. Doe disagreed. “Wages fell.”",  # someone else may speak
        "Prices rose. Wages fell. Roe said so.",  # no quotation at all
        "“Prices rose. Wages fell.”",  # no one named
    ],
)
def test_a_quotation_nobody_is_named_for_has_no_speaker(text):
    assert _quoted(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "“Hikvision’s sales to the police are shameful. The company must stop them now,” "
        "said Jane Roe, a researcher at Amnesty International.",
        "“Hikvision has lost customers,” Jane Roe said. “Its sales to the police are unlawful.”",
        "Jane Roe said: “The sanctions are working. Hikvision has violated them for years.”",
    ],
)
def test_a_quoted_sentence_saying_wrong_was_done_criticizes_as_its_speaker(rules_only, text):
    assert ("Jane Roe", "CRITICIZED", "Hikvision") in _read(rules_only, text)


def test_a_quoted_sentence_saying_no_wrong_criticizes_no_one(rules_only):
    text = "“The sanctions are working. Hikvision has lost customers,” Jane Roe said."
    assert not [r for r in _read(rules_only, text) if r[1] == "CRITICIZED"]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "“We urge Hikvision to stop selling cameras to the police,” Amnesty International "
            "said in a statement.",
            ("Amnesty International", "REQUESTED", "Hikvision"),
        ),
        (
            "“We strongly condemn the arrests,” Jane Roe said. “We call on Egypt to release "
            "the activists.”",
            ("Jane Roe", "REQUESTED", "Egypt"),
        ),
    ],
)
def test_we_in_a_quotation_is_its_speaker(rules_only, text, asked):
    assert asked in _read(rules_only, text)


def test_we_outside_a_quotation_is_no_one_named(rules_only):
    text = "We urge Hikvision to stop selling cameras, Amnesty International said."
    assert not [r for r in _read(rules_only, text) if r[1] == "REQUESTED"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # "you" in a quotation after a letter to someone is its addressee
        (
            "Senator Jane Roe sent a letter to Acme Corp on Monday. \u201cWe urge you to cut "
            "ties with the police,\u201d she wrote.",
            {("Jane Roe", "REQUESTED", "Acme Corp")},
        ),
        (  # ... unless the quotation is spoken to others
            "Senator Jane Roe sent a letter to Acme Corp on Monday. She told reporters: "
            "\u201cYou should read it.\u201d",
            set(),
        ),
    ],
)
def test_you_in_a_quotation_is_whom_the_letter_was_to(extractor, text, expected):
    extraction = extractor.extract(Article(text=text, title="t"))
    names = {a.id: a.name for a in extraction.actors}
    found = {(names[c.subject], c.type, names[c.object]) for c in extraction.claims}
    assert {f for f in found if f[1] == "REQUESTED"} == expected
