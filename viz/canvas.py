"""A graph on a page: Explore's ego network, the paths, the Timeline's "as of" graph and a
Cypher result are drawn by this one function, the width of the page, with a legend.

The positions come from viz.placement and are remembered per page and scope (the actor
explored), so a view that grows keeps its actors where they were. The page's script
(:data:`SCRIPT`, run once by app.py) refits a graph whenever its box changes size (the
page's width, fullscreen in and out) and shows an element's ``title`` on hover, which
st-link-analysis does neither of; it also caps the zoom at 1.5, as picture.MAX_ZOOM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st
from st_link_analysis import st_link_analysis

from actorgraph.graph import Subgraph
from actorgraph.schema import Vocabulary
from actorgraph.viz import draw, placement
from actorgraph.viz.present import graph_legend

SIZE_PARAM = "size"  # in the URL: degree or mentions
HEIGHT = 600  # px
Point = tuple[float, float]

SCRIPT = """<script>
(() => {
  if (window.actorgraphGraphs) return;
  window.actorgraphGraphs = true;
  const PADDING = 30;
  const MAX_ZOOM = 1.5;
  function hook(frame) {
    let doc, cy;
    try {
      doc = frame.contentDocument;
      cy = doc && doc.getElementById("cy") && doc.getElementById("cy")._cyreg
        && doc.getElementById("cy")._cyreg.cy;
    } catch (error) { return; }
    if (!cy || cy.actorgraphHooked) return;
    cy.actorgraphHooked = true;
    const box = doc.getElementById("cy");
    cy.maxZoom(MAX_ZOOM);  // a path of three actors is not blown up to fill the page
    const fit = () => { cy.resize(); cy.fit(undefined, PADDING); };
    new frame.contentWindow.ResizeObserver(fit).observe(box);
    doc.addEventListener("fullscreenchange", () => frame.contentWindow.requestAnimationFrame(fit));
    cy.on("mouseover", "node, edge", (event) => {
      box.title = event.target.data("title") || event.target.data("name") || "";
    });
    cy.on("mouseout", "node, edge", () => { box.title = ""; });
  }
  setInterval(() => {
    document.querySelectorAll("iframe[title*='st_link_analysis']").forEach(hook);
  }, 250);
})();
</script>"""


def install_script() -> None:
    """The page's graph helper (:data:`SCRIPT`); app.py runs it on every page."""
    st.html(SCRIPT, unsafe_allow_javascript=True)


def size_from_url(text: str | None) -> str:
    """A bookmarked size choice; degree when there is none or it is unknown."""
    return text if text in draw.SIZES else "degree"


def size_choice(key: str, column: Any = None) -> str:
    """What the actors' sizes say (degree or mentions), a radio kept in the URL."""
    st.session_state.setdefault(key, size_from_url(st.query_params.get(SIZE_PARAM)))
    chosen = (column or st).radio(
        "Size actors by",
        list(draw.SIZES),
        key=key,
        horizontal=True,
        help="Degree: edges in the view. Mentions: articles naming the actor.",
    )
    st.query_params[SIZE_PARAM] = chosen
    return chosen


def positions(page: str, scope: str, sub: Subgraph) -> dict[str, Point]:
    """Where to draw ``sub``: the actors of the page's last view in the same scope stay where
    they were, the others are placed around them; remembered for the next view."""
    state = f"positions:{page}"
    last_scope, last = st.session_state.get(state, ("", {}))
    ids = tuple(n.id for n in sub.nodes)
    pairs = tuple((e.subject, e.object) for e in sub.edges)
    fixed = {i: p for i, p in last.items() if i in set(ids)} if last_scope == scope else {}
    placed = placement.place(ids, pairs, fixed) if fixed else fresh(ids, pairs)
    st.session_state[state] = (scope, placed)
    return placed


@st.cache_data(max_entries=64, show_spinner=False)
def fresh(ids: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> dict[str, Point]:
    """A view's first layout, shared by every session (a whole graph's 600 edges take
    about a second to place)."""
    return placement.place(ids, pairs)


def place_elements(elements: Mapping[str, list[dict[str, Any]]]) -> None:
    """Positions for elements not drawn from a Subgraph (a Cypher result), set in place."""
    ids = [n["data"]["id"] for n in elements["nodes"]]
    pairs = [(e["data"]["source"], e["data"]["target"]) for e in elements["edges"]]
    where = placement.place(ids, pairs)
    for node in elements["nodes"]:
        x, y = where[node["data"]["id"]]
        node["position"] = {"x": round(x, 1), "y": round(y, 1)}


def show(
    elements: Mapping[str, list[dict[str, Any]]],
    node_styles: list[Any],
    edge_styles: list[Any],
    key: str,
    on_change: Callable[[], None] | None = None,
    node_actions: Iterable[str] = (),
    events: Iterable[Any] = (),
    height: int = HEIGHT,
) -> None:
    """The graph, at the positions in its elements, the full width of its container."""
    st_link_analysis(
        dict(elements),
        layout=draw.LAYOUT,
        node_styles=node_styles,
        edge_styles=edge_styles,
        height=height,
        key=key,
        on_change=on_change,
        node_actions=list(node_actions),  # type: ignore[arg-type]
        events=list(events),
    )


def legend(sub: Subgraph, vocab: Vocabulary, size_by: str | None = None) -> None:
    """The legend under a graph: kinds, line styles, what sizes and widths mean."""
    st.markdown(graph_legend(draw.legend(sub, vocab, size_by)), unsafe_allow_html=True)
