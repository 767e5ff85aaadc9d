"""Modality of a claim: asserted, hedged (planned, considered, alleged) or negated.

Read from the trigger word and the chain of words that govern it, up to the
sentence root: "did not sell" is negated, "denied supplying" is negated, "plans
to sell", "could sanction", "reportedly considering sanctions" are hedged.
Reporting verbs ("said") pass a claim through unchanged.
"""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph.loaders.lexicon import Lexicon


def _governors(token: Token) -> list[Token]:
    """The trigger and the words above it, stopping at a noun that is itself an actor's name."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 8:
        head = chain[-1].head
        if chain[-1].dep_ in ("nsubj", "nsubjpass", "appos", "relcl"):
            break  # the trigger sits inside another clause's subject or a relative clause
        chain.append(head)
    return chain


def _negated_here(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def kept_from(word: Token, lexicon: Lexicon) -> bool:
    """'barred Acme from selling': a "from" of a preventing verb denies what it heads."""
    return word.lower_ == "from" and word.head.lemma_.lower() in lexicon.preventing_verbs


def modality_of(trigger: Token, lexicon: Lexicon, *, ceased: bool = False) -> str:
    """The modality of the claim a trigger word expresses."""
    chain = _governors(trigger)
    if not ceased and _negated_here(trigger):
        return "negated"
    for word in chain[1:]:
        if word.lemma_.lower() in lexicon.negators:
            return "negated"
        if kept_from(word, lexicon):
            return "negated"
    for word in chain:
        children = list(word.children)
        if any(c.dep_ == "aux" and c.lower_ in lexicon.modals for c in children):
            return "hedged"
        if any(c.dep_ == "advmod" and c.lower_ in lexicon.hedge_adverbs for c in children):
            return "hedged"
        if word.i != trigger.i and word.lemma_.lower() in lexicon.hedge_heads:
            return "hedged"
        if word.i != trigger.i and not ceased and _negated_here(word) and word.pos_ == "VERB":
            return "negated"
    return "asserted"
