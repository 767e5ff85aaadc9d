"""The vocabulary (actor kinds, relation types, modalities) loaded from vocabulary.yaml.

The YAML file is the only place a kind or relation type is spelled out; this
module turns it into frozen records that the rest of actorgraph reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from actorgraph.errors import VocabularyError


@dataclass(frozen=True, slots=True)
class Kind:
    """An actor kind: also the second node label in the property graph."""

    name: str
    label: str
    description: str
    rdf: tuple[str, ...]
    wikidata: str | None
    color: str
    shape: str  # how the app draws it (a cytoscape.js node shape)


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb that means the relation only together with a noun ("halt sales", "add to a list")."""

    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    object_slots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Triggers:
    """Words that introduce a relation, with where the object actor sits."""

    verbs: MappingProxyType[str, tuple[str, ...]]
    nouns: MappingProxyType[str, tuple[str, ...]]
    frames: tuple[Frame, ...] = ()
    reversed: MappingProxyType[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    roles: tuple[str, ...] = ()  # a person's post beside a body's name: "Acme chief executive"
    reported: bool = False  # a statement one actor makes of another can express it
    stance: bool = False  # its object may be who did an act ("criticized Acme's decision")


@dataclass(frozen=True, slots=True)
class RelationType:
    """A typed, directed relation between two actors (symmetric ones have no direction)."""

    name: str
    label: str
    reverse: str
    description: str
    color: str  # its colour wherever types are told apart by colour (the timeline)
    symmetric: bool
    object_kinds: tuple[str, ...] | None
    cameo: str | None
    triggers: Triggers

    @property
    def rdf_local_name(self) -> str:
        """camelCase property name for the ontology: SUPPLIED -> supplied, MEMBER_OF -> memberOf."""
        head, *rest = self.name.lower().split("_")
        return head + "".join(word.capitalize() for word in rest)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Every kind, relation type and modality actorgraph knows, in declaration order."""

    namespace: str
    kinds: MappingProxyType[str, Kind]
    relations: MappingProxyType[str, RelationType]
    modalities: MappingProxyType[str, str]

    def kind(self, name: str) -> Kind:
        """The kind called ``name``; an unknown name is an error listing the valid ones."""
        return _lookup(self.kinds, name, "actor kind")

    def relation(self, name: str) -> RelationType:
        """The relation type called ``name``; an unknown name lists the valid ones."""
        return _lookup(self.relations, name, "relation type")

    @property
    def symmetric(self) -> frozenset[str]:
        """The relation types without a direction (COLLABORATED_WITH)."""
        return frozenset(n for n, r in self.relations.items() if r.symmetric)

    @property
    def stances(self) -> frozenset[str]:
        """The relation types that are a stance on what an actor did (``stance: true``)."""
        return frozenset(n for n, r in self.relations.items() if r.triggers.stance)

    @property
    def locative(self) -> frozenset[str]:
        """The relation types whose object is where the subject is (a place)."""
        return frozenset(n for n, r in self.relations.items() if r.object_kinds == ("Place",))

    @property
    def owning(self) -> frozenset[str]:
        """The relation types of owning: those 'own' triggers (what they hold is no place,
        and buying goods is none of them)."""
        return frozenset(n for n, r in self.relations.items() if "own" in r.triggers.verbs)

    def check_modality(self, name: str) -> str:
        """Return ``name`` if it is a declared modality, else raise listing the valid ones."""
        _lookup(self.modalities, name, "modality")
        return name


def _lookup(table: MappingProxyType[str, Any], name: str, what: str) -> Any:
    try:
        return table[name]
    except KeyError:
        valid = ", ".join(table)
        raise VocabularyError(f"unknown {what} {name!r}; valid: {valid}") from None


def _slots(table: dict[str, list[str]] | None) -> MappingProxyType[str, tuple[str, ...]]:
    for word, slots in (table or {}).items():
        for slot in slots:
            if not isinstance(slot, str):
                # YAML 1.1 reads a bare on, off, yes or no as a boolean
                raise VocabularyError(f'trigger {word!r} has slot {slot!r}; quote it: "on"')
    return MappingProxyType({word: tuple(slots) for word, slots in (table or {}).items()})


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _triggers(raw: dict[str, Any]) -> Triggers:
    frames = tuple(
        Frame(_as_tuple(f["verb"]), _as_tuple(f["noun"]), _as_tuple(f["object"]))
        for f in raw.get("frames", [])
    )
    return Triggers(
        verbs=_slots(raw.get("verbs")),
        nouns=_slots(raw.get("nouns")),
        frames=frames,
        reversed=_slots(raw.get("reversed")),
        roles=tuple(raw.get("roles", ())),
        reported=bool(raw.get("reported", False)),
        stance=bool(raw.get("stance", False)),
    )


def parse_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    """Build a Vocabulary from the parsed YAML mapping (exposed for tests of bad files)."""
    kinds = {
        name: Kind(
            name=name,
            label=spec["label"],
            description=spec["description"],
            rdf=_as_tuple(spec.get("rdf", [])),
            wikidata=spec.get("wikidata"),
            color=spec.get("color", "#888888"),
            shape=spec.get("shape", "ellipse"),
        )
        for name, spec in raw["kinds"].items()
    }
    relations = {}
    for name, spec in raw["relations"].items():
        object_kinds = spec.get("object_kinds")
        for kind in object_kinds or ():
            if kind not in kinds:
                raise VocabularyError(f"relation {name} names unknown kind {kind!r}")
        relations[name] = RelationType(
            name=name,
            label=spec["label"],
            reverse=spec["reverse"],
            description=spec["description"],
            color=spec.get("color", "#888888"),
            symmetric=bool(spec.get("symmetric", False)),
            object_kinds=tuple(object_kinds) if object_kinds else None,
            cameo=spec.get("cameo"),
            triggers=_triggers(spec.get("triggers", {})),
        )
    return Vocabulary(
        namespace=raw["namespace"],
        kinds=MappingProxyType(kinds),
        relations=MappingProxyType(relations),
        modalities=MappingProxyType(dict(raw["modalities"])),
    )


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with actorgraph, loaded once."""
    text = resources.files("actorgraph.schema").joinpath("vocabulary.yaml").read_text("utf-8")
    return parse_vocabulary(yaml.safe_load(text))
