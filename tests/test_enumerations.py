"""Enumerations (loaders/enumerations.py): an act on a group, then its members listed."""

from __future__ import annotations

import pytest

from actorgraph.loaders.extract import Extractor
from actorgraph.loaders.nlp import pipeline


def _read(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """What the patterns (enumerations among them) read in any sentence, as (subject, type,
    object)."""
    _, proposals = extractor.proposals(pipeline()(text))
    return {(p.subject.name, p.type, p.object.name) for p in proposals if p.rule is not None}


def test_among_them_lists_the_members_of_the_group_acted_on(rules_only):
    found = _read(
        rules_only,
        "Last October, Britain sanctioned six Ruritanian individuals. Among them were Finance "
        "Minister Jan Kowalski and army chief Piotr Nowak.",
    )
    assert ("United Kingdom", "SANCTIONED", "Jan Kowalski") in found
    assert ("United Kingdom", "SANCTIONED", "Piotr Nowak") in found


def test_the_group_named_again_includes_its_members(rules_only):
    found = _read(
        rules_only,
        "The Commerce Department added 28 companies to the Entity List on Monday. The "
        "companies include Acme, Globex and Initech.",
    )
    for company in ("Acme", "Globex", "Initech"):
        assert ("U.S. Department of Commerce", "SANCTIONED", company) in found


def test_a_list_of_another_group_is_no_member_of_the_act(rules_only):
    found = _read(
        rules_only,
        "The Commerce Department added 28 companies to the Entity List on Monday. The "
        "critics include Acme, Globex and Initech.",
    )
    assert not {k for k in found if k[1] == "SANCTIONED"}
    found = _read(rules_only, "Among the critics were Acme and Globex.")
    assert not found


def test_a_group_named_backwards_makes_its_possessor_the_subject(rules_only):
    found = _read(
        rules_only,
        "Nokia bought Alcatel last year. The subsidiaries of Nokia include Alcatel and Siemens "
        "Networks.",
    )
    assert ("Nokia", "OWNS", "Siemens Networks") in found


def test_a_group_named_by_the_act_lists_its_members_two_sentences_on(rules_only):
    found = _read(
        rules_only,
        "The Treasury Department sanctioned five companies on Tuesday. The sanctioned "
        "entities are Intellexa S.A. and Cytrox AD. Among those sanctioned were Tal Dilian "
        "and Sara Hamou.",
    )
    for member in ("Intellexa S.A.", "Cytrox AD", "Tal Dilian", "Sara Hamou"):
        assert ("U.S. Department of the Treasury", "SANCTIONED", member) in found


def test_a_group_of_the_same_count_listed_later_is_the_group_acted_on(rules_only):
    found = _read(
        rules_only,
        "The Justice Department indicted four Ruritanian officers on Monday. The indictment "
        "alleges that four members of the Ruritanian army – Jane Roe, John Doe, Ali Khan and "
        "Mark Stone – stole the data.",
    )
    for person in ("Jane Roe", "John Doe", "Ali Khan", "Mark Stone"):
        assert ("U.S. Department of Justice", "SUED", person) in found


def test_a_group_of_another_count_is_another_group(rules_only):
    found = _read(
        rules_only,
        "The Justice Department indicted four Ruritanian officers on Monday. Three members of "
        "the Ruritanian army – Jane Roe, John Doe and Ali Khan – met the press on Tuesday.",
    )
    assert not [r for r in found if r[1] == "SUED"]


def test_the_list_an_act_filled_lists_its_members_through_the_groups_it_names(rules_only):
    found = _read(
        rules_only,
        "The Commerce Department added 28 organizations to its Entity List on Monday. The "
        "list includes the Ruritanian Interior Ministry, 19 agencies such as the Lanmoor "
        "Police College, and eight companies: Acme Corp, Globex Ltd and Initech Systems.",
    )
    listed = {o for s, t, o in found if (s, t) == ("U.S. Department of Commerce", "SANCTIONED")}
    assert {"Lanmoor Police College", "Acme Corp", "Globex Ltd", "Initech Systems"} <= listed


def test_a_group_a_sanction_is_imposed_on_is_named_again_with_its_members(rules_only):
    found = _read(
        rules_only,
        "The Treasury on Thursday imposed sanctions on three companies for supplying drone "
        "parts. The companies, Acme Tech, Initech Ltd and Vandelay Industries, denied it.",
    )
    for company in ("Acme Tech", "Initech Ltd", "Vandelay Industries"):
        assert ("U.S. Department of the Treasury", "SANCTIONED", company) in found


def test_two_doers_acting_on_one_group_are_each_read_with_its_members(rules_only):
    found = _read(
        rules_only,
        "Hungary sanctions four army officers. Foreign Minister Jan Kowalski on Monday "
        "announced sanctions against four members of the army – Adam Nowak, Piotr Zielinski, "
        "Marek Wozniak and Tomasz Lewandowski.",
    )
    for officer in ("Adam Nowak", "Piotr Zielinski", "Marek Wozniak", "Tomasz Lewandowski"):
        assert ("Hungary", "SANCTIONED", officer) in found
        assert ("Jan Kowalski", "SANCTIONED", officer) in found


def test_the_lines_after_the_following_entities_each_name_a_member(rules_only):
    found = _read(
        rules_only,
        "The Treasury on Tuesday designated the following entities:\n\n"
        "- Acme Ltd, a Hong Kong-based firm that shipped parts to the army.\n\n"
        "- Globex Trading, a Dubai company.\n\n"
        "The designations freeze any assets the companies hold in the United States.",
    )
    sanctioned = {o for s, t, o in found if t == "SANCTIONED"}
    assert sanctioned == {"Acme Ltd", "Globex Trading"}


def test_people_named_inside_long_titles_are_each_listed(rules_only):
    found = _read(
        rules_only,
        "Last October, Britain sanctioned six Ruritanian officials. Among them were First "
        "Deputy Chief of Staff of the Presidential Executive Office Ivan Petrov and Army "
        "Director Oleg Sidorov.",
    )
    sanctioned = {o for s, t, o in found if t == "SANCTIONED" and s == "United Kingdom"}
    assert {"Ivan Petrov", "Oleg Sidorov"} <= sanctioned
    assert "Presidential Executive Office" not in sanctioned


def test_one_of_the_group_acted_on_is_a_member(rules_only):
    found = _read(
        rules_only,
        "The Treasury imposed sanctions on five companies on Tuesday. Acme Ltd, a Hong Kong "
        "trader, is one of the companies targeted.",
    )
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Acme Ltd") in found


@pytest.mark.parametrize(
    "listing",
    [
        "Among the companies added were Acme Ltd and Globex Trading.",
        "Among the 36 firms were Acme Ltd and Globex Trading.",
        "Acme Ltd and Globex Trading were among the companies targeted.",
    ],
)
def test_those_among_the_group_acted_on_are_members(rules_only, listing):
    found = _read(
        rules_only, "The Commerce Department added 36 companies to the Entity List. " + listing
    )
    sanctioned = {o for s, t, o in found if t == "SANCTIONED"}
    assert sanctioned == {"Acme Ltd", "Globex Trading"}


def test_among_another_group_is_no_member(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned five companies on Tuesday. Acme Ltd is among the largest "
        "companies in Kenya.",
    )
    assert not [f for f in found if f[1] == "SANCTIONED"]


def test_one_of_another_group_of_the_same_noun_is_no_member(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned five companies on Tuesday. Acme Ltd is one of the largest "
        "companies in Kenya.",
    )
    assert not [f for f in found if f[1] == "SANCTIONED"]


@pytest.mark.parametrize(
    ("act", "group"),
    [
        ("The Commerce Department added 12 companies to the Entity List.", "The additions"),
        ("The Commerce Department designated 12 companies.", "The designations"),
    ],
)
def test_the_acts_own_noun_lists_those_it_was_done_to(rules_only, act, group):
    found = _read(rules_only, f"{act} {group} include Acme Ltd and Globex Trading.")
    sanctioned = {(s, o) for s, t, o in found if t == "SANCTIONED"}
    doer = "U.S. Department of Commerce"
    assert sanctioned == {(doer, "Acme Ltd"), (doer, "Globex Trading")}


def test_another_acts_noun_lists_no_one_it_was_done_to(rules_only):
    found = _read(
        rules_only,
        "The Commerce Department added 12 companies to the Entity List. The investigations "
        "include Acme Ltd and Globex Trading.",
    )
    assert not [key for key in found if key[1] == "SANCTIONED" and key[2] != "12 companies"]


@pytest.mark.parametrize(
    "listing",
    [  # another word of the same act names the group; being on the list is being put on it
        "The designated entities are Acme Ltd and Globex Trading.",
        "Acme Ltd and Globex Trading are also on the list.",
    ],
)
def test_a_group_named_by_another_word_of_the_act_lists_its_members(rules_only, listing):
    act = "The Treasury added five companies to its sanctions list on Tuesday. "
    found = _read(rules_only, act + listing)
    sanctioned = {o for s, t, o in found if t == "SANCTIONED" and "Treasury" in s}
    assert {"Acme Ltd", "Globex Trading"} <= sanctioned


@pytest.mark.parametrize(
    "listing",
    [
        "Among the targets is Acme Ltd, a trader.",
        "The new entries include Acme Ltd and Globex Trading.",
    ],
)
def test_a_noun_for_those_acted_on_lists_the_groups_members(rules_only, listing):
    found = _read(rules_only, "The Treasury sanctioned five companies on Tuesday. " + listing)
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Acme Ltd") in found
