"""Trigrams of actor names: the terms of the index behind name search.

Name search finds the actors whose name or an alias contains the text typed. Every
trigram of that text is then a trigram of the name, so the actors that hold all of the
text's trigrams include every match; the search keeps the true ones (cypher.search_among).
The index is asked for exact terms only. Full-text engines expand a wildcard such as
``*ermo*`` to a bounded number of terms and drop the rest without a word (FalkorDB's
missed matches among a hundred names), so wildcards cannot promise what substring
search promises.
"""

from __future__ import annotations

from collections.abc import Iterable

GRAM = 3
# Any subset of a text's trigrams finds every match; more only narrow the candidates.
MAX_QUERY_GRAMS = 12


def _folded(text: str) -> str:
    """Lower case, and every character that is not a letter or digit as '_': a full-text
    engine's tokenizer would split a term at punctuation or a space, so none is left."""
    return "".join(c if c.isalnum() else "_" for c in text.lower())


def _trigrams(text: str) -> dict[str, None]:
    folded = _folded(text)
    grams = (folded[i : i + GRAM] for i in range(len(folded) - GRAM + 1))
    return dict.fromkeys(g for g in grams if g.strip("_"))  # '___' would name everyone


def name_grams(names: Iterable[str]) -> str:
    """The trigrams of these names, space-separated, each once (an actor's NameGrams)."""
    grams: dict[str, None] = {}
    for name in names:
        grams.update(_trigrams(name))
    return " ".join(grams)


def query_grams(text: str) -> list[str]:
    """The trigrams of ``text``, each once, in order; none when it is too short to have one."""
    return list(_trigrams(text.strip()))


def search_grams(text: str) -> list[str]:
    """At most MAX_QUERY_GRAMS of the text's trigrams, spread from its start to its end: a
    long name's first words are often common ('Government...'), its last the telling ones."""
    grams = query_grams(text)
    if len(grams) <= MAX_QUERY_GRAMS:
        return grams
    step = (len(grams) - 1) / (MAX_QUERY_GRAMS - 1)
    return [grams[round(i * step)] for i in range(MAX_QUERY_GRAMS)]
