"""What the whole article says about its tokens before mentions are read.

Headline lines capitalise every word, so their capitals say nothing; datelines, party
tags ("D-Mich.") and ticker codes are never actors; an acronym in parentheses stands for
the name just before it ("the Ruritania Digital Rights Foundation (RDRF)"). Each is read
once per document, into a Page the rules for single mentions consult.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.nlp import TICKER

# Legal forms an acronym's initials leave out ('Acme Holdings Pte. Ltd. (AH)').
_LEGAL_WORDS = frozenset(
    {"co", "corp", "inc", "ltd", "llc", "plc", "pte", "pty", "gmbh", "ag", "sa", "nv", "bv",
     "limited", "bhd", "sdn", "jsc", "pjsc", "spa", "srl"}
)  # fmt: skip
# Words inside a name that its acronym may skip ("Bureau of Industry and Security": BIS).
_LINK_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "&", "'s", "’s", "de", "du", "des"})
# Words before a name that are no part of it ("the", "this").
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# "(D-Mich.)", "R-Fla.", "D-N.Y.": a lawmaker's party and state, no actor.
_PARTY_TAG = re.compile(
    r"(?<![\w-])[DRI]-(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.|[A-Z]{2}\b"
    r"|Texas|Utah|Iowa|Ohio|Idaho|Maine|Alaska|Hawaii|Guam)"
)  # not 'D-Wave', a firm
# A byline or credit line names its people and outlet, however it capitalises them.
_BYLINE = re.compile(r"^\s*By\s|\b(?:Reporting|Editing|Writing|[Rr]eporting)\s+by\b")


@dataclass(slots=True)
class Page:
    """What the whole document says about its tokens before mentions are read."""

    doc: Doc
    lexicon: Lexicon
    banned: set[int]  # tokens of party tags, ticker codes and datelines
    headlines: set[int]  # first tokens of headline sentences
    acronyms: dict[int, tuple[int, int, str]]  # "(" token -> (start, end) of the name, acronym
    things: set[str] = field(default_factory=set)  # name keys of things' acronyms ('GDPR')


def _headlines(doc: Doc) -> set[int]:
    """First tokens of the sentences on headline lines: a line without a closing full stop
    whose words are mostly capitalised, so that its capitals say nothing. spaCy may cut
    such a line into several sentences; a paragraph cut mid-line is no headline."""
    starts: set[int] = set()
    offset = 0
    for line in doc.text.split("\n"):
        span = doc.char_span(offset, offset + len(line), alignment_mode="contract")
        offset += len(line) + 1
        if span is None or _BYLINE.search(line) or not _title_case(span):
            continue
        starts.update(s.start for s in doc.sents if span.start <= s.start < span.end)
    return starts


def _title_case(words: Span) -> bool:
    """No closing full stop and most words capitalised."""
    ending = [t for t in words if not t.is_space]
    last = ending[-1].text if ending else ""
    if last in (".", "!", "?", '"', "\u201d") or last.lower().rstrip(".") in _LEGAL_WORDS:
        return False  # a full stop, also the one of 'Acme Corp.', ends a sentence
    alpha = [t for t in words if t.is_alpha and len(t) > 3]
    return len(alpha) >= 3 and sum(t.text[0].isupper() for t in alpha) / len(alpha) > 0.6


def _tokens_in(doc: Doc, pattern: re.Pattern[str]) -> set[int]:
    """The tokens a pattern's matches in the text touch."""
    out: set[int] = set()
    for match in pattern.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _dateline(doc: Doc) -> set[int]:
    """Places opening a paragraph as a dateline ('LONDON, August 20.', 'London. ...',
    'GENEVA (20 June 2024) -'): where the story was filed, no actor of it."""
    out: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.end >= len(doc):
            continue
        before = doc.text[: ent.start_char].rstrip(" \t")
        if before and not before.endswith("\n"):
            continue
        after = doc[ent.end]
        dated = any(e.label_ == "DATE" and 0 <= e.start - ent.end <= 3 for e in doc.ents)
        shouting = ent.text.isupper() and after.text in (",", "(", "\u2014", "\u2013", "-")
        if after.text == "." or (after.text == "," and dated) or shouting:
            out.update(range(ent.start, ent.end))
    return out


def _spells(acronym: str, tokens: list[Token]) -> bool:
    """The words spell the acronym by their initials: every capitalised word gives its
    letter, a linking word may or may not ('Bureau of Industry and Security': BIS;
    'Ministry of Defense and Armed Forces Logistics': MODAFL)."""
    words = [t.text for t in tokens if t.is_alpha or t.text[:1].isalnum()]
    letters = acronym.upper()

    def spell(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        optional = word.lower() in _LINK_WORDS or not word[:1].isupper()
        takes = j < len(letters) and word[0].upper() == letters[j] and spell(i + 1, j + 1)
        return takes or (optional and spell(i + 1, j))

    return len(words) <= 14 and spell(0, 0)


def _acronym_text(token: Token) -> str | None:
    letters = token.text.replace(".", "").replace("&", "").replace("-", "")
    if len(letters) < 2 or not letters.isalnum() or not any(ch.isalpha() for ch in letters):
        return None
    return letters.upper() if letters.upper() == letters else None


def _entity_around(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the named entity it ends, less a leading 'the' and any possessor, so
    that 'DPA' names 'the Dutch Data Protection Authority', not 'Data Protection Authority',
    and 'BIS' of 'the Commerce Department's Bureau of Industry and Security' the bureau."""
    for ent in doc.ents:
        if ent.start <= start < ent.end and ent.end in (end, end + 1):
            first = ent.start + (doc[ent.start].lower_ in DETERMINERS)
            owners = [t.i + 1 for t in doc[first:start] if t.tag_ == "POS"]
            return min(max([first, *owners]), start), end
    return start, end


def _legal_tail(doc: Doc, end: int) -> bool:
    """The word before ``end`` is a company's legal form ('Ltd.', 'PTE.', 'Co.')."""
    word = doc[end - 1].text.lower().rstrip(".")
    return word in _LEGAL_WORDS


def _acronyms(doc: Doc) -> dict[int, tuple[int, int, str]]:
    """'the Ruritania Digital Rights Foundation (RDRF)': the name each acronym in
    parentheses stands for, found by its initials in the words just before."""
    found: dict[int, tuple[int, int, str]] = {}
    for paren in doc:
        if paren.text != "(" or paren.i + 2 >= len(doc) or doc[paren.i + 2].text != ")":
            continue
        acronym = _acronym_text(doc[paren.i + 1])
        if acronym is None:
            continue
        end = paren.i
        while end > paren.sent.start and (doc[end - 1].text == "," or _legal_tail(doc, end)):
            end -= 1  # 'Globex Consultancy Pte. Ltd. (GC)': the initials stop at the name
        for start in range(end - 1, max(end - 12, paren.sent.start) - 1, -1):
            words = list(doc[start:end])
            if not words[0].text[:1].isupper() or "\n" in doc[start:end].text:
                continue
            if _spells(acronym, words):
                first, last = _entity_around(doc, start, paren.i)
                found[paren.i] = (first, last, acronym)
                break
    return found


def read_page(doc: Doc, lexicon: Lexicon) -> Page:
    headlines = _headlines(doc)
    banned = _tokens_in(doc, _PARTY_TAG) | _tokens_in(doc, TICKER) | _dateline(doc)
    return Page(doc, lexicon, banned, headlines, _acronyms(doc))
