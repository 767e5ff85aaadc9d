"""Candidate relations (loaders/pairs.py) on sentences written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

from actorgraph.loaders.extract import Extractor, trigger_words
from actorgraph.loaders.lexicon import lexicon
from actorgraph.loaders.nlp import parse, pipeline, truecase
from actorgraph.loaders.pairs import path


def _proposals(extractor: Extractor, text: str) -> dict:
    _, proposals = extractor.proposals(pipeline()(text))
    return {(p.subject.name, p.type, p.object.name): p for p in proposals}


def test_a_title_proposes_its_holder_as_a_member_of_the_body_it_names(rules_only):
    found = _proposals(rules_only, "Microsoft chief executive Satya Nadella met officials.")
    proposal = found[("Satya Nadella", "MEMBER_OF", "Microsoft")]
    assert "MEMBER_OF|lemma=executive" in proposal.features
    assert "src=role" in proposal.features


def test_a_title_relates_no_one_but_its_holder(rules_only):
    found = _proposals(
        rules_only, "Microsoft chief executive Satya Nadella met Tim Cook in Beijing."
    )
    assert ("Tim Cook", "MEMBER_OF", "Microsoft") not in found


def test_every_member_of_a_list_stands_the_same_way_to_the_verb():
    doc = pipeline()("The Commerce Department sanctioned Huawei, ZTE and Dahua on Monday.")
    verb = next(t for t in doc if t.lemma_ == "sanction")
    members = [t for t in doc if t.text in ("Huawei", "ZTE", "Dahua")]
    assert {path(m, verb) for m in members} == {("dobj^",)}
    assert path(doc[2], verb) == ("nsubj^",)  # "Department"


def test_members_of_one_list_are_not_proposed_as_related(rules_only):
    found = _proposals(rules_only, "The Commerce Department sanctioned Huawei, ZTE and Dahua.")
    assert ("U.S. Department of Commerce", "SANCTIONED", "ZTE") in found
    assert not [k for k in found if {k[0], k[2]} <= {"Huawei", "ZTE", "Dahua"}]


def test_based_proposes_where_a_body_is(rules_only):
    found = _proposals(
        rules_only, "Amnesty International, the London-based group, criticized Huawei."
    )
    assert ("Amnesty International", "LOCATED_IN", "London") in found


def test_a_person_is_not_proposed_as_located_anywhere(rules_only):
    found = _proposals(rules_only, "Microsoft chief executive Satya Nadella spoke in Beijing.")
    assert not [k for k in found if k[0] == "Satya Nadella" and k[1] == "LOCATED_IN"]


def test_what_a_pattern_reads_is_marked_on_its_proposal(rules_only):
    found = _proposals(rules_only, "The Commerce Department sanctioned Huawei on Monday.")
    read = found[("U.S. Department of Commerce", "SANCTIONED", "Huawei")]
    assert read.rule is not None and "rule" in read.features
    backwards = found[("Huawei", "SANCTIONED", "U.S. Department of Commerce")]
    assert backwards.rule is None and "rule" not in backwards.features


def test_a_proposal_is_described_by_the_paths_from_its_ends_to_the_trigger(rules_only):
    found = _proposals(rules_only, "The Commerce Department sanctioned Huawei on Monday.")
    features = found[("U.S. Department of Commerce", "SANCTIONED", "Huawei")].features
    assert {"sp=nsubj^", "op=dobj_", "roles=canon/canon", "SANCTIONED|lemma=sanction"} <= features


def test_the_doer_and_the_one_done_to_are_told_apart(rules_only):
    found = _proposals(rules_only, "The Commerce Department sanctioned Huawei on Monday.")
    backwards = found[("Huawei", "SANCTIONED", "U.S. Department of Commerce")].features
    assert "roles=canon/canon" not in backwards


def test_a_reporting_verb_proposes_what_was_said_with_its_tone(rules_only):
    text = "Human Rights Watch said Huawei had committed a serious violation of the law."
    found = _proposals(rules_only, text)
    said = found[("Human Rights Watch", "CRITICIZED", "Huawei")].features
    assert "src=report" in said
    assert "CRITICIZED|tone_blame=1" in said


def test_a_relation_proposed_twice_in_an_article_says_so(rules_only):
    text = "Amnesty International criticized Huawei. Amnesty International also condemned Huawei."
    found = _proposals(rules_only, text)
    assert "support=2" in found[("Amnesty International", "CRITICIZED", "Huawei")].features


def test_kinds_decide_which_ends_a_relation_can_have():
    words = trigger_words(lexicon())
    person, firm, place = (SimpleNamespace(kind=k) for k in ("Person", "Company", "Place"))
    assert words.fits("MEMBER_OF", person, firm)
    assert not words.fits("MEMBER_OF", firm, person)  # nobody is a member of a person
    assert words.fits("LOCATED_IN", firm, place)
    assert not words.fits("LOCATED_IN", person, place)  # where a body is, not a person
    assert not words.object_fits("LOCATED_IN", firm)
    assert words.object_fits("SUPPLIED", person)
    assert not words.fits("SUPPLIED", place, firm)  # a place does nothing


def test_a_title_parsed_flat_beside_its_body_still_names_the_member(rules_only):
    # spaCy leans "NATO" and "Secretary-General" both on the name: siblings, not a chain
    found = _proposals(rules_only, "NATO Secretary-General Jens Stoltenberg visited Ankara.")
    assert ("Jens Stoltenberg", "MEMBER_OF", "NATO") in found


def test_each_line_of_a_bulleted_list_is_a_sentence_of_its_own():
    doc = pipeline()(
        "Key points:\n- Police arrest a publisher and two editors\n- Officers search the office\n"
        "The raid drew criticism of\nthe police."
    )
    sentences = [s.text.strip() for s in doc.sents]
    assert "- Police arrest a publisher and two editors" in sentences
    assert "- Officers search the office" in sentences
    assert "The raid drew criticism of\nthe police." in sentences  # wrapped prose goes on


def test_in_a_list_of_people_with_titles_each_title_is_its_own_holders(rules_only):
    found = _proposals(
        rules_only,
        "The Treasury named Jane Roe, Acme's chief executive; and John Doe, the director of "
        "Globex.",
    )
    assert ("Jane Roe", "MEMBER_OF", "Acme") in found
    assert ("John Doe", "MEMBER_OF", "Acme") not in found


def test_a_plural_title_belongs_to_every_name_of_its_list(rules_only):
    found = _proposals(
        rules_only, "Britain sanctioned Acme officers Jan Kowalski, Piotr Nowak and Adam Lis."
    )
    for person in ("Jan Kowalski", "Piotr Nowak", "Adam Lis"):
        assert (person, "MEMBER_OF", "Acme") in found
    found = _proposals(rules_only, "Acme chief executive Jan Kowalski met Piotr Nowak.")
    assert ("Piotr Nowak", "MEMBER_OF", "Acme") not in found  # a singular title: one holder


def test_the_subject_of_a_clause_is_the_doer_of_its_adverbial_participle(rules_only):
    found = _proposals(
        rules_only, "Amnesty International wrote to the ministry, urging Acme to stop the sales."
    )
    proposal = found[("Amnesty International", "REQUESTED", "Acme")]
    assert "roles=canon/canon" in proposal.features


def test_people_who_speak_for_a_body_act_as_it_does():
    doc = pipeline()("Ambassadors from Ruritania and officials of Acme criticized Globex.")
    verb = next(t for t in doc if t.lemma_ == "criticize")
    assert path(doc[2], verb) == ("nsubj^",)  # "Ruritania"
    assert path(doc[6], verb) == ("nsubj^",)  # "Acme"
    doc = pipeline()("Shipments from Ruritania reached Globex.")
    assert path(doc[2], next(t for t in doc if t.lemma_ == "reach")) != ("nsubj^",)


def test_a_body_parsed_as_an_adjective_of_the_title_still_names_the_member(rules_only):
    found = _proposals(
        rules_only,
        "Microsoft will invest in Globex. Globex chief executive John Doe said the deal would "
        "close.",
    )
    assert ("John Doe", "MEMBER_OF", "Globex") in found


def test_a_body_named_by_its_office_as_a_title_names_the_member(rules_only):
    found = _proposals(rules_only, "Globex said that Data Commissioner Jane Roe was wrong.")
    assert found[("Jane Roe", "MEMBER_OF", "Data Commissioner")].rule is not None
    found = _proposals(rules_only, "The Data Commissioner told Jane Roe to leave.")
    assert ("Jane Roe", "MEMBER_OF", "Data Commissioner") not in found


def test_a_proposal_is_described_by_its_best_reading_not_by_every_trigger(rules_only):
    found = _proposals(
        rules_only,
        "After calls to cease the sale of arms to Ruritania, arms makers supplying Ruritania "
        "– including Acme and Globex – should end transfers.",
    )
    proposal = found[("Acme", "SUPPLIED", "Ruritania")]
    assert len({t.text for _, t in proposal.triggers}) > 1  # "sale", "supplying", ...
    roles = {f for f in proposal.features if f.startswith("roles=") and "|" not in f}
    assert roles == {"roles=canon/canon"}  # "supplying" alone: its doer, its object


def test_the_agent_of_a_noun_naming_the_act_is_its_doer(rules_only):
    found = _proposals(
        rules_only,
        "The imposition of sanctions on Ruritania by Britain and Japan angered Acme.",
    )
    for sanctioner in ("United Kingdom", "Japan"):
        proposal = found[(sanctioner, "SANCTIONED", "Ruritania")]
        assert "roles=canon/canon" in proposal.features


def test_a_phrasal_trigger_proposes_its_relation(rules_only):
    found = _proposals(rules_only, "Iran cracked down on Nokia.")
    assert "roles=canon/canon" in found[("Iran", "REPRESSED", "Nokia")].features
    found = _proposals(rules_only, "Microsoft is pulling out of Russia.")
    proposal = found[("Microsoft", "STOPPED_SUPPLYING", "Russia")]
    assert "roles=canon/canon" in proposal.features  # "out" only leads "of"


def test_a_list_after_a_colon_is_what_the_verb_is_done_to(rules_only):
    found = _proposals(
        rules_only,
        "The Treasury is designating: Jane Roe, Ruritania's finance minister; and John Doe, "
        "a deputy minister.",
    )
    for person in ("Jane Roe", "John Doe"):
        proposal = found[("U.S. Department of the Treasury", "SANCTIONED", person)]
        assert "roles=canon/canon" in proposal.features


def test_a_title_names_only_the_body_in_its_own_phrase(rules_only):
    found = _proposals(
        rules_only,
        "The Treasury is designating: Jane Roe, Ruritania's Minister of Finance; John Doe, the "
        "commander of the Ruritanian Guard; and Ali Khan, a deputy minister.",
    )
    assert ("John Doe", "MEMBER_OF", "Ruritanian Guard") in found
    assert ("Jane Roe", "MEMBER_OF", "Ruritanian Guard") not in found
    assert ("Ali Khan", "MEMBER_OF", "Ruritanian Guard") not in found


def test_a_title_case_headline_is_read_in_sentence_case_at_the_same_offsets():
    text = (
        "Ruritania Sanctions Globex Over Drone Sales To Freedonia\n"
        "Updated: March 3\n\n"
        "Ruritania imposed sanctions on Globex on Monday over sales of drone parts to "
        "Freedonia, the ministry said."
    )
    read = truecase(text)
    assert len(read) == len(text)
    assert read.splitlines()[0] == "Ruritania sanctions Globex over drone sales to Freedonia"
    assert read.splitlines()[1] == "Updated: March 3"  # a month keeps its capital
    assert read.splitlines()[3] == text.splitlines()[3]  # the body as it was


def test_a_headline_keeps_the_names_it_shares_with_the_gazetteer_and_the_body():
    text = (
        "Britain Bans Acme Networks From The Canada Contracts\n\n"
        "Acme Networks said on Tuesday it was disappointed. The Ministry said nothing."
    )
    # "Canada" is a country the gazetteer knows; "Acme" opens a body sentence before
    # another capitalised word; "The" opens one too, but is a common word
    headline = truecase(text).splitlines()[0]
    assert headline == "Britain bans Acme Networks from the Canada contracts"


def test_a_headline_in_title_case_yields_its_relation(rules_only):
    text = (
        "Ruritania Sanctions Globex Over Drone Sales\n\n"
        "The government of Ruritania said Globex had sold drones; Globex denied it."
    )
    _, proposals = rules_only.proposals(parse(text))
    assert any(
        (p.subject.name, p.type, p.object.name) == ("Ruritania", "SANCTIONED", "Globex")
        for p in proposals
    )


def test_a_body_and_a_title_before_a_name_make_a_member_whatever_the_parse(rules_only):
    found = _proposals(
        rules_only,
        "The deal was agreed with the UAE and US governments, Smith and Nokia Chief "
        "Executive Officer Pekka Virtanen said in an interview.",  # "Officer" parsed as listed
    )
    assert found[("Pekka Virtanen", "MEMBER_OF", "Nokia")].rule is not None
    found = _proposals(rules_only, "Nokia hired Smith and Pekka Virtanen said nothing.")
    assert ("Pekka Virtanen", "MEMBER_OF", "Nokia") not in found


def test_a_frame_verb_describing_its_noun_reads_as_the_frame(rules_only):
    found = _proposals(
        rules_only,
        "The lawsuit, filed by the American Civil Liberties Union against the Justice "
        "Department, seeks records.",
    )
    proposal = found[("American Civil Liberties Union", "SUED", "U.S. Department of Justice")]
    assert "roles=canon/canon" in proposal.features


def test_where_a_body_acts_is_not_where_it_is_based(rules_only):
    found = _proposals(rules_only, "Thermo Fisher halts DNA sequencer sales in Xinjiang.")
    assert ("Thermo Fisher", "LOCATED_IN", "Xinjiang") not in found
    found = _proposals(rules_only, "Illumina, a company in San Diego, sells sequencers.")
    assert ("Illumina", "LOCATED_IN", "San Diego") in found


def test_a_body_s_possessive_before_a_title_and_a_name_makes_a_member(rules_only):
    found = _proposals(
        rules_only, "Amnesty International's Secretary General Agnes Callamard condemned it."
    )
    assert found[("Agnes Callamard", "MEMBER_OF", "Amnesty International")].rule is not None


def test_a_list_hung_on_the_verb_names_what_the_verb_did_to_the_group(rules_only):
    found = _proposals(
        rules_only,
        "Japan sanctioned three banks and two traders on Friday, including Acme Bank and "
        "Globex Trading.",
    )
    for member in ("Acme Bank", "Globex Trading"):
        proposal = found[("Japan", "SANCTIONED", member)]
        assert "roles=canon/canon" in proposal.features
    # a list hung on a verb done to no group is not its object
    doc = pipeline()("Japan acted on Friday, including in Ruritania.")
    act = next(t for t in doc if t.lemma_ == "act")
    assert path(next(t for t in doc if t.text == "Ruritania"), act) != ("dobj^",)


def test_no_one_owns_a_place_or_a_country():
    words = trigger_words(lexicon())
    firm, rebels = SimpleNamespace(kind="Company"), SimpleNamespace(kind="Group")
    country = SimpleNamespace(kind="Government", known=SimpleNamespace(kind="Government"))
    assert words.fits("OWNS", firm, SimpleNamespace(kind="Company"))
    assert not words.fits("OWNS", rebels, country)
    assert not words.fits("OWNS", firm, SimpleNamespace(kind="Place"))
    assert words.fits("SUPPLIED", firm, country)


def test_a_country_taken_for_a_place_can_still_act(rules_only):
    words = trigger_words(lexicon())
    firm = SimpleNamespace(kind="Company")
    country = SimpleNamespace(kind="Place", known=SimpleNamespace(kind="Government"))
    city = SimpleNamespace(kind="Place", known=None)
    assert words.fits("SANCTIONED", country, firm)
    assert not words.fits("SANCTIONED", city, firm)


def test_the_doer_of_a_statement_is_the_doer_of_what_it_urges(rules_only):
    found = _proposals(
        rules_only, "Ruritania and Japan issued a statement urging Borduria to free the monks."
    )
    assert "roles=canon/canon" in found[("Japan", "REQUESTED", "Borduria")].features


def test_the_words_between_the_ends_describe_a_proposal(rules_only):
    found = _proposals(
        rules_only, "Acme Corp, a longtime supplier of the Ruritanian army, sold drones."
    )
    features = found[("Acme Corp", "SUPPLIED", "Ruritanian army")].features
    assert "SUPPLIED|via=supplier" in features


def test_a_title_of_a_unit_a_body_names_is_a_post_in_the_body(rules_only):
    found = _proposals(rules_only, "Jane Roe, chief of the FBI cyber division, resigned on Monday.")
    proposal = found[("Jane Roe", "MEMBER_OF", "Federal Bureau of Investigation")]
    assert "src=role" in proposal.features
