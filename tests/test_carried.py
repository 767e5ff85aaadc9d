"""Carried doers (loaders/carried.py): an act stated without its doer, whose doer acted before."""

from __future__ import annotations

import pytest
from test_enumerations import _read


def test_a_passive_act_takes_the_doer_of_the_act_just_before(rules_only):
    found = _read(
        rules_only,
        "Britain imposed sanctions on three officers of the Ruritanian Interior Ministry on "
        "Friday. The notice says that Jan Kowalski, a colonel, and Piotr Nowak are sanctioned.",
    )
    assert ("United Kingdom", "SANCTIONED", "Jan Kowalski") in found
    assert ("United Kingdom", "SANCTIONED", "Piotr Nowak") in found


def test_what_the_act_is_against_is_an_end_and_where_it_was_done_is_not(rules_only):
    found = _read(
        rules_only,
        "Globex Corp sued Initech Inc. on Monday. The lawsuit was filed on Tuesday in Ohio "
        "against Initech Inc. and Hooli Inc.",
    )
    assert ("Globex Corp", "SUED", "Hooli Inc.") in found
    assert not {key for key in found if key[2] == "Ohio"}


def test_an_act_of_another_type_carries_no_doer(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned Acme Corp on Tuesday. Jan Kowalski was arrested on Wednesday.",
    )
    assert not {key for key in found if key[2] == "Jan Kowalski"}


def test_a_doer_is_carried_two_sentences_and_no_further(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned Acme Corp on Tuesday. Markets fell. Prices fell too. Nothing "
        "else happened for a week. Globex Ltd was sanctioned as well.",
    )
    assert not {key for key in found if key[2] == "Globex Ltd"}
    near = _read(
        rules_only,
        "The Treasury sanctioned Acme Corp on Tuesday. Markets fell. Globex Ltd was sanctioned "
        "as well.",
    )
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Globex Ltd") in near


def test_a_passive_with_its_own_agent_is_not_carried(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned Acme Corp on Tuesday. Globex Ltd was sanctioned by the "
        "European Union on Wednesday.",
    )
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Globex Ltd") not in found


def test_a_noun_naming_the_act_takes_its_doer_to_whom_it_is_aimed_at(rules_only):
    found = _read(
        rules_only,
        "The United Kingdom on Wednesday sanctioned two companies that sell fuel to the army. "
        "The designations cover Acme Petroleum Ltd and Globex Energy Pte.",
    )
    assert ("United Kingdom", "SANCTIONED", "Acme Petroleum Ltd") in found
    assert ("United Kingdom", "SANCTIONED", "Globex Energy Pte") in found
    # a noun that names the act but is not aimed at anyone by its verb carries nothing
    found = _read(
        rules_only,
        "The United Kingdom on Wednesday sanctioned two companies that sell fuel to the army. "
        "The designations angered Acme Petroleum Ltd.",
    )
    assert ("United Kingdom", "SANCTIONED", "Acme Petroleum Ltd") not in found


def test_a_states_unnamed_agents_take_the_doer_of_the_act_before(rules_only):
    found = _read(
        rules_only,
        "Ruritanian police on Thursday arrested Jan Kowalski, the head of a rights group. "
        "On Sunday, security forces arrested Piotr Nowak at his home, the group said. "
        "Markets fell. On Monday, security forces arrested Anna Lis in the capital.",
    )
    doer = "Ruritanian police"
    assert (doer, "DETAINED", "Jan Kowalski") in found
    # the group reports the arrest; it does not make it
    assert (doer, "DETAINED", "Piotr Nowak") in found
    # the carried arrest renews the doer: Anna Lis is three sentences after the named one
    assert (doer, "DETAINED", "Anna Lis") in found
    assert not {key for key in found if key[1] == "DETAINED" and key[0] != doer}


def test_a_noun_naming_an_act_without_its_doer_takes_the_doer_before(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned Acme Shipping on Tuesday. Sanctions on Globex Oil were also "
        "announced.",
    )
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Globex Oil") in found


def test_a_noun_naming_whose_act_it_is_carries_no_other_doer(rules_only):
    found = _read(
        rules_only,
        "The Treasury sanctioned Acme Shipping on Tuesday. Britain's sanctions on Globex Ltd "
        "were announced later.",
    )
    assert ("U.S. Department of the Treasury", "SANCTIONED", "Globex Ltd") not in found
    assert ("United Kingdom", "SANCTIONED", "Globex Ltd") in found


def test_a_participle_opening_a_line_is_done_to_what_follows_it(rules_only):
    found = _read(
        rules_only,
        "Britain imposed sanctions on Globex Corp on Friday. Also sanctioned: Acme Ltd, a Hong "
        "Kong trader.",
    )
    assert ("United Kingdom", "SANCTIONED", "Acme Ltd") in found
    assert not [key for key in found if key[0] == "Acme Ltd"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ruritanian police arrested Jane Roe on Monday. Amnesty International condemned "
            "the arrest.",
            ("Amnesty International", "CRITICIZED", "Ruritanian police"),
        ),
        (
            "The Treasury sanctioned Acme Shipping on Tuesday. China criticized the sanctions.",
            ("China", "CRITICIZED", "U.S. Department of the Treasury"),
        ),
    ],
)
def test_a_stance_on_an_act_told_of_before_is_on_its_doer(rules_only, text, expected):
    assert expected in _read(rules_only, text)


@pytest.mark.parametrize(
    "text",
    [  # support of an act is not of its doer; an act with a doer of its own is that doer's
        "The Treasury sanctioned Acme Shipping on Tuesday. China backed the sanctions.",
        "The Treasury sanctioned Acme Shipping. China criticized Britain's sanctions.",
    ],
)
def test_no_stance_on_the_doer_of_an_act_told_of_before_otherwise(rules_only, text):
    stances = {(s, t, o) for s, t, o in _read(rules_only, text) if s == "China"}
    assert ("China", "CRITICIZED", "U.S. Department of the Treasury") not in stances
    assert ("China", "SUPPORTED", "U.S. Department of the Treasury") not in stances


def test_a_participle_opening_a_clause_before_its_auxiliary_is_done_to_what_follows(
    rules_only,
):
    found = _read(
        rules_only,
        "Britain imposed sanctions on Globex Corp on Friday. Also designated were Acme Ltd "
        "and Kestrel Freight.",
    )
    assert {o for s, t, o in found if t == "SANCTIONED" and s == "United Kingdom"} == {
        "Globex Corp",
        "Acme Ltd",
        "Kestrel Freight",
    }
    assert not [key for key in found if key[0] in ("Acme Ltd", "Kestrel Freight")]


def test_a_general_noun_for_an_act_is_the_act_told_of_last(rules_only):
    found = _read(
        rules_only,
        "The European Union froze the assets of Globex Corp on Monday. The measures also hit "
        "Acme Ltd and Kestrel Freight.",
    )
    frozen = {o for s, t, o in found if t == "SANCTIONED" and s == "European Union"}
    assert frozen == {"Globex Corp", "Acme Ltd", "Kestrel Freight"}


def test_a_general_noun_for_an_act_far_from_any_act_is_none(rules_only):
    found = _read(
        rules_only,
        "The European Union froze the assets of Globex Corp in May. Trade grew. Prices fell. "
        "Ports were busy. The measures also hit Acme Ltd.",
    )
    assert ("European Union", "SANCTIONED", "Acme Ltd") not in found


def test_an_act_asked_for_carries_no_doer(rules_only):
    found = _read(
        rules_only,
        "Ruritanian police arrested three activists in May. Lanmoor should stop arresting "
        "rights activists, Amnesty International said. Jane Roe and John Doe were arrested on "
        "June 6.",
    )
    detained = {(s, o) for s, t, o in found if t == "DETAINED"}
    assert ("Ruritanian police", "Jane Roe") in detained
    assert not [pair for pair in detained if pair[0] == "Lanmoor"]


@pytest.mark.parametrize(
    "again", ["It also added Kestrel Air.", "The department also added Kestrel Air."]
)
def test_the_verb_of_a_frame_said_again_is_the_same_act(rules_only, again):
    found = _read(
        rules_only,
        "The Commerce Department added Globex Air to the Entity List on Friday. " + again,
    )
    assert ("U.S. Department of Commerce", "SANCTIONED", "Kestrel Air") in found


def test_the_verb_of_a_frame_with_a_list_of_its_own_is_another_act(rules_only):
    found = _read(
        rules_only,
        "The Commerce Department added Globex Air to the Entity List on Friday. Acme Corp "
        "added Kestrel Air to its board.",
    )
    assert not [key for key in found if key[2] == "Kestrel Air" and key[1] == "SANCTIONED"]


def test_an_acts_noun_naming_its_holder_carries_the_holders_doer(rules_only):
    found = _read(
        rules_only,
        "The European Union adopted its 14th sanctions package on Friday. The sanctions also "
        "target Acme Ltd and Globex Trading.",
    )
    sanctioned = {o for s, t, o in found if t == "SANCTIONED" and s == "European Union"}
    assert sanctioned == {"Acme Ltd", "Globex Trading"}
