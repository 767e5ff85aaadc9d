"""The SPARQL page: SPARQL 1.1 over the RDF view of the graph, as a table.

The RDF view is graph.sparql's in-memory Oxigraph dataset, loaded once per store
version. The examples are the repository's docs/queries/*.rq, titled by file name.
State: the query that ran is in the URL (``?q=…``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from actorgraph.errors import ActorgraphError
from actorgraph.graph import SparqlGraph, SparqlResult, Store
from actorgraph.viz.connect import Version, require_store, store_version

TEXT, EXAMPLE = "sparql_text", "sparql_example"
QUERY_PARAM = "q"
QUERIES = Path(__file__).resolve().parents[1] / "docs" / "queries"
MAX_ROWS = 1000
# The RDF view is built in the app's memory, about 15 triples an edge: a bigger graph is
# queried from an export instead, in a process of its own.
MAX_EDGES = 100_000


def examples(folder: Path = QUERIES) -> dict[str, str]:
    """Each .rq file by its name (``edges-per-year.rq``: "Edges per year"), in name order.

    The files' own comments say what each query asks; they stay in the editor's text.
    """
    paths = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    return {p.stem.replace("-", " ").capitalize(): p.read_text(encoding="utf-8") for p in paths}


@st.cache_resource(show_spinner="Building the RDF view…", max_entries=2)
def rdf_view(_store: Store, key: Version) -> SparqlGraph:
    """The graph as RDF in memory, built once per store version."""
    return SparqlGraph.load(_store)


def run(store: Store, query: str) -> SparqlResult:
    """Run one query; a bad one raises an ActorgraphError with a line to show."""
    return rdf_view(store, store_version(store)).select(query)


def load_example() -> None:
    """Put the chosen example into the editor; it runs when the user presses Run."""
    title = st.session_state.get(EXAMPLE)
    found = examples()
    if title in found:
        st.session_state[TEXT] = found[title]


def submit() -> None:
    """The editor's query goes into the URL: that is what runs, and what a bookmark keeps."""
    st.query_params[QUERY_PARAM] = st.session_state.get(TEXT, "")


def render() -> None:
    """The editor, then the result table of the query in the URL."""
    store = require_store()
    st.title("SPARQL")
    edges = store.stats().edges
    if edges > MAX_EDGES:
        st.info(
            f"This graph has {edges:,} edges: the app builds its RDF view in memory for up to "
            f"{MAX_EDGES:,}. Export it and query the file from the command line: "
            "`actorgraph export -o graph.nq`, then `actorgraph sparql --data graph.nq --serve`."
        )
        return
    ran = st.query_params.get(QUERY_PARAM, "")
    st.session_state.setdefault(TEXT, ran)
    st.selectbox(
        "Start from an example",
        list(examples()),
        index=None,
        key=EXAMPLE,
        on_change=load_example,
        placeholder="Pick an example query",
    )
    st.text_area(
        "Query",
        key=TEXT,
        height=220,
        placeholder="SELECT ?actor ?name WHERE { ?actor a ag:Actor ; rdfs:label ?name } LIMIT 10",
    )
    st.button("Run", type="primary", on_click=submit, key="sparql_run")
    st.caption("Prefixes ag:, rdf:, rdfs:, schema:, prov: … are declared for you.")
    if not ran.strip():
        return
    try:
        result = run(store, ran)
    except ActorgraphError as error:
        st.error(str(error).splitlines()[0])
        return
    rows = len(result.rows)
    st.caption(
        f"{rows} row"
        + ("" if rows == 1 else "s")
        + (f", the first {MAX_ROWS} shown" if rows > MAX_ROWS else "")
    )
    table = [dict(zip(result.columns, row, strict=True)) for row in result.rows[:MAX_ROWS]]
    st.dataframe(table, hide_index=True, width="stretch", column_order=result.columns)
