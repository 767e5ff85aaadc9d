"""Documents named again: "the letter", "the report" stand for who wrote them.

News names a document's authors once and then speaks of the document alone: "Senators
Roe and Doe wrote to the Commerce Department on Monday. The letter urged it to ..." or
"Human Rights Watch published a report on Acme. The report calls on Acme to stop ...".
A document that is the subject of its sentence speaks for its authors, as "Roe's letter
urged" does; this module finds, for each such definite document that names no author of
its own, the authors of the same kind of document named before it in the article.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from actorgraph.loaders.syntax import DOCUMENTS

AuthorsOf = Callable[[Token], list[object]]

# Words before a document that make it one named before ("the letter", "this report").
_DEFINITE = frozenset({"the", "this", "that"})
# Verbs of writing to someone without naming the document: the writers wrote a letter.
_WRITING_TO = frozenset({"write"})


def _named_again(noun: Token) -> bool:
    """A definite document that is its sentence's subject: 'The letter urged ...'."""
    return (
        noun.lemma_.lower() in DOCUMENTS
        and noun.dep_ == "nsubj"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
    )


def _documents_written(token: Token, authors_of: AuthorsOf) -> list[tuple[str, list[object]]]:
    """(document word, its authors) that a token names: a document with its authors
    ("a report by HRW", "issued a statement"), or a writing to someone ("wrote to Acme":
    a letter)."""
    if token.lemma_.lower() in DOCUMENTS and not _named_again(token):
        authors = authors_of(token)
        return [(token.lemma_.lower(), authors)] if authors else []
    if token.lemma_.lower() in _WRITING_TO and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in token.children
    ):
        writers = authors_of(token)
        return [("letter", writers)] if writers else []
    return []


def documents_named_again(doc: Doc, authors_of: AuthorsOf) -> list[tuple[int, object]]:
    """(token index, author) for each definite document that is a sentence's subject and
    names no author, by each author of the last document of its kind named before it.
    ``authors_of`` gives the authors a document word names (or a writing verb's writers)."""
    last: dict[str, list[object]] = {}
    found: list[tuple[int, object]] = []
    for token in doc:
        if _named_again(token) and not authors_of(token):
            found += [(token.i, author) for author in last.get(token.lemma_.lower(), [])]
            continue
        for word, authors in _documents_written(token, authors_of):
            last[word] = authors
    return found
