"""Turn a Subgraph into what st-link-analysis draws: elements, styles, layout and events.

Pure functions of the store's records and the vocabulary, so they are tested
without a browser. Kinds' colours and the relation types come from the
vocabulary; nothing here names a kind or a relation type.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from st_link_analysis import EdgeStyle, Event, NodeStyle

from actorgraph.graph import ActorView, EdgeView, Subgraph
from actorgraph.schema import Vocabulary
from actorgraph.viz import edge_filters, placement

EDGE_TAP = "edge_tap"
NODE_TAP = "node_tap"
EXPAND = "expand"  # st-link-analysis's own name for a double-clicked node
EVENTS = [Event(EDGE_TAP, "tap", "edge"), Event(NODE_TAP, "tap", "node")]

# The positions come with the elements (viz.placement); cytoscape only zooms them to fit.
LAYOUT: dict[str, Any] = {"name": "preset", "animate": False, "fit": True, "padding": 30}

# How an edge's line is drawn for each modality, here, in the downloads and in the legend.
LINE_STYLES = {"asserted": "solid", "hedged": "dashed", "negated": "dotted"}
SIZES = {"degree": "edges in the view", "mentions": "articles naming the actor"}  # size by
NODE_SIZE = 26  # px, an actor when nothing sizes it
SMALLEST, LARGEST = 18.0, 56.0  # px, the least and the most connected (or mentioned) actor

HIGHLIGHT = "#d62728"
HIGHLIGHT_WIDTH = 6  # px; the selected edge, as thick as the thickest others
WIDE_AT_CLAIMS = 10  # claims at which an edge reaches its widest


@dataclass(frozen=True, slots=True)
class CytoscapeStyle:
    """A raw cytoscape.js style rule, for what NodeStyle and EdgeStyle cannot say.

    st-link-analysis only calls ``dump()`` on the styles it is given, so this sits
    beside NodeStyle and EdgeStyle in its lists.
    """

    selector: str
    style: Mapping[str, Any] = field(default_factory=dict)

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": dict(self.style)}


def edge_id(edge: EdgeView) -> str:
    """A stable id for a typed edge: actor ids are slugs, so ``|`` cannot occur in them."""
    return f"{edge.subject}|{edge.type}|{edge.object}"


def keep_types(sub: Subgraph, types: Collection[str], keep: Iterable[str] = ()) -> Subgraph:
    """Only the edges of ``types`` (all when empty), and the actors they still connect.

    The actors in ``keep`` (the centre of an ego network) stay even when no edge is left,
    so a filter never makes the view jump to nothing. The rules are edge_filters'.
    """
    return edge_filters.apply(sub, edge_filters.EdgeFilter(types=tuple(types)), keep)


def _quote(value: str) -> str:
    """A string for a cytoscape selector, inside double quotes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node_data(actor: ActorView, vocab: Vocabulary) -> dict[str, Any]:
    """What the component shows in its side panel; ``label`` picks the kind's style."""
    kind = vocab.kinds.get(actor.kind)
    data: dict[str, Any] = {
        "id": actor.id,
        "label": actor.kind,
        "name": actor.name,
        "kind": kind.label if kind else actor.kind,
        "mentions": actor.mentions,
    }
    optional = {
        "aliases": ", ".join(actor.aliases),
        "wikidata": actor.wikidata,
        "first_seen": actor.first_seen,
        "last_seen": actor.last_seen,
    }
    data.update({k: v for k, v in optional.items() if v})
    return data


def _edge_data(edge: EdgeView, names: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": edge_id(edge),
        "source": edge.subject,
        "target": edge.object,
        "label": edge.type,
        "from": names.get(edge.subject, edge.subject),
        "to": names.get(edge.object, edge.object),
        "claims": edge.claims,
        "articles": edge.articles,
        "modality": edge.modality,
        "confidence": round(edge.confidence, 2),
    }
    optional = {"first_seen": edge.first_seen, "last_seen": edge.last_seen}
    data.update({k: v for k, v in optional.items() if v})
    return data


def node_sizes(sub: Subgraph, size_by: str | None) -> dict[str, float]:
    """Each actor's diameter in px by its degree in the view or its mentions (the square
    root, from SMALLEST for the view's least to LARGEST for its most); none when ``size_by``
    is not one of :data:`SIZES`."""
    if size_by not in SIZES:
        return {}
    if size_by == "mentions":
        value = {n.id: float(n.mentions) for n in sub.nodes}
    else:
        value = dict.fromkeys((n.id for n in sub.nodes), 0.0)
        for e in sub.edges:
            for end in (e.subject, e.object):
                if end in value:
                    value[end] += 1
    low, high = min(value.values(), default=0.0), max(value.values(), default=0.0)
    if high <= low:
        return dict.fromkeys(value, float(NODE_SIZE))
    return {
        i: round(SMALLEST + (LARGEST - SMALLEST) * math.sqrt((v - low) / (high - low)), 1)
        for i, v in value.items()
    }


def pair_captions(edges: list[dict[str, Any]]) -> None:
    """One caption per pair of actors: parallel edges (either way) pile their labels up at
    the ends, so the first of a pair says ``3 relations`` and the others say nothing; each
    edge's ``title`` lists the pair's relations, shown on hover. Changes ``edges`` in place.
    """
    pairs: dict[frozenset[str], list[dict[str, Any]]] = {}
    for edge in edges:
        data = edge["data"]
        pairs.setdefault(frozenset((data["source"], data["target"])), []).append(data)
    for group in pairs.values():
        title = "\n".join(_title_line(d) for d in group)
        for position, data in enumerate(group):
            data["title"] = title
            if len(group) == 1:
                data["caption"] = data["label"]
            else:
                data["caption"] = f"{len(group)} relations" if position == 0 else ""


def _title_line(data: Mapping[str, Any]) -> str:
    """``Marco Rubio -CRITICIZED-> Thermo Fisher Scientific (1 claim)`` from an edge's data."""
    line = f"{data.get('from', data['source'])} -{data['label']}-> {data.get('to', data['target'])}"
    claims = data.get("claims")
    if isinstance(claims, int):
        line += f" ({claims} claim" + ("" if claims == 1 else "s") + ")"
    if data.get("modality") in ("hedged", "negated"):
        line += f", {data['modality']}"
    return line


def elements(
    sub: Subgraph,
    vocab: Vocabulary,
    positions: Mapping[str, tuple[float, float]] | None = None,
    size_by: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The subgraph as st-link-analysis elements: ``{"nodes": [...], "edges": [...]}``, each
    node at its position (for the preset layout; placed afresh when none are given) and
    sized by ``size_by``, the edges of a pair of actors under one caption
    (:func:`pair_captions`)."""
    names = {n.id: n.name for n in sub.nodes}
    sizes = node_sizes(sub, size_by)
    if positions is None:  # laid out afresh: the preset layout needs a place for each
        positions = placement.place(list(names), [(e.subject, e.object) for e in sub.edges])
    nodes = []
    for n in sub.nodes:
        node: dict[str, Any] = {"data": _node_data(n, vocab)}
        if n.id in sizes:
            node["data"]["size"] = sizes[n.id]
        if positions and n.id in positions:
            x, y = positions[n.id]
            node["position"] = {"x": round(x, 1), "y": round(y, 1)}
        nodes.append(node)
    edges = [{"data": _edge_data(e, names)} for e in ordered_edges(sub) if e.subject in names]
    pair_captions(edges)
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True, slots=True)
class Legend:
    """What a drawing's legend says: the kinds drawn (label, colour, shape), the line styles
    of the modalities drawn, and what the sizes and widths mean."""

    kinds: list[tuple[str, str, str]]
    lines: list[tuple[str, str]]  # modality, line style
    notes: list[str]


def legend(sub: Subgraph, vocab: Vocabulary, size_by: str | None = None) -> Legend:
    """The legend of a drawn subgraph, in vocabulary order."""
    kinds = {n.kind for n in sub.nodes}
    modalities = {e.modality for e in sub.edges}
    notes = ["line width: claims"]
    if size_by in SIZES:
        notes.insert(0, f"size: {SIZES[size_by]}")
    return Legend(
        [(k.label, k.color, k.shape) for name, k in vocab.kinds.items() if name in kinds],
        [(m, style) for m, style in LINE_STYLES.items() if m in modalities],
        notes,
    )


def node_styles(vocab: Vocabulary, centre: str | None = None) -> list[Any]:
    """Readable captions at any zoom, one colour and shape per kind, the size the data gives
    (:func:`node_sizes`), a ring around the centre actor."""
    styles: list[Any] = [
        CytoscapeStyle(
            "node",
            {
                "min-zoomed-font-size": 0,
                "font-size": 12,
                "width": NODE_SIZE,
                "height": NODE_SIZE,
                "text-margin-y": 4,
                "text-wrap": "wrap",
                "text-max-width": 110,
                "label": "data(name)",
            },
        ),
        CytoscapeStyle("node[size]", {"width": "data(size)", "height": "data(size)"}),
    ]
    styles += [NodeStyle(label=k.name, color=k.color, caption="name") for k in vocab.kinds.values()]
    styles += [
        CytoscapeStyle(f"node[label = {_quote(k.name)}]", {"shape": k.shape})
        for k in vocab.kinds.values()
    ]
    if centre:
        styles.append(
            CytoscapeStyle(
                f"node[id = {_quote(centre)}]",
                {
                    "font-size": 13,
                    "font-weight": "bold",
                    "border-width": 3,
                    "border-color": "#333333",
                },
            )
        )
    return styles


def edge_styles(vocab: Vocabulary, selected: str | None = None) -> list[Any]:
    """One caption per pair of actors (:func:`pair_captions`), arrows except on symmetric
    relations, the modality's line style (:data:`LINE_STYLES`), width by number of claims."""
    styles: list[Any] = [
        CytoscapeStyle(
            "edge",
            {
                "min-zoomed-font-size": 0,
                "font-size": 10,
                # level captions on a white ground read better than ones turned along the line
                "text-rotation": "none",
                "color": "#444444",
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.85,
                # more claims, a thicker edge: 1 claim 1.5 px, 10 or more 6 px
                "width": f"mapData(claims, 1, {WIDE_AT_CLAIMS}, 1.5, 6)",
                "arrow-scale": 0.9,
            },
        )
    ]
    styles += [
        EdgeStyle(label=r.name, caption="caption", directed=not r.symmetric, labeled=None)
        for r in vocab.relations.values()
    ]
    styles += [
        CytoscapeStyle(f"edge[modality = {_quote(m)}]", {"line-style": style})
        for m, style in LINE_STYLES.items()
        if style != "solid"
    ]
    if selected:
        styles.append(
            CytoscapeStyle(
                f"edge[id = {_quote(selected)}]",
                {
                    "line-color": HIGHLIGHT,
                    "target-arrow-color": HIGHLIGHT,
                    "width": HIGHLIGHT_WIDTH,
                    "text-background-color": HIGHLIGHT,
                    "color": "#ffffff",
                },
            )
        )
    return styles


def edge_label(edge: EdgeView, names: Mapping[str, str], vocab: Vocabulary) -> str:
    """``Marco Rubio -CRITICIZED-> Thermo Fisher Scientific (1 claim)``; no arrow if symmetric."""
    claims = f"{edge.claims} claim" + ("" if edge.claims == 1 else "s")
    subject = names.get(edge.subject, edge.subject)
    obj = names.get(edge.object, edge.object)
    relation = vocab.relations.get(edge.type)
    arrow = f"-{edge.type}-" if relation and relation.symmetric else f"-{edge.type}->"
    return f"{subject} {arrow} {obj} ({claims})"


def ordered_edges(sub: Subgraph) -> list[EdgeView]:
    """Edges in the order of the pick list and the table: most claims first, then by type."""
    names = {n.id: n.name for n in sub.nodes}
    return sorted(sub.edges, key=lambda e: (-e.claims, e.type, names.get(e.subject, "")))


def edge_rows(sub: Subgraph) -> list[dict[str, Any]]:
    """The subgraph's edges as table rows, in :func:`ordered_edges` order."""
    names = {n.id: n.name for n in sub.nodes}
    return [
        {
            "Subject": names.get(e.subject, e.subject),
            "Relation": e.type,
            "Object": names.get(e.object, e.object),
            "Claims": e.claims,
            "Articles": e.articles,
            "Modality": e.modality,
            "Confidence": round(e.confidence, 2),
            "First seen": e.first_seen,
            "Last seen": e.last_seen,
        }
        for e in ordered_edges(sub)
    ]


@dataclass(frozen=True, slots=True)
class Pick:
    """What a click in the graph asks for: an edge's evidence, or an actor."""

    edge: str | None = None
    actor: str | None = None
    explore: bool = False  # a double-click: recentre the view on the actor


def read_event(value: Any) -> Pick | None:
    """The component's return value as a Pick; None when it is not a click we know.

    Edge and node taps come from :data:`EVENTS`; ``expand`` is st-link-analysis's
    double-click on a node.
    """
    if not isinstance(value, Mapping):
        return None
    action, data = value.get("action"), value.get("data") or {}
    if action == EDGE_TAP and data.get("target_id"):
        return Pick(edge=str(data["target_id"]))
    if action == NODE_TAP and data.get("target_id"):
        return Pick(actor=str(data["target_id"]))
    if action == EXPAND and data.get("node_ids"):
        return Pick(actor=str(data["node_ids"][0]), explore=True)
    return None
