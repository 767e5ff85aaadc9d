"""Bodies that are part of other bodies: a unit is MEMBER_OF ("part of") its parent.

News names a unit with its parent in four ways, each read here from the words and the
tree rather than from a verb, since no verb states it:
- by the parent's name or acronym before its own ("the FSB Criminalistics Institute"),
- by a possessive ("the Treasury Department's Office of Foreign Assets Control"),
- by an apposition of a part noun ("the Morality Police, an element of the Law
  Enforcement Forces"),
- by a preposition of place in an institution ("the Technology Program at the ACLU").
A country is not a unit's parent here ("Iran's Morality Police" is Iran's body, which
RELATIONS.md does not call a membership), nor is a person.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.mention_records import Cluster, Mention
from actorgraph.loaders.readings import Found
from actorgraph.schema import name_key

_UNITS = frozenset({"GovernmentBody", "Organization"})
# A company's possessive names its product or division ("Apple's iMessage service"), which
# RELATIONS.md calls OWNS, not a membership.
_PARENTS = frozenset({"GovernmentBody", "Organization"})
# Nouns that say "a part of": "an element of", "a unit of", "an arm of".
_PART_NOUNS = frozenset(
    {"element", "unit", "arm", "branch", "division", "wing", "part", "component", "department"}
)
# Prepositions that put a unit inside an institution: "the Program at the ACLU".
_INSIDE = frozenset({"at", "within", "inside", "under"})
# Words after a parent's name that make a chapter of it, not a unit: "ACLU of Massachusetts".
_CHAPTER = frozenset({"of", "in", "for"})


def _named_after(unit: Cluster, parent: Cluster) -> bool:
    """'FSB Criminalistics Institute' of the FSB: the unit's name begins with a name of
    the parent (its acronym included) followed by more words; not 'of' a place, which
    names a chapter ('ACLU of Massachusetts'), a body of its own."""
    names = {name_key(n) for n in [parent.name, *parent.names]}
    words = name_key(unit.name).split()
    return any(
        " ".join(words[:n]) in names and words[n] not in _CHAPTER for n in range(1, len(words))
    )


def _same_head(unit: Cluster, parent: Cluster) -> bool:
    """'Israel's economy ministry' and 'Israel's defense ministry', split from one list: a
    unit is not of its own sort ("a ministry of a ministry")."""
    return name_key(unit.name).split()[-1:] == name_key(parent.name).split()[-1:]


def _parent_heads(head: Token) -> Iterator[Token]:
    """The tokens that name a unit's parent on the tree, seen from the unit's head."""
    for child in head.children:
        if child.dep_ == "poss":
            yield child
        elif child.dep_ == "prep" and child.lower_ in _INSIDE:
            yield from (t for t in child.children if t.dep_ == "pobj")
        elif child.dep_ == "appos" and child.lemma_.lower() in _PART_NOUNS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "within"):
                    yield from (t for t in prep.children if t.dep_ == "pobj")


def _found(unit: Cluster, parent: Cluster, mention: Mention, doc: Doc) -> Found:
    return Found("MEMBER_OF", unit, parent, doc[mention.start], "asserted", 0.7)


def _a_body_by_name(unit: Cluster, lexicon: Lexicon) -> bool:
    """A unit's name ends in a body's head noun ('... Institute', '... Council'), so a name
    spaCy ran into the next one ('European Parliament Reinhard Bütikofer') is none."""
    last = unit.name.split()[-1].lower()
    return lexicon.heads.get(last) in _UNITS


def memberships_of_units(doc: Doc, clusters: list[Cluster], lexicon: Lexicon) -> list[Found]:
    """Every unit-of-body membership the article names, once per unit mention."""
    at = {
        i: c
        for c in clusters
        if c.kind in _PARENTS
        for m in c.mentions
        for i in range(m.start, m.end)
    }
    found = []
    for unit in [c for c in clusters if c.kind in _UNITS]:
        named = [p for p in clusters if p is not unit and p.kind in _PARENTS]
        by_name = _a_body_by_name(unit, lexicon)
        parents = [p for p in named if by_name and _named_after(unit, p)]
        for mention in unit.mentions:
            if mention.anaphor:
                continue
            head = Span(doc, mention.start, mention.end).root
            tree = [at.get(t.i) for t in _parent_heads(head)]
            ends = {
                id(p): p
                for p in [*parents, *tree]
                if p is not None and p is not unit and not _same_head(unit, p)
            }
            found += [_found(unit, parent, mention, doc) for parent in ends.values()]
            parents = []  # a name says it once: its first mention carries it
    return found
