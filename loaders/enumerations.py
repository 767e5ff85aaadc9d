"""Enumerations: the actors a sentence lists as members of a group an earlier clause acted on.

News states an act on a group, then names its members: "Britain sanctioned six Ruritanian
officials. Among them were Jan Kowalski and Piotr Nowak." or "Commerce added 28 companies
to the Entity List. The companies include Acme, Globex and Initech." Each member is an end
of the act, though no single sentence holds both ends. This module finds such a group (a
plural noun no actor names, what a trigger's verb is done to), the doer of the act, and the
members a following "among them were ..." or "the companies include ..." lists; and
"Acme's subsidiaries include A and B", whose noun names the relation itself (backwards).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.pairs import TriggerWords
from actorgraph.loaders.syntax import ActorOf, kind_of
from actorgraph.schema import vocabulary

# Words that stand for the group itself in "among them were" and "they include".
_GROUP_PRONOUNS = frozenset({"they", "them", "those", "these"})
# How many sentences before an enumeration its act may be ("sanctioned five companies. The
# sanctioned entities are A, B and C. Among those sanctioned were D and E.").
_REACH = 2
# Nouns for the list an act puts its group on, whose members are the group's: "added 28
# organizations to the Entity List. The list includes A and B."
_LISTS = frozenset({"list", "blacklist", "designation", "package", "batch", "round"})
# Nouns for those an act was done to, whatever the act ("Among the targets is A", "The new
# entries include A and B").
_DONE_TO_NOUNS = frozenset({"target", "designee", "entry", "addition", "listing"})
# How a group stands to the verb that acts on it: its object, or the subject of a passive.
_GROUP_DEPS = frozenset({"dobj", "nsubjpass"})
# Prepositions by which an act's noun names the group it is aimed at ("sanctions on").
_AIMED_WITH = frozenset({"on", "against"})
# How many lines after "the following entities:" may each name one.
_LIST_LINES = 40
# Marks that set a list off after the group it names ("the companies, A and B").
_SETTING_OFF = frozenset({",", "–", "—", ":", "-"})
# Words before a plural noun that make it a group named before ("the companies, A and B").
_DEFINITE = frozenset({"the", "these", "those"})
# Nouns that name a relation backwards (the vocabulary's reversed): a subsidiary is owned.
_REVERSED = {
    word: relation.name
    for relation in vocabulary().relations.values()
    for word in relation.triggers.reversed
}


@dataclass(frozen=True, slots=True)
class Act:
    """An act on a group: who did it, the relation types its words say, and the group."""

    doer: object
    types: tuple[str, ...]
    verb: Token
    group: Token  # the plural noun: "individuals" of "sanctioned six individuals"


@dataclass(frozen=True, slots=True)
class Enumerated:
    """A relation read from an enumeration: the act's doer to one listed member."""

    type: str
    subject: object
    object: object
    trigger: Token  # the act's verb, or the noun that names the relation
    member: Token  # the member's word, in the enumeration's sentence


def _actors(token: Token, actor_of: ActorOf) -> list[tuple[Token, object]]:
    """The actors of a word and the words listed with it ("A, B and C"), through the
    groups a list names on its way ("A, 19 agencies such as B and C, and eight companies:
    D, E and F")."""
    found, seen, todo = [], set(), [token]
    while todo:
        word = todo.pop(0)
        if word.i in seen:
            continue
        seen.add(word.i)
        actor = actor_of(word)
        if actor is not None and all(actor is not a for _, a in found):
            found.append((word, actor))
        todo += [c for c in word.children if c.dep_ in ("conj", "appos")]
        if actor is None and word.tag_ == "NNS":  # a group: its members
            todo += [
                o
                for p in word.children
                if p.dep_ == "prep" and p.lower_ in ("as", "including")
                for o in p.children
                if o.dep_ == "pobj"
            ]
    return found


def _doer(verb: Token, actor_of: ActorOf) -> object | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return actor_of(child)
        if child.dep_ == "agent":
            return next((actor_of(g) for g in child.children if g.dep_ == "pobj"), None)
    return None


def _types(verb: Token, triggers: TriggerWords) -> tuple[str, ...]:
    """The relation types the act's words say: the verb's own, or a noun it takes by a
    preposition ("added ... to the Entity List")."""
    words = [verb] + [g for c in verb.children if c.dep_ == "prep" for g in c.children]
    return tuple(dict.fromkeys(t for word in words for t in triggers.types(word)))


def _act_on(noun: Token, triggers: TriggerWords) -> tuple[Token, tuple[str, ...]] | None:
    """The verb whose act a group noun undergoes, and the relation types its words say:
    the group is the verb's object ("sanctioned six individuals") or what the verb's
    object noun is on or against ("imposed sanctions on three companies")."""
    if noun.dep_ in _GROUP_DEPS:
        return noun.head, _types(noun.head, triggers)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _AIMED_WITH:
        return None
    if prep.head.dep_ == "dobj":  # "sanctions" of "imposed sanctions on"
        return prep.head.head, tuple(triggers.types(prep.head))
    if prep.head.pos_ == "VERB":  # the parser hung "on" on the verb
        acts = [c for c in prep.head.children if c.dep_ == "dobj"]
        return prep.head, tuple(dict.fromkeys(t for a in acts for t in triggers.types(a)))
    return None


def acts(sentence: Span, actor_of: ActorOf, triggers: TriggerWords) -> Iterator[Act]:
    """The acts of a sentence on a group no actor names, whose doer is an actor."""
    for noun in sentence:
        if noun.tag_ != "NNS" or actor_of(noun) is not None:
            continue
        act = _act_on(noun, triggers)
        if act is None:
            continue
        verb, types = act
        doer = _doer(verb, actor_of)
        if doer is not None and types:
            yield Act(doer, types, verb, noun)


def members(sentence: Span, actor_of: ActorOf) -> tuple[Token | None, list[tuple[Token, object]]]:
    """The actors a sentence enumerates as a group's members, and the group's noun when it
    names one ("the companies include ...", "the sanctioned entities are ..."; None for
    "among them were ...")."""
    for token in sentence:
        if token.lower_ == "among" and token.dep_ == "prep":
            pronoun = [c for c in token.children if c.lower_ in _GROUP_PRONOUNS]
            listed = [c for c in token.head.children if c.dep_ in ("nsubj", "attr")]
            groups = [c for c in token.children if c.dep_ == "pobj" and _acted_on(c, actor_of)]
            if groups and listed:  # "Acme was among the firms added", "Among the companies
                return groups[0], _actors(listed[0], actor_of)  # sanctioned were A and B"
            if pronoun and listed:
                named = _actors(listed[0], actor_of)
                people = [
                    p
                    for p in _people_in(listed[0], actor_of)
                    if all(p[1] is not a for _, a in named)
                ]
                return None, named + people
        if token.tag_ == "NNS" and (_count(token) or _definite(token)) and actor_of(token) is None:
            named = [c for c in token.children if _set_off(token, c) and actor_of(c) is not None]
            if named:  # "four members of the PLA – A, B, C and D", "the companies, A and B,"
                return token, _actors(named[0], actor_of)
        if token.lemma_ == "be" and token.pos_ in ("VERB", "AUX"):
            one_of = _one_of_group(token, actor_of) or _on_the_list(token, actor_of)
            if one_of is not None:  # "Acme is one of the companies targeted"
                return one_of
        if token.lemma_ in ("include", "be") and token.pos_ in ("VERB", "AUX"):
            subject = [c for c in token.children if c.dep_ == "nsubj"]
            listed = [c for c in token.children if c.dep_ in ("dobj", "attr")]
            if not subject or not listed or actor_of(subject[0]) is not None:
                continue
            group = subject[0]
            if group.lower_ in _GROUP_PRONOUNS:
                return None, _actors(listed[0], actor_of)
            if group.tag_ == "NNS" and (token.lemma_ == "include" or _named_by_act(group)):
                return group, _actors(listed[0], actor_of)
            if group.lemma_.lower() in _LISTS and token.lemma_ == "include":
                return group, _actors(listed[0], actor_of)  # "The list includes A and B"
    return None, []


def _named_subjects(verb: Token, actor_of: ActorOf) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubj" and actor_of(c) is not None]


def _one_of_group(verb: Token, actor_of: ActorOf) -> tuple[Token, list] | None:
    """'Acme Ltd is one of the companies targeted': (the group, its member the subject)."""
    subjects = _named_subjects(verb, actor_of)
    ones = [c for c in verb.children if c.dep_ == "attr" and c.lower_ == "one"]
    groups = [
        o
        for one in ones
        for p in one.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and _acted_on(o, actor_of)
    ]
    if not subjects or not groups:
        return None
    return groups[0], _actors(subjects[0], actor_of)


def _on_the_list(verb: Token, actor_of: ActorOf) -> tuple[Token, list] | None:
    """'A and B are also on the list': (the list, its members the subjects)."""
    subjects = _named_subjects(verb, actor_of)
    lists = [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "on"
        for o in p.children
        if o.dep_ == "pobj" and o.lemma_.lower() in _LISTS
    ]
    if not subjects or not lists:
        return None
    return lists[0], _actors(subjects[0], actor_of)


def _acted_on(group: Token, actor_of: ActorOf) -> bool:
    """A plural noun for a group an act was done to: "the companies targeted", "the 28
    firms"; not "the largest companies in Kenya"."""
    plural = group.tag_ == "NNS" and actor_of(group) is None
    named = _named_by_act(group) or _count(group) or group.lemma_.lower() in _DONE_TO_NOUNS
    return plural and bool(named)


def _named_by_act(group: Token) -> list[str]:
    """The participles a group is named by: "sanctioned" of "the sanctioned entities are",
    "those sanctioned" (spaCy tags such a participle an adjective as often as a verb)."""
    return [
        c.lower_
        for c in group.children
        if c.dep_ in ("amod", "acl") and (c.tag_ == "VBN" or c.lower_.endswith("ed"))
    ]


def _set_off(noun: Token, child: Token) -> bool:
    """A name set off after a group noun by a comma or a dash ("the companies, Acme, ...",
    "four members – A, B"): in apposition, or taken by the parser for a conjunct."""
    if child.dep_ == "appos":
        return True
    start = child.left_edge.i
    return child.dep_ == "conj" and start == noun.i + 2 and noun.nbor(1).text in _SETTING_OFF


def _definite(noun: Token) -> bool:
    """'the companies', 'these firms': a group the story named before."""
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)


def _count(noun: Token) -> str:
    """The number a plural noun is counted by ("four" of "four members"), or ""."""
    return next((c.lower_ for c in noun.children if c.dep_ == "nummod"), "")


def _same_group(group: Token | None, act: Act, triggers: TriggerWords) -> bool:
    """An enumeration lists the act's group: a pronoun, the same noun ("the companies
    include"), the list it was put on ("the list includes"), a group of the same count
    ("indicts four officers ... four members of the PLA – A, B, C and D"), or a group named
    by the act itself ("the sanctioned entities are")."""
    if group is None or group.lemma_ == act.group.lemma_ or group.lemma_.lower() in _LISTS:
        return True
    if _count(group) and _count(group) == _count(act.group):
        return True
    if _nominalizes(group, act.verb):  # "added 12 companies ... The additions include"
        return True
    if group.lemma_.lower() in _DONE_TO_NOUNS:  # "The new entries include", "the targets"
        return True
    participles = _named_by_act(group)
    if any(word.startswith(act.verb.lemma_.lower()) for word in participles):
        return True
    # "sanctioned five companies ... The designated entities are": a word of the same act
    return any(set(_participle_types(w, triggers)) & set(act.types) for w in participles)


def _participle_types(word: str, triggers: TriggerWords) -> set[str]:
    """The relation types a participle's verb introduces ('designated': designate), read
    from its form, for spaCy often tags such a participle an adjective and keeps it whole."""
    stems = (word, word[:-1], word[:-2]) if word.endswith("ed") else (word,)
    return {t for stem in stems for t in triggers.words.get(stem, {})}


def _nominalizes(noun: Token, verb: Token) -> bool:
    """'additions' of "add", 'designations' of "designate": the act's own noun."""
    stem = verb.lemma_.lower().removesuffix("e")
    return len(stem) >= 3 and noun.lemma_.lower().startswith(stem) and noun.lemma_ != verb.lemma_


def _possessor(group: Token, actor_of: ActorOf) -> object | None:
    """Whose the group is: "Acme's units", "its units", "the units of Acme"."""
    for child in group.children:
        if child.dep_ == "poss" and (actor := actor_of(child)) is not None:
            return actor
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and (actor := actor_of(obj)) is not None:
                    return actor
    return None


def _of_possessor(
    group: Token, listed: list[tuple[Token, object]], actor_of: ActorOf
) -> list[Enumerated]:
    """In "Acme's subsidiaries include A and B" a noun names the relation backwards (a
    subsidiary is owned): its possessor is the subject, each member the object."""
    relation = _REVERSED.get(group.lemma_.lower())
    owner = _possessor(group, actor_of)
    if relation is None or owner is None:
        return []
    return [
        Enumerated(relation, owner, member, group, token)
        for token, member in listed
        if member is not owner
    ]


def _people_in(title: Token, actor_of: ActorOf) -> list[tuple[Token, object]]:
    """The people a long title names, whom the parser hangs inside it ('First Deputy Chief
    of Staff of the Presidential Executive Office Ivan Petrov and FSB Director Oleg
    Sidorov': the title is the subject, the names sit under its 'of'); not the bodies the
    titles name."""
    found: list[tuple[Token, object]] = []
    for token in title.subtree:
        actor = actor_of(token)
        if kind_of(actor) == "Person" and all(actor is not a for _, a in found):
            found.append((token, actor))
    return found


def _ends_of(
    act: Act, listed: list[tuple[Token, object]], triggers: TriggerWords
) -> list[Enumerated]:
    """The relations of an act on a group to each member listed whose kind fits them."""
    return [
        Enumerated(relation, act.doer, member, act.verb, token)
        for token, member in listed
        for relation in act.types
        if member is not act.doer and triggers.fits(relation, act.doer, member)
    ]


def _announces_a_list(act: Act) -> bool:
    """'designated the following entities:': the members come in the lines after it."""
    return any(c.lower_ == "following" for c in act.group.children)


def _opening_actor(sentence: Span, actor_of: ActorOf) -> tuple[Token, object] | None:
    """The actor a line of a list opens with ('- Acme Ltd, a Hong Kong firm that ...')."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    actor = actor_of(words[0]) if words else None
    return (words[0], actor) if actor is not None else None


def _listed_lines(
    sentences: list[Span], after: int, actor_of: ActorOf
) -> list[tuple[Token, object]]:
    """The actors that open the lines after a list's announcement, up to the first line
    that opens with none."""
    found = []
    for sentence in sentences[after + 1 : after + 1 + _LIST_LINES]:
        opening = _opening_actor(sentence, actor_of)
        if opening is None:
            break
        found.append(opening)
    return found


def _from_announced_lists(
    sentences: list[Span], actor_of: ActorOf, triggers: TriggerWords
) -> list[Enumerated]:
    """'The Treasury designated the following entities: || - Acme Ltd, ... || - Globex,
    ...': each line's actor is an end of the act."""
    found = []
    for n, sentence in enumerate(sentences):
        if not any(t.lower_ == "following" for t in sentence):
            continue  # the acts of a sentence are read only where one may announce a list
        for act in acts(sentence, actor_of, triggers):
            if not _announces_a_list(act):
                continue
            found += _ends_of(act, _listed_lines(sentences, n, actor_of), triggers)
    return found


def enumerations(doc: Doc, actor_of: ActorOf, triggers: TriggerWords) -> list[Enumerated]:
    """Every relation an enumeration states: the doer of the latest act on a group, in the
    enumeration's sentence before it or in the sentence before, to each member listed; or
    the possessor of a group named backwards ("Acme's subsidiaries include ...")."""
    sentences = list(doc.sents)
    found: list[Enumerated] = _from_announced_lists(sentences, actor_of, triggers)
    for n, sentence in enumerate(sentences):
        group, listed = members(sentence, actor_of)
        if not listed:
            continue
        if group is not None and (possessed := _of_possessor(group, listed, actor_of)):
            found += possessed
            continue
        earlier = [*sentences[max(n - _REACH, 0) : n], sentence]
        candidates = [
            act
            for s in earlier
            for act in acts(s, actor_of, triggers)
            if act.group.i < listed[0][0].i and _same_group(group, act, triggers)
        ]
        # each doer's latest act on the group: "DOJ indicts four officers. Barr announced
        # indictments against four members – A, B, C and D" (both acts are on them)
        latest = {id(act.doer): act for act in candidates}
        for act in latest.values():
            found += _ends_of(act, listed, triggers)
    return found
