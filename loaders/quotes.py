"""Quotations that run over sentences: what a speaker says before the sentence that names
them, or after it.

News quotes a speaker over several sentences and names them once: "“Acme's sales to the
police are shameful. The company must stop,” said Jane Roe." or "Roe said: “Acme has
broken the sanctions. This cannot go on.”" A sentence of such a quotation states what its
speaker says, though it names no one saying it. This module finds, for each sentence
inside a quotation that names no speaker, the speaker named where the quotation opens or
closes; the patterns then read what the sentence says as theirs. "I" and "we" inside a
quotation are its speaker ("“We urge Acme to stop,” Amnesty International said").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

SpeakersOf = Callable[[Token], list[object]]

_OPENING, _CLOSING, _STRAIGHT = "“", "”", '"'
_MARKS = frozenset({_OPENING, _CLOSING, _STRAIGHT})


def _quote_marks(sentence: Span) -> list[str]:
    """The sentence's quotation marks, in order (a straight one opens or closes by what is
    open before it)."""
    return [t.text for t in sentence if t.text in _MARKS]


def _inside_after(marks: list[str], inside: bool) -> bool:
    """Whether the text is inside a quotation after these marks."""
    for mark in marks:
        inside = mark == _OPENING or (mark == _STRAIGHT and not inside)
    return inside


def _said(sentence: Span, reporting: frozenset[str], speakers_of: SpeakersOf) -> list[object]:
    """Who the sentence says speaks: the speakers of its reporting verbs."""
    verbs = [t for t in sentence if t.pos_ == "VERB" and t.lemma_.lower() in reporting]
    return [s for v in verbs for s in speakers_of(v)]


def quoted(
    doc: Doc, reporting: frozenset[str], speakers_of: SpeakersOf
) -> Iterator[tuple[Span, list[object]]]:
    """(sentence, its speakers) for each sentence that lies wholly inside a quotation and
    names no speaker of its own, whose quotation names one where it opens or closes, or
    that goes on from a quotation of the sentence before ("“A,” Roe said. “B.”")."""
    inside = False
    run: list[Span] = []  # sentences of the open quotation that name no speaker
    opener: list[object] = []  # the speaker named where the quotation opened
    last: list[object] = []  # the speaker of the quotation in the sentence before
    for sentence in doc.sents:
        starts_inside = inside
        marks = _quote_marks(sentence)
        inside = _inside_after(marks, inside)
        # who the sentence says speaks matters only where a quotation is open or marked
        in_play = starts_inside or bool(marks)
        said = _said(sentence, reporting, speakers_of) if in_play else []
        opens = sentence[0].text in (_OPENING, _STRAIGHT)
        if starts_inside and not said:
            run.append(sentence)  # the quotation goes on through this sentence
            if inside:
                continue
            said = opener  # it closes here without naming anyone: the opener spoke
        if starts_inside:  # it closes here ("..., ” said Roe."), or closes and reopens
            yield from ((quoted_sentence, said) for quoted_sentence in run if said)
            run = []
        elif opens and not inside and not said and last:
            yield sentence, last  # a whole quotation, by the speaker quoted just before
        if inside:  # a quotation opens here, or goes on after its speaker is named
            opener = said or (last if opens and not starts_inside else [])
            run = [sentence] if not said and not starts_inside and opens else []
        else:
            run, opener = [], []
        last = (said or last) if marks else []
    yield from ((quoted_sentence, opener) for quoted_sentence in run if opener)


# First-person pronouns that, inside a quotation, stand for its speaker.
_FIRST_PERSON = frozenset({"i", "we"})


def _inside_quotation(doc: Doc) -> list[bool]:
    """For each token, whether it stands inside a quotation."""
    inside, flags = False, []
    for token in doc:
        if token.text in _MARKS:
            inside = _inside_after([token.text], inside)
        flags.append(inside and token.text not in _MARKS)
    return flags


def first_person_speakers(
    doc: Doc,
    quotations: list[tuple[Span, list[object]]],
    reporting: frozenset[str],
    speakers_of: SpeakersOf,
) -> list[tuple[int, object]]:
    """(token index, speaker) for each "I" or "we" that is a subject inside a quotation
    whose speaker the sentence names, or the quotation's sentences around it do (the
    ``quotations`` that ``quoted`` gives)."""
    speakers = {s.start: said for s, said in quotations}
    inside = _inside_quotation(doc)
    found = []
    for sentence in doc.sents:
        pronouns = [
            t
            for t in sentence
            if t.lower_ in _FIRST_PERSON and t.dep_ in ("nsubj", "nsubjpass") and inside[t.i]
        ]
        if not pronouns:
            continue
        said = _said(sentence, reporting, speakers_of)
        for pronoun in pronouns:
            found += [(pronoun.i, speaker) for speaker in said or speakers.get(sentence.start, [])]
    return found


# Words by which a writer addresses someone: "wrote to Acme", "a letter to Acme".
_ADDRESSING = frozenset({"write", "send", "letter", "appeal", "message", "note", "address"})
# How many sentences after naming whom a letter is to its "you" may still be them.
_ADDRESS_REACH = 2


def addressees(doc: Doc, actor_of: Callable[[Token], object | None]) -> list[tuple[int, object]]:
    """(token index, addressee) for each "you" inside a quotation after a letter to someone
    ("Rubio wrote to Acme's chief executive, Jane Roe. 'I urge you to cut ties,' he wrote":
    Roe), within _ADDRESS_REACH sentences."""
    inside = _inside_quotation(doc)
    found: list[tuple[int, object]] = []
    latest: tuple[int, list[object]] = (-_ADDRESS_REACH - 1, [])
    for number, sentence in enumerate(doc.sents):
        addressed = _addressed(sentence)
        if addressed:  # ("she told reporters": a "you" after it is no longer the letter's)
            latest = (number, [a for t in addressed if (a := actor_of(t)) is not None])
        at, named = latest
        if named and number - at <= _ADDRESS_REACH:
            found += [
                (t.i, a) for t in sentence if t.lower_ == "you" and inside[t.i] for a in named
            ]
    return found


def _addressed(sentence: Span) -> list[Token]:
    """Whom a sentence writes or speaks to: 'wrote to X', 'a letter to X', 'told X'."""
    written = [
        o
        for t in sentence
        if t.lemma_.lower() in _ADDRESSING
        for p in t.children
        if p.dep_ in ("prep", "dative") and p.lower_ == "to"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    told = [
        o for t in sentence if t.lemma_.lower() == "tell" for o in t.children if o.dep_ == "dobj"
    ]
    return written + told
