"""Carried doers: an act stated without its doer, whose doer the story named before.

News names who acts once, then goes on without them: "London imposed sanctions on seven
officers. The document says that A, B and C are sanctioned." or "Police arrested Jane
Roe. On Sunday, John Doe was detained too." or "Treasury announced sanctions on Tuesday.
The sanctions target A, B and C." The later sentence holds the act and the one it is done
to, but its doer is a passive's missing agent, a noun's missing "by", or a subject no
actor names ("security forces", "the move"). This module proposes, for such an
act, the doer of the latest earlier act of the same relation type in the article, marked
as carried so the model weighs it apart from doers the sentence itself names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.pairs import (
    DOER,
    TriggerWords,
    mentions_in,
    path,
    reversed_steps,
)

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
# Verbs by which a noun naming an act says whom it is aimed at ("the sanctions target A",
# "the designations cover A", "the ban applies to A"), and how those stand to the noun.
_AIMING = frozenset({"target", "cover", "hit", "affect", "name", "apply", "include"})
_AIMED_AT = frozenset({("nsubj^", "dobj_"), ("nsubj^", "prep_to_")})


def _acts(
    sentence: Span, mentions: list[tuple[Token, Cluster]], triggers: TriggerWords
) -> Iterator[tuple[Token, str, list[Cluster], list[Cluster]]]:
    """Each trigger of the sentence, per type, with the actors that are its doers and
    those it is done to, by the shape of their path to it."""
    for trigger in sentence:
        types = [t for t, s in triggers.types(trigger).items() if s not in _NOT_CARRIED]
        if not types:
            continue
        doers, done = [], []
        for head, cluster in mentions:
            steps = path(head, trigger)
            if steps is None:
                continue
            if steps in DOER:
                doers.append(cluster)
            elif reversed_steps(steps) in (_AIMED_AT if _aimed(trigger) else _DONE_TO):
                done.append(cluster)
        for relation in types:
            yield trigger, relation, doers, done


def carried(
    doc: Doc, clusters: Iterable[Cluster], triggers: TriggerWords
) -> Iterator[tuple[str, Cluster, Cluster, Token]]:
    """(type, carried doer, the one done to, trigger) of every passive act a sentence states
    with no "by" ("A, B and C are sanctioned"), whose doer did an act of that type within
    REACH sentences before."""
    clusters = list(clusters)
    last: dict[str, tuple[int, Cluster]] = {}  # type -> (sentence number, its doer)
    for number, sentence in enumerate(doc.sents):
        mentions = mentions_in(sentence, clusters)
        named: dict[str, Cluster] = {}
        for trigger, relation, doers, done in _acts(sentence, mentions, triggers):
            if doers:
                named[relation] = doers[-1]
                continue
            if not (_agentless_passive(trigger) or _aimed(trigger)) or relation not in last:
                continue
            at, doer = last[relation]
            if number - at > REACH:
                continue
            for obj in done:
                if obj is not doer and triggers.fits(relation, doer, obj):
                    yield relation, doer, obj, trigger
        for relation, doer in named.items():
            last[relation] = (number, doer)


def _agentless_passive(trigger: Token) -> bool:
    deps = {c.dep_ for c in trigger.children}
    return trigger.pos_ == "VERB" and "auxpass" in deps and "agent" not in deps


def _aimed(trigger: Token) -> bool:
    """A noun naming the act, the subject of a verb that says whom it is aimed at: "the
    sanctions target A", "the new listings cover A"."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "nsubj"
        and trigger.head.lemma_.lower() in _AIMING
    )
