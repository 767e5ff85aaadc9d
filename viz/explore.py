"""The Explore page: find an actor, draw its ego network, read the evidence behind an edge.

State: the actor on screen is in ``st.session_state["actor"]`` and in the URL
(``?actor=ID``), and so are the filters (edge_filters.to_params), so a view can be
bookmarked; the widgets have keys so that a click in the graph (a component callback)
can drive them. The filters apply to the graph, the edge table and the downloads alike;
the publisher filter asks the store which edges have a claim from those publishers.
A double-click on an actor expands it: its one-hop network joins the view
(``?expand=ID``, repeated), until it is collapsed or another actor is explored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial
from typing import Any

import streamlit as st

from actorgraph.graph import ActorView, EdgeView, Store, Subgraph, curation
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import (
    canvas,
    curate,
    draw,
    edge_filters,
    filter_widgets,
    picture,
    text_hits,
    view_downloads,
)
from actorgraph.viz.connect import require_store
from actorgraph.viz.edge_filters import EdgeFilter
from actorgraph.viz.filter_widgets import FilterWidgets
from actorgraph.viz.present import (
    actor_terms,
    chip,
    describe_actor,
    mark_terms,
    md_escape,
    source_line,
)
from actorgraph.viz.search import did_you_mean, unique

SEARCH, PICK, DEPTH, TYPES, EDGE = "search", "actor_pick", "depth", "types", "edge_pick"
MODALITIES, MIN_CONF, FROM, TO = "modalities", "min_conf", "date_from", "date_to"
PUBLISHERS, SIZE = "publishers", "size_by"
MERGE_SEARCH, MERGE_PICK, RENAME, KIND = "merge_search", "merge_pick", "rename_to", "kind_pick"
ACTOR_REASON, CLAIM_REASON = "actor_reason", "claim_reason"
CURRENT, TAPPED, EXPANDED = "actor", "tapped_actor", "expanded"  # plain session state
PARAM, EXPAND_PARAM, DEPTH_PARAM = "actor", "expand", "depth"  # URL (expand repeats)
SUGGESTED = 10  # most connected actors offered before anything is searched
WIDGETS = FilterWidgets(
    TYPES,
    MODALITIES,
    FROM,
    TO,
    types_label="Relation types",
    types_help="Draw only these relation types; all of them when empty.",
    modalities_label="Modality",
    start_label="Seen from",
    end_label="Seen until",
    end_help="Edges seen (first to last) within these dates; undated edges only when both "
    "are empty.",
)


# -- state changes, run as callbacks before the script so they may set widget values -----


def go_to(actor_id: str) -> None:
    """Recentre the page on an actor: clear the search, the expansions, and pick it."""
    st.session_state[SEARCH] = ""
    st.session_state[PICK] = actor_id
    st.session_state[CURRENT] = actor_id
    st.session_state.pop(TAPPED, None)
    set_expanded([])
    st.query_params[PARAM] = actor_id


def expanded() -> list[str]:
    """The actors whose neighbours were added to the view (``?expand=ID&expand=ID``)."""
    if EXPANDED not in st.session_state:
        st.session_state[EXPANDED] = list(dict.fromkeys(st.query_params.get_all(EXPAND_PARAM)))
    return st.session_state[EXPANDED]


def set_expanded(ids: list[str]) -> None:
    st.session_state[EXPANDED] = ids
    st.query_params[EXPAND_PARAM] = ids


def toggle_expand(actor_id: str) -> None:
    """Add an actor's neighbours to the view, or take them out again (a callback)."""
    ids = expanded()
    set_expanded([i for i in ids if i != actor_id] if actor_id in ids else [*ids, actor_id])


def on_graph_event(key: str) -> None:
    """A click in the graph: an edge shows its evidence, a node is offered, a double-click
    expands it (its neighbours join the view)."""
    pick = draw.read_event(st.session_state.get(key))
    if pick is None:
        return
    if pick.edge:
        st.session_state[EDGE] = pick.edge
    elif pick.actor and pick.explore:
        if pick.actor not in expanded():
            toggle_expand(pick.actor)
        st.session_state[TAPPED] = pick.actor
    elif pick.actor:
        st.session_state[TAPPED] = pick.actor


def depth_from_url(text: str | None) -> int:
    """A bookmarked depth, 1 to 3; 1 when there is none or it is not a number."""
    try:
        return min(3, max(1, int(text))) if text else 1
    except ValueError:
        return 1


def neighbourhood(store: Store, actor_id: str, depth: int, grown: list[str]) -> Subgraph:
    """The ego network at ``depth``, plus the one-hop networks of the expanded actors."""
    sub = store.ego([actor_id], depth=depth)
    extra = [i for i in grown if i != actor_id]
    if not extra:
        return sub
    more = store.ego(extra, depth=1)
    nodes = {n.id: n for n in [*sub.nodes, *more.nodes]}
    edges = {draw.edge_id(e): e for e in [*sub.edges, *more.edges]}
    return Subgraph(list(nodes.values()), list(edges.values()), sub.capped or more.capped)


# -- the page -----------------------------------------------------------------------------


def render() -> None:
    """Draw the page; every piece of data comes from the store's read methods."""
    store = require_store()
    vocab = vocabulary()
    search_col, pick_col, depth_col, size_col = st.columns([2, 3, 1, 2])
    actor = choose_actor(store, vocab, search_col, pick_col)
    if words := st.session_state.get(SEARCH, "").strip():  # the texts that hold its words
        text_hits.show(store, words, expanded=actor is None)
    st.session_state.setdefault(DEPTH, depth_from_url(st.query_params.get(DEPTH_PARAM)))
    depth = depth_col.slider("Depth", 1, 3, key=DEPTH, help="Hops from the actor.")
    st.query_params[DEPTH_PARAM] = str(depth)
    size_by = canvas.size_choice(SIZE, size_col)
    chosen_filter = filters(vocab, [name for name, _ in store.publishers()])
    if actor is None:
        return
    grown = expanded()
    sub = neighbourhood(store, actor.id, depth, grown)
    sourced = (
        store.edges_from_publishers(sub.edges, chosen_filter.publishers)
        if chosen_filter.publishers
        else set()
    )
    shown = edge_filters.apply(sub, chosen_filter, keep=[actor.id, *grown], sourced=sourced)
    actor_header(actor, sub, shown, vocab)
    curate.feedback(store, key="explore")
    curate_actor(store, actor, vocab)
    edges = draw.ordered_edges(shown)
    selected = current_edge(edges)
    where = canvas.positions("explore", actor.id, shown)
    key = graph_key(actor.id, depth, chosen_filter, grown, size_by)
    draw_graph(shown, actor, vocab, selected, key=key, positions=where, size_by=size_by)
    tapped_actor(shown, actor)
    edge = choose_edge(edges, shown, vocab)
    if edge is not None:
        show_evidence(store, edge, shown, chosen_filter.publishers)
    st.subheader("Edges")
    st.dataframe(draw.edge_rows(shown), hide_index=True, width="stretch")
    title = view_title(actor, depth, [n.name for n in shown.nodes if n.id in grown])
    caption = "Filter: " + edge_filters.describe(chosen_filter)
    drawing = picture.Drawing(where, size_by, title, caption)
    downloads(store, shown, actor, vocab, drawing)


def view_title(actor: ActorView, depth: int, grown: Sequence[str]) -> str:
    """The downloaded picture's title: whose network, how deep, which actors expanded."""
    title = f"{actor.name}: " + ("direct network" if depth == 1 else f"network to depth {depth}")
    return title + (f", expanded at {', '.join(grown)}" if grown else "")


def filters_from_url(vocab: Vocabulary, publishers: list[str]) -> EdgeFilter:
    """A bookmarked view's filters (``?type=SUED&modality=hedged&min_conf=0.7&since=…``): the
    publisher and confidence widgets seeded once; the rest seed relation_widgets."""
    f = filter_widgets.from_url(vocab)
    st.session_state.setdefault(PUBLISHERS, list(f.publishers))
    # only publishers the store names (a bookmark from another store, an article removed)
    st.session_state[PUBLISHERS] = [p for p in st.session_state[PUBLISHERS] if p in publishers]
    st.session_state.setdefault(MIN_CONF, f.min_confidence)
    return f


def filters(vocab: Vocabulary, publishers: list[str]) -> EdgeFilter:
    """The filter widgets; what they hold is mirrored into the URL."""
    wanted = filters_from_url(vocab, publishers)
    type_col, modality_col, conf_col, from_col, to_col, pub_col = st.columns([3, 2, 2, 2, 2, 3])
    types, modalities, start, end = filter_widgets.relation_widgets(
        vocab, WIDGETS, wanted, (type_col, modality_col, from_col, to_col)
    )
    min_conf = conf_col.slider(
        "Minimum confidence", 0.0, 1.0, step=0.05, key=MIN_CONF, help="The edge's confidence."
    )
    chosen_publishers = pub_col.multiselect(
        "Publisher",
        publishers,
        key=PUBLISHERS,
        placeholder="All publishers",
        help="Edges with at least one claim from an article of these publishers.",
    )
    chosen = EdgeFilter(types, modalities, float(min_conf), start, end, tuple(chosen_publishers))
    filter_widgets.keep_in_url(chosen)
    return chosen


def downloads(
    store: Store, shown: Subgraph, actor: ActorView, vocab: Vocabulary, drawing: picture.Drawing
) -> None:
    """The view on screen (filters applied): CSV of its edges with their evidence, GraphML
    of its subgraph, and the graph as SVG and PNG (built only when asked for) at the
    screen's positions, with a title, the filter and a legend.

    A download changes nothing on the page, so it does not rerun it (``on_click="ignore"``):
    a rerun would replace the other buttons' deferred files while they are being clicked."""
    files = [  # label, data (or what draws it), file name ending, MIME type, widget key
        ("Edges as CSV", partial(view_downloads.edges_csv, shown, store), "-edges.csv",
         "text/csv", "csv"),
        ("Graph as GraphML", view_downloads.subgraph_graphml(shown), ".graphml",
         "application/xml", "graphml"),
        ("Graph as SVG", partial(picture.svg, shown, vocab, actor.id, drawing), ".svg",
         "image/svg+xml", "svg"),
        ("Graph as PNG", partial(picture.png, shown, vocab, actor.id, drawing), ".png",
         "image/png", "png"),
    ]  # fmt: skip
    for col, (label, data, ending, mime, key) in zip(
        st.columns([1, 1, 1, 1, 2]), files, strict=False
    ):
        col.download_button(
            label,
            data,
            file_name=f"{actor.id}{ending}",
            mime=mime,
            key=f"download_{key}",
            on_click="ignore",
        )


def choose_actor(
    store: Store, vocab: Vocabulary, search_col: Any, pick_col: Any
) -> ActorView | None:
    """The search box and the pick list; the pick is mirrored into the URL."""
    text = search_col.text_input(
        "Search actors and texts", key=SEARCH, placeholder="A name, alias or words, e.g. thermo"
    )
    if text.strip():
        found = unique(store.search_actors(text.strip()))
        label = "Matching actors"
        if not found:
            did_you_mean(store, text.strip(), pick_col, go_to)
            return None
    else:
        found, label = suggestions(store), "Actor (or search for one)"
    options = {a.id: a for a in found}
    chosen = pick_col.selectbox(
        label, list(options), key=PICK, format_func=lambda i: describe_actor(options[i], vocab)
    )
    if chosen is None:
        return None
    previous = st.session_state.get(CURRENT)
    if previous is not None and previous != chosen:
        set_expanded([])  # another actor: its own view, not the last one's expansions
    st.session_state[CURRENT] = chosen
    if st.query_params.get(PARAM) != chosen:
        st.query_params[PARAM] = chosen
    return options[chosen]


def suggestions(store: Store) -> list[ActorView]:
    """The actor in the URL (or last on screen) first, then the most connected ones."""
    wanted = st.query_params.get(PARAM) or st.session_state.get(CURRENT)
    current = store.actor(wanted) if wanted else None
    if wanted and current is None:
        st.warning(f"No actor with id `{wanted}` in this store; showing the most connected ones.")
    return unique([current, *(a for a, _ in store.top_actors(SUGGESTED))])


def actor_header(actor: ActorView, sub: Subgraph, shown: Subgraph, vocab: Vocabulary) -> None:
    """The actor's name, kind and what the view holds."""
    kind = vocab.kinds.get(actor.kind)
    badge = chip(kind.label, kind.color) if kind else ""
    st.markdown(f"### {md_escape(actor.name)} {badge}", unsafe_allow_html=True)
    facts = []
    if actor.aliases:
        facts.append("also " + ", ".join(actor.aliases))
    facts.append(f"mentioned in {actor.mentions} article" + ("" if actor.mentions == 1 else "s"))
    if actor.first_seen:
        facts.append(f"seen {actor.first_seen} – {actor.last_seen or actor.first_seen}")
    hidden = len(sub.edges) - len(shown.edges)
    facts.append(
        f"{len(shown.nodes)} actors, {len(shown.edges)} edges"
        + (f" ({hidden} hidden by the filter)" if hidden else "")
    )
    if sub.capped:
        facts.append("the busiest neighbours are left out to keep the view small")
    st.caption(" · ".join(facts))


def current_edge(edges: list[EdgeView]) -> str | None:
    """The selected edge's id, known before the graph is drawn so it can be highlighted."""
    ids = [draw.edge_id(e) for e in edges]
    chosen = st.session_state.get(EDGE)
    return chosen if chosen in ids else (ids[0] if ids else None)


def graph_key(
    actor_id: str, depth: int, f: EdgeFilter, grown: Sequence[str] = (), size_by: str = ""
) -> str:
    """A new component whenever the drawn elements change, so cytoscape draws them afresh
    (at the positions :func:`canvas.positions` kept for the actors already shown)."""
    return f"ego:{actor_id}:{depth}:{f.signature()}:{','.join(grown)}:{size_by}"


def draw_graph(
    shown: Subgraph,
    actor: ActorView,
    vocab: Vocabulary,
    selected: str | None,
    key: str,
    positions: dict[str, tuple[float, float]],
    size_by: str,
) -> None:
    """The ego network in st-link-analysis; clicks come back through :func:`on_graph_event`."""
    canvas.show(
        draw.elements(shown, vocab, positions, size_by),
        draw.node_styles(vocab, centre=actor.id),
        draw.edge_styles(vocab, selected=selected),
        key=key,
        on_change=partial(on_graph_event, key),  # st-link-analysis passes no args
        node_actions=["expand"],
        events=draw.EVENTS,
    )
    canvas.legend(shown, vocab, size_by)
    st.caption(
        "Click an edge for its evidence, an actor for its buttons; double-click an actor "
        "to expand it (its neighbours join the view, the others stay where they are). "
        "Hover over an edge for the relations it stands for."
    )


def tapped_actor(shown: Subgraph, actor: ActorView) -> None:
    """An actor clicked in the graph: explore it, or expand (collapse) it in place; and a
    button to collapse every expansion."""
    tapped = st.session_state.get(TAPPED)
    other = next((n for n in shown.nodes if n.id == tapped), None)
    grown = expanded()
    explore_col, expand_col, reset_col = st.columns(3)
    if other is not None and other.id != actor.id:
        explore_col.button(
            f"Explore {other.name} →", on_click=go_to, args=(other.id,), type="primary"
        )
    if other is not None:
        verb = "Collapse" if other.id in grown else "Expand"
        expand_col.button(
            f"{verb} {other.name}", on_click=toggle_expand, args=(other.id,), key="expand_one"
        )
    if grown:
        reset_col.button(
            f"Collapse all ({len(grown)})", on_click=set_expanded, args=([],), key="expand_none"
        )


def choose_edge(edges: list[EdgeView], shown: Subgraph, vocab: Vocabulary) -> EdgeView | None:
    """The pick list of the drawn edges; a click on an edge in the graph selects it too."""
    st.subheader("Evidence")
    if not edges:
        st.info("No edges to show: widen the filters or the depth.")
        return None
    by_id = {draw.edge_id(e): e for e in edges}
    names = {n.id: n.name for n in shown.nodes}
    chosen = st.selectbox(
        "Edge", list(by_id), key=EDGE, format_func=lambda i: draw.edge_label(by_id[i], names, vocab)
    )
    return by_id.get(chosen) if chosen else None


def show_evidence(
    store: Store, edge: EdgeView, shown: Subgraph, publishers: Collection[str] = ()
) -> None:
    """Every sentence behind the edge, its actors in bold, with the article it is in.

    With a publisher filter, only the claims from those publishers' articles, and a line
    saying how many others there are.
    """
    actors = {n.id: n for n in shown.nodes}
    terms = actor_terms([actors.get(edge.subject), actors.get(edge.object)])
    every = store.evidence(edge.subject, edge.type, edge.object)
    items = [ev for ev in every if not publishers or ev.publisher in publishers]
    if not every:
        st.warning("The store holds no claim behind this edge.")
    elif len(items) < len(every):
        hidden = len(every) - len(items)
        st.caption(f"{hidden} more claim(s) from other publishers are hidden by the filter.")
    if items:
        curate.reason_input(key=CLAIM_REASON)
    for ev in items:
        with st.container(border=True):
            st.markdown(mark_terms(ev.sentence, terms))
            st.caption(source_line(ev))
            judge_claim(store, ev.claim, ev.status, ev.sentence)


# -- curation: the selected actor's panel and each claim's buttons (graph.curation) --------


def pick_merge(store: Store, actor_id: str) -> None:
    """A "did you mean" click in the merge search: search for that actor (a callback)."""
    found = store.actor(actor_id)
    st.session_state[MERGE_SEARCH] = found.name if found else ""
    st.session_state[MERGE_PICK] = actor_id


def rename(store: Store, actor: ActorView) -> None:
    """The Rename button: the new name as typed when it is clicked (a callback)."""
    name = (st.session_state.get(RENAME) or "").strip()
    done = f"Renamed {actor.name} to {name}"
    if curate.act(done, curation.rename, store, actor.id, name, reason_key=ACTOR_REASON):
        st.session_state[RENAME] = ""  # a refused name stays, to be corrected


def curate_actor(store: Store, actor: ActorView, vocab: Vocabulary) -> None:
    """Merge another actor into this one (which is kept), rename it, set its kind."""
    with st.expander("Curate this actor"):
        merge_col, rename_col, kind_col = st.columns(3)
        merge_into(store, actor, vocab, merge_col)
        rename_col.text_input("New name", key=RENAME, placeholder=actor.name)
        rename_col.button("Rename", key="rename", on_click=rename, args=(store, actor))
        kinds = list(vocab.kinds)
        chosen = kind_col.selectbox(
            "Kind",
            kinds,
            index=kinds.index(actor.kind) if actor.kind in kinds else 0,
            key=f"{KIND}:{actor.id}",
            format_func=lambda k: vocab.kinds[k].label,
        )
        kind_col.button(
            "Set kind",
            key="set_kind",
            disabled=chosen == actor.kind,
            on_click=curate.act,
            args=(f"Set the kind of {actor.name} to {chosen}", curation.set_kind, store,
                  actor.id, chosen),
            kwargs={"reason_key": ACTOR_REASON},
        )  # fmt: skip
        curate.reason_input(key=ACTOR_REASON)


def merge_into(store: Store, actor: ActorView, vocab: Vocabulary, col: Any) -> None:
    """A search for the actor to merge into this one, with the page's did-you-mean."""
    text = col.text_input(
        "Merge another actor into this one", key=MERGE_SEARCH, placeholder="Search a name"
    ).strip()
    if not text:
        return
    found = [a for a in unique(store.search_actors(text)) if a.id != actor.id]
    if not found:
        did_you_mean(store, text, col, partial(pick_merge, store), key="merge_suggest")
        return
    options = {a.id: a for a in found}
    if st.session_state.get(MERGE_PICK) not in options:
        st.session_state.pop(MERGE_PICK, None)
    other = options[
        col.selectbox(
            "Actor to merge",
            list(options),
            key=MERGE_PICK,
            format_func=lambda i: (
                f"{describe_actor(options[i], vocab)} · "
                f"{options[i].mentions} article" + ("" if options[i].mentions == 1 else "s")
            ),
        )
    ]
    col.button(
        f"Merge {other.name} into {actor.name}",
        key="merge",
        type="primary",
        on_click=merge,
        args=(store, actor, other),
    )


def merge(store: Store, keep: ActorView, drop: ActorView) -> None:
    """The Merge button: the selected actor is kept; the search is cleared (a callback)."""
    done = f"Merged {drop.name} into {keep.name}"
    if curate.act(done, curation.merge, store, keep.id, drop.id, reason_key=ACTOR_REASON):
        st.session_state[MERGE_SEARCH] = ""


def judge_claim(store: Store, claim_id: str, status: str, sentence: str) -> None:
    """A claim's status, and buttons to reject it or confirm it."""
    short = sentence if len(sentence) <= 60 else sentence[:57] + "…"
    status_col, reject_col, confirm_col = st.columns([2, 1, 1])
    status_col.caption(f"Status: {status}")
    reject_col.button(
        "Reject",
        key=f"reject:{claim_id}",
        disabled=status == "rejected",
        on_click=curate.act,
        args=(f"Rejected the claim “{short}”", curation.reject, store, claim_id),
        kwargs={"reason_key": CLAIM_REASON},
    )
    confirm_col.button(
        "Confirm",
        key=f"confirm:{claim_id}",
        disabled=status == "confirmed",
        on_click=curate.act,
        args=(f"Confirmed the claim “{short}”", curation.confirm, store, claim_id),
        kwargs={"reason_key": CLAIM_REASON},
    )
