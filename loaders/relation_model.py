"""The learned scorer of candidate relations: a regularised logistic regression.

Rules cannot decide which of the pairs a trigger links are really related, nor in
which direction; a linear model over the proposals' features (pairs.py) learns that
from annotated articles. It is trained by `make train` (scikit-learn, only then)
and shipped as weights in a JSON file: feature names and numbers, never texts.
Scoring is a sum of weights, in plain Python.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from actorgraph.errors import ActorgraphError

MODEL_FILE = "relation_model.json"
# Weights smaller than this change no decision; leaving them out keeps the file small.
_PRUNE = 0.01


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Feature weights, a bias and the probability a proposal needs to become a claim."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    about: dict[str, Any] = field(default_factory=dict)  # how it was trained and scored

    def probability(self, features: Iterable[str]) -> float:
        """The model's probability that a proposal is a relation the text states."""
        # fsum is exact whatever the order: a set's order differs between processes, and
        # a plain sum with it, so two workers could give one claim two confidences
        z = math.fsum([self.bias, *(self.weights.get(f, 0.0) for f in features)])
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def accepts(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": dict(sorted(self.weights.items())),
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=0, ensure_ascii=False) + "\n", "utf-8")

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> RelationModel:
        return cls(
            weights={str(k): float(v) for k, v in raw["weights"].items()},
            bias=float(raw["bias"]),
            threshold=float(raw["threshold"]),
            about=dict(raw.get("about", {})),
        )


# A model of the user's own (`actorgraph train`) to extract with instead of the shipped one.
MODEL_ENV = "ACTORGRAPH_RELATION_MODEL"


def _read(text: str, where: str) -> RelationModel:
    try:
        return RelationModel.from_json(json.loads(text))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        raise ActorgraphError(
            f"{where} is not a relation model (make one with `actorgraph train`)"
        ) from None


@cache
def shipped_model() -> RelationModel | None:
    """The model named by $ACTORGRAPH_RELATION_MODEL, else the one shipped beside this
    module, else None (the patterns alone decide)."""
    if path := os.environ.get(MODEL_ENV):
        try:
            text = Path(path).read_text("utf-8")
        except OSError as error:
            raise ActorgraphError(f"${MODEL_ENV}: cannot read {path} ({error.strerror})") from None
        return _read(text, path)
    resource = resources.files("actorgraph.loaders").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    return _read(resource.read_text("utf-8"), MODEL_FILE)


def fit(
    examples: Sequence[tuple[frozenset[str], int]], *, c: float = 0.3, threshold: float = 0.5
) -> RelationModel:
    """A logistic regression over binary features, L2-regularised (strength 1/c)."""
    try:  # training only: extracting needs none of it
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ActorgraphError(
            "training needs scikit-learn: run `make train`, or pip install 'actorgraph[train]'"
        ) from None

    index: dict[str, int] = {}
    rows, cols = [], []
    for row, (features, _) in enumerate(examples):
        for name in features:
            rows.append(row)
            cols.append(index.setdefault(name, len(index)))
    matrix = csr_matrix(([1.0] * len(rows), (rows, cols)), shape=(len(examples), len(index)))
    labels = [label for _, label in examples]
    if len(set(labels)) < 2:
        raise ValueError("training needs both related and unrelated proposals")
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    model.fit(matrix, labels)
    weights = {
        name: round(float(model.coef_[0][i]), 4)
        for name, i in index.items()
        if abs(model.coef_[0][i]) >= _PRUNE
    }
    return RelationModel(weights, round(float(model.intercept_[0]), 4), threshold)
