"""actorgraph from Python: one object over a store, for notebooks and scripts.

    import actorgraph
    with actorgraph.open() as g:             # the store the CLI uses (or $ACTORGRAPH_STORE)
        g.ingest(["news/"])
        frame = g.cypher("MATCH (a:Actor) RETURN a.name AS name")

Every method calls what the CLI calls (the ingest pipeline, name resolution of `show`,
the SPARQL and RDF exporters), and returns Python things: pandas DataFrames, networkx
and rdflib graphs, records. Errors are ActorgraphError subclasses whose message speaks
of Python (``write=True``), not of command-line flags.
"""

from __future__ import annotations

import io
import warnings
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from actorgraph.errors import InputError, ReadOnlyError, ReadWarning, StoreError
from actorgraph.graph import Stats, Store, open_store
from actorgraph.graph.fulltext import TextHit
from actorgraph.graph.lookup import actor_evidence, find_actor
from actorgraph.graph.open import mask_url
from actorgraph.params import plain_params
from actorgraph.schema import Article, Extraction
from actorgraph.schema import namespaces as ns

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from actorgraph.graph.sparql import SparqlGraph
    from actorgraph.loaders import Extractor, ReadFailure
    from actorgraph.loaders.source import SourceOptions
    from actorgraph.pipeline import IngestReport

READ_ONLY = "open the graph with write=True, or pass write=True to this call"
EVIDENCE_COLUMNS = [
    "subject", "type", "object", "modality", "confidence", "published", "article",
    "publisher", "url", "sentence", "subject_id", "object_id", "article_id", "claim_id",
]  # fmt: skip


@dataclass(frozen=True, slots=True, eq=False)  # equal only to itself: edges is a frame
class ActorRecord:
    """One actor as `actorgraph show` prints it: who it is, and each claim on its edges
    (``edges``: a DataFrame, one row per claim, columns EVIDENCE_COLUMNS)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    wikidata: str | None
    first_seen: str | None
    last_seen: str | None
    edges: pd.DataFrame = field(repr=False)  # the repr stays one line in a notebook
    capped: bool = False  # more neighbours than one view holds: some edges are left out


class ActorGraph:
    """A store opened for Python. User Cypher is read-only unless ``write`` (here, or per
    call); ingest writes as `actorgraph ingest` does. Close it, or use ``with``; one a
    notebook forgets is closed when it is garbage-collected or the kernel exits, so the
    embedded server still stops and compacts its log."""

    def __init__(
        self, store: Store, *, write: bool = False, extractor: Extractor | None = None
    ) -> None:
        self._store: Store | None = store
        self.write = write
        self._extractor = extractor  # built on first use when not given
        self._snapshot: tuple[tuple[str, Stats], SparqlGraph] | None = None  # for sparql()
        self._finalizer = weakref.finalize(self, store.close)  # once: close(), gc or exit

    # --- the store ------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The underlying Store (graph.Store): everything the CLI and the app call."""
        if self._store is None:
            raise StoreError("the graph is closed; open it again with actorgraph.open()")
        return self._store

    @property
    def url(self) -> str:
        """The store's URL, its password (if any) masked: safe to print or log."""
        return mask_url(str(getattr(self.store, "url", "")))

    def close(self) -> None:
        """Close the store (the embedded server stops when no process uses it); idempotent."""
        self._snapshot = None
        self._store = None
        self._finalizer()  # closes the store the first time only

    def __enter__(self) -> ActorGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._store is None:
            return "<ActorGraph (closed)>"
        return f"<ActorGraph {self.url} ({'writable' if self.write else 'read-only'})>"

    def stats(self) -> Stats:
        """Counts of articles, actors, claims and edges, by kind and by type."""
        return self.store.stats()

    # --- asking -----------------------------------------------------------------------------

    def cypher(
        self,
        query: str,
        params: Mapping[str, Any] | None = None,
        /,
        *,
        write: bool = False,
        **named: Any,
    ) -> pd.DataFrame:
        """Rows of a Cypher query as a DataFrame (its columns, in order). Values go in as
        parameters (``$name``), by keyword or in ``params`` (a parameter named ``write``
        goes there); numpy and pandas values are made plain first (actorgraph.params).
        Read-only unless the graph or this call has ``write=True``."""
        values = plain_params({**(params or {}), **named})
        writes = write or self.write
        if writes:
            self.refresh()  # it may change what SPARQL sees, counts or not
        try:
            result = self.store.query(query, values, write=writes)
        except ReadOnlyError:
            raise ReadOnlyError(READ_ONLY) from None
        return pd.DataFrame(result.rows, columns=result.columns)

    def sparql(self, query: str, *, base: str = ns.DEFAULT_BASE) -> pd.DataFrame:
        """Rows of a SPARQL query over the graph's RDF (as `actorgraph sparql` runs it):
        one column per variable, IRIs and strings as str, numbers as numbers. ASK gives
        one ``ask`` column; CONSTRUCT ``subject``, ``predicate``, ``object``.

        The graph is loaded into memory (Oxigraph) for the first query and again once it
        changed: a write through this object, or another writer's change to the number of
        articles, actors, claims or edges. A change that keeps every count (a property
        set from elsewhere) is seen after ``refresh()``."""
        result = self._sparql_graph(base).select(query)
        return pd.DataFrame(result.rows, columns=result.columns)

    def refresh(self) -> None:
        """Drop the graph loaded for SPARQL: the next query loads it again."""
        self._snapshot = None

    def _sparql_graph(self, base: str) -> SparqlGraph:
        from actorgraph.graph.sparql import SparqlGraph

        version = (base, self.store.stats())
        if self._snapshot is None or self._snapshot[0] != version:
            self._snapshot = None  # free the old one before loading the new
            self._snapshot = (version, SparqlGraph.load(self.store, base))
        return self._snapshot[1]

    def actor(self, name: str) -> ActorRecord:
        """The actor ``name`` names (an id, a name or alias, or part of one), resolved as
        `actorgraph show` does: ActorNotFoundError with did-you-mean suggestions, or
        AmbiguousActorError with the candidates, both LookupErrors."""
        found = actor_evidence(self.store, find_actor(self.store, name))
        a = found.actor
        rows = [
            [
                found.names[edge.subject], edge.type, found.names[edge.object], ev.modality,
                ev.confidence, ev.published, ev.title, ev.publisher, ev.url, ev.sentence,
                edge.subject, edge.object, ev.article, ev.claim,
            ]
            for edge, ev in found.claims
        ]  # fmt: skip
        edges = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
        return ActorRecord(
            a.id, a.name, a.kind, tuple(a.aliases), a.mentions, a.wikidata, a.first_seen,
            a.last_seen, edges, found.capped,
        )  # fmt: skip

    def search(self, words: str, *, limit: int = 20) -> pd.DataFrame:
        """The articles, then the evidence sentences, that hold every word (whole words, any
        case), best first, at most ``limit`` of each, as `actorgraph search` finds them: one
        row per hit, the columns TextHit's fields (``snippet`` and the words' ``marks`` in
        it, ``claim`` and the edge for a sentence)."""
        hits = self.store.search_text(words, limit=limit)
        return pd.DataFrame([h.as_dict() for h in hits], columns=list(TextHit.__slots__))

    # --- taking it away ---------------------------------------------------------------------

    def to_networkx(self) -> nx.MultiDiGraph:
        """Actors (by id) and typed edges (keyed by relation type) as a networkx graph, with
        the attributes of the GraphML export: a node's ``label`` (its name), ``kind``,
        ``aliases`` (";"-joined), ``mentions``; an edge's ``relation``, ``claims``,
        ``articles``, ``modality``, ``confidence``, dates."""
        from actorgraph.graph.export import network

        return network(self.store)

    def to_rdflib(self, *, base: str = ns.DEFAULT_BASE) -> rdflib.Dataset:
        """The graph's RDF (the N-Quads export: a named graph per article) as an rdflib
        Dataset whose default graph is the union of all, so ``.query()`` sees everything."""
        import rdflib

        from actorgraph.graph.rdf import Iris, export_prefixes, write_rdf

        buffer = io.BytesIO()
        write_rdf(self.store, buffer, "nq", base=base)
        dataset = rdflib.Dataset(default_union=True)
        for prefix, namespace in export_prefixes(Iris(base)).items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        with warnings.catch_warnings():
            # rdflib 7.6's N-Quads parser calls its own deprecated ConjunctiveGraph API
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=buffer.getvalue(), format="nquads")
        return dataset

    # --- reading articles ---------------------------------------------------------------------

    def _reader(self) -> Extractor:
        """One extractor per graph, built on first use (loading spaCy takes seconds)."""
        if self._extractor is None:
            from actorgraph.loaders import Extractor

            self._extractor = Extractor()
        return self._extractor

    def ingest(
        self,
        paths: str | Path | Iterable[str | Path],
        *,
        force: bool = False,
        batch_size: int = 16,
        options: SourceOptions | None = None,
    ) -> IngestReport:
        """Read, extract and write files, folders or URLs as `actorgraph ingest` does
        (articles already stored are skipped). Each item that cannot be read is a
        ReadWarning and in the report's ``failures``; the others are written."""
        from actorgraph.pipeline import ingest

        if batch_size < 1:
            raise InputError(f"batch_size must be 1 or more, not {batch_size}")
        self.refresh()
        report = ingest(
            _path_list(paths), self.store, force=force, batch_size=batch_size,
            extractor=self._reader(), options=options,
        )  # fmt: skip
        _warn(report.failures)
        return report

    def extract(self, text: str | Article, *, title: str = "") -> Extraction:
        """The actors and claims of one text (or Article), read as pasted text is in the
        app; nothing is written. The first line is the title unless ``title`` is given."""
        from actorgraph.pipeline import pasted_article

        if isinstance(text, Article):
            return self._reader().extract(text)
        if not isinstance(text, str):
            raise InputError(f"extract takes a text (str) or an Article, not {type(text).__name__}")
        return self._reader().extract(pasted_article(text, title, source="text"))


def open(url: str | None = None, *, write: bool = False) -> ActorGraph:
    """The graph in the store at ``url``: None is the store the CLI uses ($ACTORGRAPH_STORE,
    else the embedded store in the user's data folder); falkordb:///folder or a Neo4j URL."""
    return ActorGraph(open_store(url), write=write)


def read_articles(
    paths: str | Path | Iterable[str | Path],
    *,
    options: SourceOptions | None = None,
    strict: bool = False,
) -> list[Article]:
    """Every article in files, folders or URLs, read as `actorgraph ingest` reads them.
    An item that cannot be read is a ReadWarning (or, with ``strict``, an InputError)."""
    from actorgraph.loaders import ReadFailure, read_sources

    articles: list[Article] = []
    failures: list[ReadFailure] = []
    for item in read_sources(_path_list(paths), options):
        if isinstance(item, ReadFailure):
            if strict:
                raise InputError(item.reason)
            failures.append(item)
        else:
            articles.append(item)
    _warn(failures)
    return articles


def _path_list(paths: str | Path | Iterable[str | Path]) -> list[str | Path]:
    """One path or many: a lone string is a path, not a sequence of characters."""
    if isinstance(paths, str | Path):
        return [paths]
    return list(paths)


def _warn(failures: Iterable[ReadFailure]) -> None:
    for failure in failures:
        warnings.warn(failure.reason, ReadWarning, stacklevel=3)
