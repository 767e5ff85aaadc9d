"""The Paths page: the shortest chains of typed edges between two actors, with the evidence
of every hop.

Paths follow edge direction (``A -SUPPLIED-> B``); "both directions" also looks from the
target back to the source. State: ``?from=ID&to=ID&max=N&both=1`` in the URL.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st
from st_link_analysis import st_link_analysis

from actorgraph.graph import ActorView, PathView, Store, Subgraph
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import draw
from actorgraph.viz.connect import require_store
from actorgraph.viz.explore import did_you_mean, unique
from actorgraph.viz.present import actor_terms, describe_actor, mark_terms, md_escape, source_line

ENDS = ("from", "to")  # the two pickers; also their URL parameters
MAX, BOTH = "max_length", "both_directions"
MAX_PARAM, BOTH_PARAM = "max", "both"
DEFAULT_MAX = 4
PATH_LIMIT = 10  # shortest paths asked of the store, each way
SUGGESTED = 20
GRAPH_HEIGHT = 460


def find_paths(
    store: Store, source: str, target: str, max_length: int, both: bool
) -> list[PathView]:
    """Shortest paths source -> target; with ``both``, also target -> source (listed after)."""
    found = store.paths(source, target, max_length=max_length, limit=PATH_LIMIT)
    if both:
        found += store.paths(target, source, max_length=max_length, limit=PATH_LIMIT)
    return found


def path_subgraph(store: Store, paths: list[PathView]) -> Subgraph:
    """The actors and edges of the paths, each once, for drawing."""
    edges = {(e.subject, e.type, e.object): e for p in paths for e in p.edges}
    ids = dict.fromkeys(i for p in paths for i in p.actors)
    nodes = [a for a in (store.actor(i) for i in ids) if a is not None]
    return Subgraph(nodes, list(edges.values()))


def path_title(path: PathView, names: dict[str, str]) -> str:
    """``Marco Rubio → Thermo Fisher Scientific → Xinjiang police (2 hops)``."""
    hops = len(path.edges)
    chain = " → ".join(names.get(i, i) for i in path.actors)
    return f"{chain} ({hops} hop" + ("" if hops == 1 else "s") + ")"


# -- the page --------------------------------------------------------------------------------


def render() -> None:
    """Two actor pickers, the length and direction controls, then the paths drawn and listed."""
    store = require_store()
    vocab = vocabulary()
    st.title("Paths")
    left, right = st.columns(2, gap="large")
    source = pick_actor(store, vocab, left, "from", "From")
    target = pick_actor(store, vocab, right, "to", "To")
    length_col, both_col = st.columns([3, 2])
    st.session_state.setdefault(MAX, _int(st.query_params.get(MAX_PARAM), DEFAULT_MAX))
    st.session_state.setdefault(BOTH, st.query_params.get(BOTH_PARAM) == "1")
    max_length = length_col.slider("Maximum length", 1, 6, key=MAX, help="Hops at most.")
    both = both_col.toggle(
        "Both directions", key=BOTH, help="Edges have a direction; also look from To back to From."
    )
    st.query_params[MAX_PARAM] = str(max_length)
    st.query_params[BOTH_PARAM] = "1" if both else "0"
    if source is None or target is None:
        return
    if source.id == target.id:
        st.info("Pick two different actors.")
        return
    paths = find_paths(store, source.id, target.id, max_length, both)
    if not paths:
        way = "either way" if both else f"from {source.name} to {target.name}"
        st.warning(f"No path of at most {max_length} hops {way}.")
        return
    sub = path_subgraph(store, paths)
    names = {n.id: n.name for n in sub.nodes}
    st.caption(f"{len(paths)} shortest path" + ("" if len(paths) == 1 else "s"))
    graph_col, list_col = st.columns([6, 5], gap="medium")
    with graph_col:
        st_link_analysis(
            draw.elements(sub, vocab),
            layout={**draw.LAYOUT, "idealEdgeLength": 90},
            node_styles=draw.node_styles(vocab, centre=source.id),
            edge_styles=draw.edge_styles(vocab),
            height=GRAPH_HEIGHT,
            key=f"paths:{source.id}:{target.id}:{max_length}:{both}",
        )
    with list_col:
        actors = {n.id: n for n in sub.nodes}
        for number, path in enumerate(paths, start=1):
            with st.expander(f"{number}. {path_title(path, names)}", expanded=number == 1):
                show_hops(store, path, actors, vocab)


def pick_end(end: str, actor_id: str) -> None:
    """A "did you mean" click: clear that end's search and pick the actor (a callback)."""
    st.session_state[f"search_{end}"] = ""
    st.session_state[f"pick_{end}"] = actor_id
    st.query_params[end] = actor_id


def pick_actor(store: Store, vocab: Vocabulary, col: Any, end: str, label: str) -> ActorView | None:
    """A search box and a pick list for one end of the path; the pick goes into the URL."""
    text = col.text_input(
        f"Search {label.lower()}", key=f"search_{end}", placeholder="Name or alias"
    )
    if text.strip():
        found = unique(store.search_actors(text.strip()))
        if not found:
            did_you_mean(store, text.strip(), col, partial(pick_end, end), key=f"suggest_{end}")
            return None
        first = 0
    else:
        wanted = st.query_params.get(end)
        current = store.actor(wanted) if wanted else None
        found = unique([current, *(a for a, _ in store.top_actors(SUGGESTED))])
        first = 1 if current is None and end == ENDS[1] and len(found) > 1 else 0  # two actors
    options = {a.id: a for a in found}
    key = f"pick_{end}"
    if st.session_state.get(key) not in options:
        st.session_state.pop(key, None)  # a pick from an earlier search: start from the top
    chosen = col.selectbox(
        label,
        list(options),
        index=first,
        key=key,
        format_func=lambda i: describe_actor(options[i], vocab),
    )
    if chosen is None:
        return None
    st.query_params[end] = chosen
    return options[chosen]


def show_hops(
    store: Store, path: PathView, actors: dict[str, ActorView], vocab: Vocabulary
) -> None:
    """Each hop as a labelled edge, followed by every sentence behind it and its article."""
    names = {i: a.name for i, a in actors.items()}
    for edge in path.edges:
        st.markdown(f"**{md_escape(draw.edge_label(edge, names, vocab))}**")
        terms = actor_terms([actors.get(edge.subject), actors.get(edge.object)])
        for ev in store.evidence(edge.subject, edge.type, edge.object):
            st.markdown(f"> {mark_terms(ev.sentence, terms)}")
            st.caption(source_line(ev))


def _int(value: str | None, default: int) -> int:
    """A URL parameter as a path length in 1..6, the default when it is not one."""
    try:
        return min(6, max(1, int(value))) if value else default
    except ValueError:
        return default
