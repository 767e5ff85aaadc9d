"""actorgraph: a knowledge graph of actors and their typed relations, read from news.

The public API (names are imported on first use, so ``import actorgraph`` stays cheap)::

    import actorgraph
    with actorgraph.open() as g:             # the CLI's store, or actorgraph.open(url)
        g.ingest(["news/"])                  # as `actorgraph ingest news/`
        g.cypher("MATCH (a:Actor) RETURN a.name AS name")    # a pandas DataFrame
        g.sparql("SELECT ?s WHERE { ?s a ag:Company }")      # a pandas DataFrame
        g.actor("rubio")                     # as `actorgraph show rubio`
        g.to_networkx(), g.to_rdflib()       # networkx MultiDiGraph, rdflib Dataset
        g.extract("Acme sold radios to the police.")          # an Extraction, not written

    vocab = actorgraph.vocabulary()
    articles = actorgraph.read_articles(["news/"])
    extraction = actorgraph.Extractor().extract(articles[0])
    with actorgraph.open_store("falkordb:///tmp/ag") as store:
        store.write([extraction])

Expected failures raise ActorgraphError subclasses (ReadOnlyError, ActorNotFoundError,
AmbiguousActorError, InputError, StoreError, QueryError), each one line saying what to do.
"""

from __future__ import annotations

from actorgraph.errors import (
    ActorgraphError,
    ActorNotFoundError,
    AmbiguousActorError,
    InputError,
    QueryError,
    ReadOnlyError,
    ReadWarning,
    StoreError,
    VocabularyError,
)
from actorgraph.lazy import lazy_names

__version__ = "0.1.0"

# name -> the module that defines it, imported when the name is first used (PEP 562)
_LAZY = {
    "open": "actorgraph.api",
    "ActorGraph": "actorgraph.api",
    "ActorRecord": "actorgraph.api",
    "read_articles": "actorgraph.api",
    "vocabulary": "actorgraph.schema",
    "Extractor": "actorgraph.loaders",
    "open_store": "actorgraph.graph",
}

# Not "open": `from actorgraph import *` must not shadow the builtin open() in a notebook.
__all__ = [
    "ActorGraph",
    "ActorNotFoundError",
    "ActorRecord",
    "ActorgraphError",
    "AmbiguousActorError",
    "Extractor",
    "InputError",
    "QueryError",
    "ReadOnlyError",
    "ReadWarning",
    "StoreError",
    "VocabularyError",
    "open_store",
    "read_articles",
    "vocabulary",
]


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
