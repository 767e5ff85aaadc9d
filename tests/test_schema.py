"""The vocabulary is RELATIONS.md as data, and records refuse what it does not declare."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from actorgraph.errors import VocabularyError
from actorgraph.schema import Actor, Claim, Evidence, Extraction, actor_id, name_key, vocabulary
from actorgraph.schema.records import Article, content_id
from actorgraph.schema.vocabulary import parse_vocabulary

KINDS = [
    "Person",
    "Company",
    "Government",
    "GovernmentBody",
    "Organization",
    "Media",
    "Group",
    "Place",
]
RELATIONS = [
    "SUPPLIED", "STOPPED_SUPPLYING", "CRITICIZED", "BANNED", "SANCTIONED", "INVESTIGATED",
    "SUED", "DETAINED", "REPRESSED", "COLLABORATED_WITH", "REQUESTED", "SUPPORTED", "FUNDED",
    "OWNS", "MEMBER_OF", "OPERATES_IN", "LOCATED_IN",
]  # fmt: skip


def test_vocabulary_declares_the_eight_kinds_and_seventeen_relations():
    vocab = vocabulary()
    assert list(vocab.kinds) == KINDS
    assert list(vocab.relations) == RELATIONS
    assert list(vocab.modalities) == ["asserted", "hedged", "negated"]


def test_only_collaboration_is_symmetric_and_locations_take_places():
    vocab = vocabulary()
    assert [r.name for r in vocab.relations.values() if r.symmetric] == ["COLLABORATED_WITH"]
    assert vocab.relation("LOCATED_IN").object_kinds == ("Place",)
    assert vocab.relation("MEMBER_OF").rdf_local_name == "memberOf"


def test_stances_on_an_act_are_declared_for_criticism_and_inquiry_only():
    # the extractor reads "criticized Acme's decision" as criticizing Acme from this flag
    stances = [r.name for r in vocabulary().relations.values() if r.triggers.stance]
    assert stances == ["CRITICIZED", "INVESTIGATED"]
    assert vocabulary().stances == frozenset(stances)  # the set the extractor reads


def test_the_vocabulary_derives_its_symmetric_and_owning_relations():
    assert vocabulary().symmetric == {"COLLABORATED_WITH"}
    assert vocabulary().owning == {"OWNS"}


def test_every_relation_has_triggers_and_a_description():
    for rel in vocabulary().relations.values():
        assert rel.description and rel.label and rel.reverse
        assert rel.triggers.verbs or rel.triggers.nouns or rel.triggers.frames, rel.name


def test_unknown_kind_is_an_error_listing_the_valid_ones():
    with pytest.raises(VocabularyError) as error:
        Actor("Acme", "Corporation")
    assert "unknown actor kind 'Corporation'" in str(error.value)
    assert "Company" in str(error.value) and "Place" in str(error.value)


def test_unknown_relation_type_and_modality_are_errors():
    evidence = Evidence("A sold to B.", 0, 12)
    with pytest.raises(VocabularyError, match=r"unknown relation type 'SOLD'.*SUPPLIED"):
        Claim("SOLD", "a", "b", evidence)
    with pytest.raises(VocabularyError, match="unknown modality 'maybe'"):
        Claim("SUPPLIED", "a", "b", evidence, modality="maybe")


def test_actor_ids_are_stable_across_spellings_of_one_name():
    assert actor_id("Thermo Fisher Scientific Inc.") == "thermo-fisher-scientific"
    assert actor_id("The Thermo Fisher Scientific") == "thermo-fisher-scientific"
    assert Actor("Thermo Fisher Scientific Inc.", "Company").id == "thermo-fisher-scientific"
    # the kind is a property, not part of the id: a country acting or sitting is one id
    assert Actor("China", "Government").id == Actor("China", "Place").id == "china"
    assert name_key("Rubio\u2019s") == "rubio"


def test_article_id_is_a_hash_of_its_text():
    a = Article(text="Same text.\n", title="One")
    b = Article(text="Same text.", title="Another title")
    assert a.id == b.id == content_id("Same text.")
    assert Article(text="Other text.", title="One").id != a.id


def test_extraction_refuses_a_claim_about_an_actor_it_does_not_hold():
    article = Article(text="A sold to B.", title="t")
    seller = Actor("A Corp", "Company")
    with pytest.raises(ValueError, match="not in the extraction"):
        Extraction(
            article, (seller,), (Claim("SUPPLIED", seller.id, "nobody", Evidence("x", 0, 1)),)
        )


def test_extraction_json_follows_the_output_contract():
    article = Article(text="Acme sold radios to Ruritania police.", title="t", source="a/b.txt")
    acme, police = Actor("Acme", "Company"), Actor("Ruritania police", "GovernmentBody")
    claim = Claim("SUPPLIED", acme.id, police.id, Evidence(article.text, 0, 37), confidence=0.8)
    out = Extraction(article, (acme, police), (claim,)).to_json()
    assert out["source"] == "a/b.txt" and out["id"] == article.id
    assert out["actors"][0] == {"id": acme.id, "name": "Acme", "kind": "Company", "aliases": []}
    assert out["relations"] == [
        {
            "subject": acme.id,
            "type": "SUPPLIED",
            "object": police.id,
            "modality": "asserted",
            "confidence": 0.8,
            "evidence": {"sentence": article.text, "start": 0, "end": 37},
        }
    ]


def test_a_bare_yaml_boolean_as_a_trigger_slot_is_refused():
    """YAML reads a bare `on` as True: the loader must say so, not drop the slot silently."""
    text = resources.files("actorgraph.schema").joinpath("vocabulary.yaml").read_text("utf-8")
    spec = yaml.safe_load(text)
    spec["relations"]["SANCTIONED"]["triggers"]["nouns"]["sanction"] = yaml.safe_load("[on]")
    with pytest.raises(VocabularyError, match="quote it"):
        parse_vocabulary(spec)
    shipped = {
        s for r in vocabulary().relations.values() for v in r.triggers.nouns.values() for s in v
    }
    assert "on" in shipped
