"""The extractor's word lists and well-known actors, loaded once.

lexicon.yaml holds the word lists; gazetteer.yaml the hand-typed actors (agencies,
international bodies, media, and country details such as wikidata ids), companies.yaml the
names of well-known companies (a kind cue, not an identity); countries.yaml
and legal_forms.yaml are generated from maintained data by compile_gazetteer.py. A
hand-typed entry is merged over the generated country it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    written: bool = False  # its name is common words ("Access Now"): found as written

    def is_capital(self, name: str) -> bool:
        return name_key(name) in {name_key(c) for c in self.capitals}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the extractor looks words up in."""

    heads: MappingProxyType[str, str]  # head noun -> kind
    anaphors: MappingProxyType[str, str]  # "company" -> Company
    pronouns: MappingProxyType[str, tuple[str, ...]]
    plural_pronouns: MappingProxyType[str, tuple[str, ...]]
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
    things: frozenset[str] = frozenset()  # a name's last word saying it is no actor (Act, app)
    products: frozenset[str] = frozenset()  # nouns a product's own name modifies ('X spyware')
    preventing_verbs: frozenset[str] = frozenset()  # 'barred X from selling'
    companies: frozenset[str] = frozenset()  # name keys of well-known companies
    title_words: frozenset[str] = frozenset()  # words of a person's title ('Deputy Chief')
    office_titles: frozenset[str] = frozenset()  # titles whose 'of' names a portfolio
    group_nouns: frozenset[str] = frozenset()  # nouns that make a name a group ('rebels')
    legal_forms: frozenset[str] = frozenset()  # company legal forms, lowercase ('gmbh', 's.p.a')
    reporting_verbs: frozenset[str] = frozenset()  # verbs that report a statement ('say')
    finding_verbs: frozenset[str] = frozenset()  # 'ruled that', 'found that'
    labelling_verbs: frozenset[str] = frozenset()  # 'called it shameful'
    wrongdoing_verbs: frozenset[str] = frozenset()  # 'breached', 'violated' (a rule)
    wrong_words: frozenset[str] = frozenset()  # 'was unlawful', 'misleading'
    wrongs: frozenset[str] = frozenset()  # 'contributed to abuses'
    # the names, as written, of well-known actors whose names are common words that spaCy
    # does not take for a name ("Access Now", "Article 19"), found as they are written
    written_names: tuple[tuple[str, KnownActor], ...] = ()
    # the cue words of a statement's tone: blame, ask, praise -> lemmas
    tone: MappingProxyType[str, frozenset[str]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def is_term(self, name: str) -> bool:
        """True for a capitalised technical term or acronym that is not an actor."""
        return name_key(name) in self.terms

    def is_company(self, name: str) -> bool:
        """True for a well-known company's name or short name (companies.yaml): a kind
        cue only, since a firm's short name also begins its subsidiaries' names."""
        return name_key(name) in self.companies

    def known_actor(self, name: str) -> KnownActor | None:
        """The gazetteer's actor for a name or alias, if any."""
        return self.known.get(name_key(name))

    def legal_form(self, words: list[str]) -> bool:
        """True when a name ends in a company legal form as written ('AG', 'S.p.A.', 'Pty
        Ltd'): capitalised or dotted, so the English word 'as' is none."""
        for size in (3, 2, 1):
            tail = " ".join(words[-size:])
            capitalised = any(ch.isupper() for ch in tail)
            if len(words) > size and capitalised and tail.lower().rstrip(".") in self.legal_forms:
                return True
        return False


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


def _merged(hand: list[dict[str, Any]], generated: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hand-typed entries, each with the aliases and capitals of the generated entry it
    names added after its own, then the generated entries no hand-typed one names. The hand
    entry decides name, kind and wikidata id, and its aliases come first."""
    by_key = {name_key(n): e for e in hand for n in (e["name"], *e.get("aliases", ()))}
    out = [dict(e) for e in hand]
    merged = {id(e): m for e, m in zip(hand, out, strict=True)}
    for entry in generated:
        owner = by_key.get(name_key(entry["name"]))
        if owner is None:
            out.append(entry)
            continue
        target = merged[id(owner)]
        for key in ("aliases", "capitals"):
            values = list(target.get(key, ()))
            values += [v for v in entry.get(key, ()) if v not in values and v != target["name"]]
            target[key] = values
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
            bool(entry.get("written", False)),
        )
        for alias in (actor.name, *actor.aliases, *actor.capitals):
            index.setdefault(name_key(alias), actor)
    return index


def _written_names(known: dict[str, KnownActor]) -> tuple[tuple[str, KnownActor], ...]:
    actors = {id(a): a for a in known.values() if a.written}.values()
    return tuple((n, a) for a in actors for n in (a.name, *a.aliases))


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon and gazetteer, validated against the vocabulary."""
    raw = _load("lexicon.yaml")
    hedges = raw["hedges"]
    known = _known(_merged(_load("gazetteer.yaml"), _load("countries.yaml")))
    return Lexicon(
        heads=MappingProxyType(_by_word(raw["heads"])),
        anaphors=MappingProxyType(_by_word(raw["anaphors"])),
        pronouns=MappingProxyType({p: tuple(k) for p, k in raw["pronouns"].items()}),
        plural_pronouns=MappingProxyType({p: tuple(k) for p, k in raw["plural_pronouns"].items()}),
        hedge_heads=frozenset(hedges["heads"]),
        hedge_adverbs=frozenset(hedges["adverbs"]),
        modals=frozenset(hedges["modals"]),
        negators=frozenset(raw["negators"]),
        preventing_verbs=frozenset(raw["preventing_verbs"]),
        receiving_verbs=frozenset(raw["receiving_verbs"]),
        ceasing_verbs=frozenset(raw["ceasing_verbs"]),
        titles=MappingProxyType(raw["titles"]),
        terms=frozenset(name_key(t) for t in raw["terms"]),
        goods=frozenset(raw["goods"]),
        known=MappingProxyType(known),
        written_names=_written_names(known),
        things=frozenset(raw["things"]),
        products=frozenset(raw["products"]),
        title_words=frozenset(raw["title_words"]),
        companies=frozenset(
            name_key(n) for e in _load("companies.yaml") for n in (e["name"], *e["aliases"])
        ),
        office_titles=frozenset(raw["office_titles"]),
        group_nouns=frozenset(raw["group_nouns"]),
        legal_forms=frozenset(_load("legal_forms.yaml")),
        reporting_verbs=frozenset(raw["statements"]["verbs"]),
        finding_verbs=frozenset(raw["findings"]["verbs"]),
        labelling_verbs=frozenset(raw["findings"]["labels"]),
        wrongdoing_verbs=frozenset(raw["findings"]["wrongdoing"]),
        wrong_words=frozenset(raw["findings"]["wrong"]),
        wrongs=frozenset(raw["findings"]["wrongs"]),
        tone=MappingProxyType(
            {name: frozenset(words) for name, words in raw["statements"]["tone"].items()}
        ),
    )


@cache
def compiled_triggers() -> dict[str, Any]:
    """The trigger lexicon compiled from PETRARCH2's CAMEO verbs and PropBank's nouns
    (triggers.yaml, made by compile_triggers): verbs, nouns and verb-object frames."""
    return _load("triggers.yaml") or {}
