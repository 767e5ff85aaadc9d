"""Score extracted articles against hand-annotated gold articles: actorgraph's own scorer.

A gold article is one JSON file naming the actors an article mentions and the typed
relations it states; the system side is what ``actorgraph extract`` writes. The
matching rules are those of the evaluation set's reference scorer, kept identical so
that both give the same numbers on the same files:

- an output article is a gold article when the stem of its ``source`` is the gold id
  (else when its ``id`` is);
- an output actor is the gold actor its name names, else the one its aliases name;
  names are compared by ``match_key`` and a name or aliases that hit two gold actors
  match none;
- a second output actor for one gold actor is a false positive;
- relations count once per (subject, type, object), COLLABORATED_WITH (any symmetric
  type) in either direction; untyped pairs count the right ends whatever the type;
- gold actors and relations marked ``"required": false`` are neither rewarded nor
  penalised;
- kind accuracy is over matched actors (a gold kind may be a list of right kinds),
  modality accuracy over matched relations.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from actorgraph.errors import ActorgraphError, InputError
from actorgraph.schema import vocabulary

# The reference scorer's suffixes, kept here rather than borrowed from the resolver's
# name_key: tuning resolution must not move the yardstick it is measured with.
COMPANY_SUFFIXES = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "ltd",
        "llc",
        "plc",
        "sa",
        "ag",
        "gmbh",
        "limited",
        "nv",
        "bv",
    ]
)
DEFAULT_MODALITY = "asserted"
GOLD_KEYS = ("id", "text", "actors", "relations")
NO_SYSTEM_OUTPUT = "no system output for this article"

_GoldActorRef = int  # an index into the gold article's "actors"
_RelationKey = tuple[_GoldActorRef | None, str, _GoldActorRef | None]


# --- results -----------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """From precision and recall, as the reference scorer computes it, so that the
        two agree to the last bit (2tp / (2tp + fp + fn) may round differently)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


TP, FP, FN = Counts(tp=1), Counts(fp=1), Counts(fn=1)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many of ``n`` matched items have the right kind (or modality)."""

    ok: int = 0
    n: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.ok + other.ok, self.n + other.n)

    @property
    def value(self) -> float | None:
        """None when nothing was matched: no accuracy to speak of, rather than 0."""
        return self.ok / self.n if self.n else None


def _add_by_type(a: Mapping[str, Counts], b: Mapping[str, Counts]) -> MappingProxyType[str, Counts]:
    merged = dict(a)
    for rel_type, counts in b.items():
        merged[rel_type] = merged.get(rel_type, Counts()) + counts
    return MappingProxyType(merged)


@dataclass(frozen=True, slots=True)
class Scores:
    """The counts of one article, or pooled over many (they add up)."""

    actors: Counts = Counts()
    kinds: Accuracy = Accuracy()
    relations: Counts = Counts()
    pairs: Counts = Counts()
    modality: Accuracy = Accuracy()
    by_type: Mapping[str, Counts] = field(default_factory=lambda: MappingProxyType({}))

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            actors=self.actors + other.actors,
            kinds=self.kinds + other.kinds,
            relations=self.relations + other.relations,
            pairs=self.pairs + other.pairs,
            modality=self.modality + other.modality,
            by_type=_add_by_type(self.by_type, other.by_type),
        )


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One gold article's scores, and its misses as lines a person reads."""

    id: str
    scores: Scores
    misses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of a set of gold articles; reports of disjoint articles add up, so the
    folds of a cross-validation pool into one: ``sum(fold_reports, Report())``."""

    articles: tuple[ArticleScore, ...] = ()
    unmatched: tuple[str, ...] = ()  # output articles that are no gold article

    @property
    def total(self) -> Scores:
        """The counts pooled over every article."""
        total = Scores()
        for article in self.articles:
            total += article.scores
        return total

    def merge(self, other: Report) -> Report:
        """Pool two reports; an article in both would count twice, so that is an error."""
        both = {a.id for a in self.articles} & {a.id for a in other.articles}
        if both:
            raise ActorgraphError(f"cannot pool reports: {sorted(both)[0]!r} is in both")
        return Report(self.articles + other.articles, self.unmatched + other.unmatched)

    def __add__(self, other: Report) -> Report:
        return self.merge(other)


# --- names -------------------------------------------------------------------------


def match_key(name: str) -> str:
    """A name as the scorer compares it: NFKC, lowercase, ’ as ', no possessive 's, no
    dots, other punctuation as spaces, no leading 'the', no trailing company suffix."""
    text = unicodedata.normalize("NFKC", name).lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text).replace(".", "")
    words = re.sub(r"[^\w\s]", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _names(actor: Mapping[str, Any]) -> list[str]:
    """An actor's name and aliases, skipping anything that is not a string."""
    names = [actor.get("name"), *(actor.get("aliases") or ())]
    return [n for n in names if isinstance(n, str)]


def _kinds(actor: Mapping[str, Any]) -> set[str]:
    kind = actor["kind"]
    return set(kind) if isinstance(kind, list) else {kind}


def _required(item: Mapping[str, Any]) -> bool:
    return bool(item.get("required", True))


# --- gold files --------------------------------------------------------------------


def _shape_problems(doc: Any) -> list[str]:
    """What keeps a parsed file from being read as a gold article at all."""
    if not isinstance(doc, dict):
        return ["not a JSON object"]
    missing = [key for key in GOLD_KEYS if key not in doc]
    if missing:
        return [f"missing {', '.join(missing)}"]
    if not isinstance(doc["text"], str):
        return ["text is not a string"]
    for key in ("actors", "relations"):
        if not isinstance(doc[key], list) or not all(isinstance(x, dict) for x in doc[key]):
            return [f"{key} is not a list of objects"]
    for i, actor in enumerate(doc["actors"], 1):
        kind = actor.get("kind")
        kinds = kind if isinstance(kind, list) else [kind]
        if not isinstance(actor.get("name"), str) or not all(isinstance(k, str) for k in kinds):
            return [f"actor {i} needs a name and a kind (a string or a list of strings)"]
        aliases = actor.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            return [f"actor {actor['name']!r}: aliases is not a list of strings"]
    for i, rel in enumerate(doc["relations"], 1):
        if not all(isinstance(rel.get(key), str) for key in ("subject", "type", "object")):
            return [f"relation {i} needs a subject, a type and an object (strings)"]
    return []


def check_gold(doc: Any) -> list[str]:
    """Every problem with one gold article, the reference scorer's --check and a little
    more (shapes it would crash on); an empty list means the article is valid."""
    problems = _shape_problems(doc)
    if problems:
        return problems
    vocab = vocabulary()
    owner: dict[str, str] = {}
    for actor in doc["actors"]:
        unknown = _kinds(actor) - set(vocab.kinds)
        if unknown:
            problems.append(
                f"actor {actor['name']!r} has unknown kind {sorted(unknown)[0]!r}; "
                f"valid: {', '.join(vocab.kinds)}"
            )
        for name in _names(actor):
            key = match_key(name)
            if owner.get(key, actor["name"]) != actor["name"]:
                problems.append(f"{name!r} names both {owner[key]!r} and {actor['name']!r}")
            owner[key] = actor["name"]
    actors = {a["name"]: a for a in doc["actors"]}
    for rel in doc["relations"]:
        problems.extend(_relation_problems(rel, actors, doc["text"]))
    return problems


def _relation_problems(
    rel: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]], text: str
) -> list[str]:
    vocab = vocabulary()
    problems = [
        f"relation end {rel[end]!r} is not an actor"
        for end in ("subject", "object")
        if rel[end] not in actors
    ]
    if rel["type"] not in vocab.relations:
        problems.append(
            f"unknown relation type {rel['type']!r}; valid: {', '.join(vocab.relations)}"
        )
    modality = rel.get("modality", DEFAULT_MODALITY)
    if modality not in vocab.modalities:
        problems.append(f"unknown modality {modality!r}; valid: {', '.join(vocab.modalities)}")
    evidence = rel.get("evidence")
    if evidence and (not isinstance(evidence, str) or evidence not in text):
        problems.append(f"evidence not in text: {str(evidence)[:60]!r}")
    if _required(rel) and rel["subject"] in actors and rel["object"] in actors:
        problems.extend(
            f"required relation has optional end {rel[end]!r}"
            for end in ("subject", "object")
            if not _required(actors[rel[end]])
        )
    return problems


def _read_gold_file(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the gold file ({error})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not valid JSON ({error})") from None
    problems = check_gold(doc)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{path}: {problems[0]}{more}")
    return doc


def load_gold(folder: Path) -> dict[str, dict]:
    """The gold articles of a folder's *.json files by id, each checked first so that a
    typo fails here, naming its file, rather than scoring as a silent miss."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of gold articles")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise InputError(f"{folder}: no gold articles (*.json) in this folder")
    gold: dict[str, dict] = {}
    source: dict[str, Path] = {}
    for path in paths:
        doc = _read_gold_file(path)
        if doc["id"] in gold:
            raise InputError(f"{path}: id {doc['id']!r} is also the id of {source[doc['id']]}")
        gold[doc["id"]], source[doc["id"]] = doc, path
    return gold


def load_system(path: Path) -> list[dict]:
    """The output articles of a JSON Lines file as ``actorgraph extract`` writes it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the output file ({error})") from None
    articles = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{number}: not valid JSON ({error})") from None
        if not isinstance(article, dict):
            raise InputError(f"{path}:{number}: not a JSON object (one article a line)")
        articles.append(article)
    return articles


# --- scoring -----------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    """The counts of one article while it is scored (Scores is the frozen result)."""

    actors: Counts = Counts()
    kinds: Accuracy = Accuracy()
    relations: Counts = Counts()
    pairs: Counts = Counts()
    modality: Accuracy = Accuracy()
    by_type: dict[str, Counts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def relation(self, rel_type: str, counts: Counts) -> None:
        """Count a relation in the total and under its type."""
        self.relations += counts
        self.by_type[rel_type] = self.by_type.get(rel_type, Counts()) + counts

    def scores(self) -> Scores:
        return Scores(
            actors=self.actors,
            kinds=self.kinds,
            relations=self.relations,
            pairs=self.pairs,
            modality=self.modality,
            by_type=MappingProxyType(dict(self.by_type)),
        )


def gold_index(gold_actors: list[dict]) -> dict[str, set[_GoldActorRef]]:
    """Every gold actor by each of its names and aliases, compared as ``match_key`` does."""
    index: dict[str, set[_GoldActorRef]] = {}
    for i, actor in enumerate(gold_actors):
        for name in _names(actor):
            index.setdefault(match_key(name), set()).add(i)
    return index


def match_actor(
    actor: Mapping[str, Any], index: Mapping[str, set[_GoldActorRef]]
) -> _GoldActorRef | None:
    """The gold actor an output actor is: by its name, else by its aliases; a name or a
    set of aliases that hits two gold actors says nothing, so it matches none."""
    name = actor.get("name")
    by_name = index.get(match_key(name if isinstance(name, str) else ""), set())
    if by_name:
        return next(iter(by_name)) if len(by_name) == 1 else None
    aliases = [a for a in actor.get("aliases") or () if isinstance(a, str)]
    by_alias = set().union(*(index.get(match_key(a), set()) for a in aliases))
    return next(iter(by_alias)) if len(by_alias) == 1 else None


def _score_actors(
    gold_actors: list[dict], system_actors: Mapping[Any, Mapping[str, Any]], tally: _Tally
) -> dict[Any, _GoldActorRef | None]:
    """Match the output actors to gold ones and count them; returns output id -> gold."""
    index = gold_index(gold_actors)
    mapped: dict[Any, _GoldActorRef | None] = {}
    found: set[_GoldActorRef] = set()
    for actor_id, actor in system_actors.items():
        g = mapped[actor_id] = match_actor(actor, index)
        if g is None:
            tally.actors += FP
            tally.misses.append(f"actor FP (no gold): {actor.get('name')!r}")
            continue
        gold = gold_actors[g]
        if not _required(gold):
            continue
        if g in found:
            tally.actors += FP
            tally.misses.append(f"actor FP (duplicate of {gold['name']!r}): {actor.get('name')!r}")
            continue
        found.add(g)
        tally.actors += TP
        right_kind = actor.get("kind") in _kinds(gold)
        tally.kinds += Accuracy(ok=int(right_kind), n=1)
        if not right_kind:
            tally.misses.append(
                f"kind wrong: {actor.get('name')!r} {actor.get('kind')} vs {gold['kind']}"
            )
    for i, gold in enumerate(gold_actors):
        if _required(gold) and i not in found:
            tally.actors += FN
            tally.misses.append(f"actor FN: {gold['name']!r}")
    return mapped


def _gold_relations(
    gold: Mapping[str, Any],
) -> tuple[dict[_RelationKey, int], dict[tuple[int, int], list[int]]]:
    """The gold relations (as indices) by (subject, type, object), both ways for a
    symmetric type, and by their unordered pair of ends."""
    symmetric = vocabulary().symmetric
    actor_at = {a["name"]: i for i, a in enumerate(gold["actors"])}
    typed: dict[_RelationKey, int] = {}
    pairs: dict[tuple[int, int], list[int]] = {}
    for r, rel in enumerate(gold["relations"]):
        s, o, rel_type = actor_at[rel["subject"]], actor_at[rel["object"]], rel["type"]
        typed.setdefault((s, rel_type, o), r)
        if rel_type in symmetric:
            typed.setdefault((o, rel_type, s), r)
        for pair in ((s, o), (o, s)):
            pairs.setdefault(pair, []).append(r)
    return typed, pairs


def _score_relations(
    gold: Mapping[str, Any],
    system: Mapping[str, Any],
    system_actors: Mapping[Any, Mapping[str, Any]],
    mapped: Mapping[Any, _GoldActorRef | None],
    tally: _Tally,
) -> None:
    """Count typed relations, untyped pairs and modality; an output relation counts once
    per (subject, type, object) after its ends are mapped to gold actors."""
    gold_rels = gold["relations"]
    typed, pairs = _gold_relations(gold)
    keyed: dict[_RelationKey, Mapping[str, Any]] = {}
    for rel in system.get("relations", []):
        rel_type = str(rel.get("type", "")).upper()
        key = (mapped.get(rel.get("subject")), rel_type, mapped.get(rel.get("object")))
        keyed.setdefault(key, rel)

    def label(rel: Mapping[str, Any], rel_type: str) -> str:
        subject = system_actors.get(rel.get("subject"), {}).get("name")
        obj = system_actors.get(rel.get("object"), {}).get("name")
        return f"{subject!r} {rel_type} {obj!r}"

    matched: set[int] = set()
    paired: set[int] = set()
    for (s, rel_type, o), rel in keyed.items():
        if s is None or o is None:
            tally.relation(rel_type, FP)
            tally.pairs += FP
            tally.misses.append(f"relation FP (end not in gold): {label(rel, rel_type)}")
            continue
        g = typed.get((s, rel_type, o))
        if g is None:
            tally.relation(rel_type, FP)
            tally.misses.append(f"relation FP: {label(rel, rel_type)}")
        elif _required(gold_rels[g]) and g not in matched:
            matched.add(g)
            tally.relation(rel_type, TP)
            want = gold_rels[g].get("modality", DEFAULT_MODALITY)
            right_modality = rel.get("modality", DEFAULT_MODALITY) == want
            tally.modality += Accuracy(ok=int(right_modality), n=1)
        same_ends = pairs.get((s, o), [])
        if not same_ends:
            tally.pairs += FP
        paired.update(r for r in same_ends if _required(gold_rels[r]))
    required = [r for r, rel in enumerate(gold_rels) if _required(rel)]
    for r in required:
        if r not in matched:
            rel = gold_rels[r]
            tally.relation(rel["type"], FN)
            tally.misses.append(f"relation FN: {rel['subject']!r} {rel['type']} {rel['object']!r}")
    tally.pairs += Counts(tp=len(paired), fn=len(required) - len(paired))


def score_article(gold: Mapping[str, Any], system: Mapping[str, Any] | None) -> ArticleScore:
    """Score one output article against its gold article; None (no output for it) makes
    every required gold actor and relation a miss."""
    tally = _Tally()
    if system is None:
        tally.misses.append(NO_SYSTEM_OUTPUT)
        system = {}
    # keyed as the relations refer to them; a repeated id keeps the last actor
    system_actors = {a.get("id", a.get("name")): a for a in system.get("actors", [])}
    mapped = _score_actors(gold["actors"], system_actors, tally)
    _score_relations(gold, system, system_actors, mapped, tally)
    return ArticleScore(str(gold["id"]), tally.scores(), tuple(tally.misses))


def _gold_id(article: Mapping[str, Any], gold: Mapping[str, Any]) -> str | None:
    """The gold id an output article answers to: its source's file stem, else its id."""
    source, ident = article.get("source"), article.get("id")
    for candidate in (Path(str(source)).stem if source else None, ident):
        if candidate is not None and str(candidate) in gold:
            return str(candidate)
    return None


def score(gold: Mapping[str, dict], system: Iterable[Mapping[str, Any]]) -> Report:
    """Score output articles (``actorgraph extract``'s JSON Lines, parsed) against gold
    articles (``load_gold``). Gold articles without output score as all misses; output
    articles that are no gold article are listed in ``unmatched`` and score nothing."""
    by_gold: dict[str, Mapping[str, Any]] = {}
    repeats: dict[str, int] = {}
    unmatched: list[str] = []
    for article in system:
        key = _gold_id(article, gold)
        if key is None:
            unmatched.append(str(article.get("source") or article.get("id")))
            continue
        repeats[key] = repeats.get(key, 0) + 1
        by_gold[key] = article  # the last one counts, as in the reference scorer
    articles = []
    for gold_id, doc in gold.items():
        scored = score_article(doc, by_gold.get(gold_id))
        if repeats.get(gold_id, 0) > 1:
            note = f"{repeats[gold_id]} output articles for this article; scored the last"
            scored = ArticleScore(scored.id, scored.scores, (note, *scored.misses))
        articles.append(scored)
    return Report(tuple(articles), tuple(unmatched))


# --- output ------------------------------------------------------------------------
# Figures are shown as the reference scorer shows them: rounded to three places first,
# then printed to two or three, so both print the same digits for the same counts.


def _figures(counts: Counts) -> tuple[float, float, float]:
    """Precision, recall and F1 rounded to three places."""
    return round(counts.precision, 3), round(counts.recall, 3), round(counts.f1, 3)


def _rounded(accuracy: Accuracy) -> float | None:
    value = accuracy.value
    return None if value is None else round(value, 3)


def _prf(counts: Counts) -> str:
    p, r, f = _figures(counts)
    return f"{p:.2f}/{r:.2f}/{f:.2f}"


def _total_line(label: str, counts: Counts) -> str:
    p, r, f = _figures(counts)
    return f"TOTAL {label:9} P={p:.3f} R={r:.3f} F1={f:.3f}"


def _total_lines(total: Scores) -> list[str]:
    a, r = total.actors, total.relations
    kind, modality = _rounded(total.kinds), _rounded(total.modality)
    return [
        f"{_total_line('actors', a)} (tp {a.tp} fp {a.fp} fn {a.fn}) "
        f"kind acc={'n/a' if kind is None else kind}",
        _total_line("untyped", total.pairs),
        f"{_total_line('relations', r)} (tp {r.tp} fp {r.fp} fn {r.fn}) "
        f"modality acc={'n/a' if modality is None else modality}",
    ]


def format_report(report: Report, *, per_article: bool = True, verbose: bool = False) -> str:
    """The report as plain text, laid out as the reference scorer prints it: a line per
    article (optional), its misses under it (verbose), P/R/F1 and counts per relation
    type, then the totals for actors, untyped pairs and relations."""
    lines: list[str] = []
    if per_article:
        lines.append(f"{'article':44} {'ent P/R/F1':>18} {'rel P/R/F1':>18} {'pair F1':>8}")
    for article in report.articles:
        s = article.scores
        if per_article:
            pair_f1 = _figures(s.pairs)[2]
            lines.append(
                f"{article.id[:44]:44} {_prf(s.actors)}     {_prf(s.relations)}   {pair_f1:.2f}"
            )
        elif verbose and article.misses:
            lines.append(article.id)
        if verbose:
            lines.extend(f"  {miss}" for miss in article.misses)
    total = report.total
    lines.append("")
    lines.append(f"{'relation type':20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rel_type, c in sorted(total.by_type.items()):
        p, r, f = _figures(c)
        lines.append(f"{rel_type:20} {p:6.2f} {r:6.2f} {f:6.2f} {c.tp:4} {c.fp:4} {c.fn:4}")
    lines.extend(_total_lines(total))
    if report.unmatched:
        shown = ", ".join(report.unmatched[:5]) + (", ..." if len(report.unmatched) > 5 else "")
        lines.append(f"{len(report.unmatched)} output articles match no gold article: {shown}")
    return "\n".join(lines)


def _counts_json(counts: Counts) -> dict[str, float | int]:
    p, r, f = _figures(counts)
    return {"p": p, "r": r, "f1": f, "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}


def _accuracy_json(accuracy: Accuracy) -> dict[str, float | int | None]:
    return {"accuracy": _rounded(accuracy), "ok": accuracy.ok, "n": accuracy.n}


def _scores_json(scores: Scores) -> dict[str, Any]:
    return {
        "actors": _counts_json(scores.actors),
        "kinds": _accuracy_json(scores.kinds),
        "relations": _counts_json(scores.relations),
        "pairs": _counts_json(scores.pairs),
        "modality": _accuracy_json(scores.modality),
        "by_type": {t: _counts_json(c) for t, c in sorted(scores.by_type.items())},
    }


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain data for ``--format json``: P/R/F1 rounded to three places as
    the reference scorer gives them, with the raw counts to recompute them exactly."""
    return {
        "articles": len(report.articles),
        "total": _scores_json(report.total),
        "per_article": {a.id: _scores_json(a.scores) for a in report.articles},
        "misses": {a.id: list(a.misses) for a in report.articles if a.misses},
        "unmatched": list(report.unmatched),
    }
