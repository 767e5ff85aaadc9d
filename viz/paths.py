"""The Paths page: the shortest chains of typed edges between two actors (or every chain up
to a length), with the evidence of every hop.

"How are these two connected?": by default a path walks edges either way, each hop shown
in its true direction (``Acme → Ruritania ← Agency``: Acme supplied Ruritania, which the
agency banned); "Follow edge direction" keeps only chains that go with every edge. "All
paths" lists every path without an actor twice, shortest first, bounded in length
(MAX_ALL_PATHS_LENGTH) and number (ALL_SHOWN). A double-click on an actor in the graph
explores it. State: ``?from=ID&to=ID&max=N&directed=1&mode=all`` in the URL.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from actorgraph.graph import (
    ALL_SHOWN,
    ANY_EDGE,
    MAX_ACTORS,
    MAX_ALL_PATHS_LENGTH,
    SHORTEST_SHOWN,
    ActorView,
    EdgeMatch,
    EdgeView,
    EvidenceView,
    PathView,
    Store,
    Subgraph,
    connect,
    find_paths,
)
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import canvas, draw, edge_filters, filter_widgets, routes
from actorgraph.viz.connect import require_store
from actorgraph.viz.edge_filters import EdgeFilter
from actorgraph.viz.filter_widgets import FilterWidgets
from actorgraph.viz.present import actor_terms, describe_actor, mark_terms, md_escape, source_line
from actorgraph.viz.search import did_you_mean, unique

ENDS = ("from", "to")  # the two pickers; also their URL parameters
MAX, DIRECTED, MODE = "max_length", "follow_direction", "path_mode"
MAX_PARAM, DIRECTED_PARAM, MODE_PARAM = "max", "directed", "mode"
MODES = {
    "shortest": "Shortest paths",
    "all": "All paths up to the length",
    "connect": "Connect more actors",
}
ALSO, ALSO_PARAM = "connect_also", "also"  # the further actors to connect; ids, comma-separated
CONNECT_CHOICES = 200  # the most connected actors offered to add (typing filters them)
# The walk filter's widgets (the URL's ?type=, ?modality=, ?since=, ?until= as on Explore).
WALK = FilterWidgets(
    "walk_types",
    "walk_modalities",
    "walk_since",
    "walk_until",
    types_label="Walk relation types",
    types_help="A path walks only edges of these types; any type when empty.",
    modalities_label="Walk modalities",
    start_label="Edges seen from",
    end_label="Edges seen until",
    end_help="Only edges seen (first to last) within these dates; undated edges only when "
    "both are empty.",
)
GOTO = "paths_goto"  # an actor double-clicked in the graph, to explore
DEFAULT_MAX = 4
SUGGESTED = 20


def hop_evidence(store: Store, edges: list[EdgeView]) -> dict[EdgeView, list[EvidenceView]]:
    """The evidence of every edge, read once per edge (paths share hops)."""
    return {e: store.evidence(e.subject, e.type, e.object) for e in dict.fromkeys(edges)}


def path_subgraph(store: Store, paths: list[PathView]) -> Subgraph:
    """The actors and edges of the paths, each once, for drawing."""
    edges = {(e.subject, e.type, e.object): e for p in paths for e in p.edges}
    ids = dict.fromkeys(i for p in paths for i in p.actors)
    nodes = [a for a in (store.actor(i) for i in ids) if a is not None]
    return Subgraph(nodes, list(edges.values()))


def path_title(path: PathView, names: dict[str, str]) -> str:
    """``Marco Rubio → Thermo Fisher Scientific → Xinjiang police (2 hops)``; an edge the
    path walks against its direction points back: ``Acme → Ruritania ← Agency``."""
    hops = len(path.edges)
    return f"{path.chain(names)} ({hops} hop" + ("" if hops == 1 else "s") + ")"


# -- the page --------------------------------------------------------------------------------


def render() -> None:
    """Two actor pickers, the length and direction controls, then the paths drawn and listed."""
    store = require_store()
    vocab = vocabulary()
    follow_double_click()
    st.title("Paths")
    left, right = st.columns(2, gap="large")
    source = pick_actor(store, vocab, left, "from", "From")
    target = pick_actor(store, vocab, right, "to", "To")
    mode_col, length_col, direction_col = st.columns([3, 3, 2])
    wanted_mode = st.query_params.get(MODE_PARAM)
    st.session_state.setdefault(MODE, wanted_mode if wanted_mode in MODES else "shortest")
    mode = mode_col.radio("Paths", list(MODES), key=MODE, format_func=MODES.get, horizontal=True)
    top = MAX_ALL_PATHS_LENGTH if mode == "all" else 6
    st.session_state.setdefault(MAX, _int(st.query_params.get(MAX_PARAM), DEFAULT_MAX))
    st.session_state[MAX] = min(st.session_state[MAX], top)
    st.session_state.setdefault(DIRECTED, st.query_params.get(DIRECTED_PARAM) == "1")
    max_length = length_col.slider(
        "Maximum length",
        1,
        top,
        key=MAX,
        help="Hops at most"
        + (f"; all paths stop at {top} hops and {ALL_SHOWN} paths." if mode == "all" else "."),
    )
    directed = direction_col.toggle(
        "Follow edge direction",
        key=DIRECTED,
        disabled=mode == "connect",
        help="Off: a path may walk an edge against its direction (each hop shows which way "
        "it points). On: only chains where every edge points from From towards To.",
    )
    st.query_params[MAX_PARAM] = str(max_length)
    st.query_params[DIRECTED_PARAM] = "1" if directed else "0"
    st.query_params[MODE_PARAM] = mode
    chosen = walk_filter(vocab)
    match = edge_filters.walkable(chosen)
    if source is None or target is None:
        return
    if source.id == target.id:
        st.info("Pick two different actors.")
        return
    if mode == "connect":
        more = pick_more(store, vocab, {source.id, target.id})
        ids = [source.id, target.id, *more]
        show_connection(store, vocab, ids, max_length, source.id, match)
        return
    paths = find_paths(
        store, source.id, target.id, max_length, directed=directed, every=mode == "all",
        match=match,
    )  # fmt: skip
    if not paths:
        line = no_path_line(source.name, target.name, max_length, directed)
        if match != ANY_EDGE:
            line += f" Only edges of {edge_filters.describe(chosen)} are walked."
        st.warning(line)
        return
    sub = path_subgraph(store, paths)
    names = {n.id: n.name for n in sub.nodes}
    st.caption(count_line(len(paths), len(distinct(paths)), mode))
    key = f"paths:{source.id}:{target.id}:{max_length}:{directed}:{mode}:{chosen.signature()}"
    draw_graph(sub, vocab, source.id, key)
    actors = {n.id: n for n in sub.nodes}
    evidence = hop_evidence(store, [e for p in paths for e in p.edges])
    for number, group in enumerate(distinct(paths), start=1):
        with st.expander(f"{number}. {path_title(group[0], names)}", expanded=number == 1):
            show_hops(group, actors, vocab, evidence)


def walk_filter(vocab: Vocabulary) -> EdgeFilter:
    """Which edges a path may walk: relation types, modalities and a date range, read from
    the URL once (``?type=SUED&modality=asserted&since=2021-01-01``) and kept in it."""
    type_col, modality_col, since_col, until_col = st.columns([4, 3, 2, 2])
    wanted = filter_widgets.from_url(vocab)
    types, modalities, since, until = filter_widgets.relation_widgets(
        vocab, WALK, wanted, (type_col, modality_col, since_col, until_col)
    )
    chosen = EdgeFilter(types, modalities, 0.0, since, until)
    filter_widgets.keep_in_url(chosen)
    return chosen


def draw_graph(sub: Subgraph, vocab: Vocabulary, centre: str, key: str) -> None:
    """The paths' (or the connection's) actors and edges; a double-click explores an actor."""
    where = canvas.positions("paths", key, sub)
    canvas.show(
        draw.elements(sub, vocab, where, "degree"),
        draw.node_styles(vocab, centre=centre),
        draw.edge_styles(vocab),
        key=key,
        on_change=partial(on_graph_event, key),
        node_actions=["expand"],
    )
    canvas.legend(sub, vocab, "degree")
    st.caption("Double-click an actor to explore it.")


def pick_more(store: Store, vocab: Vocabulary, ends: set[str]) -> list[str]:
    """Up to three more actors to connect with From and To (the most connected offered,
    typing filters them); kept in the URL."""
    wanted = [i for i in (st.query_params.get(ALSO_PARAM) or "").split(",") if i]
    known = [store.actor(i) for i in wanted]
    offered = unique([*known, *(a for a, _ in store.top_actors(CONNECT_CHOICES))])
    options = {a.id: a for a in offered if a.id not in ends}
    chosen = st.session_state.get(ALSO, [a.id for a in known if a is not None])
    st.session_state[ALSO] = [i for i in chosen if i in options]
    picked = st.multiselect(
        "Also connect",
        list(options),
        key=ALSO,
        max_selections=MAX_ACTORS - 2,
        format_func=lambda i: describe_actor(options[i], vocab),
        placeholder="Type to find an actor",
    )
    st.query_params[ALSO_PARAM] = ",".join(picked)
    return picked


def show_connection(
    store: Store,
    vocab: Vocabulary,
    ids: list[str],
    max_length: int,
    centre: str,
    match: EdgeMatch = ANY_EDGE,
) -> None:
    """The smallest tree of shortest paths joining the actors, over the edges ``match``
    lets through, drawn, with every edge's evidence; the actors no path of the length
    reaches are named."""
    joined = connect(store, ids, max_length, match)
    if joined.unjoined:
        names = ", ".join(a.name for a in (store.actor(i) for i in joined.unjoined) if a)
        st.warning(f"Not joined to the others within {max_length} hops: {names}.")
    sub = joined.subgraph
    if not sub.edges:
        return
    st.caption(
        f"{len(sub.nodes)} actors joined by {len(sub.edges)} edges: the shortest paths between "
        "them, as few as join them all (a Steiner tree, approximated)"
    )
    draw_graph(sub, vocab, centre, f"connect:{':'.join(ids)}:{max_length}:{hash(match)}")
    actors = {n.id: n for n in sub.nodes}
    show_edges(sub.edges, actors, vocab, hop_evidence(store, sub.edges))


def no_path_line(source: str, target: str, max_length: int, directed: bool) -> str:
    """Why the list is empty, naming the two actors searched (never stale ones)."""
    if directed:
        return f"No path of at most {max_length} hops from {source} to {target} along the edges."
    return f"No path of at most {max_length} hops between {source} and {target}, either way."


def count_line(found: int, chains: int, mode: str) -> str:
    """``3 shortest paths``, or ``50 paths (the first 50: there may be more)``; paths through
    the same actors by edges of other types are one entry (``5 paths through 3 chains``)."""
    kind = "shortest path" if mode == "shortest" else "path"
    line = f"{found} {kind}" + ("" if found == 1 else "s")
    if chains < found:
        line += f" through {chains} chain" + ("" if chains == 1 else "s") + " of actors"
    if found >= (ALL_SHOWN if mode == "all" else SHORTEST_SHOWN):
        line += f" (the first {found}: there may be more)"
    return line


def distinct(paths: list[PathView]) -> list[list[PathView]]:
    """The paths grouped by the actors they pass and the way they walk each edge: paths
    that differ only in an edge's type ("criticized" or "is a member of") are one entry."""
    groups: dict[tuple[tuple[str, ...], tuple[bool, ...]], list[PathView]] = {}
    for path in paths:
        groups.setdefault((tuple(path.actors), tuple(path.along())), []).append(path)
    return list(groups.values())


def on_graph_event(key: str) -> None:
    """A double-click on an actor in the graph: explore it (switched to by :func:`render`)."""
    pick = draw.read_event(st.session_state.get(key))
    if pick is not None and pick.actor and pick.explore:
        st.session_state[GOTO] = pick.actor


def follow_double_click() -> None:
    """Open Explore on an actor double-clicked in the graph (not allowed inside a callback)."""
    actor_id = st.session_state.pop(GOTO, None)
    if actor_id:
        st.switch_page(routes.explore(), query_params={"actor": actor_id})


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
    group: list[PathView],
    actors: dict[str, ActorView],
    vocab: Vocabulary,
    evidence: dict[EdgeView, list[EvidenceView]],
) -> None:
    """Each hop of a chain as its labelled edges (several when they differ only in type),
    each followed by every sentence behind it and its article."""
    hops = [dict.fromkeys(path.edges[hop] for path in group) for hop in range(len(group[0].edges))]
    show_edges([e for edges in hops for e in edges], actors, vocab, evidence)


def show_edges(
    edges: list[EdgeView],
    actors: dict[str, ActorView],
    vocab: Vocabulary,
    evidence: dict[EdgeView, list[EvidenceView]],
) -> None:
    """Each edge labelled, followed by every sentence behind it and its article."""
    names = {i: a.name for i, a in actors.items()}
    for edge in edges:
        st.markdown(f"**{md_escape(draw.edge_label(edge, names, vocab))}**")
        terms = actor_terms([actors.get(edge.subject), actors.get(edge.object)])
        for ev in evidence.get(edge, []):
            st.markdown(f"> {mark_terms(ev.sentence, terms)}")
            st.caption(source_line(ev))


def _int(value: str | None, default: int) -> int:
    """A URL parameter as a path length in 1..6, the default when it is not one."""
    try:
        return min(6, max(1, int(value))) if value else default
    except ValueError:
        return default
