"""Search over text: evidence sentences (claims) and articles (title and text) by words.

Both backends index a ``words`` property that actorgraph writes itself (text_words): the
text's words in lower case, each once, split at every character that is not a letter or
digit. The engines then hold the same terms: no stemming, no stop words, and nothing left
for their tokenizers to split differently (Lucene's keeps ``Thermo's`` whole where
RediSearch's splits it). A user's words are cut the same way (query_words), so the
engines' query syntax (``"``, ``-``, ``*``, ``:``, ``(`` ...) never reaches them: a search
cannot fail on what it is given, and finds the texts that hold every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from actorgraph.graph import cypher
from actorgraph.schema import Extraction

WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 16  # more words only narrow the hits; a query stays short
SNIPPET_CHARS = 240  # an article hit's excerpt of its text, about two sentences
LEAD_CHARS = 60  # of which before the first word found


def text_words(*texts: str | None) -> str:
    """The words of these texts, lower case, each once, space-separated: the indexed field."""
    found: dict[str, None] = {}
    for text in texts:
        if text:
            found.update(dict.fromkeys(w.lower() for w in WORD.findall(text)))
    return " ".join(found)


def query_words(text: str) -> list[str]:
    """The words of a search, as text_words cuts them; none when it holds no letter or digit."""
    return text_words(text).split()[:MAX_QUERY_WORDS]


def word_spans(text: str, words: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Where these (lower-case) words stand in ``text``, whole words only: the marks."""
    wanted = set(words)
    return tuple(m.span() for m in WORD.finditer(text) if m.group().lower() in wanted)


@dataclass(frozen=True, slots=True)
class TextHit:
    """One text a search found: an article (its title or text), or a claim's sentence.

    ``snippet`` is what to show, ``marks`` the (start, end) of the words searched for in
    it, ``at`` where the snippet starts in the article's text (None: the title). A claim
    hit names its claim and the edge it supports (subject, type, object). ``score`` is
    the engine's relevance: it orders the hits of one search, nothing more.
    """

    kind: str  # "article" or "claim"
    article: str
    title: str
    snippet: str
    marks: tuple[tuple[int, int], ...]
    at: int | None
    score: float
    published: str | None = None
    publisher: str | None = None
    claim: str | None = None
    type: str | None = None
    subject: str | None = None
    object: str | None = None
    subject_name: str | None = None
    object_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Every field, the marks as lists (JSON's arrays)."""
        found = {name: getattr(self, name) for name in self.__slots__}
        return {**found, "marks": [list(mark) for mark in self.marks]}


@dataclass(frozen=True, slots=True)
class TextIndex:
    """A backend's full-text indexes over the ``words`` of claims and articles: the
    statements that read them ($terms, $limit) and how its query language joins words
    that must all be there."""

    claims: str
    articles: str
    every: str


def claim_hit(row: dict[str, Any], words: Sequence[str]) -> TextHit:
    """A claim the index found (cypher.claims_matching's row), its sentence marked."""
    sentence = row["sentence"] or ""
    return TextHit(
        kind="claim",
        article=row["article"],
        title=row["title"] or "",
        snippet=sentence,
        marks=word_spans(sentence, words),
        at=row["start"],
        score=float(row["score"]),
        published=row["published"],
        publisher=row["publisher"],
        claim=row["claim"],
        type=row["type"],
        subject=row["subject"],
        object=row["object"],
        subject_name=row["subject_name"],
        object_name=row["object_name"],
    )


def article_hit(row: dict[str, Any], words: Sequence[str]) -> TextHit:
    """An article the index found, with the excerpt of its text holding the most of the
    words (its title when the text holds none of them)."""
    title, text = row["title"] or "", row["text"] or ""
    at = _excerpt_start(text, words)
    if at is None:
        snippet, marks = title, word_spans(title, words)
    else:
        end = _word_end(text, at + SNIPPET_CHARS)
        snippet = text[at:end]
        marks = word_spans(snippet, words)
    return TextHit(
        kind="article",
        article=row["article"],
        title=title,
        snippet=snippet,
        marks=marks,
        at=at,
        score=float(row["score"]),
        published=row["published"],
        publisher=row["publisher"],
    )


def _excerpt_start(text: str, words: Sequence[str]) -> int | None:
    """The start of the excerpt with the most different words searched for (the first such),
    a little before its first one, at a word's start; None when the text holds none."""
    found = [(m.start(), m.group().lower()) for m in WORD.finditer(text)]
    found = [(at, w) for at, w in found if w in set(words)]
    if not found:
        return None
    best, most = found[0][0], 0
    for i, (at, _) in enumerate(found):
        seen = {w for start, w in found[i:] if start < at + SNIPPET_CHARS - LEAD_CHARS}
        if len(seen) > most:
            best, most = at, len(seen)
    return _word_start(text, max(0, best - LEAD_CHARS), best)


def _word_start(text: str, at: int, limit: int) -> int:
    """``at`` moved forward to the start of a word (not past ``limit``)."""
    if at == 0:
        return 0
    space = text.find(" ", at, limit)
    return space + 1 if space >= 0 else limit


def _word_end(text: str, at: int) -> int:
    """``at`` moved back to the end of a word (the text's end if it is nearer)."""
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at)
    return space if space > 0 else at


def marked(snippet: str, marks: Sequence[tuple[int, int]], before: str, after: str) -> str:
    """The snippet with each mark wrapped in ``before`` and ``after`` (a table's or a page's
    highlight); the text between marks is left as it is."""
    out, at = [], 0
    for start, end in marks:
        out += [snippet[at:start], before, snippet[start:end], after]
        at = end
    out.append(snippet[at:])
    return "".join(out)


def words_statements(batch: Sequence[Extraction]) -> list[tuple[str, dict[str, Any]]]:
    """The statements that give these stored articles and their claims their words (an
    older store's, when it is opened)."""
    articles = [{"id": e.article.id, "words": text_words(e.article.title, e.article.text)}
                for e in batch]  # fmt: skip
    claims = [{"id": c.id, "words": text_words(c.evidence.sentence)}
              for e in batch for c in e.claims]  # fmt: skip
    return [(cypher.SET_ARTICLE_WORDS, {"rows": articles}),
            (cypher.SET_CLAIM_WORDS, {"rows": claims})]  # fmt: skip
