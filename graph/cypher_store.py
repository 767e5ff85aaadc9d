"""CypherStore: the Store every Cypher backend is, built on three primitives it lacks.

A backend provides three primitives (run a read query, run a list of write
statements as one transaction, close); CypherStore builds everything else on
them from the Cypher in graph.cypher, so every backend runs the same text.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from typing import Any

from actorgraph.errors import QueryError
from actorgraph.graph import cypher, ego, migrations, rings
from actorgraph.graph.dialect import Dialect, GramIndex, Schema
from actorgraph.graph.fulltext import (
    TextHit,
    TextIndex,
    article_hit,
    claim_hit,
    query_words,
)
from actorgraph.graph.grams import query_grams, search_grams
from actorgraph.graph.views import (
    ANY_EDGE,
    GRAIN_CHARS,
    ActorView,
    EdgeMatch,
    EdgeView,
    EvidenceView,
    PathView,
    QueryResult,
    Stats,
    Subgraph,
    TimelineCounts,
    actor_of,
    edge_of,
    edges_of,
)
from actorgraph.graph.write_plan import (
    ActorNews,
    BatchRows,
    Statement,
    remove_statements,
    write_statements,
)
from actorgraph.schema import (
    Actor,
    Article,
    Claim,
    Decision,
    Evidence,
    Extraction,
    vocabulary,
)

QUERY_TIMEOUT = 60.0  # seconds a user's query may run (actorgraph query --timeout changes it)


def time_limit(seconds: float) -> str:
    """The one line for a query the server stopped at its time limit."""
    return (
        f"the query ran past its time limit of {seconds:g} s and the store stopped it; "
        "give it more time with `actorgraph query --timeout SECONDS` (0: no limit)"
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector paused while a backend reads a reply. A reply of a
    thousand rows is tens of thousands of short-lived objects, enough to set off a
    collection of the whole heap every few replies (its cost: bench/results.md).
    Refcounting frees them: they hold no cycles."""
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

    def _open_schema(self, dialect: Dialect, schema: Schema) -> None:
        """Make the store's schema its backend's dialect, filling in what an older store
        lacks (graph.migrations); name search and search over text then use the indexes
        it has (none of those an account without schema rights could not make)."""
        present = migrations.open_schema(self, dialect, schema)
        self._grams = dialect.grams if dialect.gram_index.name in present else None
        made = all(index.name in present for index in dialect.text_indexes)
        self._text = dialect.text if made else None

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
        return actor_of(rows[0]) if rows else None

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
        return [actor_of(r) for r in rows.records()]

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
        return [actor_of(r) for r in self._read(self._grams.similar, params).records()]

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

    def actors_by_keys(self, keys: Sequence[str]) -> dict[str, list[ActorView]]:
        """The actors each normalised name or alias (schema.name_key) names."""
        found: dict[str, list[ActorView]] = {}
        if keys:
            known = set(vocabulary().kinds)
            for row in self._read(cypher.ACTORS_BY_KEYS, {"keys": list(keys)}).records():
                kinds = tuple(sorted(k for k in row["labels"] or () if k in known))
                found.setdefault(row["key"], []).append(replace(actor_of(row), kinds=kinds))
        return found

    def ego(self, actor_ids: Sequence[str], depth: int = 1, limit: int = 500) -> Subgraph:
        """The actors within ``depth`` typed edges of the given ones, and the edges among them.

        Expanded one ring at a time, so a hub does not blow the view up past ``limit`` nodes:
        each ring asks only for as many new neighbours as there is room for, and takes them
        while the edges to walk stay within budget (graph.ego). The edges come last:
        those among the actors shown that touch an expanded one (_edges_among).
        """
        rows = self._read(cypher.ACTORS_BY_ID, {"ids": list(dict.fromkeys(actor_ids))})
        shown = {a.id: a for a in map(actor_of, rows.records())}
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
            free, left = ego.room_to_walk(shown)
            # No more than the free slots and an actor per edge left to walk can be taken;
            # one more tells whether any is left out (why: bench/results.md)
            room = min(room, free + max(left, 0) + 1)
            params = {"ids": frontier, "seen": list(shown), "room": room}
            found = {
                a.id: a for a in map(actor_of, self._read(cypher.EGO_NEIGHBOURS, params).records())
            }
            taken = ego.within_budget(shown, found)
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
        store), and those out of the ego.HUBS_LOOKED_UP biggest are looked up pair by pair, to
        each actor shown.
        """
        hubs, others = ego.hubs_and_others(actors)
        view = {
            "seen": [a.id for a in actors],
            "expanded": expanded,
            "types": cypher.relation_types(),
        }
        found = edges_of(self._read(cypher.EGO_EDGES_OUT, {"ids": others, **view}))
        if hubs:
            found += edges_of(self._read(cypher.EGO_EDGES_FROM_HUBS, {"hubs": hubs, **view}))
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
        match: EdgeMatch = ANY_EDGE,
    ) -> list[PathView]:
        """The shortest paths over typed edges from one actor to another: following the
        edges' direction, or with ``directed=False`` in any direction (each edge as stored),
        over the edges ``match`` lets through.

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
            partial(self._ring, walkable=match.params()),
            directed=directed,
        )
        if not found:
            return []
        hops = [{"subject": s, "type": t, "object": o} for s, t, o in {h for p in found for h in p}]
        edges = {
            (e.subject, e.type, e.object): e
            for e in edges_of(self._read(cypher.HOPS, {"hops": hops}))
        }
        # a path whose edge a concurrent write removed meanwhile is left out, not an error
        return [
            PathView(tuple(edges[hop] for hop in path), source_id)
            for path in found
            if all(hop in edges for hop in path)
        ]

    def _ring(
        self, actor_ids: list[str], forward: bool, *, walkable: dict[str, Any]
    ) -> list[tuple[str, str, str, int]]:
        """The walkable edges out of (forward) or into these actors, for graph.rings."""
        statement = cypher.PATH_RING_OUT if forward else cypher.PATH_RING_IN
        rows = self._read(statement, {"ids": actor_ids, **walkable}).rows
        return [(near, rel_type, far, degree) for near, rel_type, far, degree in rows]

    def all_paths(
        self,
        source_id: str,
        target_id: str,
        max_length: int = 3,
        limit: int = 50,
        *,
        directed: bool = True,
        match: EdgeMatch = ANY_EDGE,
    ) -> list[PathView]:
        """Every path over typed edges from one actor to another, no actor twice, following
        the edges' direction or (``directed=False``) any direction, over the edges ``match``
        lets through.

        Shortest first, at most ``max_length`` hops (capped at cypher.MAX_ALL_PATHS_LENGTH)
        and ``limit`` paths: their number grows with every hop, so both are bounded. The
        shortest path says first whether there is any, and from which length to look.
        """
        longest = min(max_length, cypher.MAX_ALL_PATHS_LENGTH)
        shortest = self.paths(
            source_id, target_id, max_length=longest, limit=1, directed=directed, match=match
        )
        if not shortest or limit < 1:  # no path at all: skip walking every length
            return []
        params = {
            "source": source_id,
            "target": target_id,
            **match.params(),
        }
        found: list[PathView] = []
        for length in range(len(shortest[0].edges), longest + 1):
            params["limit"] = limit - len(found)
            rows = self._read(cypher.all_paths(length, directed), params).records()
            found += [
                PathView(tuple(edge_of(hop) for hop in row["hops"]), source_id) for row in rows
            ]
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
        return [(actor_of(r), r["degree"]) for r in rows]

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
        return self._with_actors([edge_of(r) for r in rows]), total

    def strongest_edges(self, limit: int = 20_000) -> Subgraph:
        """The ``limit`` edges with the most claims (ties by subject, type, object), and
        their actors: a big graph's best-supported core."""
        return self._with_actors(edges_of(self._read(cypher.STRONGEST_EDGES, {"limit": limit})))

    def _with_actors(self, edges: list[EdgeView]) -> Subgraph:
        """These edges and the actors at their ends."""
        ids = list(dict.fromkeys(i for e in edges for i in (e.subject, e.object)))
        rows = self._read(cypher.ACTORS_BY_ID, {"ids": ids}).records() if ids else []
        return Subgraph([actor_of(r) for r in rows], edges)

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
            page = [actor_of(r) for r in rows.records()]
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
            yield from edges_of(self._read(cypher.EDGES_FROM, params))
