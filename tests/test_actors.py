"""Actors: what is one, what kind it is, and which mentions are the same actor.

Sentences are written for these tests (invented firms, people and places); they run
through the real spaCy pipeline and the shipped lexicon and gazetteer.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from actorgraph.loaders import compile_gazetteer as compile_
from actorgraph.loaders.extract import Extractor
from actorgraph.loaders.lexicon import _merged, lexicon
from actorgraph.loaders.nlp import parse_many, without_tickers
from actorgraph.schema import Actor, Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def actors(extractor: Extractor, text: str) -> dict[str, Actor]:
    """The actors of ``text`` by canonical name."""
    return {a.name: a for a in extractor.extract(Article(text=text, title="t")).actors}


def kinds(extractor: Extractor, text: str) -> dict[str, str]:
    return {name: actor.kind for name, actor in actors(extractor, text).items()}


def every_name(extractor: Extractor, text: str) -> set[str]:
    return {n for a in actors(extractor, text).values() for n in (a.name, *a.aliases)}


# --- things that are no actors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The Secure Networks Act bars Globex from selling routers to Acme.", "Act"),
        ("Under Executive Order 14001, Globex may not sell routers to Acme.", "Order"),
        ("The Ruritania Data Privacy Regulation (RDPR) applies to Acme Corp.", "RDPR"),
        ("Acme Corp installed the Zorvex spyware on phones, Globex Inc said.", "Zorvex"),
    ],
)
def test_laws_orders_and_products_are_no_actors(extractor, text, thing):
    names = every_name(extractor, text)
    assert not any(thing in name for name in names), names


def test_the_state_that_opens_a_lists_name_is_an_actor(extractor):
    names = every_name(extractor, "Acme Ltd was added to the U.S. Entity List in 2019.")
    assert "United States" in names and not any("List" in n for n in names)


def test_a_regulation_acronym_stays_no_actor_wherever_it_is_written(extractor):
    text = (
        "The Ruritania Data Privacy Regulation (RDPR) applies to Acme Corp. "
        "Regulators said RDPR fines would follow for Acme Corp."
    )
    assert "RDPR" not in every_name(extractor, text)


def test_party_and_state_tags_are_no_actors(extractor):
    text = "Sen. Jane Roe (D-Mich.) and Rep. Maria Lopez, R-Fla., wrote to Acme Corp."
    assert set(kinds(extractor, text)) == {"Jane Roe", "Maria Lopez", "Acme Corp."}


def test_a_plural_title_before_a_list_of_names_is_no_part_of_the_first(extractor):
    text = "In a letter, Senators Jane Roe and John Doe said Acme Corp had misled them."
    assert set(kinds(extractor, text)) == {"Jane Roe", "John Doe", "Acme Corp"}


def test_a_persons_of_phrase_is_no_part_of_the_name(extractor):
    text = "Sen. Jane Roe of Ohio and John Doe of Amnesty International wrote to Acme Corp."
    assert {"Jane Roe", "John Doe", "Ohio", "Amnesty International"} <= set(kinds(extractor, text))
    body = "The Office of the United Nations High Commissioner for Human Rights criticized Acme."
    assert "Office of the United Nations High Commissioner for Human Rights" in every_name(
        extractor, body
    )


def test_a_lowercase_word_is_no_name(extractor):
    names = every_name(extractor, "The company collected iris scans from refugees in Ruritania.")
    assert "iris" not in {n.lower() for n in names}


def test_a_describing_noun_outweighs_spacys_labels_on_every_other_mention(extractor):
    text = (
        "US Sanctions Canada-Based Kestrel Freight Over Iran Drone Shipments\n\n"
        "The United States imposed sanctions on Kestrel Freight, a Canada-based shipping "
        "firm.\n\nKestrel Freight is a major supplier to the Russian military, the Treasury "
        'said.\n\n"Kestrel Freight has helped Iran arm Russia," said Brian Nelson.'
    )
    assert kinds(extractor, text)["Kestrel Freight"] == "Company"


def test_a_well_known_company_is_one_whatever_spacy_tagged(extractor):
    assert kinds(extractor, "Nokia and Ericsson signed a partnership.")["Ericsson"] == "Company"
    assert "Tencent" in kinds(extractor, "Tencent holds a 5 percent stake in Tesla.")
    names = every_name(extractor, "Apple Daily said on Twitter that police raided it.")
    assert "Twitter" not in names and "Apple" not in names


def test_a_known_name_spacy_cut_at_its_and_is_one_actor(extractor):
    names = every_name(extractor, "US Customs and Border Protection seized the cargo.")
    assert "U.S. Customs and Border Protection" in names
    assert "Border Protection" not in names


def test_two_names_spacy_ran_together_at_an_and_are_two_when_one_is_known(extractor):
    names = every_name(extractor, "They include Positive Technologies and Candiru.")
    assert {"Positive Technologies", "Candiru"} <= names
    names = every_name(extractor, "The Bureau of Industry and Security added Candiru.")
    assert "Bureau of Industry and Security" in names


def test_a_legal_form_closes_a_name_before_an_and(extractor):
    names = every_name(extractor, "The United States blacklisted Acme Ltd and Globex Trading.")
    assert {"Acme Ltd", "Globex Trading"} <= names
    assert "Acme Ltd and Globex Trading" not in names


def test_a_verb_ends_a_name_that_spacy_ran_on(extractor):
    names = every_name(extractor, "The Commerce Department added Hikvision and Dahua to the list.")
    assert "Hikvision" in names
    assert not [n for n in names if "added" in n]


def test_titles_and_the_portfolios_they_name_are_no_actors(extractor):
    text = (
        "Jan Novak, Ruritania's Minister of Culture, was sanctioned by Norway. Petr Dvorak, "
        "Deputy Secretary of Tourism, was also named."
    )
    names = every_name(extractor, text)
    assert {"Jan Novak", "Petr Dvorak", "Norway"} <= names
    assert not names & {"Culture", "Tourism", "Deputy Secretary", "Minister"}


def test_a_body_after_a_title_is_still_an_actor(extractor):
    text = "Jane Roe, the Director of the Lanmoor Institute for Peace, condemned Acme Corp."
    assert kinds(extractor, text).get("Lanmoor Institute for Peace") == "Organization"


def test_ticker_codes_are_blanked_before_parsing_and_keep_every_offset(extractor):
    text = "Globex Holdings Co. Ltd. [RIC:RIC:GLBX.UL] and Initech (002415.SZ) sold drones."
    blanked = without_tickers(text)
    assert len(blanked) == len(text) and "RIC" not in blanked and "002415" not in blanked
    doc = next(iter(parse_many([text])))
    assert len(list(doc.sents)) == 1  # the code had split the sentence after "Ltd."


def test_a_dateline_place_and_ticker_codes_are_no_actors(extractor):
    text = (
        "WESTVALE, May 4 (Reuters) - Globex Holdings Inc [RIC:RIC:GLBX.UL] sold drones to "
        "Acme Corp (002415.SZ), the companies said."
    )
    names = every_name(extractor, text)
    assert {"Globex Holdings Inc", "Acme Corp"} <= names
    assert not names & {"WESTVALE", "Westvale", "RIC", "GLBX.UL"}


def test_a_byline_names_its_people_however_it_capitalises_them(extractor):
    text = "Acme Corp sold drones to Ruritania.\n\nReporting by Jane Smith; Editing by Tom Brown"
    assert {"Jane Smith", "Tom Brown"} <= every_name(extractor, text)


# --- names spaCy cuts or runs together --------------------------------------------------


def test_a_long_name_cut_inside_its_of_phrase_is_one_actor(extractor):
    text = "The Office of the Ruritanian High Commissioner for Human Rights criticized Globex Inc."
    found = actors(extractor, text)
    assert list(found) == [
        "Office of the Ruritanian High Commissioner for Human Rights",
        "Globex Inc.",
    ]


def test_a_well_known_name_cut_at_its_first_words_is_grown_back(extractor):
    for name in ("Electronic Frontier Foundation", "Committee to Protect Journalists"):
        text = f"{name} criticized Globex Inc for selling cameras."
        assert kinds(extractor, text).get(name) == "Organization"


@pytest.mark.parametrize(
    ("text", "names"),
    [  # what follows a body's name is no cause of its own: a target, a place, a reason
        (
            "The suit, filed by the Westvale Civil Liberties Union against the Justice "
            "Department, seeks records.",
            {"Westvale Civil Liberties Union", "U.S. Department of Justice"},
        ),
        (
            "Sanctions imposed by the European Union for Russia's invasion hit Acme Corp.",
            {"European Union", "Russia", "Acme Corp."},
        ),
        (
            "The Institute for Ruritanian Studies in Lanmoor criticized Acme Corp on Monday.",
            {"Institute for Ruritanian Studies", "Lanmoor", "Acme Corp"},
        ),
    ],
)
def test_a_body_names_its_cause_and_no_more(extractor, text, names):
    assert set(kinds(extractor, text)) == names


def test_a_bureau_with_a_list_in_its_name_is_one_actor(extractor):
    text = "The Ruritanian Bureau of Trade, Energy, and Labor condemned Acme Corp."
    names = kinds(extractor, text)
    assert names.get("Ruritanian Bureau of Trade, Energy, and Labor") == "GovernmentBody"
    assert not {"Energy", "Labor"} & set(names)


def test_a_firm_and_its_legal_form_after_a_comma_are_one_actor(extractor):
    text = "Prosecutors charged Lanmoor Integrated Circuit Co., Ltd. with stealing secrets."
    names = every_name(extractor, text)
    assert "Ltd." not in names
    assert any(n.startswith("Lanmoor Integrated Circuit Co.") for n in names)


def test_listed_bodies_of_one_state_are_each_an_actor(extractor):
    text = "Acme sent letters to the Norwegian interior and defence ministries last week."
    names = kinds(extractor, text)
    assert names.get("Norwegian interior ministry") == "GovernmentBody"
    assert names.get("Norwegian defence ministry") == "GovernmentBody"


def test_a_city_government_is_one_body_of_its_state(extractor):
    text = "Globex Inc is backed by the Lanmoor city government, filings show."
    assert kinds(extractor, text).get("Lanmoor city government") == "GovernmentBody"


# --- one actor per real-world entity ----------------------------------------------------


def test_an_acronym_in_parentheses_is_the_same_actor(extractor):
    text = (
        "The Ruritania Digital Rights Foundation (RDRF) criticized Globex Inc. "
        "RDRF said Globex Inc lied."
    )
    found = actors(extractor, text)
    assert "RDRF" in found["Ruritania Digital Rights Foundation"].aliases
    assert "RDRF" not in found


def test_a_former_name_is_the_same_actor(extractor):
    text = (
        "Acme Corp., formerly known as Globex Inc., said it would appeal. "
        "Globex Inc. had sold drones to Norway."
    )
    found = actors(extractor, text)
    assert "Globex Inc." in found["Acme Corp."].aliases
    assert "Globex Inc." not in found


def test_a_name_given_as_also_known_as_is_the_same_person(extractor):
    text = "Jan Novak (also known as Ivan Novy) was arrested by Norway. Novy denied the charges."
    people = [a for a in actors(extractor, text).values() if a.kind == "Person"]
    assert len(people) == 1
    assert "Ivan Novy" in people[0].aliases


def test_a_second_name_in_parentheses_is_the_same_person(extractor):
    text = "Prosecutors charged Zhang Wei (J.W. Zhang), a former employee of Acme Technology Inc."
    people = [a for a in actors(extractor, text).values() if a.kind == "Person"]
    assert [(p.name, p.aliases) for p in people] == [("Zhang Wei", ("J.W. Zhang",))]


def test_a_platform_a_statement_was_made_on_is_no_actor(extractor):
    text = "Acme Corp fired Jane Doe last week, Globex Inc said on Chirpbook."
    assert "Chirpbook" not in every_name(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Jon Smyth, Acme's chief, said the sale was legal. Jonathan Smythe later denied it.",
        "John A. Doe sued Globex Inc. John Doe said Globex Inc spied on him.",
    ],
)
def test_spellings_and_middle_initials_of_one_person_are_one_actor(extractor, text):
    people = [a for a in actors(extractor, text).values() if a.kind == "Person"]
    assert len(people) == 1, people


def test_different_people_with_a_shared_surname_stay_apart(extractor):
    text = "John Smith sued Globex Inc. Jane Smith, his sister, defended Globex Inc."
    people = {a.name for a in actors(extractor, text).values() if a.kind == "Person"}
    assert people == {"John Smith", "Jane Smith"}


def test_a_body_named_with_or_without_its_state_is_one_actor(extractor):
    text = (
        "Norway's Coastal Watch detained Jan Novak on Monday. The Norwegian Coastal Watch "
        "later released him, and the Coastal Watch said nothing more."
    )
    bodies = [a for a in actors(extractor, text).values() if "Coastal Watch" in a.name]
    assert len(bodies) == 1, bodies


def test_a_bare_body_noun_joins_the_body_it_ends(extractor):
    text = "Police in Westvale arrested Jan Novak on Monday.\n- Police said he was released."
    bodies = [a for a in actors(extractor, text).values() if a.kind == "GovernmentBody"]
    assert [(b.name, b.aliases) for b in bodies] == [("Westvale Police", ("Police",))]


def test_a_capital_where_something_is_stays_a_place(extractor):
    text = "Police in Norway detained activists who worked at its Oslo office."
    assert kinds(extractor, text).get("Oslo") == "Place"


# --- kinds: the gazetteer and head nouns outvote spaCy's label --------------------------


def test_a_firm_listed_among_firms_is_a_firm(extractor):
    text = (
        "Acme Corp, Globex Inc, Initech AG, Hooli Systems and Lockwood Martin supplied radar "
        "parts to the Norwegian army."
    )
    assert kinds(extractor, text).get("Lockwood Martin") == "Company"


def test_a_legal_form_makes_a_company(extractor):
    text = "Globex sold routers to Lanmoor Holdings S.p.A. and to Westvale Trading Pty Ltd."
    found = kinds(extractor, text)
    assert found.get("Lanmoor Holdings S.p.A.") == "Company"
    assert found.get("Westvale Trading Pty Ltd.") == "Company"


@pytest.mark.parametrize(
    ("text", "name"),
    [  # spaCy takes the legal form alone for the name, or for a person's
        ("Rosneft PJSC said it would comply with the sanctions.", "Rosneft PJSC"),
        ("Kestrel SA, the maker of the Falcon spyware, sold it to Ruritania.", "Kestrel SA"),
        ("The Treasury sanctioned Acme Trading FZE on Tuesday.", "Acme Trading FZE"),
    ],
)
def test_a_legal_form_spacy_took_alone_takes_its_name_back(extractor, text, name):
    found = kinds(extractor, text)
    assert found.get(name) == "Company"
    assert not {n for n in found if n.rstrip(".") in ("PJSC", "SA", "FZE")}


@pytest.mark.parametrize(
    "text",
    [  # spaCy runs the name into the sum after it ('Kestrel 2.4 billion')
        "The European Commission fined Kestrel 2.4 billion euros on Monday.",
        "A Ruritanian court fined Kestrel 7.2 billion roubles.",
    ],
)
def test_a_name_run_into_a_sum_is_still_an_actor(extractor, text):
    assert "Kestrel" in kinds(extractor, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [  # the end of a sentence cuts nothing off a name, nor leaves its full stop on one
        ("The phones were hacked, according to Citizen Lab.", "Citizen Lab"),
        ("The satellites were launched last year, according to SpaceX.", "SpaceX"),
        ("The contract went to Globex Holdings Inc.", "Globex Holdings Inc."),
    ],
)
def test_a_name_ending_a_sentence_is_whole(extractor, text, name):
    assert name in kinds(extractor, text)


@pytest.mark.parametrize(
    ("text", "state"),
    [  # a seat of government speaks for its state, as "the Kremlin" does
        ("The White House condemned the arrests on Monday.", "United States"),
        ("Downing Street said the sanctions would stay.", "United Kingdom"),
    ],
)
def test_a_seat_of_government_is_its_state(extractor, text, state):
    assert kinds(extractor, text) == {state: "Government"}


def test_a_name_handed_over_to_someone_is_a_product(extractor):
    text = "Acme Corp works with brokers to sell Falconer to governments in Africa."
    assert "Falconer" not in kinds(extractor, text)


def test_a_laws_number_makes_no_name_of_it(extractor):
    text = "Britain imposed the sanctions under Executive Order 13553 on Monday."
    assert set(kinds(extractor, text)) == {"United Kingdom"}


def test_a_firm_spacy_took_for_a_title_of_a_work_is_still_a_firm(extractor):
    text = "Margie Holdings Corp supplied Wide Metals Ltd with radar parts, officials said."
    assert kinds(extractor, text).get("Wide Metals Ltd") == "Company"


@pytest.mark.parametrize("name", ["Globex Trading", "Hua Shipping", "Vostok Petroleum"])
def test_a_trade_in_the_name_makes_it_a_firm(extractor, name):
    assert kinds(extractor, f"The Treasury sanctioned {name} on Monday.").get(name) == "Company"


@pytest.mark.parametrize(
    "name",
    [
        "Australian Strategic Policy Institute",  # a demonym to spaCy opens a known name
        "Tech Transparency Project",  # 'Tech' hangs on 'Transparency', not on 'Project'
    ],
)
def test_a_name_opening_a_sentence_is_read_whole(extractor, name):
    text = f"{name} criticized Siemens for selling cameras to the police."
    assert name in every_name(extractor, text)


def test_a_common_noun_the_parser_made_a_second_subject_still_gives_the_kind(extractor):
    text = "The regulator Zorvcom opened an investigation into Acme Holdings."
    assert kinds(extractor, text).get("Zorvcom") == "GovernmentBody"


def test_a_products_service_is_no_government_body(extractor):
    text = "Globex abused the company's iMessage service to deliver spyware."
    assert not any("iMessage" in n for n in every_name(extractor, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Access Now criticized Globex for shutting down the internet.", "Access Now"),
        ("Article 19 urged Globex to restore the service.", "Article 19"),
        ("Human Rights First criticized Globex.", "Human Rights First"),
    ],
)
def test_a_well_known_name_of_common_words_is_found_as_written(extractor, text, name):
    assert name in every_name(extractor, text)


def test_a_law_s_article_is_no_group_of_that_name(extractor):
    names = every_name(extractor, "Article 19 of the Covenant protects speech, Globex said.")
    assert "Article 19" not in names


def test_an_acronym_is_no_person(extractor):
    found = kinds(extractor, "ZRTV said Acme Corp had sold cameras to the Westvale police.")
    assert found.get("ZRTV", "Company") != "Person"


def test_the_noun_before_of_gives_a_name_its_kind(extractor):
    text = "The Lanmoor Government of Popular Accord (GPA) accused Acme Corp of fraud."
    found = actors(extractor, text)
    assert found["Lanmoor Government of Popular Accord"].kind == "Government"
    assert "GPA" in found["Lanmoor Government of Popular Accord"].aliases


def test_a_credit_agency_is_a_firm_and_a_rights_group_an_organization(extractor):
    text = (
        "Hackers breached credit agency Zorvex last year. Lanmoor Watchers, a human rights "
        "group, criticized Zorvex."
    )
    found = kinds(extractor, text)
    assert found.get("Zorvex") == "Company"
    assert found.get("Lanmoor Watchers") == "Organization"


def test_a_unit_named_after_a_state_body_is_a_state_body(extractor):
    text = (
        "The Ruritanian Security Service (RSS) runs the RSS Forensics Institute, which Acme "
        "Corp supplied."
    )
    found = actors(extractor, text)
    assert found["RSS Forensics Institute"].kind == "GovernmentBody"
    assert "RSS" in found["Ruritanian Security Service"].aliases


# --- the gazetteer ----------------------------------------------------------------------


def test_every_country_its_capital_and_demonym_are_known():
    lex = lexicon()
    for name, country in [
        ("Norway", "Norway"),
        ("Oslo", "Norway"),
        ("Norwegian", "Norway"),
        ("Kingdom of Norway", "Norway"),
        ("Peru", "Peru"),
        ("Republic of Peru", "Peru"),
    ]:
        known = lex.known_actor(name)
        assert known is not None and known.name == country, name
        assert known.kind == "Government"
    assert lex.known_actor("Greenland").kind == "Place"  # a territory, no state


def test_hand_typed_entries_are_merged_over_generated_countries():
    lex = lexicon()
    russia = lex.known_actor("Kremlin")
    assert russia.name == "Russia" and russia.wikidata == "Q159"
    assert lex.known_actor("Russian Federation") is russia
    assert lex.known_actor("U.S.").name == "United States"


@pytest.mark.parametrize("name", ["gazetteer.yaml", "countries.yaml", "companies.yaml"])
def test_every_gazetteer_entry_is_well_formed(name):
    """A comma in an unquoted flow entry would cut a name in two ('Foreign, Commonwealth')."""
    for entry in yaml.safe_load(resources.files("actorgraph.loaders").joinpath(name).read_text()):
        assert set(entry) <= {
            "name",
            "kind",
            "aliases",
            "capitals",
            "wikidata",
            "iso",
            "written",
        }, entry
        assert isinstance(entry["name"], str) and entry["kind"]
        names = [*entry.get("aliases", ()), *entry.get("capitals", ())]
        assert all(isinstance(a, str) for a in names)


def test_merging_keeps_the_hand_entry_first():
    hand = [{"name": "Ruritania", "kind": "Government", "aliases": ["Rury"], "wikidata": "Q1"}]
    generated = [
        {"name": "Ruritania", "kind": "Government", "capitals": ["Strelsau"], "aliases": ["R"]},
        {"name": "Lanmoor", "kind": "Place"},
    ]
    merged = _merged(hand, generated)
    assert merged[0] == {
        "name": "Ruritania",
        "kind": "Government",
        "aliases": ["Rury", "R"],
        "wikidata": "Q1",
        "capitals": ["Strelsau"],
    }
    assert merged[1]["name"] == "Lanmoor"


@pytest.mark.parametrize("name", ["countries.yaml", "legal_forms.yaml"])
def test_generated_data_names_its_source_and_licence(name):
    text = resources.files("actorgraph.loaders").joinpath(name).read_text("utf-8")
    header = text.split("\n- ", 1)[0]
    assert "GENERATED by loaders/compile_gazetteer.py" in header
    assert "MIT" in header
    assert yaml.safe_load(text)


def test_the_generator_keeps_english_names_and_drops_codes_and_native_spellings():
    spellings = ["NO", "NOR", "Norge", "Kingdom of Norway", "Kongeriket Norge", "Holland"]
    assert compile_.alternative_names(spellings, ["NO", "NOR"]) == ["Kingdom of Norway", "Holland"]
    assert compile_.demonyms("Antiguan,Barbudan") == ["Antiguan", "Barbudan"]


def test_the_generator_shares_no_demonym_and_makes_territories_places():
    geonames = {
        "RU": {"name": "Ruritania", "iso3": "RUR", "capital": "Strelsau"},
        "LM": {"name": "Lanmoor", "iso3": "LAN", "capital": "Lanton"},
        "GL": {"name": "Greenland", "iso3": "GRL", "capital": "Nuuk"},
    }
    info = {
        "RU": {"demonym": "Ruritanian", "altSpellings": ["RU", "Kingdom of Ruritania"]},
        "LM": {"demonym": "Ruritanian"},
        "GL": {"demonym": "Greenlandic"},
    }
    entries = {e["name"]: e for e in compile_.country_entries(geonames, info)}
    assert entries["Ruritania"]["aliases"] == ["Kingdom of Ruritania"]  # the demonym is shared
    assert entries["Ruritania"]["capitals"] == ["Strelsau"]
    assert entries["Greenland"]["kind"] == "Place"
    assert entries["Greenland"]["capitals"] == [] and entries["Greenland"]["aliases"] == []
    rendered = yaml.safe_load(compile_.render_countries(entries.values()))
    assert rendered[0]["iso"] in {"RU", "LM", "GL"}


def test_the_generator_keeps_legal_forms_that_are_no_words():
    forms = compile_.legal_forms(["GmbH", "S.p.A.", "as", "e.g.", "AG", "Pty Ltd", "Company"])
    assert forms == sorted(["ag", "gmbh", "pty ltd", "s.p.a", *compile_.ADDED_FORMS])


def test_a_body_noun_beside_a_name_describes_it_and_is_no_second_actor(extractor):
    extraction = extractor.extract(
        Article(text="The French regulator, CNIL, said it had fined Acme Corp.", title="t")
    )
    names = {a.name for a in extraction.actors}
    assert "CNIL" in names
    assert "French regulator" not in names
