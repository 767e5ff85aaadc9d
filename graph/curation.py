"""Curation: a researcher's corrections, kept as decisions that survive re-extraction.

A decision (schema.Decision) is a :Decision node: merge, split, rename, kind, reject,
confirm, add-claim, article-meta, undo. The graph is what the extractions say with every
decision in force applied to them: each write of a store passes through :func:`prepare`,
so re-ingesting an article, re-extracting it with another extractor, a copy, or a new
article naming a merged actor all come out curated. Applying a decision re-writes the
articles it touches, in one transaction with the decision's node.

A claim's identity is its article, sentence, subject, type and object (schema.claim_id),
so a rejected claim stays rejected when the same sentence yields the same statement.

Functions take a Store and return typed records; the CLI and the app call the same ones:

- deciding (each returns the schema.Decision recorded; ``curator`` defaults to
  $ACTORGRAPH_CURATOR, else the OS user; ``reason`` is optional): merge(keep, drop),
  split(actor, alias, kind=), rename(actor, name), set_kind(actor, kind), reject(claim),
  confirm(claim), add_claim(article, subject, type, object, modality=, sentence= | note=),
  article_meta(article, title=, publisher=, published=, url=), not_same(a, b), undo(id);
  bad input raises InputError (one line) before anything is written;
- reading: decisions(store) (the log, oldest first), in_force(decisions),
  claim(store, id) -> ClaimView, judged_distinct(decisions), last_decision(store), Deciders;
  graph.duplicates.likely_duplicates(store) -> DuplicatePair, best first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from actorgraph.errors import ActorgraphError, InputError
from actorgraph.graph import cypher
from actorgraph.graph.views import actor_of
from actorgraph.schema import Actor, Claim, Decision, Evidence, Extraction, actor_id, name_key
from actorgraph.schema.vocabulary import vocabulary

if TYPE_CHECKING:
    from actorgraph.graph.store import Store
    from actorgraph.graph.views import ActorView
    from actorgraph.graph.write_plan import Statement

ARTICLE_FIELDS = ("title", "publisher", "published", "url")
ACTOR_ACTIONS = ("merge", "split", "rename", "kind")  # decisions about an actor itself


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One stored claim, as a curator decides on it."""

    id: str
    article: str
    type: str
    subject: str
    object: str
    sentence: str
    note: str | None
    status: str
    source: str
    modality: str


@dataclass(frozen=True, slots=True)
class Curated:
    """What a write does under the decisions: the curated extractions, the statements to
    run before them (a new decision's node) and after them (names, kinds, former ids)."""

    extractions: list[Extraction]
    before: list[Statement] = field(default_factory=list)
    after: list[Statement] = field(default_factory=list)


# --- reading the decisions -----------------------------------------------------------------


def decisions(store: Store) -> list[Decision]:
    """Every decision taken on this store, undos included, oldest first."""
    return [Decision.of_row(r) for r in store.query(cypher.DECISIONS).records()]


def last_decision(store: Store) -> str | None:
    """The newest decision's id (undos included), or None: a curation changes what the
    graph shows without changing its counts, so a cache keys on this too."""
    rows = store.query(cypher.LAST_DECISION).rows
    return rows[0][0] if rows else None


def in_force(every: Sequence[Decision]) -> list[Decision]:
    """The decisions that apply: not undos, and not undone."""
    undone = {d.args["decision"] for d in every if d.action == "undo"}
    return [d for d in every if d.action != "undo" and d.id not in undone]


def _key(article: str, said: str, type_: str, subject: str, obj: str) -> tuple[str, ...]:
    return (article, said, type_, subject, obj)


class _Rules:
    """The decisions in force, as lookups a write applies."""

    def __init__(self, active: Sequence[Decision]) -> None:
        self.merged: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.splits: dict[str, list[dict[str, Any]]] = {}
        self.manual: dict[str, list[dict[str, Any]]] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        judged: list[Decision] = []
        for d in active:
            a = d.args
            if d.action == "merge":
                self.merged[a["drop"]] = a["keep"]
            elif d.action == "rename":
                self.names[a["actor"]] = a["name"]
            elif d.action == "kind":
                self.kinds[a["actor"]] = a["kind"]
            elif d.action == "split":
                self.splits.setdefault(a["actor"], []).append(a)
            elif d.action in ("reject", "confirm"):
                judged.append(d)
            elif d.action == "add-claim":
                self.manual.setdefault(a["article"], []).append(a)
            elif d.action == "article-meta":
                self.meta.setdefault(a["article"], {}).update(
                    {k: a[k] for k in ARTICLE_FIELDS if k in a}
                )
        self.unsplit = {s["new"]: s["actor"] for ss in self.splits.values() for s in ss}
        # judgements last: their claims' ends are read through every merge and split
        self.status = {
            self.claim_key(d.args): "rejected" if d.action == "reject" else "confirmed"
            for d in judged
        }

    def resolve(self, actor: str) -> str:
        """The actor an id now is, through merges (A into B, then B into C: C)."""
        seen = {actor}
        while actor in self.merged and self.merged[actor] not in seen:
            actor = self.merged[actor]
            seen.add(actor)
        return actor

    def canon(self, actor: str) -> str:
        """An id as a claim's identity takes it: through merges, and a split-off actor as
        the one it was split from (a claim a split moved is the same statement)."""
        actor = self.resolve(actor)
        return self.resolve(self.unsplit.get(actor, actor))

    def claim_key(self, a: dict[str, Any]) -> tuple[str, ...]:
        """The identity of the claim a decision's args name."""
        return _key(
            a["article"], a["sentence"], a["type"], self.canon(a["subject"]),
            self.canon(a["object"]),
        )  # fmt: skip

    def key_of(self, article: str, c: Claim) -> tuple[str, ...]:
        """The identity of a claim of an article."""
        said = c.evidence.sentence or c.note or ""
        return _key(article, said, c.type, self.canon(c.subject), self.canon(c.object))


class Deciders:
    """The decision in force behind each claim a curator judged (reject, confirm; the
    latest wins) or added (add-claim): ``of(article, claim)`` (the RDF export's links)."""

    def __init__(self, every: Sequence[Decision]) -> None:
        active = in_force(every)
        self._rules = _Rules(active)
        self._found: dict[tuple[str, ...], Decision] = {}
        for d in active:
            if d.action in ("reject", "confirm"):
                self._found[self._rules.claim_key(d.args)] = d
            elif d.action == "add-claim":
                said = d.args["sentence"] or d.args["note"] or ""
                key = self._rules.claim_key({**d.args, "sentence": said})
                self._found.setdefault(key, d)

    def of(self, article: str, claim: Claim) -> Decision | None:
        return self._found.get(self._rules.key_of(article, claim))


# --- applying them to what is written ----------------------------------------------------


def prepare(
    store: Store, extractions: Sequence[Extraction], decision: Decision | None = None
) -> Curated:
    """The extractions as the decisions in force (and a new ``decision``) make them, with
    the statements that record the new decision and pin what a write alone cannot set."""
    every = decisions(store) + ([decision] if decision else [])
    active = in_force(every)
    if not active and decision is None:
        return Curated(list(extractions))
    rules = _Rules(active)
    undone = _undone(every, decision)
    known = _known_actors(store, rules, undone)
    curated = [_curate(ex, rules, known, undone) for ex in extractions]
    before = [(cypher.CREATE_DECISION, decision.row())] if decision else []
    return Curated(curated, before, _pins(rules, curated, decision, undone))


def _undone(every: Sequence[Decision], decision: Decision | None) -> Decision | None:
    """The decision a new undo takes back."""
    if decision is None or decision.action != "undo":
        return None
    return next(d for d in every if d.id == decision.args["decision"])


def _known_actors(store: Store, rules: _Rules, undone: Decision | None) -> dict[str, ActorView]:
    """The stored actors whose name or kind a merged or split name takes."""
    ids = {*rules.merged.values(), *rules.splits}
    if undone is not None and undone.action == "split":
        ids.add(undone.args["actor"])
    rows = store.query(cypher.ACTORS_BY_ID, {"ids": sorted(ids)}).records() if ids else []
    return {r["id"]: actor_of(r) for r in rows}


def _dated(meta: dict[str, Any], in_force: dict[str, Any]) -> dict[str, Any]:
    """Article fields to set, with where the date comes from: a date a decision in force
    gave is the curator's; a date restored by an undo keeps the origin it had before."""
    if "published" in in_force:
        return {**meta, "date_origin": "curator" if in_force["published"] else None}
    return meta


def _curate(
    ex: Extraction, rules: _Rules, known: dict[str, ActorView], undone: Decision | None
) -> Extraction:
    """One article with the decisions applied."""
    article = ex.article
    in_force = rules.meta.get(article.id, {})
    meta = dict(in_force)
    if (
        undone is not None
        and undone.action == "article-meta"
        and undone.args["article"] == article.id
    ):
        meta = {**undone.args["before"], **meta}
    if meta:
        article = replace(article, **_dated(meta, in_force))
    unmerge = undone.args if undone is not None and undone.action == "merge" else None
    back = {undone.args["new"]: undone.args["actor"]} if undone and undone.action == "split" else {}
    actors: dict[str, Actor] = {}
    ends: dict[str, str] = {}
    for a in ex.actors:
        rid = rules.resolve(back.get(a.id, a.id))
        ends[a.id] = rid
        actor = _curated_actor(a, rid, rules, known, undone)
        if rid in actors:
            old = actors[rid]
            names = (*old.aliases, a.name, *a.aliases)
            aliases = tuple(dict.fromkeys(n for n in names if n != old.name))
            actor = replace(old, aliases=aliases)
        actors[rid] = actor
    claims = [_curated_claim(c, ends) for c in ex.claims]
    claims += _manual_claims(article.id, rules, actors)
    claims = [c for c in claims if c is not None and c.subject != c.object]
    unnamed: set[str] = set()  # actors the article names no more (a split, an unmerge)
    for rid, splits in rules.splits.items():
        if rid in actors:
            claims = _split(article.text, rid, splits, actors, claims, unnamed)
    if unmerge is not None and article.id in unmerge["articles"]:
        claims = _unmerge(article.id, unmerge, actors, claims)
        if article.id not in unmerge["keep_articles"]:
            unnamed.add(unmerge["keep"])
    claims = [replace(c, status=rules.status.get(rules.key_of(article.id, c), "extracted"))
              for c in claims]  # fmt: skip
    used = {i for c in claims for i in (c.subject, c.object)}
    kept = tuple(a for a in actors.values() if a.id in used or a.id not in unnamed)
    return Extraction(article, kept, tuple(claims), ex.extractor, ingested_at=ex.ingested_at)


def _curated_actor(
    a: Actor, rid: str, rules: _Rules, known: dict[str, ActorView], undone: Decision | None
) -> Actor:
    """An actor as the decisions name and kind it: a merged one takes the kept actor's name
    and kind (its own names become aliases), a renamed one its new name, a set kind stays."""
    keep = known.get(rid)
    name = rules.names.get(rid) or (keep.name if rid != a.id and keep else a.name)
    if undone is not None and undone.action == "rename" and undone.args["actor"] == rid:
        name = rules.names.get(rid) or undone.args["before"]
    kind = rules.kinds.get(rid) or (keep.kind if rid != a.id and keep else a.kind)
    if undone is not None and undone.action == "kind" and undone.args["actor"] == rid:
        kind = rules.kinds.get(rid) or undone.args["before"]
    split_off = {name_key(s["alias"]) for s in rules.splits.get(rid, [])}
    names = (a.name, *a.aliases)
    aliases = tuple(dict.fromkeys(n for n in names if n != name and name_key(n) not in split_off))
    return Actor(name, kind, aliases, a.wikidata, rid)


def _curated_claim(c: Claim, ends: dict[str, str]) -> Claim | None:
    """A claim with its ends resolved and a new id from them (its status is set once every
    end is final); a manual claim is written again from its add-claim decision only."""
    if c.source == "manual":
        return None  # _manual_claims: gone with its add-claim's undo
    subject, obj = ends.get(c.subject, c.subject), ends.get(c.object, c.object)
    return replace(c, subject=subject, object=obj, id="")


def _manual_claims(article: str, rules: _Rules, actors: dict[str, Actor]) -> list[Claim]:
    """The claims curators added to this article, and the actors they name."""
    found = []
    for a in rules.manual.get(article, []):
        subject, obj = rules.resolve(a["subject"]), rules.resolve(a["object"])
        for end, view in ((subject, a["subject_actor"]), (obj, a["object_actor"])):
            if end not in actors:
                actors[end] = Actor(view["name"], view["kind"], (), None, end)
        evidence = Evidence(a["sentence"] or "", a["start"], a["end"])
        found.append(
            Claim(
                a["type"],
                subject,
                obj,
                evidence,
                a["modality"],
                1.0,
                source="manual",
                note=a["note"],
            )
        )
    return found


def _mentions(text: str, name: str) -> bool:
    return name.casefold() in text.casefold()


def _split(
    text: str,
    rid: str,
    splits: list[dict[str, Any]],
    actors: dict[str, Actor],
    claims: list[Claim],
    unnamed: set[str],
) -> list[Claim]:
    """Split aliases off an actor in one article: where the article names the alias, the new
    actor is there, and the claims whose sentence names the alias and none of the actor's
    other names are the new actor's. An article that names the actor only by the alias no
    longer mentions it (``unnamed``)."""
    own = actors[rid]
    for s in splits:
        alias = s["alias"]
        if not _mentions(text, alias):
            continue
        actors.setdefault(s["new"], Actor(alias, s["kind"], (), None, s["new"]))

        def elsewhere(said: str, alias: str = alias) -> bool:
            rest = said.casefold().replace(alias.casefold(), " ")
            return any(_mentions(rest, n) for n in (own.name, *own.aliases))

        def end(actor: str, said: str, new: str = s["new"], alias: str = alias) -> str:
            moves = actor == rid and _mentions(said, alias) and not elsewhere(said)
            return new if moves else actor

        claims = [
            replace(c, subject=end(c.subject, c.evidence.sentence),
                    object=end(c.object, c.evidence.sentence), id="")
            for c in claims
        ]  # fmt: skip
        if not elsewhere(text):
            unnamed.add(rid)
    return [c for c in claims if c.subject != c.object]


def _unmerge(
    article: str, args: dict[str, Any], actors: dict[str, Actor], claims: list[Claim]
) -> list[Claim]:
    """Undo a merge in one article: the dropped actor is back, with the claims it had."""
    drop, keep = args["drop"], args["keep"]
    view = args["drop_actor"]
    actors[drop] = Actor(view["name"], view["kind"], tuple(view["aliases"]), None, drop)
    if keep in actors:
        gone = set(view["names"]) - set(args["keep_names"])
        aliases = tuple(n for n in actors[keep].aliases if n not in gone)
        actors[keep] = replace(actors[keep], aliases=aliases)
    back = {}
    for c in args["claims"]:
        if c["article"] != article:
            continue
        now = (c["sentence"], c["type"], keep if c["subject"] == drop else c["subject"],
               keep if c["object"] == drop else c["object"])  # fmt: skip
        back[now] = (c["subject"], c["object"])
    found = []
    for c in claims:
        ends = back.get((c.evidence.sentence or c.note or "", c.type, c.subject, c.object))
        found.append(replace(c, subject=ends[0], object=ends[1], id="") if ends else c)
    return found


def _pins(
    rules: _Rules, written: list[Extraction], decision: Decision | None, undone: Decision | None
) -> list[Statement]:
    """What a write of extractions cannot set on its own: a curator's name for an actor
    (a write keeps the least of its names), a kind's labels, the ids merged into an actor,
    names an actor no longer goes by, an article's edited fields."""
    in_batch = {a.id for ex in written for a in ex.actors}
    pins: list[Statement] = []
    for drop, keep in sorted(rules.merged.items()):
        if rules.resolve(keep) in in_batch:
            pins.append((cypher.ADD_FORMER_IDS, {"id": rules.resolve(keep), "ids": [drop]}))
    for actor, name in sorted(rules.names.items()):
        if decision is not None and actor in in_batch:
            pins.append((cypher.SET_ACTOR_NAME, {"id": actor, "name": name}))
    for actor, kind in sorted(rules.kinds.items()):
        if decision is not None and actor in in_batch:
            pins += _kind_pins(actor, kind, [kind])
    if decision is not None and decision.action == "split":
        a = decision.args
        pins.append(_drop_names(a["actor"], [a["alias"]]))
    if undone is not None:
        pins += _undo_pins(undone, rules)
    return pins


def _drop_names(actor: str, names: Sequence[str]) -> Statement:
    keys = sorted({name_key(n) for n in names} - {""})
    return (cypher.DROP_ACTOR_NAMES, {"id": actor, "names": list(names), "keys": keys})


def _kind_pins(actor: str, kind: str, kinds: Sequence[str]) -> list[Statement]:
    """An actor shown as ``kind`` with exactly the labels of ``kinds``."""
    return [
        (cypher.set_kind_label(k, k in kinds), {"id": actor, "kind": kind})
        for k in vocabulary().kinds
    ]


def _undo_pins(undone: Decision, rules: _Rules) -> list[Statement]:
    a = undone.args
    if undone.action == "rename" and a["actor"] not in rules.names:
        return [(cypher.SET_ACTOR_NAME, {"id": a["actor"], "name": a["before"]})]
    if undone.action == "kind" and a["actor"] not in rules.kinds:
        return _kind_pins(a["actor"], a["before"], a["before_kinds"])
    if undone.action == "merge":
        gone = sorted(set(a["drop_actor"]["names"]) - set(a["keep_names"]))
        return [
            (cypher.REMOVE_FORMER_IDS, {"id": a["keep"], "ids": [a["drop"]]}),
            _drop_names(a["keep"], gone),
        ]
    if undone.action == "article-meta":
        before = {k: a["before"].get(k) for k in (*ARTICLE_FIELDS, "date_origin")}
        in_force = rules.meta.get(a["article"], {})
        before = _dated({**before, **in_force}, in_force)
        return [(cypher.SET_ARTICLE_META, {"id": a["article"], **before})]
    return []


def copy_decisions(source: Store, target: Store) -> int:
    """Write the source's decisions into the target, each once (`actorgraph copy` does this
    before the articles, so they are written curated); returns how many."""
    every = decisions(source)
    have = {d.id for d in decisions(target)}
    for d in every:
        if d.id not in have:
            target.write([], decision=d)
    return len(every)


# --- taking decisions ----------------------------------------------------------------------


def _decide(
    store: Store,
    action: str,
    args: dict[str, Any],
    articles: Iterable[str],
    curator: str | None,
    reason: str | None,
) -> Decision:
    """Record a decision and re-write the articles it touches, in one transaction."""
    extra = {"curator": curator} if curator else {}
    decision = Decision(action, args, reason=reason or None, **extra)
    extractions = [ex for i in sorted(set(articles)) if (ex := store.extraction(i)) is not None]
    store.write(extractions, decision=decision)
    return decision


def _claim_args(article: str, c: Claim) -> dict[str, str]:
    """What identifies a claim across re-extractions (schema.claim_id's parts)."""
    said = c.evidence.sentence or c.note or ""
    return {"article": article, "sentence": said, "type": c.type, "subject": c.subject,
            "object": c.object}  # fmt: skip


def _actor_or_fail(store: Store, actor: str) -> ActorView:
    found = store.actor(actor)
    if found is None:
        raise ActorgraphError(f"no actor with id {actor!r}; find one with `actorgraph show NAME`")
    return found


def _articles_of(store: Store, ids: Sequence[str]) -> list[str]:
    return [r["id"] for r in store.query(cypher.ARTICLES_MENTIONING, {"ids": list(ids)}).records()]


def merge(
    store: Store, keep: str, drop: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Merge actor ``drop`` into ``keep``: its names become aliases, its claims and edges
    move, and its id keeps naming the kept actor (Store.actor)."""
    kept, dropped = _actor_or_fail(store, keep), _actor_or_fail(store, drop)
    if kept.id == dropped.id:
        raise InputError(f"{kept.name!r} and {dropped.name!r} are already one actor")
    articles = _articles_of(store, [dropped.id])
    claims = []
    for i in articles:
        ex = store.extraction(i)
        for c in ex.claims if ex else ():
            if dropped.id in (c.subject, c.object):
                claims.append(_claim_args(i, c))
    args = {
        "keep": kept.id,
        "drop": dropped.id,
        "drop_actor": {
            "name": dropped.name,
            "kind": dropped.kind,
            "aliases": list(dropped.aliases),
            "names": [dropped.name, *dropped.aliases],
        },
        "keep_names": [kept.name, *kept.aliases],
        "articles": articles,
        "keep_articles": _articles_of(store, [kept.id]),
        "claims": claims,
    }
    return _decide(store, "merge", args, articles, curator, reason)


def split(
    store: Store,
    actor: str,
    alias: str,
    *,
    kind: str | None = None,
    curator: str | None = None,
    reason: str | None = None,
) -> Decision:
    """Split an alias off an actor into an actor of its own (of ``kind``, else the same
    kind): articles that name the alias mention it, and claims whose sentence names the
    alias and none of the actor's other names become its."""
    found = _actor_or_fail(store, actor)
    match = [n for n in found.aliases if name_key(n) == name_key(alias)]
    if not match:
        names = ", ".join(found.aliases) or "none"
        raise InputError(f"{found.name!r} has no alias {alias!r} (its aliases: {names})")
    new = actor_id(match[0])
    if new == found.id or store.query(cypher.ACTOR, {"id": new}).rows:
        raise InputError(
            f"an actor with id {new!r} exists already; merge into it with `actorgraph merge`"
        )
    kind = _kind_or_fail(kind or found.kind)
    args = {"actor": found.id, "alias": match[0], "new": new, "kind": kind}
    return _decide(store, "split", args, _articles_of(store, [found.id]), curator, reason)


def rename(
    store: Store, actor: str, name: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Show an actor by another name (its id stays; the old name becomes an alias)."""
    found = _actor_or_fail(store, actor)
    if not name.strip():
        raise InputError("a new name cannot be empty")
    args = {"actor": found.id, "name": name.strip(), "before": found.name}
    return _decide(store, "rename", args, _articles_of(store, [found.id]), curator, reason)


def _kind_or_fail(kind: str) -> str:
    kinds = vocabulary().kinds
    for k in kinds:
        if k.lower() == kind.strip().lower():
            return k
    raise InputError(f"unknown kind {kind!r}; use one of {', '.join(kinds)}")


def set_kind(
    store: Store, actor: str, kind: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Set an actor's kind: its only kind label from now on, whatever articles say."""
    found = _actor_or_fail(store, actor)
    kind = _kind_or_fail(kind)
    rows = store.query(cypher.ACTOR_LABELS, {"id": found.id})
    labels = rows.rows[0][0] if rows.rows else []
    before_kinds = [k for k in vocabulary().kinds if vocabulary().kinds[k].name in labels]
    args = {"actor": found.id, "kind": kind, "before": found.kind, "before_kinds": before_kinds}
    return _decide(store, "kind", args, _articles_of(store, [found.id]), curator, reason)


def claim(store: Store, claim_id: str) -> ClaimView:
    """A stored claim by its id (shown by `actorgraph show` and `evidence`)."""
    rows = store.query(cypher.CLAIM, {"id": claim_id.strip()}).records()
    if not rows:
        raise InputError(
            f"no claim with id {claim_id!r}; the claim column of `actorgraph show NAME` lists them"
        )
    r = rows[0]
    return ClaimView(**{**r, "sentence": r["sentence"] or ""})


def _judge(
    store: Store, action: str, claim_id: str, curator: str | None, reason: str | None
) -> Decision:
    found = claim(store, claim_id)
    said = found.sentence or found.note or ""
    args = {"claim": found.id, "article": found.article, "sentence": said, "type": found.type,
            "subject": found.subject, "object": found.object}  # fmt: skip
    return _decide(store, action, args, [found.article], curator, reason)


def reject(
    store: Store, claim_id: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Reject a claim: it stays, marked rejected, and supports no edge."""
    return _judge(store, "reject", claim_id, curator, reason)


def confirm(
    store: Store, claim_id: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Confirm a claim: a curator read the sentence and it says so."""
    return _judge(store, "confirm", claim_id, curator, reason)


def _article_or_fail(store: Store, article: str) -> dict[str, Any]:
    rows = store.query(cypher.ARTICLE, {"id": article.strip()}).records()
    if not rows:
        raise InputError(
            f"no article with id {article!r}; list them with "
            f'`actorgraph query "{cypher.LIST_ARTICLES}"`'
        )
    return rows[0]


def add_claim(
    store: Store,
    article: str,
    subject: str,
    type: str,
    object: str,
    *,
    modality: str = "asserted",
    sentence: str | None = None,
    note: str | None = None,
    curator: str | None = None,
    reason: str | None = None,
) -> Decision:
    """Add a claim by hand (source: manual) to an article, from one of its sentences or
    with a note saying where it comes from."""
    art = _article_or_fail(store, article)
    s, o = _actor_or_fail(store, subject), _actor_or_fail(store, object)
    if s.id == o.id:
        raise InputError("a claim needs two different actors")
    try:
        rel = vocabulary().relation(type.strip().upper()).name
        vocabulary().check_modality(modality)
    except (ValueError, KeyError, ActorgraphError) as error:
        raise InputError(str(error).strip("'\"")) from None
    sentence, note = (sentence or "").strip() or None, (note or "").strip() or None
    if not sentence and not note:
        raise InputError("give the sentence the claim is read from (--sentence) or a --note")
    start = art["text"].find(sentence) if sentence else -1
    if sentence and start < 0:
        raise InputError(
            "that sentence is not in the article's text; quote it exactly, or use --note"
        )
    args = {
        "article": art["id"], "type": rel, "subject": s.id, "object": o.id, "modality": modality,
        "sentence": sentence, "note": note, "start": max(start, 0),
        "end": start + len(sentence) if sentence else 0,
        "subject_actor": {"name": s.name, "kind": s.kind},
        "object_actor": {"name": o.name, "kind": o.kind},
    }  # fmt: skip
    return _decide(store, "add-claim", args, [art["id"]], curator, reason)


def article_meta(
    store: Store,
    article: str,
    *,
    curator: str | None = None,
    reason: str | None = None,
    **fields: str | None,
) -> Decision:
    """Correct an article's title, publisher, date (YYYY-MM-DD) or URL."""
    art = _article_or_fail(store, article)
    given = {k: v.strip() for k, v in fields.items() if v is not None}
    unknown = set(given) - set(ARTICLE_FIELDS)
    if unknown or not given:
        raise InputError(f"give at least one of --{', --'.join(ARTICLE_FIELDS)}")
    if "published" in given:
        from datetime import date

        try:
            date.fromisoformat(given["published"])
        except ValueError:
            raise InputError(
                f"--published must be a date YYYY-MM-DD, not {given['published']!r}"
            ) from None
    before = {k: art[k] for k in (*ARTICLE_FIELDS, "date_origin")}
    args = {"article": art["id"], **given, "before": before}
    return _decide(store, "article-meta", args, [art["id"]], curator, reason)


def not_same(
    store: Store, a: str, b: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Judge two actors distinct ("not the same"): the graph is unchanged, and
    graph.duplicates proposes the pair no more."""
    first, second = _actor_or_fail(store, a), _actor_or_fail(store, b)
    if first.id == second.id:
        raise InputError(f"{first.name!r} and {second.name!r} are one actor")
    ids = sorted((first.id, second.id))
    return _decide(store, "distinct", {"a": ids[0], "b": ids[1]}, [], curator, reason)


def judged_distinct(every: Sequence[Decision]) -> set[frozenset[str]]:
    """The pairs of actor ids judged not the same, by decisions in force."""
    return {
        frozenset((d.args["a"], d.args["b"])) for d in in_force(every) if d.action == "distinct"
    }


def undo(
    store: Store, decision_id: str, *, curator: str | None = None, reason: str | None = None
) -> Decision:
    """Take a decision back (recorded as an undo decision); its articles are re-written."""
    every = decisions(store)
    target = next((d for d in every if d.id == decision_id.strip()), None)
    if target is None:
        raise InputError(f"no decision {decision_id!r}; `actorgraph curation log` lists them")
    if target.action == "undo":
        raise InputError("an undo cannot be undone; take the decision again instead")
    if target not in in_force(every):
        raise InputError(f"decision {target.id} is undone already")
    later = [d for d in in_force(every) if d.at > target.at and _touches(d, target)]
    if later:
        raise InputError(
            f"decision {later[0].id} ({later[0].action}) builds on {target.id}; undo it first"
        )
    return _decide(store, "undo", {"decision": target.id}, _undo_articles(store, target),
                   curator, reason)  # fmt: skip


def _touches(later: Decision, target: Decision) -> bool:
    """Whether a later decision is about an actor an earlier merge or split made or ended."""
    if target.action not in ("merge", "split") or later.action not in ACTOR_ACTIONS:
        return False
    ids = {target.args.get("keep"), target.args.get("drop"), target.args.get("new")} - {None}
    return bool(ids & {v for v in later.args.values() if isinstance(v, str)})


def _undo_articles(store: Store, target: Decision) -> list[str]:
    a = target.args
    if target.action == "merge":
        return a["articles"]
    if target.action == "split":
        return _articles_of(store, [a["new"], a["actor"]])
    if target.action in ("rename", "kind"):
        return _articles_of(store, [a["actor"]])
    if target.action == "distinct":
        return []  # it changed no article
    return [a["article"]]
