"""Entity resolution across articles: one real-world actor is one node.

Within an article the extractor already groups a name, its short forms, acronyms
and references. Across articles, an actor is the same as one seen before when they
share a normalised name or alias (name_key: case, punctuation, 'the' and legal
suffixes do not count) and their kinds agree; a key shared by two different known
actors decides nothing. The gazetteer has already given well-known actors their
canonical names, so 'Beijing said' and 'China's government' meet at China.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from actorgraph.schema import Actor, Extraction, name_key

# A country acts as a Government and sits as a Place: one actor either way.
_SAME_ACTOR_KINDS = ({"Government", "Place"},)


class ActorRef(Protocol):
    """An actor already seen, as resolution needs it (the store's ActorView is one)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def kinds(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class KnownActorRef:
    """An actor seen earlier in the same batch (or in the graph), with every kind given it."""

    id: str
    name: str
    kind: str
    kinds: tuple[str, ...] = ()


class ActorIndex(Protocol):
    """Finds the graph's actors by the name keys of their names and aliases (a Store)."""

    def actors_by_keys(self, keys: Sequence[str]) -> Mapping[str, Sequence[ActorRef]]: ...


def keys_of(actor: Actor) -> list[str]:
    """The name keys an actor answers to."""
    return sorted({name_key(n) for n in (actor.name, *actor.aliases) if name_key(n)})


def _same(actor: Actor, ref: ActorRef) -> bool:
    """Kinds agree; a country acting and the same country sitting share their name
    ('Washington' the city is not the United States it stands for when acting)."""
    if actor.kind in {ref.kind, *ref.kinds}:
        return True
    by_role = any({actor.kind, ref.kind} <= pair for pair in _SAME_ACTOR_KINDS)
    return by_role and name_key(actor.name) == name_key(ref.name)


def _match(actor: Actor, found: Mapping[str, Sequence[ActorRef]]) -> ActorRef | None:
    """The one known actor this actor is, or None when there is none or it is ambiguous."""
    candidates = {
        ref.id: ref for key in keys_of(actor) for ref in found.get(key, ()) if _same(actor, ref)
    }
    return next(iter(candidates.values())) if len(candidates) == 1 else None


class _BatchIndex:
    """The actors of the extractions resolved so far in a batch, over the graph's."""

    def __init__(self, graph: ActorIndex | None) -> None:
        self.graph = graph
        self.seen: dict[str, dict[str, ActorRef]] = {}
        self.kinds: dict[str, set[str]] = {}  # actor id -> kinds given it in this batch

    def find(self, keys: Sequence[str]) -> dict[str, list[ActorRef]]:
        """The actors each key names, each with every kind the graph and this batch gave
        it: whether an article is read in this batch or an earlier one changes nothing."""
        found: dict[str, dict[str, ActorRef]] = {k: dict(self.seen.get(k, {})) for k in keys}
        if self.graph is not None:
            for key, refs in self.graph.actors_by_keys(list(keys)).items():
                for ref in refs:
                    here = found.setdefault(key, {})
                    kinds = {ref.kind, *ref.kinds, *self.kinds.get(ref.id, ())}
                    here[ref.id] = KnownActorRef(ref.id, ref.name, ref.kind, tuple(sorted(kinds)))
        return {k: list(v.values()) for k, v in found.items() if v}

    def add(self, ref: KnownActorRef, keys: Iterable[str]) -> None:
        kinds = self.kinds.setdefault(ref.id, set())
        kinds.update({ref.kind, *ref.kinds})
        ref = replace(ref, kinds=tuple(sorted(kinds)))
        for key in keys:
            self.seen.setdefault(key, {})[ref.id] = ref
        for refs in self.seen.values():  # every key of the actor sees its kinds
            if ref.id in refs:
                refs[ref.id] = replace(refs[ref.id], kinds=ref.kinds)


def resolve_extractions(
    extractions: Sequence[Extraction], graph: ActorIndex | None = None
) -> list[Extraction]:
    """The extractions with each actor mapped onto the graph's (or an earlier article's)
    actor it is, keeping the new names as aliases and rewriting the claims' ends."""
    index = _BatchIndex(graph)
    resolved = []
    for extraction in extractions:
        keys = sorted({k for a in extraction.actors for k in keys_of(a)})
        found = index.find(keys)
        renamed: dict[str, str] = {}
        actors: dict[str, Actor] = {}
        for original in extraction.actors:
            ref = _match(original, found)
            actor = original
            if ref is not None and ref.id != original.id:
                names = (original.name, *original.aliases)
                aliases = tuple(dict.fromkeys(n for n in names if n != ref.name))
                actor = Actor(ref.name, ref.kind, aliases, original.wikidata, ref.id)
                renamed[original.id] = ref.id
            actors.setdefault(actor.id, actor)
            index.add(KnownActorRef(actor.id, actor.name, actor.kind), keys_of(actor))
        claims = tuple(
            replace(
                c,
                subject=renamed.get(c.subject, c.subject),
                object=renamed.get(c.object, c.object),
            )
            for c in extraction.claims
        )
        resolved.append(
            Extraction(
                extraction.article,
                tuple(actors.values()),
                tuple(c for c in claims if c.subject != c.object),
                extraction.extractor,
            )
        )
    return resolved
