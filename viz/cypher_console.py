"""The Cypher page: run read-only Cypher with parameters, see a table and, when the result
holds nodes and relationships, a graph.

State: the query that ran and its parameters are in the URL (``?q=…&params=…``), so a
view can be bookmarked; the editor's text only runs when the user presses Run. The
example queries live in graph.cypher with every other Cypher string.
"""

from __future__ import annotations

import hashlib
import json
from functools import partial
from typing import Any

import streamlit as st

from actorgraph.errors import ActorgraphError, ReadOnlyError
from actorgraph.graph import CONSOLE_EXAMPLES, QueryResult, Store
from actorgraph.params import BadParamError, parse_params
from actorgraph.schema import Vocabulary, vocabulary
from actorgraph.viz import canvas, draw, results, routes
from actorgraph.viz.connect import Version, require_store, store_version

TEXT, PARAMS, EXAMPLE = "cypher_text", "cypher_params", "cypher_example"
GOTO, ACTORS = "cypher_goto", "cypher_actors"  # a double-clicked actor; the drawn ones
QUERY_PARAM, PARAMS_PARAM = "q", "params"  # in the URL
WRITES = "this query writes to the graph; the console only reads (use `actorgraph query --write`)"


class ParamsError(ActorgraphError):
    """Parameters that are neither a JSON object nor key=value lines."""


def read_params(text: str) -> dict[str, Any]:
    """A JSON object, or ``key=value`` lines whose values are JSON when they parse (else text).

    ``limit=5`` is the number 5, ``name=thermo`` the string "thermo", ``ids=["a","b"]`` a list.
    Blank lines and lines starting with # are skipped.
    """
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise ParamsError(f"the parameters are not valid JSON: {error.msg}") from None
        if not isinstance(value, dict):
            raise ParamsError("the parameters must be a JSON object")
        return value
    lines = [line.strip() for line in text.splitlines()]
    try:
        return parse_params([x for x in lines if x and not x.startswith("#")], typed=True)
    except BadParamError as error:
        raise ParamsError(
            f"cannot read the parameter line {error.pair!r}; write key=value"
        ) from None


def format_params(params: dict[str, Any]) -> str:
    """Parameters as key=value lines, the inverse of :func:`read_params`."""
    return "\n".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())


@st.cache_data(show_spinner="Running the query…", max_entries=32)
def cached_run(_store: Store, key: Version, query: str, params_text: str) -> QueryResult:
    """:func:`run`, once per store version: widgets rerun the page, not the query.

    A failure is not cached, so a query that failed runs again.
    """
    return run(_store, query, params_text)


def run(store: Store, query: str, params_text: str) -> QueryResult:
    """Run a read-only query; every failure is an ActorgraphError with one line to show."""
    params = read_params(params_text)
    try:
        return store.query(query, params, write=False)
    except ReadOnlyError:
        raise ReadOnlyError(WRITES.partition("; ")[2]) from None


# -- callbacks: they run before the script, so they may set widget values ------------------


def load_example() -> None:
    """Put the chosen example into the editor (it runs when the user presses Run)."""
    title = st.session_state.get(EXAMPLE)
    if title in CONSOLE_EXAMPLES:
        query, params = CONSOLE_EXAMPLES[title]
        st.session_state[TEXT] = query
        st.session_state[PARAMS] = format_params(params)


def submit() -> None:
    """Record the editor's query and parameters in the URL: that is what runs and is shared."""
    st.query_params[QUERY_PARAM] = st.session_state.get(TEXT, "")
    st.query_params[PARAMS_PARAM] = st.session_state.get(PARAMS, "")


# -- the page --------------------------------------------------------------------------------


def render() -> None:
    """The editor, then the table and graph of the query in the URL."""
    store = require_store()
    vocab = vocabulary()
    actor_id = st.session_state.pop(GOTO, None)
    if actor_id:  # a double-click in the graph (switching pages is not allowed in a callback)
        st.switch_page(routes.explore(), query_params={"actor": actor_id})
    st.title("Cypher")
    ran, ran_params = st.query_params.get(QUERY_PARAM, ""), st.query_params.get(PARAMS_PARAM, "")
    st.session_state.setdefault(TEXT, ran)  # a bookmarked view opens with its query
    st.session_state.setdefault(PARAMS, ran_params)
    st.selectbox(
        "Start from an example",
        list(CONSOLE_EXAMPLES),
        index=None,
        key=EXAMPLE,
        on_change=load_example,
        placeholder="Pick an example query",
    )
    text_col, params_col = st.columns([3, 1])
    text_col.text_area(
        "Query", key=TEXT, height=160, placeholder="MATCH (a:Actor) RETURN a.name LIMIT 10"
    )
    params_col.text_area(
        "Parameters",
        key=PARAMS,
        height=160,
        placeholder='name=thermo\nlimit=10\n\nor {"name": "thermo"}',
        help="A JSON object, or key=value lines (values read as JSON when they can be).",
    )
    st.button("Run", type="primary", on_click=submit, key="cypher_run")
    st.caption("Read-only: a query that writes is refused.")
    if not ran.strip():
        return
    try:
        result = cached_run(store, store_version(store), ran, ran_params)
    except ActorgraphError as error:
        st.error(str(error))
        return
    show(result, vocab, key=view_key(ran, ran_params))


def view_key(query: str, params: str) -> str:
    """A new graph component for each query, so cytoscape lays the result out afresh."""
    return "cypher:" + hashlib.sha1(f"{query}\0{params}".encode()).hexdigest()[:12]


def show(result: QueryResult, vocab: Vocabulary, key: str) -> None:
    """The rows as a table; the nodes and relationships in them as a graph."""
    rows = len(result.rows)
    shown = min(rows, results.MAX_ROWS)
    st.caption(
        f"{rows} row"
        + ("" if rows == 1 else "s")
        + (f", the first {shown} shown" if rows > shown else "")
    )
    if result.columns:
        st.dataframe(results.table(result), hide_index=True, width="stretch", key=f"{key}:table")
    elements = results.elements(result, vocab)
    if elements["nodes"]:
        draw.pair_captions(elements["edges"])
        canvas.place_elements(elements)
        canvas.show(
            elements,
            draw.node_styles(vocab),
            [*draw.edge_styles(vocab), draw.CytoscapeStyle("edge", {"label": "data(caption)"})],
            key=key,
            on_change=partial(on_graph_event, key),
            node_actions=["expand"],
        )
        st.session_state[ACTORS] = actor_nodes(elements, vocab)
        st.caption(
            f"{len(elements['nodes'])} nodes and {len(elements['edges'])} relationships drawn."
            + (" Double-click an actor to explore it." if st.session_state[ACTORS] else "")
        )


def actor_nodes(elements: dict[str, list], vocab: Vocabulary) -> dict[str, str]:
    """The drawn nodes that are actors (a kind label and an id): element id -> actor id."""
    return {
        n["data"]["id"]: n["data"]["ref"]
        for n in elements["nodes"]
        if n["data"].get("label") in vocab.kinds and n["data"].get("ref")
    }


def on_graph_event(key: str) -> None:
    """A double-click on an actor in the result's graph: explore it (render switches pages)."""
    pick = draw.read_event(st.session_state.get(key))
    if pick is not None and pick.actor and pick.explore:
        actor_id = st.session_state.get(ACTORS, {}).get(pick.actor)
        if actor_id:
            st.session_state[GOTO] = actor_id
