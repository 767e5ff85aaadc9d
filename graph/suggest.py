"""Did-you-mean for actor search: the actors whose name or an alias is closest to a misspelling."""

from __future__ import annotations

import difflib

from actorgraph.graph.store import Store
from actorgraph.graph.views import ActorView

CUTOFF = 0.6  # difflib's default similarity ratio
CANDIDATES = 200  # actors sharing the most trigrams with the text that difflib compares


def suggest_actors(store: Store, text: str, limit: int = 5) -> list[ActorView]:
    """Up to ``limit`` actors whose name or an alias is closest to ``text`` (case-insensitive).

    For when the substring search finds nothing: difflib over the names and aliases of
    the actors whose names share the most trigrams with the text (Store.similar_actors,
    from the name-search index: a big graph's actors are not all read), best match first,
    each actor once.
    """
    wanted = text.strip().casefold()
    if not wanted or limit < 1:
        return []
    by_term: dict[str, list[ActorView]] = {}
    for actor in store.similar_actors(wanted, CANDIDATES):
        for term in {actor.name, *actor.aliases}:
            by_term.setdefault(term.casefold(), []).append(actor)
    found: dict[str, ActorView] = {}
    for term in difflib.get_close_matches(wanted, by_term, n=limit * 3, cutoff=CUTOFF):
        for actor in by_term[term]:
            found.setdefault(actor.id, actor)
    return list(found.values())[:limit]
