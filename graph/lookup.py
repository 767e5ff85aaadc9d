"""One actor from what a person types (an id, a name or alias, or part of one), and its
edges with their evidence: what `actorgraph show` prints and ActorGraph.actor returns.

Both surfaces resolve a name here, so they agree on which actor it means: an id, else
the best tier of name search (the name or an alias itself, then names starting with the
text, then names containing it). One actor in that tier is the answer; several are
ambiguous, none gets did-you-mean suggestions (graph.suggest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actorgraph.errors import ActorNotFoundError, AmbiguousActorError
from actorgraph.graph import cypher
from actorgraph.graph.store import Store
from actorgraph.graph.suggest import suggest_actors
from actorgraph.graph.views import ActorView, EdgeView, EvidenceView, Stats

SEARCH_WINDOW = 50  # matches read to tell one best actor from several
SUGGEST_MAX_CHARS = 200  # no name is longer; past this, did-you-mean is not worth a search


def _tier(actor: ActorView, text: str) -> int:
    """0: the name or an alias is the text; 1: the name starts with it; 2: contains it.
    Lower-cased as the store's search does (Cypher toLower)."""
    name, aliases = actor.name.lower(), [a.lower() for a in actor.aliases]
    if text == name or text in aliases:
        return 0
    return 1 if name.startswith(text) else 2


def find_actor(store: Store, text: str) -> ActorView:
    """The one actor ``text`` names; ActorNotFoundError (with suggestions) when none does,
    AmbiguousActorError (with the candidates) when several match equally well."""
    wanted = text.strip()
    if wanted and (by_id := store.actor(wanted)) is not None:
        return by_id
    found = store.search_actors(wanted, limit=SEARCH_WINDOW) if wanted else []
    if not found:
        close = suggest_actors(store, wanted) if len(wanted) <= SUGGEST_MAX_CHARS else []
        raise ActorNotFoundError(text, [a.name for a in close])
    best = min(_tier(a, wanted.lower()) for a in found)
    tied = [a for a in found if _tier(a, wanted.lower()) == best]
    if len(tied) == 1:
        return tied[0]
    # a tier that fills the window may go on past it
    raise AmbiguousActorError(text, tied, more=len(tied) == SEARCH_WINDOW)


@dataclass(frozen=True, slots=True)
class ActorEvidence:
    """An actor's typed edges (to its direct neighbours) and every claim behind each one."""

    actor: ActorView
    names: dict[str, str]  # actor id -> name, for the ends of the edges
    claims: list[tuple[EdgeView, EvidenceView]]
    capped: bool  # the actor has more neighbours than one view holds (Store.ego's limit)


def actor_evidence(store: Store, actor: ActorView) -> ActorEvidence:
    """The edges at ``actor`` with their evidence, one pair per claim."""
    sub = store.ego([actor.id], depth=1)
    names = {n.id: n.name for n in sub.nodes}
    claims = [
        (edge, ev)
        for edge in sub.edges
        for ev in store.evidence(edge.subject, edge.type, edge.object)
    ]
    return ActorEvidence(actor, names, claims, sub.capped)


# the claim's id is what `actorgraph reject` and `confirm` take
EVIDENCE_COLUMNS = [
    "subject", "type", "object", "modality", "published", "article", "evidence", "status",
    "claim",
]  # fmt: skip
COUNTED = ("articles", "actors", "claims", "edges")


def evidence_rows(found: ActorEvidence) -> list[list[Any]]:
    """One row per claim at the actor, in EVIDENCE_COLUMNS' order (`actorgraph show`)."""
    return [
        [
            found.names[edge.subject],
            edge.type,
            found.names[edge.object],
            ev.modality,
            ev.published,
            ev.title,
            ev.sentence,
            ev.status,
            ev.claim,
        ]
        for edge, ev in found.claims
    ]


def stats_rows(numbers: Stats) -> list[list[Any]]:
    """The store's counts as (group, name, count) rows: totals, by kind, by type."""
    rows: list[list[Any]] = [
        ["total", k, v] for k, v in numbers.as_dict().items() if isinstance(v, int)
    ]
    rows += [["kind", k, v] for k, v in numbers.by_kind.items()]
    rows += [["type", k, v] for k, v in numbers.by_type.items()]
    return rows


def store_counts(store: Store) -> dict[str, int]:
    """Articles, actors, claims and edges: what remove reports and a backup's manifest holds."""
    stats = store.stats()
    return {"articles": stats.articles, "actors": stats.actors, "claims": stats.claims,
            "edges": stats.edges}  # fmt: skip


def node_count(store: Store) -> int:
    """How many nodes the store holds, of any label (zero: an empty store)."""
    return int(store.query(cypher.COUNT_NODES).rows[0][0])
