"""The plain records a store returns: rows, actors, edges, evidence, paths, views, counts.

Frozen and slotted, with no behaviour beyond reading themselves: the app's pages, the
CLI and the exports take these, never a backend's own values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from actorgraph.graph import cypher


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
class EdgeMatch:
    """Which typed edges a path may walk: of these types and modalities (empty: any), and
    seen within [since, until] (ISO dates; an edge without dates is left out when either
    is set). The default walks every edge."""

    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def params(self) -> dict[str, Any]:
        """The query parameters of the path statements (graph.cypher's $types ...)."""
        return {
            "types": list(self.types) or cypher.relation_types(),
            "modalities": list(self.modalities),
            "since": self.since,
            "until": self.until,
        }


ANY_EDGE = EdgeMatch()  # every typed edge: a path's default


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


def actor_of(row: dict[str, Any]) -> ActorView:
    """A row of a query that returns an actor's fields (cypher's _ACTOR_FIELDS)."""
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


def edge_of(row: dict[str, Any]) -> EdgeView:
    """A row of a query that returns every field of an edge, by name."""
    return EdgeView(**{k: row[k] for k in EdgeView.__slots__})


_EDGE_COLUMNS = list(EdgeView.__slots__)


def edges_of(result: QueryResult) -> list[EdgeView]:
    """A result's rows as edges: by position when its columns are EdgeView's fields in
    order, twice as fast as by name (figures: bench/results.md)."""
    if result.columns == _EDGE_COLUMNS:
        return [EdgeView(*row) for row in result.rows]
    return [edge_of(row) for row in result.records()]
