"""Training the relation model on annotated articles, and `actorgraph eval` / `train`.

The annotated articles are the project's own (tests/fixtures/gold), written for these
tests in the evaluation set's format.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import ActorgraphError
from actorgraph.loaders import evaluation
from actorgraph.loaders.training import _best_threshold, label, read_annotated, read_folds, train

EVAL_FIXTURES = Path(__file__).parent / "eval_fixtures"
GOLD = EVAL_FIXTURES / "gold"
FOLDS = EVAL_FIXTURES / "folds.json"


@pytest.fixture(scope="module")
def items():
    return read_annotated(evaluation.load_gold(GOLD))


def _labelled(items, article: str) -> dict[tuple[str, str, str], int | None]:
    item = next(i for i in items if i.id == article)
    return {(p.subject.name, p.type, p.object.name): y for p, y in label(item)}


def test_a_proposal_the_annotation_states_in_that_sentence_is_a_relation(items):
    labelled = _labelled(items, "g-drones")
    assert labelled[("Skyward Dynamics", "SUPPLIED", "Russian army")] == 1
    assert labelled[("Maria Cantwell", "CRITICIZED", "Skyward Dynamics")] == 1


def test_a_proposal_the_annotation_does_not_state_is_not(items):
    labelled = _labelled(items, "g-drones")
    assert labelled[("Russian army", "SUPPLIED", "Skyward Dynamics")] == 0  # the wrong way


def test_an_optional_relation_teaches_nothing(items):
    labelled = _labelled(items, "g-cameras")
    banned = [y for (s, t, o), y in labelled.items() if t == "BANNED" and o == "Hikvision"]
    assert banned == [None]


def test_a_model_trained_on_annotated_articles_records_them(items):
    model = train(items)
    assert model.about["trained_on"] == ["g-cameras", "g-drones", "g-lawsuit"]
    assert 0.0 < model.threshold < 1.0
    assert model.weights


def test_the_cut_counts_what_patterns_read_as_kept_at_every_cut():
    # Six relations a pattern read score low but are kept anyway; the cut decides only the
    # others: from 0.4 to 0.6 one true and no false one, at 0.35 one more true and two
    # false. 0.45 is the lowest cut whose neighbours are as good as it.
    ruled = [(0.1, 1, True)] * 6
    others = [(0.6, 1, False), (0.35, 1, False), (0.35, 0, False), (0.35, 0, False)]
    assert _best_threshold(ruled + others) == pytest.approx(0.45)
    # Judged as if the cut dropped them, the low cut that keeps them looks best.
    assert _best_threshold([(p, y, False) for p, y, _ in ruled + others]) == pytest.approx(0.05)


def test_of_cuts_as_good_as_the_best_the_lowest_is_taken():
    # 201 true relations and one false one at 0.42: keeping it costs F1 0.0025, less than
    # the tolerance, so the lowest cut is as good as the cut above 0.42 that drops it.
    scored = [(0.9, 1, False)] * 200 + [(0.62, 1, False), (0.42, 0, False)]
    assert _best_threshold(scored) == pytest.approx(0.05)
    # Three more false ones there, and the difference is no longer chance.
    assert _best_threshold([*scored, *[(0.42, 0, False)] * 3]) == pytest.approx(0.45)


def test_a_cut_is_judged_with_its_neighbours():
    # At 0.45 alone the cut drops a false relation (0.42) and keeps a true one (0.47): the
    # best F1 of any single cut. Its neighbours keep the false one or drop the true one; the
    # cuts from 0.55 up, which drop both, are as good all together.
    scored = [(0.9, 1, False)] * 20 + [(0.42, 0, False), (0.47, 1, False), (0.52, 0, False)]
    assert _best_threshold(scored) == pytest.approx(0.6)


def test_folds_must_cover_every_article_once(tmp_path):
    ids = ["a", "b", "c"]
    path = tmp_path / "folds.json"
    path.write_text(json.dumps({"one": ["a", "b"], "two": ["c"], "about": "notes"}))
    assert read_folds(path, ids) == {"one": ["a", "b"], "two": ["c"]}
    for bad, message in [
        ({"one": ["a", "b", "c"]}, "at least two folds"),
        ({"one": ["a"], "two": ["b"]}, "exactly one fold"),
        ({"one": ["a", "b"], "two": ["c", "a"]}, "exactly one fold"),
        ({"one": ["a", "b"], "two": ["c", "zz"]}, "not in the gold folder: zz"),
    ]:
        path.write_text(json.dumps(bad))
        with pytest.raises(ActorgraphError, match=message):
            read_folds(path, ids)


def test_eval_scores_the_shipped_extractor_per_type_and_in_total():
    result = CliRunner().invoke(app, ["eval", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "TOTAL relations" in result.output
    assert "TOTAL actors" in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("SANCTIONED")]
    assert len(lines) == 1  # the per-type table


def test_eval_with_folds_prints_each_fold_and_the_pooled_figures():
    result = CliRunner().invoke(app, ["eval", str(GOLD), "--folds", str(FOLDS), "-v"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("a ") and "2 articles" in lines[0]
    assert lines[1].startswith("b ") and "1 articles" in lines[1]
    assert lines[2].startswith("pooled") and "3 articles" in lines[2]
    assert "relation FN" in result.output or "relation FP" in result.output


def test_eval_json_has_the_totals_and_each_fold():
    result = CliRunner().invoke(app, ["eval", str(GOLD), "--folds", str(FOLDS), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["folds"]) == {"a", "b"}
    assert report["articles"] == 3


def test_eval_of_a_folder_without_annotations_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_train_writes_a_model_the_extractor_can_use(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    out = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["train", str(gold), "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = json.loads(Path(out).read_text("utf-8"))
    assert raw["about"]["trained_on"] == ["g-cameras", "g-drones", "g-lawsuit"]
    assert "trained on 3 articles" in result.output
