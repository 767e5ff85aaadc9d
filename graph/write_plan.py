"""The write plan: what a batch of extractions says, as the statements that write it.

Pure: rows and statements from extractions and from what the store said before (its
old claim ends, old mentions, what it lacks of the batch's actors); CypherStore reads
those, then runs the plan as one transaction. Every backend runs the same plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from actorgraph.graph import cypher
from actorgraph.graph.fulltext import text_words
from actorgraph.graph.grams import name_grams
from actorgraph.schema import Actor, Article, Claim, Extraction, name_key

Statement = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ActorNews:
    """What a batch says of an actor that the store lacks (cypher.ACTOR_NEWS): the actor
    itself, kinds it has no label for, names it has not gone by. A write sends only that."""

    new: bool
    kinds: frozenset[str]
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class BatchRows:
    """What a batch of extractions says, as the rows its statements take: each actor once,
    however many of the batch's articles name it."""

    articles: list[dict[str, Any]]
    actors: list[dict[str, Any]]  # id, name, kinds, aliases (every name given), wikidata, articles
    claims: list[dict[str, Any]]

    @classmethod
    def of(cls, extractions: Sequence[Extraction]) -> BatchRows:
        """An article twice in the batch is written once, as it comes last."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        extractions = list({e.article.id: e for e in extractions}.values())
        actors: dict[str, dict[str, Any]] = {}
        for ex in extractions:
            for actor in ex.actors:
                _mention(actors, actor, ex.article.id)
        rows = [
            {k: list(v) if isinstance(v, dict) else v for k, v in a.items()}
            for a in actors.values()
        ]
        return cls(
            articles=[_article_row(e, e.ingested_at or now) for e in extractions],
            actors=rows,
            claims=[_claim_row(c, e.article) for e in extractions for c in e.claims],
        )

    @property
    def article_ids(self) -> list[str]:
        return [a["id"] for a in self.articles]

    def told(self) -> list[dict[str, Any]]:
        """cypher.ACTOR_NEWS's rows: each actor's kinds and every name it is given here."""
        return [{"id": a["id"], "kinds": a["kinds"], "names": a["aliases"]} for a in self.actors]


def _article_row(ex: Extraction, ingested_at: str) -> dict[str, Any]:
    art = ex.article
    return {
        "id": art.id,
        "title": art.title,
        "publisher": art.publisher,
        "published": art.published,
        "date_origin": art.date_origin,
        "url": art.url,
        "source": art.source,
        "language": art.language,
        "extractor": ex.extractor,
        "text": art.text,
        "words": text_words(art.title, art.text),  # search over text's field (graph.fulltext)
        "ingested_at": ingested_at,
        "fingerprint": art.fingerprint,
        "sources": [s for s in dict.fromkeys((art.url or art.source, *art.sources)) if s],
    }


def _claim_row(c: Claim, art: Article) -> dict[str, Any]:
    """A claim keeps its article's id and date, and the key of the edge it supports."""
    return {
        "id": c.id,
        "article": art.id,
        "type": c.type,
        "subject": c.subject,
        "object": c.object,
        "modality": c.modality,
        "confidence": float(c.confidence),
        "sentence": c.evidence.sentence,
        "start": c.evidence.start,
        "end": c.evidence.end,
        "words": text_words(c.evidence.sentence),
        # a rejected claim stays, but supports no edge (graph.curation)
        "edge_key": None
        if c.status == "rejected"
        else cypher.edge_key(c.subject, c.type, c.object),
        "status": c.status,
        "source": c.source,
        "note": c.note,
        "published": art.published,
    }


def _mention(actors: dict[str, dict[str, Any]], actor: Actor, article_id: str) -> None:
    """Fold one article's mention of an actor into the batch's row for it: its name (the
    least of those given), its kinds (the first is the one it is shown as: cypher.kind_rank),
    every other name, alias and wikidata id it is given, the articles."""
    row = actors.setdefault(
        actor.id, {"id": actor.id, "name": actor.name, "kinds": {}, "aliases": {},
                   "wikidata": None, "articles": {}}
    )  # fmt: skip
    row["name"] = min(row["name"], actor.name)  # the same whatever the order (MERGE_ACTORS)
    row["kinds"][actor.kind] = None
    row["kinds"] = dict.fromkeys(sorted(row["kinds"], key=cypher.kind_rank))
    row["aliases"].update(dict.fromkeys((actor.name, *actor.aliases)))
    row["wikidata"] = row["wikidata"] or actor.wikidata
    row["articles"][article_id] = None


def write_statements(
    batch: BatchRows,
    old_ends: list[dict[str, Any]],
    old_actors: list[dict[str, Any]],
    news: dict[str, ActorNews],
) -> list[Statement]:
    """The statements that write a batch, replacing what its articles said.

    ``old_ends`` are the (type, subject, object) of the claims these articles made before,
    ``old_actors`` the actors they named then (cypher.OLD_MENTIONED rows), ``news`` what the
    store lacks of the batch's actors (new ones are created with their kind's label first,
    cypher.create_actors).
    """
    ids = {"article_ids": batch.article_ids}
    statements: list[Statement] = [
        (cypher.FORGET_CLAIMS, ids),
        (cypher.FORGET_MENTION_COUNTS, ids),
        (cypher.FORGET_MENTIONS, ids),
        (cypher.UPDATE_ARTICLES, {"articles": batch.articles}),
        (cypher.CREATE_ARTICLES, {"articles": batch.articles}),
        *_actor_statements(batch.actors, news),
        (cypher.CREATE_CLAIMS, {"claims": batch.claims}),
    ]
    # Actors new to the store are dropped again if a statement above failed to mention them
    # (FalkorDB runs the rest of a transaction after a failed statement).
    new = sorted(i for i, n in news.items() if n.new)
    return statements + rederive_statements(batch.claims, old_ends, old_actors, new)


def _actor_statements(rows: list[dict[str, Any]], news: dict[str, ActorNews]) -> list[Statement]:
    """Merge each actor once however many articles of the batch name it (BatchRows.actors),
    then the keys and trigrams of its new names.

    New actors are created with their first kind's label; a known actor gets the label of
    a kind only when it lacks it, and the keys and trigrams only of names it has not gone
    by (``news`` says which: cypher.ACTOR_NEWS)."""
    nothing = ActorNews(False, frozenset(), frozenset())
    keys, grams = [], []
    new: dict[str, list[dict[str, Any]]] = {}
    relabel: dict[str, list[str]] = {}
    for row in rows:
        told = news.get(row["id"], nothing)
        fresh = sorted({name_key(name) for name in told.names} - {""})
        keys += [{"actor": row["id"], "key": k} for k in fresh]
        if told.names:
            grams.append({"actor": row["id"], "grams": name_grams(sorted(told.names))})
        if told.new:
            new.setdefault(row["kinds"][0], []).append(row)
        for kind in sorted(told.kinds - ({row["kinds"][0]} if told.new else set())):
            relabel.setdefault(kind, []).append(row["id"])
    return [
        *((cypher.create_actors(kind), {"actors": new[kind]}) for kind in sorted(new)),
        (cypher.MERGE_ACTORS, {"actors": rows}),
        *(
            (cypher.add_kind(kind), {"actor_ids": relabel[kind], "outranked": cypher.below(kind)})
            for kind in sorted(relabel, key=cypher.kind_rank)
        ),
        (cypher.MERGE_ALIASES, {"aliases": keys}),
        (cypher.ADD_NAME_GRAMS, {"names": grams}),
    ]


def remove_statements(
    article_ids: Sequence[str], old_ends: list[dict[str, Any]], old_actors: list[dict[str, Any]]
) -> list[Statement]:
    """The statements that delete articles with their claims, then re-derive what they touched."""
    ids = {"article_ids": list(article_ids)}
    statements: list[Statement] = [
        (cypher.FORGET_CLAIMS, ids),
        (cypher.FORGET_MENTION_COUNTS, ids),
        (cypher.FORGET_MENTIONS, ids),
        (cypher.DELETE_ARTICLES, ids),
    ]
    return statements + rederive_statements([], old_ends, old_actors)


def _pairs_by_type(ends: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """(type, subject, object) ends as derive_edges' $pairs rows, per type, each once."""
    found: dict[str, set[tuple[str, str]]] = {}
    for end in ends:
        found.setdefault(end["type"], set()).add((end["subject"], end["object"]))
    return {
        rel_type: [{"subject": s, "object": o, "key": cypher.edge_key(s, rel_type, o)}
                   for s, o in sorted(pairs)]
        for rel_type, pairs in sorted(found.items())
    }  # fmt: skip


def rederive_statements(
    new_ends: list[dict[str, Any]],
    old_ends: list[dict[str, Any]],
    old_actors: list[dict[str, Any]],
    new_actor_ids: Sequence[str] = (),
) -> list[Statement]:
    """Set the typed edges of these (type, subject, object) ends from the claims there are
    now, drop the old ends' edges no claim is left for, recount the sightings of the actors
    the re-written or removed articles named (``old_actors``: id, dates), and drop the
    actors (and aliases) no article mentions: only those, and actors new to the store, can
    have none (a known actor named again was mentioned before and is mentioned now)."""
    statements: list[Statement] = [
        (cypher.derive_edges(rel_type), {"pairs": rows})
        for rel_type, rows in _pairs_by_type([*old_ends, *new_ends]).items()
    ]
    statements += [
        (cypher.drop_edges(rel_type), {"pairs": rows})
        for rel_type, rows in _pairs_by_type(old_ends).items()
    ]
    old_ids = {a["id"] for a in old_actors}
    if old_actors:
        statements.append((cypher.REFRESH_ACTORS, {"actors": old_actors}))
    if old_ids or new_actor_ids:
        maybe_gone = {"actor_ids": sorted({*old_ids, *new_actor_ids})}
        statements += [
            (cypher.DROP_ORPHAN_ALIASES, maybe_gone),
            (cypher.DROP_UNMENTIONED, maybe_gone),
        ]
    return statements
