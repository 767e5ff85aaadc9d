"""Train the relation model on annotated articles, and measure it on articles it never saw.

An annotated article (the format of the evaluation set: text, actors with aliases,
relations with their evidence) labels the extractor's own proposals: a proposal
whose ends are the annotated actors, of the annotated type, in the sentence the
annotation quotes, is a relation; one the annotation does not have is not; one the
annotation marks optional, or states in another sentence, teaches nothing and is
left out. Cross-validation by article folds trains on some articles and extracts
the others, so the figures it gives are those a user sees on new articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorgraph.errors import ActorgraphError
from actorgraph.loaders import evaluation
from actorgraph.loaders.extract import Extractor
from actorgraph.loaders.mentions import Cluster
from actorgraph.loaders.nlp import parse_many
from actorgraph.loaders.pairs import RULE_FEATURE, Proposal
from actorgraph.loaders.relation_model import RelationModel, fit
from actorgraph.schema import Article, Extraction, vocabulary

Example = tuple[frozenset[str], int]
# The regularisation the model is trained with (inverse strength), chosen among 0.1, 0.3
# and 1.0 by the pooled cross-validated relation F1 on the development set.
C = 0.3


@dataclass(slots=True)
class Annotated:
    """One annotated article, parsed once, with the extractor's proposals for it."""

    id: str
    gold: dict[str, Any]
    article: Article
    clusters: list[Cluster]
    proposals: list[Proposal]


def read_annotated(
    golds: Mapping[str, dict[str, Any]], extractor: Extractor | None = None
) -> list[Annotated]:
    """Annotated articles (as evaluation.load_gold reads them), parsed and proposed once."""
    extractor = extractor or Extractor(model=None)
    items = list(golds.values())
    articles = [
        Article(text=g["text"], title=g.get("title") or g["id"], source=f"{g['id']}.json")
        for g in items
    ]
    docs = parse_many(a.text for a in articles)
    out = []
    for gold, article, doc in zip(items, articles, docs, strict=True):
        clusters, proposals = extractor.proposals(doc)
        out.append(Annotated(gold["id"], gold, article, clusters, proposals))
    return out


def _gold_actor(cluster: Cluster, index: Mapping[str, set[int]]) -> int | None:
    """The annotated actor a cluster is, matched as the scorer matches the actor the
    extraction writes for it (its name, else its other names)."""
    aliases = [n for n in cluster.names if n != cluster.name]
    return evaluation.match_actor({"name": cluster.name, "aliases": aliases}, index)


def _spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(evidence)
    while evidence and at >= 0:
        spans.append((at, at + len(evidence)))
        at = text.find(evidence, at + 1)
    return spans


def label(item: Annotated) -> Iterator[tuple[Proposal, int | None]]:
    """Each proposal with 1 (annotated here), 0 (not annotated) or None (teaches nothing)."""
    gold = item.gold
    index = evaluation.gold_index(gold["actors"])
    names = {a["name"]: i for i, a in enumerate(gold["actors"])}
    symmetric = vocabulary().symmetric
    stated: dict[tuple[int, str, int], list[dict[str, Any]]] = {}
    for rel in gold["relations"]:
        ends = [(names[rel["subject"]], names[rel["object"]])]
        if rel["type"] in symmetric:
            ends.append(ends[0][::-1])
        for s, o in ends:
            stated.setdefault((s, rel["type"], o), []).append(rel)
    for proposal in item.proposals:
        s = _gold_actor(proposal.subject, index)  # type: ignore[arg-type]
        o = _gold_actor(proposal.object, index)  # type: ignore[arg-type]
        relations = stated.get((s, proposal.type, o), []) if s is not None and o is not None else []
        if not relations:
            yield proposal, 0
            continue
        sentence = (proposal.sentence.start_char, proposal.sentence.end_char)
        here = any(
            start < sentence[1] and sentence[0] < end
            for rel in relations
            if rel.get("required", True)
            for start, end in _spans(gold["text"], rel.get("evidence") or "")
        )
        yield proposal, 1 if here else None


def examples(items: Iterable[Annotated]) -> list[Example]:
    """The labelled proposals of annotated articles, as a model trains on them."""
    return [(frozenset(p.features), y) for item in items for p, y in label(item) if y is not None]


def extract_with(model: RelationModel | None, items: Iterable[Annotated]) -> list[Extraction]:
    """The extractions a model gives for already-parsed articles."""
    extractor = Extractor(model=model)
    return [extractor.extraction(i.article, i.clusters, i.proposals) for i in items]


# Cuts whose held-out F1 is this close to the best are as good: the curve is flat over a
# wide range, and the lowest of them keeps the most relations.
CUT_TOLERANCE = 0.005
# The cuts tried, and how many on each side of a cut its F1 is averaged with: one relation
# more or less on a small held-out set moves a single cut's F1, not a neighbourhood's.
_CUTS = tuple(step / 100 for step in range(5, 96, 5))
_NEIGHBOURS = 1


def _best_threshold(scored: Sequence[tuple[float, int, bool]]) -> float:
    """The lowest probability cut whose F1 over held-out proposals, averaged with its
    neighbouring cuts', is within CUT_TOLERANCE of the best. A proposal a pattern read is
    kept whatever its probability (as the extractor keeps it), so it counts as chosen at
    every cut."""
    positives = sum(y for _, y, _ in scored)

    def f1(cut: float) -> float:
        kept = [y for p, y, ruled in scored if p >= cut or ruled]
        return 2 * sum(kept) / (len(kept) + positives) if kept or positives else 0.0

    raw = [f1(cut) for cut in _CUTS]
    curve = {}
    for i, cut in enumerate(_CUTS):
        around = raw[max(i - _NEIGHBOURS, 0) : i + _NEIGHBOURS + 1]
        curve[cut] = sum(around) / len(around)
    best = max(curve.values())
    return min(cut for cut, value in curve.items() if value >= best - CUT_TOLERANCE)


def held_out_scores(
    labelled: Sequence[list[Example]], *, c: float, parts: int = 4
) -> list[tuple[float, int, bool]]:
    """(probability, label, read by a pattern) of each proposal, by a model trained on the
    other articles (``labelled``: each article's examples; a part whose other articles
    hold no relation, or nothing else, is left out)."""
    parts = min(parts, len(labelled))
    scored = []
    for k in range(parts):
        rest = [e for i, item in enumerate(labelled) if i % parts != k for e in item]
        if len({y for _, y in rest}) < 2:
            continue
        model = fit(rest, c=c)
        held = [e for i, item in enumerate(labelled) if i % parts == k for e in item]
        scored += [(model.probability(f), y, RULE_FEATURE in f) for f, y in held]
    return scored


def train(items: Sequence[Annotated], *, c: float = C) -> RelationModel:
    """A model trained on annotated articles, with the probability cut that gave the best
    F1 when the same articles were split and each part scored by a model of the others.
    It records the ids of the articles it learned from, so that scoring it on them can
    say the figures are in-sample."""
    labelled = [examples([item]) for item in items]  # each article labelled once
    everything = [e for item in labelled for e in item]
    if len({y for _, y in everything}) < 2:
        raise ActorgraphError(
            f"too little to learn from in {len(items)} annotated articles: the extractor "
            "proposed no relation they state, or nothing they do not; annotate more"
        )
    scored = held_out_scores(labelled, c=c)
    threshold = _best_threshold(scored) if scored else 0.5
    model = fit(everything, c=c)
    about = {"c": c, "trained_on": sorted(item.id for item in items)}
    return RelationModel(model.weights, model.bias, threshold, about)


def read_folds(path: Path, ids: Iterable[str]) -> dict[str, list[str]]:
    """The folds of a folds file ({"fold1": [ids], ...}; other keys are notes), checked
    against the annotated articles: each article in one fold exactly."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ActorgraphError(f"{path}: cannot read the folds ({error})") from None
    if not isinstance(raw, dict):
        raise ActorgraphError(f"{path}: folds must be an object of fold name -> article ids")
    folds = {k: v for k, v in raw.items() if isinstance(v, list)}
    listed = [i for fold in folds.values() for i in fold]
    known = set(ids)
    if len(folds) < 2:
        raise ActorgraphError(f"{path}: cross-validation needs at least two folds")
    if unknown := sorted(set(listed) - known):
        raise ActorgraphError(f"{path}: articles not in the gold folder: {', '.join(unknown)}")
    if len(listed) != len(set(listed)) or set(listed) != known:
        raise ActorgraphError(f"{path}: every gold article must be in exactly one fold")
    return folds


def cross_validate(folds: Sequence[Sequence[Annotated]], *, c: float = C) -> list[list[Extraction]]:
    """Each fold's extractions by a model trained on the other folds only."""
    out = []
    for k, fold in enumerate(folds):
        rest = [item for j, other in enumerate(folds) if j != k for item in other]
        out.append(extract_with(train(rest, c=c), fold))
    return out


def in_sample(model: RelationModel | None, ids: Iterable[str]) -> list[str]:
    """The articles among ``ids`` that the model learned from."""
    trained = set(model.about.get("trained_on", ())) if model else set()
    return sorted(set(ids) & trained)
