"""actorgraph: a knowledge graph of actors and their typed relations, read from news.

The public API::

    import actorgraph
    vocab = actorgraph.vocabulary()
    articles = actorgraph.read_articles(["news/"])
    extraction = actorgraph.Extractor().extract(articles[0])
    with actorgraph.open_store("falkordb:///tmp/ag") as store:
        store.write(extraction)
"""

from __future__ import annotations

__version__ = "0.1.0"
