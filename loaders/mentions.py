"""Find the actors an article mentions, and resolve mentions to one actor each.

Mentions come from three places: spaCy's named entities, noun phrases whose
head noun names a body ("Xinjiang police", "the Chinese regime"), and words that
refer back ("the company", "the senator", "it"). Things are no actors: laws,
treaties, orders and lists ("the Secure Networks Act"), products and apps, party
tags ("D-Mich."), titles ("Deputy Head of Protocol"), ticker codes and datelines.

This module puts the steps together (find_mentions) and keeps the names other modules
import from it: the records (mention_records.py) and resolve (coreference.py). The
steps: page.py reads the document's headlines, tags and acronyms; names.py grows and
cuts names; kinds.py says what a name is; entities.py turns spaCy's entities into
mentions; bodies.py finds body phrases and listed places; coreference.py groups the
mentions into actors.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.bodies import (
    body_phrase,
    cause_names,
    listed_places,
    markets,
    owned_name,
)
from actorgraph.loaders.coreference import LIST_REACH, resolve
from actorgraph.loaders.entities import (
    ARGUMENTS,
    bodies_before_titles,
    entity_mentions,
    unlabelled_name,
)
from actorgraph.loaders.kinds import ACTING_KINDS, is_thing, mention_of_name
from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.mention_records import Cluster, Mention
from actorgraph.loaders.names import (
    first_conjunct,
    role_before,
    strip_determiner,
    title_before,
    whole_name,
)
from actorgraph.loaders.page import Page, read_page
from actorgraph.loaders.syntax import LEADING
from actorgraph.schema import name_key

__all__ = ["Cluster", "Mention", "find_mentions", "resolve"]


# Cues that give a second name of the actor just named: "Acme, formerly known as Globex".
_ALSO_KNOWN = (
    ("also", "known", "as"),
    ("formerly", "known", "as"),
    ("officially", "known", "as"),
    ("previously", "known", "as"),
    ("now", "known", "as"),
    ("better", "known", "as"),
    ("known", "as"),
    ("formerly", "called"),
    ("formerly",),
    ("aka",),
    ("a.k.a.",),
    ("(", "or"),
)


# Verbs that tell their object to act ("asked it to stop"): only an actor is told to.
_TELLING = frozenset(
    {"ask", "urge", "press", "push", "call", "order", "force", "compel", "tell", "direct"}
    | {"instruct", "pressure", "encourage", "require", "allow", "invite", "request"}
)


def _told_to(token: Token) -> bool:
    """The object "it" of a verb that tells it to act ("urged it to sell"), which is an
    actor, unlike most an object "it" ("made it possible")."""
    verb = token.head
    return (
        token.dep_ == "dobj"
        and verb.lemma_.lower() in _TELLING
        and any(c.dep_ == "xcomp" for c in verb.children)
    )


def _list_start(token: Token) -> Token:
    """The first name of the list a name is in: through conjuncts, and through people's
    names the parser set in apposition ('Jane Roe, John Doe and Ali Khan', with 'Doe' in
    apposition to 'Roe')."""
    token = first_conjunct(token)
    while (
        token.dep_ == "appos"
        and token.head.i < token.i
        and token.ent_type_ == token.head.ent_type_ == "PERSON"
    ):
        token = first_conjunct(token.head)
    return token


def _listed_with_others(token: Token) -> bool:
    """'HRW and 40 other groups', 'Rubio and other lawmakers': a name listed with a plural
    noun for more of its kind, whom "they" then stands for with it."""
    first = first_conjunct(token)
    if any(
        c.tag_ == "NNS" and any(m.lower_ == "other" or m.dep_ == "nummod" for m in c.children)
        for c in first.conjuncts
    ):
        return True
    return _leads_a_group(first)


def _leads_a_group(name: Token) -> bool:
    """'a coalition led by X', 'a group of lawmakers headed by X', 'a coalition including
    X': the name is one of many."""
    prep = name.head
    if name.dep_ != "pobj":
        return False
    if prep.lower_ == "including":
        return prep.head.pos_ == "NOUN"
    participle = prep.head
    return (
        prep.dep_ == "agent"
        and participle.lemma_.lower() in LEADING
        and participle.dep_ == "acl"
        and participle.head.pos_ == "NOUN"
    )


def _plural_noun_before(pronoun: Token, lexicon: Lexicon) -> int:
    """The last token before a plural pronoun that a list it refers to must follow: the end
    of the latest sentence whose subject is a plural noun for actors ("The men were charged
    with defrauding A and B. They ...", "the firms said they", "seven of the firms said
    they"), which is the pronoun's own. -1 if there is none."""
    doc = pronoun.doc
    first = pronoun.sent.start
    for _ in range(LIST_REACH):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    barrier = -1
    for token in doc[first : pronoun.i]:
        if token.tag_ not in ("NNS", "NNPS") or not _for_actors(token, lexicon):
            continue
        titling = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        if titling or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children):
            continue  # "Senators Jane Roe and John Doe": a title of the names listed
        subject = token
        if token.head.dep_ == "prep" and token.head.head.pos_ in _QUANTITIES:
            subject = token.head.head  # "seven of the firms", "some of the officials"
        if subject.dep_ in ("nsubj", "nsubjpass"):
            barrier = token.sent.end - 1
    return barrier


# What a subject that takes a part of a plural noun is: "seven of", "some of", "many of".
_QUANTITIES = frozenset({"NUM", "DET", "PRON", "ADJ"})
# Plural nouns for people that no kind's lexicon lists.
_PEOPLE = frozenset({"people", "man", "woman", "person", "individual", "member", "employee"})


def _for_actors(noun: Token, lexicon: Lexicon) -> bool:
    """A noun that may stand for actors ("firms", "officials", "men"), not things."""
    lemma = noun.lemma_.lower()
    if noun.tag_ == "NNPS":  # "Officials" opening a sentence keeps its plural as lemma
        lemma = lemma.removesuffix("s")
    return (
        lemma in _PEOPLE
        or lemma in lexicon.anaphors
        or lemma in lexicon.heads
        or noun.lower_ in lexicon.group_nouns
        or lemma in lexicon.title_words
    )


def _origin(noun: Token, lexicon: Lexicon) -> str:
    """The state a demonym before a noun names: 'Israel' of 'the Israeli company', of
    'Israeli spyware maker NSO Group' (through the title nouns before a name), or ''."""
    modifiers = [
        m
        for w in [noun, *(c for c in noun.lefts if c.dep_ == "compound")]
        for m in w.lefts
        if m.dep_ in ("amod", "compound") and m.ent_type_ == "NORP"
    ]
    for modifier in modifiers:
        known = lexicon.known_actor(modifier.text)
        if known is not None and known.kind == "Government":
            return known.name
    return ""


def _described_origin(root: Token, lexicon: Lexicon) -> str:
    """The state a firm's name is described by: 'Israeli spyware maker NSO Group', 'NSO,
    an Israeli company', 'the Israeli firm NSO'."""
    described = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    described += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        described.append(root.head)
    return next((o for o in (_origin(d, lexicon) for d in described) if o), "") or _origin(
        root, lexicon
    )


def _conjunct_before(pronoun: Token) -> tuple[int, int]:
    """The tokens of the noun listed just before the one a possessive is on: 'sued Globex
    and its parent company' (its = Globex, not the one who sued). (-1, -1) if none."""
    owned = pronoun.head
    if pronoun.dep_ != "poss" or owned.dep_ != "conj" or owned.head.i > owned.i:
        return (-1, -1)
    before = owned.head
    return (before.left_edge.i, before.i + 1)


# Pronouns in the object case, which their own verb's subject does not bind.
_OBJECT_CASE = frozenset({"them", "him", "her", "it"})


def _governing_subject(pronoun: Token) -> tuple[int, int]:
    """The tokens of the subject an object-case "them" cannot be: the subject of the verb
    whose object it is ("The plaintiffs seek to have them produce the records": not the
    plaintiffs). (-1, -1) for "they", which may be its own sentence's subject's."""
    if pronoun.lower_ not in _OBJECT_CASE:
        return (-1, -1)
    governing = pronoun.head.head if pronoun.dep_ == "nsubj" else pronoun.head
    for _ in range(4):  # "seek to have them": 'have' takes its subject from 'seek'
        subjects = [c for c in governing.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return (subjects[0].left_edge.i, subjects[0].right_edge.i + 1)
        if governing.dep_ not in ("xcomp", "conj") or governing.head.i == governing.i:
            break
        governing = governing.head
    return (-1, -1)


def _in_subject(root: Token) -> bool:
    """Whether a mention is its clause's subject, listed in it, or in apposition to it
    ("Senators Jane Roe and John Doe wrote", parsed with the title as the subject)."""
    subjects = ("nsubj", "nsubjpass")
    if root.dep_ == "conj":
        root = first_conjunct(root)
    return root.dep_ in subjects or (root.dep_ == "appos" and root.head.dep_ in subjects)


def _anaphor(token: Token, lexicon: Lexicon) -> Mention | None:
    lower = token.lower_
    if token.pos_ == "PRON" and lower in lexicon.pronouns:
        if lower == "it" and token.dep_ not in ("nsubj", "nsubjpass") and not _told_to(token):
            return None  # an object "it" is more often a thing than an actor
        return Mention(
            token.i,
            token.i + 1,
            token.text,
            "",
            anaphor=lexicon.pronouns[lower],
            coordinated=_conjunct_before(token),
            besides=_governing_subject(token) if token.dep_ != "nsubj" else (-1, -1),
            predicated=any(a.dep_ == "attr" and a.head.lemma_ == "be" for a in token.ancestors),
        )
    if token.pos_ == "PRON" and lower in lexicon.plural_pronouns and token.dep_ == "nsubj":
        kinds = lexicon.plural_pronouns[lower]
        return Mention(
            token.i,
            token.i + 1,
            token.text,
            "",
            anaphor=kinds,
            plural=True,
            after=_plural_noun_before(token, lexicon),
            besides=_governing_subject(token),
        )
    kind = lexicon.anaphors.get(token.lemma_.lower())
    if kind and token.tag_ == "NNS":
        return _plural_description(token, kind)
    # ("the military" as a subject is often tagged an adjective)
    nominal = token.tag_ == "NN" or (token.pos_ == "ADJ" and token.dep_ in ARGUMENTS)
    if kind and nominal:
        left = list(token.lefts)
        if not left or left[0].lower_ != "the":
            return None
        if all(t.pos_ in ("DET", "ADJ") for t in left):
            origin = _origin(token, lexicon)
            return Mention(
                left[0].i, token.i + 1, f"the {token.lower_}", "", anaphor=(kind,), origin=origin
            )
        if all(t.pos_ in ("DET", "ADJ") or _where_based(t) for t in left):
            # "the New York-based group": the place stays a mention of its own
            return Mention(token.i, token.i + 1, f"the {token.lower_}", "", anaphor=(kind,))
    return None


# Words that make a plural noun refer back to a group named before: "the companies",
# "both firms", "the three senators", "these agencies".
_GROUP_DETERMINERS = frozenset({"the", "both", "these", "those"})


def _plural_description(noun: Token, kind: str) -> Mention | None:
    """'the companies', 'both firms', 'the three senators': a plural noun for actors of
    one kind that refers back to a list of them named before (a plural anaphor). Not one
    that names its own members ("the companies, A and B", "the companies include A")."""
    left = list(noun.lefts)
    if not left or left[0].lower_ not in _GROUP_DETERMINERS:
        return None
    if not all(t.pos_ in ("DET", "ADJ", "NUM") for t in left):
        return None  # "the telecom companies" may be any; "the two companies" are these
    if any(c.dep_ in ("appos", "prep", "relcl", "acl") for c in noun.rights):
        return None  # "the companies, A and B", "the companies that ...", "the firms in X"
    if noun.dep_ == "nsubj" and noun.head.lemma_ in ("include", "be"):
        return None  # "the companies include A and B" lists its own members
    name = f"{left[0].lower_} {noun.lower_}"
    return Mention(left[0].i, noun.i + 1, name, "", anaphor=(kind,), plural=True)


def _where_based(modifier: Token) -> bool:
    """'New York-based' or 'Shenzhen-based' before a noun."""
    return modifier.lemma_.lower() == "base" or modifier.lower_.endswith("-based")


def _repeated_names(doc: Doc, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """Every other place a found name is written: a name spaCy tagged once is a name
    everywhere ('Hikvision has collaborated ...' opening a sentence is the same Hikvision)."""
    names = {
        tuple(t.text for t in doc[m.start : m.end]): m
        for m in found
        if not m.anaphor and any(ch.isupper() for ch in m.name)
    }
    longest = max((len(n) for n in names), default=0)
    repeats = []
    for i in range(len(doc)):
        for size in range(min(longest, len(doc) - i), 0, -1):
            mention = names.get(tuple(t.text for t in doc[i : i + size]))
            if mention and (mention.start, mention.end) != (i, i + size):
                span = whole_name(doc[i : i + size], lexicon)
                name = mention.name if len(span) == size else span.text
                repeats.append(
                    Mention(
                        span.start, span.end, name, mention.kind, mention.known,
                        source=mention.source, label=mention.label, guessed=mention.guessed,
                    )
                )  # fmt: skip
                break
    return repeats


def _written_names(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Well-known actors whose names are common words, wherever written as the gazetteer
    writes them ("Access Now said", "Article 19 condemned"); not a name that goes on with
    "of" ("Article 19 of the Covenant" is a law's article)."""
    found = []
    for name, actor in lexicon.written_names:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)(?! of\b)", doc.text):
            span = doc.char_span(match.start(), match.end())
            if span is not None:
                found.append(
                    Mention(span.start, span.end, actor.name, actor.kind, actor, source="known")
                )
    return found


def _known_prefix(doc: Doc, mention: Mention, lexicon: Lexicon) -> Mention | None:
    """The well-known actor a run-together headline name starts with ('U.S. Sanctions ...')."""
    for end in range(mention.end - 1, mention.start, -1):
        known = lexicon.known_actor(doc[mention.start : end].text)
        if known:
            text = doc[mention.start : end].text
            return Mention(mention.start, end, text, known.kind, known, source="known")
    return None


def _drop_headline_only(doc: Doc, found: list[Mention], page: Page) -> list[Mention]:
    """A headline capitalises every word, so an unknown name seen only in headlines
    ('US Company to Stop Sales of Genetic Tech') is no evidence of an actor; a well-known
    actor at its start still is."""
    lexicon = page.lexicon

    def in_headline(m: Mention) -> bool:
        return doc[m.start].sent.start in page.headlines

    elsewhere = {name_key(m.name) for m in found if not in_headline(m)}
    kept = []
    for m in found:
        # "Xinjiang police" in a headline: the noun, not the capitals, says it is a body
        body = lexicon.heads.get(doc[m.end - 1].lemma_.lower()) in ACTING_KINDS
        if m.anaphor or m.known or body or not in_headline(m) or name_key(m.name) in elsewhere:
            kept.append(m)
        elif prefix := _known_prefix(doc, m, lexicon):
            kept.append(prefix)
    return kept


def _acronym_mentions(page: Page) -> list[Mention]:
    """The names that acronyms in parentheses stand for, each giving its acronym as an
    alias; the acronym of a law or list ('GDPR') is no actor either."""
    found = []
    for start, end, acronym in page.acronyms.values():
        span = page.doc[start:end]
        if is_thing(span, page.lexicon):
            page.things.add(name_key(acronym))
            continue
        mention = mention_of_name(span, "ORG", page)
        if mention is not None:
            mention.aliases = (acronym,)
            found.append(mention)
    return found


def _also_known(doc: Doc, mentions: list[Mention]) -> None:
    """'Acme, formerly known as Globex', 'Jan Novak (also known, according to the court, as
    Ivan Novy)', 'Zhang Wei (J.W. Zhang)': the second name is the first actor's."""
    by_start = {m.start: m for m in mentions if not m.anaphor}
    by_end = {m.end: m for m in mentions if not m.anaphor}
    for mention in mentions:
        if mention.anaphor:
            continue
        before = by_end.get(mention.start - 1)
        closed = mention.end < len(doc) and doc[mention.end].text == ")"
        people = before is not None and before.kind == mention.kind == "Person"
        if people and doc[mention.start - 1].text == "(" and closed:
            mention.same_as = before.start
            continue
        window = [t.lower_ for t in doc[max(0, mention.start - 9) : mention.start]]
        for cue in _ALSO_KNOWN:
            at = _ends_with_cue(window, cue)
            if at is None:
                continue
            cue_start = mention.start - len(window) + at
            earlier = [m for m in by_start.values() if m.end <= cue_start]
            if earlier:
                first = max(earlier, key=lambda m: m.end)
                gap = doc[first.end : cue_start]
                if len(gap) <= 2 and all(t.is_punct for t in gap):
                    mention.same_as = first.start
            break


def _ends_with_cue(window: list[str], cue: tuple[str, ...]) -> int | None:
    """Where a cue opens in the words before a name: right before it, or with a short
    aside before its last word ('also known, according to London, as')."""
    n = len(cue)
    if tuple(window[-n:]) == cue:
        return len(window) - n
    if n > 1 and window and window[-1] == cue[-1]:
        for at in range(len(window) - n, -1, -1):
            if tuple(window[at : at + n - 1]) == cue[:-1]:
                return at
    return None


def _entities(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """spaCy's entities, two of them joined where their "A and B" is a known actor's name:
    spaCy cuts 'US Customs and Border Protection' at its 'and'."""
    ents, out = list(doc.ents), []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end + 1 and doc[ent.end].lower_ in ("and", "&"):
            joined = Span(doc, ent.start, nxt.end, label=ent.label_)
            if lexicon.known_actor(strip_determiner(joined).text):
                out.append(joined)
                i += 2
                continue
        out.append(_name_before_number(ent) or ent)
        i += 1
    return out


# Labels of names, which a sum never swallows; and the words that make a number a sum.
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_SCALES = frozenset({"million", "billion", "trillion", "bn", "mn"})


def _name_before_number(ent: Span) -> Span | None:
    """The capitalised name opening an entity that is otherwise a sum ("fined Google 2.4
    billion euros": spaCy reads 'Google 2.4 billion' a sum, a product or a law), as an
    organization's name."""
    if ent.label_ in _NAMES:
        return None
    end = ent.start
    while end < ent.end and ent.doc[end].pos_ == "PROPN" and ent.doc[end].is_alpha:
        end += 1
    rest = ent.doc[end : min(ent.end + 2, len(ent.doc))]
    if end == ent.start or end == ent.end or not ent.doc[end].like_num:
        return None
    if not any(t.lower_ in _SCALES or t.is_currency for t in rest):
        return None  # "Executive Order 13553" is a law's number
    return Span(ent.doc, ent.start, end, label="ORG")


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Every mention in the document, in text order, without overlaps (longer wins)."""
    page = read_page(doc, lexicon)
    found: list[Mention] = _acronym_mentions(page) + listed_places(doc) + cause_names(doc, lexicon)
    found += bodies_before_titles(doc, page) + markets(doc, lexicon)
    for ent in _entities(doc, lexicon):
        for mention in entity_mentions(ent, page):
            mention.title = mention.title or title_before(doc, mention.start, lexicon)
            if mention.kind == "Person":
                mention.role_of = mention.role_of or role_before(doc, mention, lexicon)
            found.append(mention)
    for token in doc:
        bodies = body_phrase(token, lexicon)
        mention = None if bodies else unlabelled_name(token, page) or _anaphor(token, lexicon)
        found += bodies or ([mention] if mention else [])
    found = [m for m in found if name_key(m.name) not in page.things or m.anaphor]
    found += _repeated_names(doc, found, lexicon) + _written_names(doc, lexicon)
    found = _drop_headline_only(doc, found, page)
    for mention in found:
        root = doc[mention.start : mention.end].root
        if not mention.anaphor and mention.kind == "Company":
            mention.origin = _described_origin(root, lexicon)
        mention.subject = root.dep_ in ("nsubj", "nsubjpass")
        mention.copular = root.dep_ == "nsubj" and root.head.lemma_ == "be"
        mention.in_subject = _in_subject(root)
        mention.sentence = root.sent.start
        mention.definite = mention.start > 0 and doc[mention.start - 1].lower_ == "the"
        mention.listed = _list_start(root).i
        mention.with_others = _listed_with_others(root)
        if not mention.anaphor and mention.kind in ("GovernmentBody", "Organization"):
            mention.owned = owned_name(mention.name, lexicon)
    kept: list[Mention] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: -(m.end - m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    kept.sort(key=lambda m: m.start)
    _also_known(doc, kept)
    return kept
