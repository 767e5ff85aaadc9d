"""The extractor's word lists (lexicon.yaml) and well-known actors (gazetteer.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from actorgraph.schema import name_key, vocabulary


@dataclass(frozen=True, slots=True)
class KnownActor:
    """An actor the gazetteer knows: canonical name, kind, aliases, Wikidata id."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    wikidata: str | None
    capitals: tuple[str, ...] = ()  # a government's seats, which stand for it when it acts

    def is_capital(self, name: str) -> bool:
        return name_key(name) in {name_key(c) for c in self.capitals}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the extractor looks words up in."""

    heads: MappingProxyType[str, str]  # head noun -> kind
    anaphors: MappingProxyType[str, str]  # "company" -> Company
    pronouns: MappingProxyType[str, tuple[str, ...]]
    hedge_heads: frozenset[str]
    hedge_adverbs: frozenset[str]
    modals: frozenset[str]
    negators: frozenset[str]
    receiving_verbs: frozenset[str]
    ceasing_verbs: frozenset[str]
    titles: MappingProxyType[str, str]
    terms: frozenset[str]  # capitalised words that name no actor (AI, DNA, UAV)
    goods: frozenset[str]  # nouns for products, which a maker's name may modify
    known: MappingProxyType[str, KnownActor]  # name_key of name or alias -> actor

    def is_term(self, name: str) -> bool:
        """True for a capitalised technical term or acronym that is not an actor."""
        return name_key(name) in self.terms

    def known_actor(self, name: str) -> KnownActor | None:
        """The gazetteer's actor for a name or alias, if any."""
        return self.known.get(name_key(name))


def _load(name: str) -> Any:
    return yaml.safe_load(resources.files("actorgraph.loaders").joinpath(name).read_text("utf-8"))


def _by_word(table: dict[str, list[str]]) -> dict[str, str]:
    """Invert {kind: [word, ...]} into {word: kind}; the first kind listed for a word wins."""
    vocab = vocabulary()
    out: dict[str, str] = {}
    for kind, words in table.items():
        vocab.kind(kind)
        for word in words:
            out.setdefault(str(word).lower(), kind)
    return out


def _known(entries: list[dict[str, Any]]) -> dict[str, KnownActor]:
    vocab = vocabulary()
    index: dict[str, KnownActor] = {}
    for entry in entries:
        vocab.kind(entry["kind"])
        actor = KnownActor(
            entry["name"],
            entry["kind"],
            tuple(entry.get("aliases", ())),
            entry.get("wikidata"),
            tuple(entry.get("capitals", ())),
        )
        for alias in (actor.name, *actor.aliases, *actor.capitals):
            index.setdefault(name_key(alias), actor)
    return index


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon and gazetteer, validated against the vocabulary."""
    raw = _load("lexicon.yaml")
    hedges = raw["hedges"]
    return Lexicon(
        heads=MappingProxyType(_by_word(raw["heads"])),
        anaphors=MappingProxyType(_by_word(raw["anaphors"])),
        pronouns=MappingProxyType({p: tuple(k) for p, k in raw["pronouns"].items()}),
        hedge_heads=frozenset(hedges["heads"]),
        hedge_adverbs=frozenset(hedges["adverbs"]),
        modals=frozenset(hedges["modals"]),
        negators=frozenset(raw["negators"]),
        receiving_verbs=frozenset(raw["receiving_verbs"]),
        ceasing_verbs=frozenset(raw["ceasing_verbs"]),
        titles=MappingProxyType(raw["titles"]),
        terms=frozenset(name_key(t) for t in raw["terms"]),
        goods=frozenset(raw["goods"]),
        known=MappingProxyType(_known(_load("gazetteer.yaml"))),
    )
