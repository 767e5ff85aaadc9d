"""The extraction scorer: gold articles against `actorgraph extract` output, by the rules
of the evaluation set's reference scorer, and with the same numbers as it.

The gold and output articles here are invented for these tests (made-up companies,
agencies and places), small enough to count every true and false positive by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from actorgraph.errors import ActorgraphError, InputError
from actorgraph.loaders.evaluation import (
    NO_SYSTEM_OUTPUT,
    Accuracy,
    Counts,
    Report,
    format_report,
    load_gold,
    load_system,
    match_key,
    report_json,
    score,
)

REFERENCE_SCORER = Path(__file__).resolve().parents[1].parent / "shared/eval/score.py"

# --- fixtures: three invented articles -------------------------------------------------


def gold_actor(name: str, kind: str | list[str], *aliases: str, required: bool = True) -> dict:
    return {"name": name, "kind": kind, "aliases": list(aliases), "required": required}


def gold_relation(
    subject: str,
    rel_type: str,
    obj: str,
    modality: str = "asserted",
    *,
    required: bool = True,
    evidence: str | None = None,
) -> dict:
    rel = {"subject": subject, "type": rel_type, "object": obj, "modality": modality}
    rel["required"] = required
    if evidence:
        rel["evidence"] = evidence
    return rel


DRONES = "norvane-drones"
DRONES_TEXT = (
    "Norvane Robotics sells drones to Valdoria's border police\n"
    "By A. Writer, 3 March 2024\n"
    "Norvane Robotics Inc. supplied surveillance drones to the Valdorian Border Police, "
    "according to Kestrel Watch. Kestrel Watch criticized the sale. Norvane worked with "
    "Ostrava Optics on the cameras. The Valdorian government may sanction the firm, "
    "officials said. Local residents were not consulted."
)
ROUTERS = "meridia-routers"
ROUTERS_TEXT = (
    "Meridia Telecom halts router sales to Tarsk\n"
    "The Tarsk Ministry of Justice detained two engineers of Meridia Telecom on Monday. "
    "Meridia stopped supplying routers to Tarsk. The Free Press Union did not criticize "
    "the ministry."
)
BANK = "pell-bank"
BANK_TEXT = "Pell Island Bank funded Corvo Mining's new pit."


def drones_gold() -> dict:
    return {
        "id": DRONES,
        "title": "Norvane Robotics sells drones to Valdoria's border police",
        "text": DRONES_TEXT,
        "actors": [
            gold_actor("Norvane Robotics", "Company", "Norvane", "Norvane Robotics Inc."),
            gold_actor("Valdorian Border Police", "GovernmentBody", "border police"),
            gold_actor("Kestrel Watch", "Organization"),
            gold_actor("Ostrava Optics", "Company"),
            gold_actor("Valdoria", ["Government", "Place"], "Valdorian government"),
            gold_actor("local residents", "Group", required=False),
        ],
        "relations": [
            gold_relation(
                "Norvane Robotics",
                "SUPPLIED",
                "Valdorian Border Police",
                evidence="Norvane Robotics Inc. supplied surveillance drones",
            ),
            gold_relation("Kestrel Watch", "CRITICIZED", "Norvane Robotics"),
            gold_relation("Norvane Robotics", "COLLABORATED_WITH", "Ostrava Optics"),
            gold_relation("Valdoria", "SANCTIONED", "Norvane Robotics", "hedged"),
            gold_relation("Valdorian Border Police", "OPERATES_IN", "Valdoria", required=False),
        ],
    }


def routers_gold() -> dict:
    return {
        "id": ROUTERS,
        "text": ROUTERS_TEXT,
        "actors": [
            gold_actor("Meridia Telecom", "Company", "Meridia"),
            gold_actor("Tarsk Ministry of Justice", "GovernmentBody", "the ministry"),
            gold_actor("Tarsk", ["Government", "Place"]),
            gold_actor("engineers of Meridia Telecom", "Group", required=False),
            gold_actor("Free Press Union", "Organization"),
        ],
        "relations": [
            gold_relation(
                "Tarsk Ministry of Justice",
                "DETAINED",
                "engineers of Meridia Telecom",
                required=False,
            ),
            gold_relation("Meridia Telecom", "STOPPED_SUPPLYING", "Tarsk"),
            gold_relation(
                "Free Press Union",
                "CRITICIZED",
                "Tarsk Ministry of Justice",
                "negated",
                evidence="did not criticize",
            ),
            gold_relation("Tarsk Ministry of Justice", "MEMBER_OF", "Tarsk"),
        ],
    }


def bank_gold() -> dict:
    return {
        "id": BANK,
        "text": BANK_TEXT,
        "actors": [
            gold_actor("Pell Island Bank", "Company"),
            gold_actor("Corvo Mining", "Company"),
        ],
        "relations": [gold_relation("Pell Island Bank", "FUNDED", "Corvo Mining")],
    }


def actor(actor_id: str, name: str, kind: str, *aliases: str) -> dict:
    return {"id": actor_id, "name": name, "kind": kind, "aliases": list(aliases)}


def relation(subject: str, rel_type: str, obj: str, modality: str = "asserted") -> dict:
    return {"subject": subject, "type": rel_type, "object": obj, "modality": modality}


def output(article_id: str, actors: list[dict], relations: Iterable[dict] = ()) -> dict:
    """An output article as `actorgraph extract` writes it (its id is a content hash)."""
    article = {"source": f"corpus/{article_id}.txt", "id": "c0ffee" + article_id[:4]}
    return {**article, "actors": actors, "relations": list(relations)}


def drones_output(*relations: dict, **kinds: str) -> dict:
    """Every required actor of the drones article found once, under its gold name."""
    actors = [
        actor("n", "Norvane Robotics", "Company"),
        actor("p", "Valdorian Border Police", "GovernmentBody"),
        actor("k", "Kestrel Watch", "Organization"),
        actor("o", "Ostrava Optics", "Company"),
        actor("v", "Valdoria", kinds.get("valdoria", "Government")),
    ]
    return output(DRONES, actors, relations)


DRONES_RELATION_NAMES = (
    "'Norvane Robotics' SUPPLIED 'Valdorian Border Police'",
    "'Kestrel Watch' CRITICIZED 'Norvane Robotics'",
    "'Norvane Robotics' COLLABORATED_WITH 'Ostrava Optics'",
    "'Valdoria' SANCTIONED 'Norvane Robotics'",
)


def score_one(gold: dict, out: dict | None) -> Report:
    return score({gold["id"]: gold}, [out] if out else [])


# --- names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Norvane Robotics, Inc.", "norvane robotics"),
        ("Kestrel Watch’s", "kestrel watch"),
        ("Kestrel Watch's", "kestrel watch"),
        ("U.S. Department of Trade", "us department of trade"),
        ("Ostrava Optics Co. Ltd", "ostrava optics"),
        ("Ｏｓｔｒａｖａ　Optics", "ostrava optics"),  # full-width letters and space (NFKC)
        ("Ostrava-Optics", "ostrava optics"),
        ("Co.", "co"),  # a suffix alone is still a name
        ("The Theatre Group", "theatre group"),
    ],
)
def test_match_key_ignores_case_punctuation_the_possessive_and_company_suffixes(name, key):
    assert match_key(name) == key


# --- actors ----------------------------------------------------------------------------


def test_an_actor_matches_by_its_name_and_else_by_an_alias():
    out = output(
        DRONES,
        [
            actor("k", "Kestrel Watch", "Organization"),
            actor("p", "Valdoria Frontier Service", "GovernmentBody", "border police"),
        ],
    )
    report = score_one(drones_gold(), out)
    assert report.total.actors == Counts(tp=2, fp=0, fn=3)
    assert report.articles[0].misses[:3] == (
        "actor FN: 'Norvane Robotics'",
        "actor FN: 'Ostrava Optics'",
        "actor FN: 'Valdoria'",
    )


def test_names_match_after_normalisation():
    out = output(
        DRONES,
        [
            actor("n", "The Norvane Robotics Inc", "Company"),
            actor("p", "the Valdorian Border Police", "GovernmentBody"),
            actor("k", "Kestrel Watch’s", "Organization"),
            actor("o", "Ostrava Optics Ltd.", "Company"),
            actor("v", "VALDORIA", "Government"),
        ],
    )
    assert score_one(drones_gold(), out).total.actors == Counts(tp=5, fp=0, fn=0)


def test_aliases_that_name_two_gold_actors_match_neither():
    venture = actor("x", "Norvane-Ostrava venture", "Company", "Norvane", "Ostrava Optics")
    out = output(DRONES, [venture])
    report = score_one(drones_gold(), out)
    assert report.total.actors == Counts(tp=0, fp=1, fn=5)
    assert "actor FP (no gold): 'Norvane-Ostrava venture'" in report.articles[0].misses


def test_the_name_decides_before_the_aliases():
    out = output(DRONES, [actor("n", "Norvane", "Company", "Ostrava Optics")])
    assert score_one(drones_gold(), out).total.actors == Counts(tp=1, fp=0, fn=4)


def test_a_second_output_actor_for_one_gold_actor_is_a_false_positive():
    out = drones_output()
    out["actors"].append(actor("n2", "Norvane", "Company"))
    report = score_one(drones_gold(), out)
    assert report.total.actors == Counts(tp=5, fp=1, fn=0)
    assert report.articles[0].misses == (
        "actor FP (duplicate of 'Norvane Robotics'): 'Norvane'",
        *(f"relation FN: {r}" for r in DRONES_RELATION_NAMES),
    )


def test_optional_actors_and_relations_are_neither_rewarded_nor_penalised():
    found = drones_output(relation("p", "OPERATES_IN", "v"))
    # two output actors for one optional gold actor: not even the second one counts
    found["actors"] += [
        actor("r", "Local residents", "Group"),
        actor("r2", "the local residents", "Group"),
    ]
    missed = drones_output()
    for out in (found, missed):
        total = score_one(drones_gold(), out).total
        assert total.actors == Counts(tp=5, fp=0, fn=0)
        assert total.relations == Counts(tp=0, fp=0, fn=4)
        assert total.pairs == Counts(tp=0, fp=0, fn=4)


def test_kind_may_be_one_of_a_list_and_is_scored_on_matched_actors():
    as_place = score_one(drones_gold(), drones_output(valdoria="Place"))
    as_company = score_one(drones_gold(), drones_output(valdoria="Company"))
    assert as_place.total.kinds == Accuracy(ok=5, n=5)
    assert as_company.total.kinds == Accuracy(ok=4, n=5)
    assert "kind wrong: 'Valdoria' Company vs ['Government', 'Place']" in (
        as_company.articles[0].misses
    )


# --- relations -------------------------------------------------------------------------


def test_collaborated_with_matches_either_way_and_counts_once():
    reversed_only = score_one(drones_gold(), drones_output(relation("o", "COLLABORATED_WITH", "n")))
    both_ways = score_one(
        drones_gold(),
        drones_output(
            relation("n", "COLLABORATED_WITH", "o"), relation("o", "COLLABORATED_WITH", "n")
        ),
    )
    for report in (reversed_only, both_ways):
        assert report.total.relations == Counts(tp=1, fp=0, fn=3)
        assert report.total.pairs == Counts(tp=1, fp=0, fn=3)


def test_a_directed_relation_the_wrong_way_is_wrong_but_its_pair_is_right():
    report = score_one(drones_gold(), drones_output(relation("p", "SUPPLIED", "n")))
    assert report.total.relations == Counts(tp=0, fp=1, fn=4)
    assert report.total.pairs == Counts(tp=1, fp=0, fn=3)
    assert "relation FP: 'Valdorian Border Police' SUPPLIED 'Norvane Robotics'" in (
        report.articles[0].misses
    )


def test_a_relation_counts_once_per_subject_type_and_object():
    out = drones_output(
        relation("n", "SUPPLIED", "p"),
        relation("n", "supplied", "p"),  # the type is compared in upper case
        relation("k", "SUED", "o"),
        relation("k", "SUED", "o"),
    )
    total = score_one(drones_gold(), out).total
    assert total.relations == Counts(tp=1, fp=1, fn=3)
    assert total.by_type == {"SUPPLIED": Counts(tp=1), "SUED": Counts(fp=1)} | {
        t: Counts(fn=1) for t in ("CRITICIZED", "COLLABORATED_WITH", "SANCTIONED")
    }


def test_untyped_pairs_count_the_right_ends_whatever_the_type():
    out = drones_output(
        relation("n", "SUED", "k"),  # right ends (Kestrel criticized Norvane), wrong type
        relation("k", "CRITICIZED", "o"),  # no gold relation between these two
    )
    out["actors"].append(actor("x", "Unknown Holdings", "Company"))
    out["relations"].append(relation("x", "OWNS", "n"))  # an end that is no gold actor
    report = score_one(drones_gold(), out)
    assert report.total.pairs == Counts(tp=1, fp=2, fn=3)
    assert report.total.relations == Counts(tp=0, fp=3, fn=4)
    assert "relation FP (end not in gold): 'Unknown Holdings' OWNS 'Norvane Robotics'" in (
        report.articles[0].misses
    )


def test_modality_accuracy_is_over_matched_relations():
    out = drones_output(
        relation("n", "SUPPLIED", "p"),  # asserted, as in gold
        relation("v", "SANCTIONED", "n", "asserted"),  # gold says hedged
        relation("k", "SUED", "n", "negated"),  # not matched: no say in modality
    )
    del out["relations"][0]["modality"]  # no modality reads as asserted
    report = score_one(drones_gold(), out)
    assert report.total.modality == Accuracy(ok=1, n=2)
    assert report.total.modality.value == 0.5
    assert score_one(drones_gold(), drones_output()).total.modality.value is None


def test_counts_per_relation_type_add_up_to_the_total():
    gold = {DRONES: drones_gold(), ROUTERS: routers_gold()}
    system = [
        drones_output(relation("n", "SUPPLIED", "p"), relation("k", "CRITICIZED", "o")),
        output(
            ROUTERS,
            [
                actor("m", "Meridia", "Company"),
                actor("j", "Tarsk Ministry of Justice", "GovernmentBody"),
                actor("f", "Free Press Union", "Organization"),
            ],
            [relation("f", "CRITICIZED", "j", "negated")],
        ),
    ]
    report = score(gold, system)
    assert dict(report.total.by_type) == {
        "SUPPLIED": Counts(tp=1, fp=0, fn=0),
        "CRITICIZED": Counts(tp=1, fp=1, fn=1),
        "COLLABORATED_WITH": Counts(fn=1),
        "SANCTIONED": Counts(fn=1),
        "STOPPED_SUPPLYING": Counts(fn=1),
        "MEMBER_OF": Counts(fn=1),
    }
    assert sum(report.total.by_type.values(), Counts()) == report.total.relations
    assert report.total.relations == Counts(tp=2, fp=1, fn=5)
    assert report.total.relations.precision == 2 / 3
    assert report.total.relations.recall == 2 / 7
    assert report.total.relations.f1 == pytest.approx(0.4)


# --- articles and reports --------------------------------------------------------------


def test_a_gold_article_without_output_is_all_misses():
    gold = {DRONES: drones_gold(), BANK: bank_gold()}
    report = score(gold, [drones_output()])
    bank = report.articles[1]
    assert bank.id == BANK
    assert bank.scores.actors == Counts(tp=0, fp=0, fn=2)
    assert bank.scores.relations == Counts(tp=0, fp=0, fn=1)
    assert bank.scores.pairs == Counts(tp=0, fp=0, fn=1)
    assert bank.misses == (
        NO_SYSTEM_OUTPUT,
        "actor FN: 'Pell Island Bank'",
        "actor FN: 'Corvo Mining'",
        "relation FN: 'Pell Island Bank' FUNDED 'Corvo Mining'",
    )
    assert report.total.actors == Counts(tp=5, fp=0, fn=2)


def test_an_output_article_is_found_by_its_source_stem_else_by_its_id():
    by_stem = drones_output()
    by_id = {**drones_output(), "source": "<stdin>", "id": DRONES}
    stranger = {**drones_output(), "source": "corpus/other.txt"}
    for out in (by_stem, by_id):
        assert score_one(drones_gold(), out).total.actors == Counts(tp=5)
    report = score_one(drones_gold(), stranger)
    assert report.total.actors == Counts(fn=5)
    assert report.unmatched == ("corpus/other.txt",)
    assert "1 output articles match no gold article: corpus/other.txt" in format_report(report)


def test_reports_of_two_folds_pool_into_the_report_of_both():
    gold = {DRONES: drones_gold(), ROUTERS: routers_gold()}
    drones = drones_output(relation("n", "SUPPLIED", "p"), relation("o", "OWNS", "n"))
    routers = output(ROUTERS, [actor("m", "Meridia Telecom", "Place")])
    fold_one = score({DRONES: gold[DRONES]}, [drones])
    fold_two = score({ROUTERS: gold[ROUTERS]}, [routers])
    both = score(gold, [drones, routers])
    assert fold_one.merge(fold_two) == both
    assert fold_one + fold_two == both
    assert sum([fold_one, fold_two], Report()) == both
    assert both.total.actors == Counts(tp=6, fp=0, fn=3)
    assert both.total.kinds == Accuracy(ok=5, n=6)
    assert both.total.by_type["OWNS"] == Counts(fp=1)
    with pytest.raises(ActorgraphError, match="'norvane-drones' is in both"):
        fold_one + both


def test_format_report_prints_types_and_totals_and_the_misses_when_verbose():
    report = score({DRONES: drones_gold(), BANK: bank_gold()}, [drones_output()])
    table = format_report(report, per_article=True, verbose=False).splitlines()
    assert table[1] == f"{DRONES:44} 1.00/1.00/1.00     0.00/0.00/0.00   0.00"
    assert table[2] == f"{BANK:44} 0.00/0.00/0.00     0.00/0.00/0.00   0.00"
    assert "FUNDED                 0.00   0.00   0.00    0    0    1" in table
    assert table[-3:] == [
        "TOTAL actors    P=1.000 R=0.714 F1=0.833 (tp 5 fp 0 fn 2) kind acc=1.0",
        "TOTAL untyped   P=0.000 R=0.000 F1=0.000",
        "TOTAL relations P=0.000 R=0.000 F1=0.000 (tp 0 fp 0 fn 5) modality acc=n/a",
    ]
    brief = format_report(report, per_article=False, verbose=False)
    assert DRONES not in brief
    assert "actor FN" not in brief
    verbose = format_report(report, per_article=False, verbose=True).splitlines()
    at = verbose.index(BANK)
    assert verbose[at + 1 : at + 3] == [f"  {NO_SYSTEM_OUTPUT}", "  actor FN: 'Pell Island Bank'"]


def test_report_json_gives_figures_counts_and_misses():
    report = score({DRONES: drones_gold(), BANK: bank_gold()}, [drones_output()])
    data = report_json(report)
    json.dumps(data)  # plain data
    assert data["articles"] == 2
    assert data["total"]["actors"] == {"p": 1.0, "r": 0.714, "f1": 0.833, "tp": 5, "fp": 0, "fn": 2}
    assert data["total"]["kinds"] == {"accuracy": 1.0, "ok": 5, "n": 5}
    assert data["total"]["modality"] == {"accuracy": None, "ok": 0, "n": 0}
    assert data["per_article"][BANK]["by_type"]["FUNDED"]["fn"] == 1
    assert data["misses"][BANK][0] == NO_SYSTEM_OUTPUT
    assert data["unmatched"] == []


# --- gold files ------------------------------------------------------------------------


def write_gold(folder: Path, *articles: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article['id']}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


def test_load_gold_reads_every_article_by_id(tmp_path):
    gold = load_gold(write_gold(tmp_path / "gold", drones_gold(), routers_gold()))
    assert list(gold) == [ROUTERS, DRONES]
    assert gold[DRONES] == drones_gold()


def _broken(change) -> dict:
    article = drones_gold()
    change(article)
    return article


BROKEN_GOLD = {
    "missing key": (lambda a: a.pop("relations"), "missing relations"),
    "relation end": (
        lambda a: a["relations"][0].update(object="Nobody"),
        "relation end 'Nobody' is not an actor",
    ),
    "unknown type": (
        lambda a: a["relations"][0].update(type="PRAISED"),
        "unknown relation type 'PRAISED'",
    ),
    "unknown modality": (
        lambda a: a["relations"][0].update(modality="maybe"),
        "unknown modality 'maybe'",
    ),
    "unknown kind": (lambda a: a["actors"][2].update(kind="Alien"), "unknown kind 'Alien'"),
    "evidence": (
        lambda a: a["relations"][0].update(evidence="sold tanks"),
        "evidence not in text: 'sold tanks'",
    ),
    "one name, two actors": (
        lambda a: a["actors"][3]["aliases"].append("Norvane"),
        "'Norvane' names both 'Norvane Robotics' and 'Ostrava Optics'",
    ),
    "optional end": (
        lambda a: a["relations"].append(
            gold_relation("Valdorian Border Police", "REPRESSED", "local residents")
        ),
        "required relation has optional end 'local residents'",
    ),
    "actor shape": (lambda a: a["actors"][0].pop("kind"), "actor 1 needs a name and a kind"),
}


@pytest.mark.parametrize("case", BROKEN_GOLD)
def test_load_gold_names_the_file_and_the_problem_in_one_line(tmp_path, case):
    change, message = BROKEN_GOLD[case]
    folder = write_gold(tmp_path / "gold", routers_gold(), _broken(change))
    with pytest.raises(InputError) as caught:
        load_gold(folder)
    text = str(caught.value)
    assert text.startswith(str(folder / f"{DRONES}.json") + ": ")
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "bad.json: not valid JSON"),
        ("[1, 2]", "bad.json: not a JSON object"),
        (b"\xff\xfe{}", "bad.json: cannot read the gold file"),
    ],
)
def test_load_gold_refuses_a_file_that_is_not_a_gold_article(tmp_path, content, message):
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gold(tmp_path)


def test_load_gold_refuses_an_empty_or_missing_folder_and_a_repeated_id(tmp_path):
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    with pytest.raises(InputError, match=r"no gold articles \(\*\.json\)"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="not a folder"):
        load_gold(tmp_path / "missing")
    folder = write_gold(tmp_path / "gold", drones_gold())
    (folder / "zz-copy.json").write_text(json.dumps(drones_gold()), encoding="utf-8")
    with pytest.raises(InputError, match=f"zz-copy.json: id '{DRONES}' is also the id of"):
        load_gold(folder)


def test_load_system_reads_json_lines_and_names_a_bad_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(drones_output()) + "\n\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"out.jsonl:3: not valid JSON"):
        load_system(path)
    path.write_text(json.dumps(drones_output()) + "\n", encoding="utf-8")
    assert load_system(path) == [drones_output()]


# --- the reference scorer --------------------------------------------------------------


def mixed_output() -> list[dict]:
    """Output that exercises every rule at once, for the comparison with score.py."""
    drones = drones_output(
        relation("o", "COLLABORATED_WITH", "n"),
        relation("n", "COLLABORATED_WITH", "o"),
        relation("n", "SUPPLIED", "p", "hedged"),
        relation("v", "SANCTIONED", "n", "hedged"),
        relation("p", "OPERATES_IN", "v"),
        relation("p", "SUPPLIED", "n"),
        relation("k", "criticized", "o"),
        relation("x", "OWNS", "n"),
        relation("y", "OWNS", "n"),
        valdoria="Place",
    )
    drones["actors"] += [
        actor("n2", "Norvane", "Organization"),
        actor("x", "Norvane-Ostrava venture", "Company", "Norvane", "Ostrava Optics"),
        actor("y", "Unknown Holdings", "Company"),
        actor("r", "Local Residents", "Group"),
    ]
    routers = output(
        ROUTERS,
        [
            actor("m", "Meridia Telecom Ltd.", "Company"),
            actor("j", "The Tarsk Ministry of Justice", "Government", "the ministry"),
            actor("t", "Tarsk", "Place"),
            actor("e", "engineers", "Group", "engineers of Meridia Telecom"),
            actor("f", "Free Press Union’s", "Organization"),
        ],
        [
            relation("j", "DETAINED", "e"),
            relation("m", "STOPPED_SUPPLYING", "t"),
            relation("f", "CRITICIZED", "j", "asserted"),
            relation("j", "OPERATES_IN", "t"),
        ],
    )
    return [drones, routers]  # the bank article has no output


def test_the_numbers_are_the_reference_scorers(tmp_path):
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"the reference scorer is not here: {REFERENCE_SCORER}")
    folder = write_gold(tmp_path / "gold", drones_gold(), routers_gold(), bank_gold())
    system_path = tmp_path / "system.jsonl"
    system_path.write_text("".join(json.dumps(a) + "\n" for a in mixed_output()), "utf-8")
    run = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), str(folder), str(system_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(run.stdout)
    ours = report_json(score(load_gold(folder), load_system(system_path)))

    def as_reference(scores: dict) -> dict:
        return {
            "ent": scores["actors"],
            "rel": scores["relations"],
            "pair": scores["pairs"],
            "kind_acc": scores["kinds"]["accuracy"],
            "modality_acc": scores["modality"]["accuracy"],
            "by_type": scores["by_type"],
        }

    assert ours["articles"] == theirs["articles"] == 3
    assert as_reference(ours["total"]) == theirs["total"]
    assert {k: as_reference(v) for k, v in ours["per_article"].items()} == theirs["per_article"]
    # the fixture really exercises the rules: something right and wrong in each measure
    total = theirs["total"]
    assert all(total[m]["tp"] and total[m]["fp"] and total[m]["fn"] for m in ("ent", "rel"))
    assert 0 < total["kind_acc"] < 1
    assert 0 < total["modality_acc"] < 1
