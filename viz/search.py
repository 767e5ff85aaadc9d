"""Finding an actor by name on any page: did-you-mean buttons and de-duplicated matches.

Explore, Paths and Timeline each search for actors; they share these helpers so a
misspelt name is answered alike everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actorgraph.graph import ActorView, Store, suggest_actors

SUGGEST_CLOSE = 5  # "did you mean" names offered when a search finds nothing


def did_you_mean(
    store: Store, text: str, col: Any, on_pick: Callable[[str], None], key: str = "suggest"
) -> None:
    """No substring match: say so, and offer the closest names and aliases as buttons."""
    close = suggest_actors(store, text, limit=SUGGEST_CLOSE)
    col.warning(f"No actor matches “{text}”." + (" Did you mean:" if close else ""))
    for a in close:
        col.button(a.name, key=f"{key}:{a.id}", on_click=on_pick, args=(a.id,))


def unique(actors: list[ActorView | None]) -> list[ActorView]:
    """First occurrence of each actor, in order (a name and an alias can both match)."""
    seen: dict[str, ActorView] = {}
    for a in actors:
        if a is not None and a.id not in seen:
            seen[a.id] = a
    return list(seen.values())
