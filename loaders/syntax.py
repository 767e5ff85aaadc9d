"""Small readings of spaCy's dependency tree that every pattern module shares."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

# What the extractor hands the patterns: the actor a token names, if any.
ActorOf = Callable[[Token], object | None]


def kind_of(actor: object) -> str | None:
    """The kind of an actor an ActorOf gave (a cluster), or None."""
    return getattr(actor, "kind", None)


# Verbs by which a noun naming an act says whom it is aimed at ("the sanctions target A",
# "the designations cover A", "the ban applies to A").
AIMING = frozenset({"target", "cover", "hit", "affect", "name", "apply", "include"})
# Dependencies of a clause's subject, and the words that open a relative clause.
SUBJECTS = ("nsubj", "csubj")
RELATIVE = frozenset({"which", "who", "that", "whom"})
# Participles by which a group is led by someone, who acts with it ("a coalition led by X").
LEADING = frozenset({"lead", "head", "spearhead"})
# Nouns for what an actor writes or issues, whose subject speaks for its author ("Rubio's
# letter urged Acme to stop").
DOCUMENTS = frozenset(
    {"letter", "statement", "report", "complaint", "petition", "resolution", "ruling"}
    | {"order", "decision", "lawsuit", "suit", "filing", "memo", "notice", "declaration"}
)


def conjuncts(token: Token) -> list[Token]:
    """The token and the words listed with it ("A, B and C")."""
    return [token, *token.conjuncts]


def children(token: Token, *deps: str) -> list[Token]:
    """The token's children of the given dependencies."""
    return [c for c in token.children if c.dep_ in deps]


def possessors(noun: Token) -> list[Token]:
    """The possessors of a noun: "Acme's" of "Acme's decision", which spaCy also reads as a
    modifier marked by its "'s" ("Apple’s decisions last week to ...")."""
    return [
        c
        for c in noun.children
        if c.dep_ == "poss" or (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children))
    ]


def is_passive(verb: Token) -> bool:
    """A passive verb: it has a passive subject or auxiliary."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def prep_objects(token: Token, word: str) -> list[Token]:
    """Objects of the preposition ``word`` attached to ``token`` ("sold X to police")."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ == word:
            found += [children(prep, "pobj", "pcomp")[0]] if children(prep, "pobj", "pcomp") else []
    return found


def agents(verb: Token) -> list[Token]:
    """The "by" agents of a passive verb or participle ("sold by X")."""
    return [o for a in children(verb, "agent") for o in children(a, "pobj")]


def doers_of(acts: list[Token]) -> list[Token]:
    """Who did the acts nouns name: 'Apple's decision', 'the arrest of Lai by the police',
    'the shutdown ordered by the government'."""
    doers = [d for a in acts for d in possessors(a) + prep_objects(a, "by")]
    return doers + [o for a in acts for p in children(a, "acl") for o in agents(p)]
