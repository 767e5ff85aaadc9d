"""The relation model: fitted weights, probabilities, the file it ships as."""

from __future__ import annotations

import json

import pytest

from actorgraph.errors import ActorgraphError
from actorgraph.loaders.relation_model import MODEL_ENV, RelationModel, fit, shipped_model


def _examples() -> list[tuple[frozenset[str], int]]:
    """A feature that marks relations, one that marks non-relations, and noise."""
    related = [(frozenset({"verb-trigger", f"noise{i % 3}"}), 1) for i in range(30)]
    unrelated = [(frozenset({"far-apart", f"noise{i % 3}"}), 0) for i in range(60)]
    return related + unrelated


def test_a_fitted_model_tells_the_marked_proposals_apart():
    model = fit(_examples(), c=1.0)
    assert model.probability({"verb-trigger"}) > 0.8
    assert model.probability({"far-apart"}) < 0.2
    assert model.weights["verb-trigger"] > 0 > model.weights["far-apart"]


def test_unknown_features_weigh_nothing():
    model = RelationModel({"a": 2.0}, bias=-1.0)
    assert model.probability({"a", "never-seen"}) == pytest.approx(model.probability({"a"}))
    assert model.probability(set()) == pytest.approx(1 / (1 + 2.718281828**1.0), rel=1e-6)


def test_the_threshold_decides_acceptance():
    model = RelationModel({"a": 1.0}, bias=0.0, threshold=0.7)
    assert model.probability({"a"}) == pytest.approx(0.731, abs=1e-3)
    assert model.accepts({"a"})
    assert not model.accepts(set())


def test_the_model_file_round_trips_and_holds_only_numbers_and_feature_names(tmp_path):
    model = fit(_examples(), c=1.0)
    path = tmp_path / "model.json"
    model.save(path)
    again = RelationModel.from_json(json.loads(path.read_text("utf-8")))
    assert again == model
    raw = json.loads(path.read_text("utf-8"))
    assert set(raw) == {"about", "threshold", "bias", "weights"}
    assert all(isinstance(w, float) for w in raw["weights"].values())


def test_weights_too_small_to_matter_are_left_out():
    examples = [*_examples(), (frozenset({"once"}), 0)]
    model = fit(examples, c=0.01)  # strong regularisation: the rare feature stays near 0
    assert "once" not in model.weights


def test_training_needs_both_kinds_of_proposal():
    with pytest.raises(ValueError, match="both"):
        fit([(frozenset({"a"}), 1), (frozenset({"b"}), 1)])


def test_a_model_of_ones_own_is_named_in_the_environment(tmp_path, monkeypatch):
    own = RelationModel({"x": 1.5}, bias=-0.5, threshold=0.4)
    path = tmp_path / "mine.json"
    own.save(path)
    monkeypatch.setenv(MODEL_ENV, str(path))
    shipped_model.cache_clear()
    try:
        assert shipped_model() == own
        path.write_text("[1, 2]")
        shipped_model.cache_clear()
        with pytest.raises(ActorgraphError, match="is not a relation model"):
            shipped_model()
        monkeypatch.setenv(MODEL_ENV, str(tmp_path / "missing.json"))
        shipped_model.cache_clear()
        with pytest.raises(ActorgraphError, match="cannot read"):
            shipped_model()
    finally:
        monkeypatch.delenv(MODEL_ENV)
        shipped_model.cache_clear()


def test_the_probability_does_not_depend_on_the_order_of_the_features():
    weights = {f"f{i}": (-1) ** i * (0.1 + i / 7) for i in range(40)}
    model = RelationModel(weights, bias=0.3)
    names = list(weights)
    first = model.probability(names)
    assert all(model.probability(names[k:] + names[:k]) == first for k in range(40))
    assert model.probability(reversed(names)) == first
