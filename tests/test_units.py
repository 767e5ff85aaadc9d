"""Bodies that are part of other bodies (loaders/units.py), on sentences written here."""

from __future__ import annotations

import pytest

from actorgraph.loaders.extract import Extractor
from actorgraph.loaders.nlp import pipeline


def _memberships(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    _, proposals = extractor.proposals(pipeline()(text))
    return {
        (p.subject.name, p.object.name)
        for p in proposals
        if p.type == "MEMBER_OF" and p.rule is not None
    }


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        (
            "The Ruritanian Security Service (RSS) said the RSS Forensics Institute had "
            "examined the samples.",
            "RSS Forensics Institute",
            "Ruritanian Security Service",
        ),
        (
            "On Monday, the Interior Ministry's Office of Border Control said it had fined Globex.",
            "Office of Border Control",
            "Interior Ministry",
        ),
        (
            "The Public Order Police, an element of the Lanmoor Internal Security Forces, "
            "detained Jane Roe.",
            "Public Order Police",
            "Lanmoor Internal Security Forces",
        ),
        (
            "Jane Roe leads the Digital Rights Program at the Westvale Civil Liberties Union.",
            "Digital Rights Program",
            "Westvale Civil Liberties Union",
        ),
    ],
)
def test_a_unit_named_with_its_parent_is_a_member_of_it(rules_only, text, unit, parent):
    assert (unit, parent) in _memberships(rules_only, text)


def test_a_chapter_named_after_a_body_is_not_a_unit_of_it(rules_only):
    found = _memberships(
        rules_only,
        "The Westvale Civil Liberties Union (WCLU) and the WCLU of Lanmoor sued Globex Corp.",
    )
    assert not [pair for pair in found if pair[0].startswith("WCLU of")]


def test_a_country_is_not_the_parent_of_its_bodies(rules_only):
    found = _memberships(rules_only, "Iran's Morality Police detained Jane Roe.")
    assert not [pair for pair in found if pair[1] == "Iran"]


@pytest.mark.parametrize(
    "text",
    [
        "NSO abused Apple's iMessage service to deliver the exploit.",  # a firm's product
        "Jane Roe, an Israeli lawyer, asked Israel's defense and economy ministries to block "
        "the exports.",  # one list
    ],
)
def test_what_is_no_unit_of_a_body(rules_only, text):
    assert not _memberships(rules_only, text)
