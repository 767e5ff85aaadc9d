"""Carried doers: an act stated without its doer, whose doer the story named before.

News names who acts once, then goes on without them: "London imposed sanctions on seven
officers. The document says that A, B and C are sanctioned." or "Police arrested Jane
Roe. On Sunday, John Doe was detained too." or "Treasury announced sanctions on Tuesday.
The sanctions target A, B and C." The later sentence holds the act and the one it is done
to, but its doer is a passive's missing agent, a noun's missing "by", or a state's agents
no actor names ("security forces arrested A"). For such an act this module gives the doer
of the latest act of the same relation type within REACH sentences before; the extractor
keeps it as it keeps a pattern's reading. A carried act renews its doer, so a story of
one arrest after another carries its doer from one to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.modality import modality_of
from actorgraph.loaders.names import listed_through_titles
from actorgraph.loaders.pairs import (
    DOER,
    TriggerWords,
    mentions_in,
    path,
    reversed_steps,
)
from actorgraph.loaders.syntax import AIMING

if TYPE_CHECKING:
    from actorgraph.loaders.mention_records import Cluster

# Trigger sources that relate only the words beside them (titles, "in", "-based") or report
# a statement: their doer is never carried from elsewhere.
_NOT_CARRIED = frozenset({"role", "in", "based", "report"})
# How many sentences back a doer may be carried from.
REACH = 2
# How the one done to stands to an agentless passive: its subject, or what "against", "on"
# or "to" brings ("a suit was filed against X"); not where it was done ("in a court").
_DONE_TO = frozenset({("nsubjpass_",), ("prep_against_",), ("prep_on_",), ("prep_to_",)})
_AIMED_AT = frozenset({("nsubj^", "dobj_"), ("nsubj^", "prep_to_")})
# Nouns for a state's agents that news uses as a subject without naming whose they are:
# "Security forces arrested A" after "Ruritanian authorities arrested B".
_AGENTS = frozenset(
    {"force", "police", "authority", "officer", "official", "agent", "troop", "soldier"}
    | {"regime", "government", "military", "army", "prosecutor", "investigator"}
)
# How the one done to stands to an act, by how the act lacks its doer.
_DONE_TO_BY_LACK = {
    "aimed": _AIMED_AT,
    "unnamed": _DONE_TO | {("dobj_",)},
    # "Also sanctioned: Acme Ltd", "Also designated were A and B"
    "inverted": frozenset({("nsubj_",), ("auxpass_", "attr_")}),
}


class _Act(NamedTuple):
    """A trigger of one type in a sentence: who its doers are, whom it is done to, and
    how it lacks a doer ("" when the sentence may name one)."""

    trigger: Token
    relation: str
    doers: list[Cluster]
    done: list[Cluster]
    lacks: str


def _acts(
    sentence: Span, mentions: list[tuple[Token, Cluster]], triggers: TriggerWords
) -> Iterator[_Act]:
    """Each trigger of the sentence, per type, with the actors that are its doers and
    those it is done to, by the shape of their path to it."""
    heads = {head.i for head, _ in mentions}
    for word in sentence:
        types = [t for t, s in triggers.types(word).items() if s not in _NOT_CARRIED]
        if not types:
            continue
        # "adopted its 14th sanctions package": the act's noun names a noun that holds it
        compound = word.dep_ == "compound" and word.head.pos_ == "NOUN" and word.pos_ == "NOUN"
        trigger = word.head if compound else word
        lacks = _lacks_doer(trigger, heads)
        done_to = _DONE_TO_BY_LACK.get(lacks, _DONE_TO)
        doers, done = [], []
        for head, cluster in mentions:
            steps = path(head, trigger)
            if steps is None:
                continue
            if steps in DOER and lacks not in ("unnamed", "inverted"):
                # ("forces arrested A, the group said": the group reports, it does not arrest)
                doers.append(cluster)
            elif reversed_steps(steps) in done_to:
                done.append(cluster)
        done += [c for c in _listed_with(done, mentions) if c not in done]
        for relation in types:
            yield _Act(trigger, relation, doers, done, lacks)


def _listed_with(done: list[Cluster], mentions: list[tuple[Token, Cluster]]) -> list[Cluster]:
    """The people listed after those an act is done to, whom the parser hung on their
    titles ("A, chief of X, B, an employee of X, and C are sanctioned")."""
    people = {head.i: c for head, c in mentions if c.kind == "Person"}
    heads = [head for head, c in mentions if c in done and c.kind == "Person"]
    return [
        people[t.i] for head in heads for t in listed_through_titles(head, lambda t: t.i in people)
    ]


def _told(trigger: Token, lexicon: Lexicon) -> bool:
    """An act stated as done, not asked for, planned or denied: only such an act's doer is
    carried to the acts after it."""
    return modality_of(trigger, lexicon) == "asserted" and not _ceased(trigger, lexicon)


def _ceased(trigger: Token, lexicon: Lexicon) -> bool:
    """'stop arresting', 'end the detention of': an act under a verb that ends it."""
    head = trigger.head
    return trigger.dep_ in ("xcomp", "dobj", "pcomp") and head.lemma_.lower() in (
        lexicon.ceasing_verbs
    )


class Told(NamedTuple):
    """A sentence of the story, its mentions and its acts, read once for both readers of
    acts across sentences (carried and acts_named_again)."""

    number: int
    sentence: Span
    mentions: list[tuple[Token, Cluster]]
    acts: list[_Act]


def story(doc: Doc, clusters: Iterable[Cluster], triggers: TriggerWords) -> list[Told]:
    """Each sentence of the document with its mentions and its acts."""
    clusters = list(clusters)
    told = []
    for number, sentence in enumerate(doc.sents):
        mentions = mentions_in(sentence, clusters)
        told.append(Told(number, sentence, mentions, list(_acts(sentence, mentions, triggers))))
    return told


def carried(
    told: list[Told], triggers: TriggerWords, lexicon: Lexicon
) -> Iterator[tuple[str, Cluster, Cluster, Token]]:
    """(type, carried doer, the one done to, trigger) of every act a sentence states with
    no doer ("A, B and C are sanctioned", "the sanctions target A", "security forces
    arrested A"), whose doer did an act of that type within REACH sentences before."""
    last: dict[str, tuple[int, Cluster]] = {}  # type -> (sentence number, its doer)
    framed: dict[str, tuple[int, str]] = {}  # verb of a frame -> (sentence number, type)
    for number, sentence, mentions, acts in told:
        named: dict[str, Cluster] = {}
        yield from _acts_again(sentence, mentions, framed, number, triggers)
        for act in acts:
            verb = _putting(act.trigger)
            if verb is not None and _subjects(verb, mentions):  # "Commerce added A to the list"
                framed[verb.lemma_.lower()] = (number, act.relation)
            if act.doers and not _told(act.trigger, lexicon):
                continue  # "India should stop arresting activists": no arrest to carry
            if act.doers:
                named[act.relation] = act.doers[-1]
                continue
            if not act.lacks or act.relation not in last:
                continue
            at, doer = last[act.relation]
            if number - at > REACH:
                continue
            yield from _fitting(act.relation, [doer], act.done, act.trigger, triggers)
            named.setdefault(act.relation, doer)  # the story goes on about the same doer
        yield from _general_acts(sentence, mentions, last, number, triggers)
        for relation, doer in named.items():
            last[relation] = (number, doer)


def _putting(noun: Token) -> Token | None:
    """'added' of "added Acme to the Entity List": the verb that puts its object on the
    list a trigger noun names."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("to", "on") and prep.head.pos_ == "VERB":
        return prep.head
    return None


def _acts_again(
    sentence: Span,
    mentions: list[tuple[Token, Cluster]],
    framed: dict[str, tuple[int, str]],
    number: int,
    triggers: TriggerWords,
) -> Iterator[tuple[str, Cluster, Cluster, Token]]:
    """'Commerce added A to the Entity List. It also added B, a chip maker': the verb of a
    frame said again without its list, by a doer, of another object, within REACH
    sentences, is the same act."""
    for verb in sentence:
        at, relation = framed.get(verb.lemma_.lower(), (-REACH - 1, ""))
        if verb.pos_ != "VERB" or number - at > REACH or number == at:
            continue
        if any(c.dep_ == "prep" and c.lower_ in ("to", "on") for c in verb.children):
            continue  # its own list: the frame reads it
        done = [c for head, c in mentions if _steps_down(head, verb) == ("dobj_",)]
        yield from _fitting(relation, _subjects(verb, mentions), done, verb, triggers)


def _fitting(
    relation: str, doers: list[Cluster], done: list[Cluster], trigger: Token, triggers: TriggerWords
) -> Iterator[tuple[str, Cluster, Cluster, Token]]:
    """Each doer to each one done to, where the kinds fit the relation."""
    for doer in doers:
        for obj in done:
            if obj is not doer and triggers.fits(relation, doer, obj):
                yield relation, doer, obj, trigger


def _subjects(verb: Token, mentions: list[tuple[Token, Cluster]]) -> list[Cluster]:
    return [c for head, c in mentions if path(head, verb) == ("nsubj^",)]


def _steps_down(head: Token, verb: Token) -> tuple[str, ...] | None:
    steps = path(head, verb)
    return reversed_steps(steps) if steps is not None else None


# Nouns that name whatever act was told of last ("The measures also hit Acme").
_GENERAL_ACTS = frozenset({"measure", "action", "move", "step", "penalty"})


def _general_acts(
    sentence: Span,
    mentions: list[tuple[Token, Cluster]],
    last: dict[str, tuple[int, Cluster]],
    number: int,
    triggers: TriggerWords,
) -> Iterator[tuple[str, Cluster, Cluster, Token]]:
    """'The Treasury froze Acme's assets. The measures also hit Globex': a general noun
    for an act, aimed at someone, is the latest act told of within REACH sentences."""
    recent = [(at, relation, doer) for relation, (at, doer) in last.items() if number - at <= REACH]
    if not recent:
        return
    _, relation, doer = max(recent, key=lambda item: item[0])
    for noun in sentence:
        if not (
            noun.lemma_.lower() in _GENERAL_ACTS
            and noun.dep_ == "nsubj"
            and noun.head.lemma_.lower() in AIMING
            and not any(c.dep_ in ("poss", "compound", "prep") for c in noun.children)
        ):
            continue
        aimed = [c for head, c in mentions if _steps_down(head, noun) in _AIMED_AT]
        yield from _fitting(relation, [doer], aimed, noun, triggers)


# Words before an act's noun that make it one told of before ("the arrest", "these
# sanctions").
_DEFINITE = frozenset({"the", "this", "these", "those"})


def acts_named_again(told: list[Told]) -> list[tuple[int, Cluster]]:
    """(token index, doer) of each act's noun that names an act told of before and no doer
    of its own ("Police arrested A on Monday. HRW condemned the arrest."): the doer of the
    latest act of its type within REACH sentences before. A stance on the act is a stance
    on its doer, as "condemned the police's arrest of A" is."""
    last: dict[str, tuple[int, Cluster]] = {}
    found: list[tuple[int, Cluster]] = []
    for number, _, _, acts in told:
        for act in acts:
            if _told_before(act.trigger):  # ("HRW condemned the arrest": no doer of it)
                at, doer = last.get(act.relation, (number, None))
                if doer is not None and 0 < number - at <= REACH:
                    found.append((act.trigger.i, doer))
            elif act.doers:
                last[act.relation] = (number, act.doers[-1])
    return found


def _told_before(noun: Token) -> bool:
    """'the arrest', 'these sanctions': a definite act's noun with no doer or target beside
    it, the object of a verb or a preposition."""
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "pobj")
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
        and not any(c.dep_ in ("poss", "compound", "amod", "prep") for c in noun.children)
    )


def _inverted_participle(trigger: Token) -> bool:
    """'Also sanctioned: Acme Ltd': a participle without an auxiliary opening its clause,
    whose 'subject' (so the parser reads it) comes after it is what it was done to."""
    auxiliaries = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    subjects += [c for a in auxiliaries for c in a.children if c.dep_ == "attr"]
    return (
        trigger.tag_ == "VBN"
        and trigger.dep_ == "ROOT"
        and all(a.i > trigger.i for a in auxiliaries)  # "Also designated were A and B"
        and bool(subjects)
        and all(s.i > trigger.i for s in subjects)
    )


def _lacks_doer(trigger: Token, actor_heads: set[int]) -> str:
    """How an act goes without its doer: 'passive' ("A was sanctioned"), 'aimed' ("the
    sanctions target A"), 'unnamed' ("security forces arrested A"), or '' (it may name
    one)."""
    deps = {c.dep_ for c in trigger.children}
    if _inverted_participle(trigger):
        return "inverted"
    if trigger.pos_ == "VERB" and "auxpass" in deps and "agent" not in deps:
        return "passive"
    if trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in AIMING:
        return "aimed"
    unnamed = [
        c
        for c in trigger.children
        if c.dep_ == "nsubj" and c.lemma_.lower() in _AGENTS and c.i not in actor_heads
    ]
    if trigger.pos_ == "VERB" and unnamed:
        return "unnamed"
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("nsubj", "nsubjpass")
        and not any(
            c.dep_ in ("poss", "compound", "amod") or c.lower_ == "by" for c in trigger.children
        )
    ):
        return "nominal"  # "Sanctions on Globex were also announced"
    return ""
