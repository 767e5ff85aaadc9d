"""The Store protocol, the plain records stores return, and the logic all backends share.

A backend provides three primitives (run a read query, run a list of write
statements as one transaction, close); CypherStore builds everything else on
them from the Cypher in graph.cypher, so every backend runs the same text.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from actorgraph.batching import batched
from actorgraph.errors import QueryError
from actorgraph.graph import cypher, rings
from actorgraph.graph.fulltext import (
    TextHit,
    TextIndex,
    article_hit,
    claim_hit,
    query_words,
    text_words,
    words_statements,
)
from actorgraph.graph.grams import name_grams, query_grams, search_grams
from actorgraph.schema import (
    Actor,
    Article,
    Claim,
    Decision,
    Evidence,
    Extraction,
    actor_id,
    name_key,
    vocabulary,
)

Statement = tuple[str, dict[str, Any]]

QUERY_TIMEOUT = 60.0  # seconds a user's query may run (actorgraph query --timeout changes it)


def time_limit(seconds: float) -> str:
    """The one line for a query the server stopped at its time limit."""
    return (
        f"the query ran past its time limit of {seconds:g} s and the store stopped it; "
        "give it more time with `actorgraph query --timeout SECONDS` (0: no limit)"
    )


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a query, with nodes and relationships turned into plain dicts."""

    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class ActorView:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    degree: int = 0  # typed edges, in and out
    wikidata: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    # every kind articles have given it (its labels), where a read asks for them: `kind`
    # is the first of these in the vocabulary's order
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EdgeView:
    """A typed edge between two actors, derived from its claims."""

    subject: str
    type: str
    object: str
    claims: int
    articles: int
    modality: str
    confidence: float
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One claim behind an edge: the sentence, and the article it is in."""

    claim: str
    type: str
    modality: str
    confidence: float
    sentence: str
    start: int
    end: int
    article: str
    title: str
    publisher: str | None
    published: str | None
    url: str | None
    status: str = "extracted"  # or "confirmed" by a curator (graph.curation)
    date_origin: str | None = None  # where ``published`` came from (schema.DATE_ORIGINS)


@dataclass(frozen=True, slots=True)
class PathView:
    """One path between two actors: its typed edges in order, each as stored (a path that
    ignores direction may walk an edge from its object to its subject)."""

    edges: tuple[EdgeView, ...]
    source: str = ""  # where the path starts; the first edge's subject when not given

    @property
    def actors(self) -> list[str]:
        """The actor ids along the path, source first."""
        if not self.edges:
            return []
        walk = [self.source or self.edges[0].subject]
        for edge in self.edges:
            walk.append(edge.object if edge.subject == walk[-1] else edge.subject)
        return walk

    def along(self) -> list[bool]:
        """For each edge, whether the path walks it from its subject to its object."""
        return [e.subject == a for e, a in zip(self.edges, self.actors, strict=False)]

    def chain(self, names: dict[str, str]) -> str:
        """``Acme → Ruritania ← Agency``: the actors by name (else id), each arrow pointing
        as its hop's edge does (the Paths page and `actorgraph path` both show this)."""
        actors = self.actors
        if not actors:
            return ""
        text = names.get(actors[0], actors[0])
        for along, actor in zip(self.along(), actors[1:], strict=True):
            text += f" {'→' if along else '←'} {names.get(actor, actor)}"
        return text


@dataclass(frozen=True, slots=True)
class Subgraph:
    nodes: list[ActorView]
    edges: list[EdgeView]
    capped: bool = False  # actors were left out to keep the view small (Store.ego)


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    actors: int
    claims: int
    edges: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "actors": self.actors,
            "claims": self.claims,
            "edges": self.edges,
            "by_kind": self.by_kind,
            "by_type": self.by_type,
        }


@dataclass(frozen=True, slots=True)
class TimelineCounts:
    """Edges first seen per period and relation type, counted by the store (Timeline).

    ``rows`` are (period, relation type, edges) in time order, the period being the
    leading characters of first_seen (``2021-03`` a month, ``2021`` a year); ``earliest``
    and ``latest`` are the smallest and largest first_seen; ``undated`` edges have none.
    """

    rows: tuple[tuple[str, str, int], ...]
    undated: int
    earliest: str | None
    latest: str | None


GRAIN_CHARS = {"year": 4, "month": 7, "day": 10}  # a period: so many leading characters


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Writes are idempotent; reads return plain records."""

    url: str

    def write(
        self, extractions: Sequence[Extraction], decision: Decision | None = None
    ) -> None: ...
    def article_extractors(self, article_ids: Iterable[str]) -> dict[str, str]: ...
    def article_fingerprints(self) -> dict[str, str]: ...
    def add_sources(self, sources: dict[str, list[str]]) -> None: ...
    def remove(self, article_ids: Sequence[str]) -> list[str]: ...
    def articles_from(self, sources: Sequence[str]) -> list[str]: ...
    def query(
        self,
        text: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult: ...
    def actor(self, actor_id: str) -> ActorView | None: ...
    def search_actors(self, text: str, limit: int = 20) -> list[ActorView]: ...
    def similar_actors(self, text: str, limit: int = 200) -> Iterable[ActorView]: ...
    def search_text(self, text: str, limit: int = 20) -> list[TextHit]: ...
    def actors_by_keys(self, keys: Sequence[str]) -> dict[str, list[ActorView]]: ...
    def ego(self, actor_ids: Sequence[str], depth: int = 1, limit: int = 500) -> Subgraph: ...
    def evidence(self, subject: str, type: str, object: str) -> list[EvidenceView]: ...
    def evidence_of(
        self, edges: Sequence[EdgeView]
    ) -> dict[tuple[str, str, str], list[EvidenceView]]: ...
    def paths(
        self,
        source_id: str,
        target_id: str,
        max_length: int = 4,
        limit: int = 10,
        *,
        directed: bool = True,
    ) -> list[PathView]: ...
    def all_paths(
        self,
        source_id: str,
        target_id: str,
        max_length: int = 3,
        limit: int = 50,
        *,
        directed: bool = True,
    ) -> list[PathView]: ...
    def publishers(self) -> list[tuple[str, int]]: ...
    def edges_from_publishers(
        self, edges: Sequence[EdgeView], publishers: Sequence[str]
    ) -> set[tuple[str, str, str]]: ...
    def stats(self) -> Stats: ...
    def top_actors(self, limit: int = 10) -> list[tuple[ActorView, int]]: ...
    def newest_articles(self, limit: int = 10) -> list[dict[str, Any]]: ...
    def iter_extractions(self, batch_size: int = 200) -> Iterator[Extraction]: ...
    def extraction(self, article_id: str) -> Extraction | None: ...
    def iter_actors(self, batch_size: int = 1000) -> Iterator[ActorView]: ...
    def iter_edges(self, batch_size: int = 1000) -> Iterator[EdgeView]: ...
    def first_seen_counts(self, grain: str = "month") -> TimelineCounts: ...
    def edges_first_seen_by(self, day: date, limit: int = 600) -> tuple[Subgraph, int]: ...
    def strongest_edges(self, limit: int = 20_000) -> Subgraph: ...
    def close(self) -> None: ...


def _actor(row: dict[str, Any]) -> ActorView:
    return ActorView(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        aliases=tuple(row.get("aliases") or ()),
        mentions=row.get("mentions") or 0,
        degree=row.get("degree") or 0,
        wikidata=row.get("wikidata"),
        first_seen=row.get("first_seen"),
        last_seen=row.get("last_seen"),
    )


def _edge(row: dict[str, Any]) -> EdgeView:
    return EdgeView(**{k: row[k] for k in EdgeView.__slots__})


_EDGE_COLUMNS = list(EdgeView.__slots__)


def _edges(result: QueryResult) -> list[EdgeView]:
    """A result's rows as edges: by position when its columns are EdgeView's fields in
    order (1,500 edges of a hub's ego network: 3.4 ms by name, 1.5 ms by position)."""
    if result.columns == _EDGE_COLUMNS:
        return [EdgeView(*row) for row in result.rows]
    return [_edge(row) for row in result.records()]


@dataclass(frozen=True, slots=True)
class GramIndex:
    """A backend's full-text index over actors' NameGrams (graph.grams): its statements for
    name search and did-you-mean ($terms, $limit), and how its query language joins terms
    that must all be there (``every``) or may be (``any``)."""

    search: str
    similar: str
    every: str
    any: str

    @classmethod
    def over(cls, query_index: str, every: str, any: str) -> GramIndex:
        """The index a backend reads with ``query_index``: a CALL of its full-text query
        on $terms that yields ``node`` (a NameGrams) and ``score``."""
        candidates = cypher.gram_candidates(query_index)
        return cls(cypher.search_among(candidates), cypher.similar_among(candidates), every, any)


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


# An ego network's edges out of at most this many of its actors with the most edges (those
# with more than HUB_DEGREE) are looked up pair by pair, to each actor shown, and walked out
# of the others: at most EDGE_WALK_BUDGET edges, or the view takes fewer of them (why
# these numbers: docs/performance.md).
HUBS_LOOKED_UP = 25
HUB_DEGREE = 50
EDGE_WALK_BUDGET = 1_500

# Articles written again per transaction when an older store's actor ids are rewritten.
ID_MIGRATION_BATCH = 200


def _with_name_ids(ex: Extraction) -> Extraction:
    """An article as read from an older store, its actors with ids from their names and
    its claims given new ids (a claim's id holds its ends'); a claim whose ends became one
    actor is dropped, as resolution would."""
    actors = {}
    for a in ex.actors:
        actors.setdefault(actor_id(a.name), replace(a, id=actor_id(a.name)))
    new_ids = {a.id: actor_id(a.name) for a in ex.actors}
    claims = [
        replace(c, subject=new_ids[c.subject], object=new_ids[c.object], id="") for c in ex.claims
    ]
    kept = tuple(c for c in claims if c.subject != c.object)
    return Extraction(ex.article, tuple(actors.values()), kept, ex.extractor)


# Actors given their name trigrams per transaction when an older store is first opened.
GRAM_BACKFILL_BATCH = 10_000
# Articles given their words (search over text) per transaction when an older store is opened.
WORDS_BACKFILL_BATCH = 200


def _within_budget(view: dict[str, ActorView], found: dict[str, ActorView]) -> dict[str, ActorView]:
    """The neighbours ``found`` an ego network takes into its ``view``.

    The view's HUBS_LOOKED_UP biggest actors are looked up, not walked (_edges_among). The
    slots the view leaves free go to the biggest neighbours; the others are taken from the
    least busy up while the edges to walk stay within EDGE_WALK_BUDGET. An actor shown keeps
    its slot: a bigger neighbour taking it would push that actor's edges into the walk (at
    1M edges that let a hub's view walk 19,000 edges instead of 1,500).
    """
    free, left = _room_to_walk(view)
    ranked = sorted(found.values(), key=lambda a: (-a.degree, a.id))
    chosen = {a.id for a in ranked[:free]}
    for actor in reversed(ranked[free:]):
        if actor.degree > left:
            break
        left -= actor.degree
        chosen.add(actor.id)
    return {actor_id: a for actor_id, a in found.items() if actor_id in chosen}


def _room_to_walk(view: dict[str, ActorView]) -> tuple[int, int]:
    """The slots for looked-up actors a view leaves free, and the edges it may still walk."""
    degrees = sorted((a.degree for a in view.values()), reverse=True)
    walked = sum(degrees[HUBS_LOOKED_UP:])
    return max(0, HUBS_LOOKED_UP - len(degrees)), EDGE_WALK_BUDGET - walked


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector paused while a backend reads a reply. A reply of a
    thousand rows is tens of thousands of short-lived objects, enough to set off a
    collection of the whole heap every few replies: 10 ms each in the bench at 1M edges,
    about 40 ms in the app's process (Streamlit and spaCy loaded). Refcounting frees them:
    they hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # another thread that paused it too leaves it to the first
            gc.enable()


class CypherStore:
    """Shared logic of the Cypher backends, over three primitives a backend implements."""

    url: str

    # --- primitives --------------------------------------------------------------------

    def _read(self, text: str, params: dict[str, Any] | None = None) -> QueryResult:
        raise NotImplementedError

    def _write(self, statements: list[Statement]) -> None:
        """Run the statements as one transaction: all of them take effect, or none."""
        raise NotImplementedError

    def _user_query(
        self, text: str, params: dict[str, Any], write: bool, timeout: float
    ) -> QueryResult:
        """A user's query, stopped by the server after ``timeout`` seconds (0: no limit)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> CypherStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def write(self, extractions: Sequence[Extraction], decision: Decision | None = None) -> None:
        """Write a batch of extractions in one transaction; re-writing an article replaces it.

        The curators' decisions in force apply to what is written (graph.curation), and a
        new ``decision`` is recorded and applied in the same transaction."""
        from actorgraph.graph import curation  # it reads the store through this class

        if not extractions and decision is None:
            return
        curated = curation.prepare(self, extractions, decision)
        statements = list(curated.before)
        if curated.extractions:
            batch = BatchRows.of(curated.extractions)
            ids = {"article_ids": batch.article_ids}
            old_ends = self._read(cypher.OLD_CLAIM_ENDS, ids).records()
            old_actors = self._read(cypher.OLD_MENTIONED, ids).records()
            statements += write_statements(batch, old_ends, old_actors, self._news(batch))
        self._write(statements + list(curated.after))

    def _news(self, batch: BatchRows) -> dict[str, ActorNews]:
        """What the batch says of its actors that the store lacks (a kind's name is its label)."""
        found = self._read(cypher.ACTOR_NEWS, {"actors": batch.told()}).records()
        return {
            r["id"]: ActorNews(r["new"], frozenset(r["kinds"]), frozenset(r["names"]))
            for r in found
        }

    def remove(self, article_ids: Sequence[str]) -> list[str]:
        """Delete these articles and their claims in one transaction, re-deriving the edges
        and actors they touched; returns the ids that were stored (unknown ones are ignored)."""
        known = sorted(self.article_extractors(article_ids))
        if not known:
            return []
        ids = {"article_ids": known}
        old_ends = self._read(cypher.OLD_CLAIM_ENDS, ids).records()
        old_actors = self._read(cypher.OLD_MENTIONED, ids).records()
        self._write(remove_statements(known, old_ends, old_actors))
        return known

    def articles_from(self, sources: Sequence[str]) -> list[str]:
        """The ids of the articles read from these paths (a file, its entries, or a folder)."""
        prefixes = [s + end for s in sources for end in ("#", ":", "/")]
        params = {"sources": list(sources), "prefixes": prefixes}
        rows = self._read(cypher.ARTICLES_FROM_SOURCES, params).records()
        return [r["id"] for r in rows]

    def article_extractors(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Which of these articles the store has, and the extractor that read each."""
        rows = self._read(cypher.KNOWN_ARTICLES, {"article_ids": list(article_ids)}).records()
        return {r["id"]: r["extractor"] or "" for r in rows}

    def article_fingerprints(self) -> dict[str, str]:
        """The near-duplicate fingerprint of every stored article that has one."""
        rows = self._read(cypher.ARTICLE_FINGERPRINTS).records()
        return {r["id"]: r["fingerprint"] for r in rows}

    def add_sources(self, sources: dict[str, list[str]]) -> None:
        """Append sources (a near-duplicate's URL or path) to stored articles, each once."""
        rows = [{"id": i, "sources": list(dict.fromkeys(s))} for i, s in sorted(sources.items())]
        if rows:
            self._write([(cypher.ADD_ARTICLE_SOURCES, {"rows": rows})])

    # --- reading -------------------------------------------------------------------------

    def query(
        self,
        text: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a user's Cypher: read-only unless ``write`` is set, and stopped by the server
        after ``timeout`` seconds (default QUERY_TIMEOUT; 0: no limit), so a runaway query
        cannot hold the store."""
        limit = QUERY_TIMEOUT if timeout is None else timeout
        if limit < 0:
            raise QueryError(f"a time limit cannot be negative ({limit:g} s); use 0 for none")
        return self._user_query(text, params or {}, write, limit)

    def actor(self, actor_id: str) -> ActorView | None:
        """The actor with this id, or the one it was merged into (graph.curation), or None."""
        rows = self._read(cypher.ACTOR, {"id": actor_id}).records()
        rows = rows or self._read(cypher.ACTOR_BY_FORMER_ID, {"id": actor_id}).records()
        return _actor(rows[0]) if rows else None

    def search_actors(self, text: str, limit: int = 20) -> list[ActorView]:
        """Actors whose name or an alias contains ``text`` (case-insensitive), best first.

        The candidates are the actors that hold all of the text's trigrams, read from the
        backend's index (graph.grams); text too short for a trigram scans every actor."""
        text = text.strip()
        if not text:
            return []
        grams = search_grams(text)
        params: dict[str, Any] = {"text": text, "limit": limit}
        if grams and self._grams is not None:
            params["terms"] = self._grams.every.join(grams)
            rows = self._read(self._grams.search, params)
        else:
            rows = self._read(cypher.SEARCH_ACTORS, params)
        return [_actor(r) for r in rows.records()]

    def similar_actors(self, text: str, limit: int = 200) -> Iterable[ActorView]:
        """The actors whose names share the most trigrams with ``text``, best first: the
        candidates for did-you-mean (graph.suggest). Every actor when the backend has no
        index; none when the text is too short for a trigram."""
        if self._grams is None:
            return self.iter_actors()
        grams = query_grams(text)
        if not grams:
            return []
        params = {"terms": self._grams.any.join(grams), "limit": limit}
        return [_actor(r) for r in self._read(self._grams.similar, params).records()]

    # The backend's full-text index over actors' trigrams, None while it has none.
    _grams: GramIndex | None = None

    # --- search over text (graph.fulltext) ------------------------------------------------

    # The backend's full-text indexes over the words of claims and articles, None while
    # it has none (an older Neo4j store opened by an account without schema rights).
    _text: TextIndex | None = None

    def search_text(self, text: str, limit: int = 20) -> list[TextHit]:
        """The articles (title and text), then the claims' sentences, that hold every word
        of ``text``: at most ``limit`` of each, best first, their words marked."""
        words = query_words(text)
        if not words or limit < 1:
            return []
        if self._text is None:
            raise QueryError(
                f"{self.url} has no index over its texts yet; open it once with an account "
                "allowed to change its schema, which makes the index"
            )
        # each word quoted: RediSearch would otherwise also look for its stem ('banned'
        # finding 'ban'); to Lucene a quoted word is the word
        terms = self._text.every.join(f'"{word}"' for word in words)
        params = {"terms": terms, "limit": limit}
        articles = self._read(self._text.articles, params).records()
        claims = self._read(self._text.claims, params).records()
        return [article_hit(r, words) for r in articles] + [claim_hit(r, words) for r in claims]

    def _backfill_words(self, write: Callable[[list[Statement]], None] | None = None) -> None:
        """Give the articles and claims of a store written before search over text their
        words, a batch of articles at a time (before the indexes over them are made), each
        batch written by ``write`` (the store's own by default)."""
        for batch in batched(self.iter_extractions(), WORDS_BACKFILL_BATCH):
            (write or self._write)(words_statements(batch))

    def _migrate_actor_ids(self) -> None:
        """Give the actors of a store written when ids began with a kind their ids from
        the name alone (schema.actor_id), once: every article is written again with its
        actors' new ids, a batch at a time, which re-derives their edges and drops the old
        actors as their last article goes (two old actors of one name, a country as a
        Place and as a Government, become one). Articles keep their ids, texts and
        ingest times; an open cut short carries on next time (articles written again
        already are written again as they are)."""
        rows = self._read(cypher.KIND_PREFIXED_ACTORS, {"limit": 100}).records()
        if any(r["id"] != actor_id(r["name"]) for r in rows):
            for batch in batched(self.iter_extractions(), ID_MIGRATION_BATCH):
                self.write([_with_name_ids(ex) for ex in batch])

    def _backfill_grams(self) -> None:
        """Give the actors of a store written before name grams existed their trigrams,
        a batch at a time (before the index over them is made)."""
        for actors in batched(self.iter_actors(), GRAM_BACKFILL_BATCH):
            names = [{"actor": a.id, "grams": name_grams([a.name, *a.aliases])} for a in actors]
            self._write([(cypher.SET_NAME_GRAMS, {"names": names})])

    def actors_by_keys(self, keys: Sequence[str]) -> dict[str, list[ActorView]]:
        """The actors each normalised name or alias (schema.name_key) names."""
        found: dict[str, list[ActorView]] = {}
        if keys:
            known = set(vocabulary().kinds)
            for row in self._read(cypher.ACTORS_BY_KEYS, {"keys": list(keys)}).records():
                kinds = tuple(sorted(k for k in row["labels"] or () if k in known))
                found.setdefault(row["key"], []).append(replace(_actor(row), kinds=kinds))
        return found

    def ego(self, actor_ids: Sequence[str], depth: int = 1, limit: int = 500) -> Subgraph:
        """The actors within ``depth`` typed edges of the given ones, and the edges among them.

        Expanded one ring at a time, so a hub does not blow the view up past ``limit`` nodes:
        each ring asks only for as many new neighbours as there is room for, and takes them
        while the edges to walk stay within budget (_within_budget). The edges come last:
        those among the actors shown that touch an expanded one (_edges_among).
        """
        rows = self._read(cypher.ACTORS_BY_ID, {"ids": list(dict.fromkeys(actor_ids))})
        shown = {a.id: a for a in map(_actor, rows.records())}
        expanded: list[str] = []
        frontier, capped = list(shown), False
        for _ in range(max(1, depth)):
            room = limit - len(shown)
            if not frontier:
                break
            expanded += frontier
            if room <= 0:
                capped = True
                break
            free, left = _room_to_walk(shown)
            # No more than the free slots and an actor per edge left to walk can be taken;
            # one more tells whether any is left out (at 1M edges a hub's second ring
            # found 300 and took 5)
            room = min(room, free + max(left, 0) + 1)
            params = {"ids": frontier, "seen": list(shown), "room": room}
            found = {
                a.id: a for a in map(_actor, self._read(cypher.EGO_NEIGHBOURS, params).records())
            }
            taken = _within_budget(shown, found)
            capped = capped or len(taken) < len(found) or len(found) == room
            # least busy first: the next ring's walk, cut at its room, then meets their few
            # neighbours before a hub's thousands
            frontier = sorted(taken, key=lambda i: taken[i].degree)
            shown.update(taken)
        actors = list(shown.values())
        return Subgraph(actors, self._edges_among(actors, expanded), capped)

    def _edges_among(self, actors: list[ActorView], expanded: list[str]) -> list[EdgeView]:
        """The typed edges between these actors with an expanded one at an end.

        Walking every edge of a hub in view would cost its thousands of edges to actors not
        shown; so the edges are walked out of the actors with few (their degree, kept by the
        store), and those out of the HUBS_LOOKED_UP biggest are looked up pair by pair, to
        each actor shown.
        """
        by_degree = sorted(actors, key=lambda a: -a.degree)
        hubs = [a.id for a in by_degree[:HUBS_LOOKED_UP] if a.degree > HUB_DEGREE]
        others = [a.id for a in by_degree[len(hubs) :]]
        view = {
            "seen": [a.id for a in actors],
            "expanded": expanded,
            "types": cypher.relation_types(),
        }
        found = _edges(self._read(cypher.EGO_EDGES_OUT, {"ids": others, **view}))
        if hubs:
            found += _edges(self._read(cypher.EGO_EDGES_FROM_HUBS, {"hubs": hubs, **view}))
        return found

    def evidence(self, subject: str, type: str, object: str) -> list[EvidenceView]:
        """Every claim behind one typed edge, with its sentence and article."""
        params = {"subject": subject, "type": type, "object": object}
        rows = self._read(cypher.EVIDENCE, params).records()
        return [EvidenceView(**r) for r in rows]

    def evidence_of(
        self, edges: Sequence[EdgeView]
    ) -> dict[tuple[str, str, str], list[EvidenceView]]:
        """The claims behind each of these edges, by (subject, type, object), in one query
        through the edge_key index (a view's download: one row per claim)."""
        by_key = {cypher.edge_key(e.subject, e.type, e.object): e for e in edges}
        found: dict[tuple[str, str, str], list[EvidenceView]] = {
            (e.subject, e.type, e.object): [] for e in edges
        }
        if by_key:
            for row in self._read(cypher.EVIDENCE_OF_KEYS, {"keys": list(by_key)}).records():
                e = by_key[row.pop("key")]
                found[(e.subject, e.type, e.object)].append(EvidenceView(**row))
        return found

    def paths(
        self,
        source_id: str,
        target_id: str,
        max_length: int = 4,
        limit: int = 10,
        *,
        directed: bool = True,
    ) -> list[PathView]:
        """The shortest paths over typed edges from one actor to another: following the
        edges' direction, or with ``directed=False`` in any direction (each edge as stored).

        At most ``max_length`` hops (capped at cypher.MAX_PATH_LENGTH), and the first
        ``limit`` paths in order of their actors, then of their types; none between an
        actor and itself. Searched from both ends at once (graph.rings): a search from
        one end walks most of a big graph within three hops of a hub.
        """
        if source_id == target_id or max_length < 1 or limit < 1:
            return []
        rows = self._read(cypher.ACTORS_BY_ID, {"ids": [source_id, target_id]}).records()
        degrees = {r["id"]: r["degree"] or 0 for r in rows}
        if len(degrees) < 2:
            return []
        found = rings.shortest_paths(
            (source_id, degrees[source_id]),
            (target_id, degrees[target_id]),
            min(max_length, cypher.MAX_PATH_LENGTH),
            limit,
            self._ring,
            directed=directed,
        )
        if not found:
            return []
        hops = [{"subject": s, "type": t, "object": o} for s, t, o in {h for p in found for h in p}]
        edges = {
            (e.subject, e.type, e.object): e
            for e in _edges(self._read(cypher.HOPS, {"hops": hops}))
        }
        # a path whose edge a concurrent write removed meanwhile is left out, not an error
        return [
            PathView(tuple(edges[hop] for hop in path), source_id)
            for path in found
            if all(hop in edges for hop in path)
        ]

    def _ring(self, actor_ids: list[str], forward: bool) -> list[tuple[str, str, str, int]]:
        """The typed edges out of (forward) or into these actors, for graph.rings."""
        statement = cypher.PATH_RING_OUT if forward else cypher.PATH_RING_IN
        rows = self._read(statement, {"ids": actor_ids}).rows
        return [(near, rel_type, far, degree) for near, rel_type, far, degree in rows]

    def all_paths(
        self,
        source_id: str,
        target_id: str,
        max_length: int = 3,
        limit: int = 50,
        *,
        directed: bool = True,
    ) -> list[PathView]:
        """Every path over typed edges from one actor to another, no actor twice, following
        the edges' direction or (``directed=False``) any direction.

        Shortest first, at most ``max_length`` hops (capped at cypher.MAX_ALL_PATHS_LENGTH)
        and ``limit`` paths: their number grows with every hop, so both are bounded. The
        shortest path says first whether there is any, and from which length to look.
        """
        longest = min(max_length, cypher.MAX_ALL_PATHS_LENGTH)
        shortest = self.paths(source_id, target_id, max_length=longest, limit=1, directed=directed)
        if not shortest or limit < 1:  # no path at all: skip walking every length
            return []
        params = {"source": source_id, "target": target_id, "types": cypher.relation_types()}
        found: list[PathView] = []
        for length in range(len(shortest[0].edges), longest + 1):
            params["limit"] = limit - len(found)
            rows = self._read(cypher.all_paths(length, directed), params).records()
            found += [PathView(tuple(_edge(hop) for hop in row["hops"]), source_id) for row in rows]
            if len(found) >= limit:
                break
        return sorted(found, key=lambda p: (len(p.edges), p.actors, [e.type for e in p.edges]))

    def publishers(self) -> list[tuple[str, int]]:
        """Each publisher named by an article, with its number of articles, by name."""
        return [(r["publisher"], r["articles"]) for r in self._read(cypher.PUBLISHERS).records()]

    def edges_from_publishers(
        self, edges: Sequence[EdgeView], publishers: Sequence[str]
    ) -> set[tuple[str, str, str]]:
        """The (subject, type, object) of those edges with a claim from one of ``publishers``.

        An edge gathers claims from many articles; it is one publisher's when at least one
        of its claims comes from an article of that publisher.
        """
        if not edges or not publishers:
            return set()
        by_key = {cypher.edge_key(e.subject, e.type, e.object): e for e in edges}
        params = {"keys": list(by_key), "publishers": list(publishers)}
        rows = self._read(cypher.EDGES_FROM_PUBLISHERS, params).records()
        return {(e.subject, e.type, e.object) for r in rows if (e := by_key.get(r["key"]))}

    def _count(self, text: str, params: dict[str, Any] | None = None) -> int:
        rows = self._read(text, params).rows
        return int(rows[0][0]) if rows else 0

    def stats(self) -> Stats:
        types = {"types": cypher.relation_types()}
        by_kind = {r["kind"]: r["n"] for r in self._read(cypher.ACTORS_BY_KIND).records()}
        counts = [(t, self._count(cypher.count_edges(t))) for t in types["types"]]
        by_type = {t: n for t, n in sorted(counts, key=lambda c: (-c[1], c[0])) if n}
        return Stats(
            articles=self._count(cypher.COUNT_ARTICLES),
            actors=sum(by_kind.values()),
            claims=self._count(cypher.COUNT_CLAIMS),
            edges=sum(by_type.values()),
            by_kind=by_kind,
            by_type=by_type,
        )

    def top_actors(self, limit: int = 10) -> list[tuple[ActorView, int]]:
        """The most connected actors and their number of typed edges."""
        rows = self._read(cypher.TOP_ACTORS, {"limit": limit}).records()
        return [(_actor(r), r["degree"]) for r in rows]

    def newest_articles(self, limit: int = 10) -> list[dict[str, Any]]:
        """The articles by publication date, newest first, those with no date last."""
        return self._read(cypher.NEWEST_ARTICLES, {"limit": limit}).records()

    # --- the whole graph, aggregated or cut on the server (Timeline, Analytics) --------

    def first_seen_counts(self, grain: str = "month") -> TimelineCounts:
        """Edges first seen per ``grain`` (year, month, day) and relation type, counted in
        one query whatever the graph's size."""
        if grain not in GRAIN_CHARS:
            raise ValueError(f"unknown grain {grain!r}; use one of {', '.join(GRAIN_CHARS)}")
        found = self._read(cypher.FIRST_SEEN_COUNTS, {"chars": GRAIN_CHARS[grain]}).records()
        dated = [r for r in found if r["period"] is not None]
        earliest = [r["earliest"] for r in dated]
        latest = [r["latest"] for r in dated]
        return TimelineCounts(
            rows=tuple(sorted((r["period"], r["relation"], int(r["edges"])) for r in dated)),
            undated=sum(int(r["edges"]) for r in found if r["period"] is None),
            earliest=min(earliest) if earliest else None,
            latest=max(latest) if latest else None,
        )

    def edges_first_seen_by(self, day: date, limit: int = 600) -> tuple[Subgraph, int]:
        """The ``limit`` most recently first seen edges of those first seen on or before
        ``day`` (with their actors), and how many such edges there are in all."""
        params = {"before": (day + timedelta(days=1)).isoformat(), "limit": limit}
        rows = self._read(cypher.EDGES_FIRST_SEEN_BEFORE, params).records()
        total = int(rows[0]["total"]) if rows else 0
        return self._with_actors([_edge(r) for r in rows]), total

    def strongest_edges(self, limit: int = 20_000) -> Subgraph:
        """The ``limit`` edges with the most claims (ties by subject, type, object), and
        their actors: a big graph's best-supported core."""
        return self._with_actors(_edges(self._read(cypher.STRONGEST_EDGES, {"limit": limit})))

    def _with_actors(self, edges: list[EdgeView]) -> Subgraph:
        """These edges and the actors at their ends."""
        ids = list(dict.fromkeys(i for e in edges for i in (e.subject, e.object)))
        rows = self._read(cypher.ACTORS_BY_ID, {"ids": ids}).records() if ids else []
        return Subgraph([_actor(r) for r in rows], edges)

    # --- the whole graph, in pages (copy, exports) -------------------------------------

    def iter_extractions(self, batch_size: int = 200) -> Iterator[Extraction]:
        """Every stored article as the Extraction that would write it again, in id order."""
        after = ""
        while True:
            page = self._read(cypher.ARTICLES_PAGE, {"after": after, "limit": batch_size})
            articles = page.records()
            if not articles:
                return
            yield from self._extractions(articles)
            after = articles[-1]["id"]

    def extraction(self, article_id: str) -> Extraction | None:
        """One stored article with its actors and claims (the Article page), or None."""
        articles = self._read(cypher.ARTICLE_BY_ID, {"id": article_id}).records()
        return next(self._extractions(articles), None)

    def _extractions(self, articles: list[dict[str, Any]]) -> Iterator[Extraction]:
        """The Extractions of article rows (ARTICLES_PAGE's fields), with their actors and
        claims read in one query each."""
        ids = {"article_ids": [a["id"] for a in articles]}
        actors: dict[str, list[Actor]] = {}
        for row in self._read(cypher.ARTICLE_ACTORS, ids).records():
            actor = Actor(
                row["name"],
                row["kind"],
                tuple(row["aliases"] or ()),
                row["wikidata"],
                row["id"],
            )
            actors.setdefault(row["article"], []).append(actor)
        claims: dict[str, list[Claim]] = {}
        for row in self._read(cypher.ARTICLE_CLAIMS, ids).records():
            evidence = Evidence(row["sentence"], row["start"], row["end"])
            claim = Claim(
                row["type"], row["subject"], row["object"], evidence,
                row["modality"], row["confidence"], row["id"],
                row["status"], row["source"], row["note"],
            )  # fmt: skip
            claims.setdefault(row["article"], []).append(claim)
        for row in articles:
            article = Article(
                text=row["text"], title=row["title"], source=row["source"] or "",
                publisher=row["publisher"], published=row["published"], url=row["url"],
                date_origin=row.get("date_origin"), language=row["language"] or "en", id=row["id"],
                sources=tuple(row.get("sources") or ()), fingerprint=row.get("fingerprint"),
            )  # fmt: skip
            yield Extraction(
                article,
                tuple(actors.get(row["id"], ())),
                tuple(claims.get(row["id"], ())),
                extractor=row["extractor"] or "",
                ingested_at=row.get("ingested_at"),
            )

    def _actor_pages(self, batch_size: int) -> Iterator[list[ActorView]]:
        after = ""
        while True:
            rows = self._read(cypher.ACTORS_PAGE, {"after": after, "limit": batch_size})
            page = [_actor(r) for r in rows.records()]
            if not page:
                return
            yield page
            after = page[-1].id

    def iter_actors(self, batch_size: int = 1000) -> Iterator[ActorView]:
        """Every actor, in id order."""
        for page in self._actor_pages(batch_size):
            yield from page

    def iter_edges(self, batch_size: int = 1000) -> Iterator[EdgeView]:
        """Every typed edge, grouped by subject in id order."""
        types = cypher.relation_types()
        for page in self._actor_pages(batch_size):
            params = {"ids": [a.id for a in page], "types": types}
            yield from _edges(self._read(cypher.EDGES_FROM, params))
