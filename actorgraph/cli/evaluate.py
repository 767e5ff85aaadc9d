"""`actorgraph eval` and `actorgraph train`: measure the extractor on annotated articles.

A researcher working on another domain annotates a few of their own articles (the
format of the evaluation set: text, actors, relations with evidence) and scores the
extractor on them before trusting its graph. With ``--folds`` the relation model is
trained on the other folds for each fold, so the figures are those of unseen news.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from actorgraph.cli.app import Format, app, friendly
from actorgraph.errors import ActorgraphError
from actorgraph.loaders import evaluation
from actorgraph.loaders.relation_model import shipped_model
from actorgraph.loaders.training import (
    C,
    cross_validate,
    extract_with,
    in_sample,
    read_annotated,
    read_folds,
    train,
)

GoldDir = Annotated[
    Path, typer.Argument(help="A folder of annotated articles, one JSON file each.")
]
Folds = Annotated[
    Path | None,
    typer.Option(
        help="A JSON file of article-id folds: train the model on the others, score each."
    ),
]


def _fold_line(name: str, report: evaluation.Report) -> str:
    total = report.total
    rel, ent = total.relations, total.actors
    kind = total.kinds.value
    return (
        f"{name:<8} {len(report.articles):>3} articles  relations P/R/F1 "
        f"{rel.precision:.2f}/{rel.recall:.2f}/{rel.f1:.2f}  actors F1 {ent.f1:.2f}  "
        f"kind acc {'n/a' if kind is None else f'{kind:.2f}'}"
    )


@app.command("eval")
@friendly
def eval_command(
    gold: GoldDir,
    folds: Folds = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every miss, article by article.")
    ] = False,
    per_article: Annotated[bool, typer.Option(help="A line of figures per article.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Score the extractor on annotated articles: P/R/F1 in total and per relation type."""
    if fmt not in (Format.TABLE, Format.JSON):
        raise ActorgraphError(f"--format must be table or json, not {fmt!r}")
    golds = evaluation.load_gold(gold)
    items = read_annotated(golds)
    if folds is None:
        model = shipped_model()
        seen = in_sample(model, golds)
        report = evaluation.score(golds, [e.to_json() for e in extract_with(model, items)])
        lines: list[str] = []
        if seen:
            lines.append(
                f"note: the shipped model was trained on {len(seen)} of these articles, so "
                "these figures are in-sample; --folds gives figures on unseen articles"
            )
    else:
        named = read_folds(folds, golds)
        by_id = {item.id: item for item in items}
        groups = [[by_id[i] for i in ids] for ids in named.values()]
        reports = [
            evaluation.score({i.id: golds[i.id] for i in group}, [e.to_json() for e in found])
            for group, found in zip(groups, cross_validate(groups), strict=True)
        ]
        lines = [_fold_line(name, r) for name, r in zip(named, reports, strict=True)]
        report = sum(reports, evaluation.Report())
        lines.append(_fold_line("pooled", report))
    if fmt == Format.JSON:
        out = evaluation.report_json(report)
        if folds is not None:
            out["folds"] = dict(zip(named, map(evaluation.report_json, reports), strict=True))
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for line in lines:
        typer.echo(line)
    typer.echo(evaluation.format_report(report, per_article=per_article, verbose=verbose))


@app.command("train")
@friendly
def train_command(
    gold: GoldDir,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the model (JSON weights).")
    ],
    c: Annotated[float, typer.Option(help="Inverse regularisation strength.")] = C,
) -> None:
    """Train the relation model on annotated articles (needs scikit-learn: make train)."""
    items = read_annotated(evaluation.load_gold(gold))
    model = train(items, c=c)
    model.save(output)
    typer.echo(
        f"trained on {len(items)} articles: {len(model.weights)} weights, "
        f"threshold {model.threshold}, written to {output}"
    )
