"""FalkorDB's index upkeep on writes (docs/dialects.md): it re-indexes a node whenever any
property of it is set, and the stale copies keep a forked collector scanning the index.
A write must not leave stale copies of nodes it only creates."""

from __future__ import annotations

from actorgraph.graph import open_store
from actorgraph.schema import Actor, Article, Extraction


def documents(store, label: str) -> tuple[int, int]:
    """(nodes the label's index holds, copies it ever indexed): equal when none went stale."""
    rows = store.query(
        "CALL db.indexes() YIELD label, info WHERE label = $label RETURN info", {"label": label}
    ).rows
    info = rows[0][0]
    return int(info["numDocuments"]), int(info["maxDocId"])


def naming(text: str, *actors: Actor) -> Extraction:
    return Extraction(Article(text=text, title=text), actors, (), extractor="t")


def test_name_grams_are_indexed_once_and_never_go_stale(falkordb_url):
    acme, beta = Actor("Acme Corp", "Company"), Actor("Beta Ltd", "Company")
    with open_store(falkordb_url) as store:
        store.write([naming("One.", acme, beta), naming("Two.", Actor("Jane Doe", "Person"))])
        assert documents(store, "NameGrams") == (3, 3)
        store.write([naming("Three.", acme, beta)])  # nothing new to say of their names
        assert documents(store, "NameGrams") == (3, 3)
        store.write([naming("Four.", Actor("Acme Corp", "Company", ("ACME Group",)))])
        assert documents(store, "NameGrams") == (4, 4)  # a document for the new name
        assert [a.name for a in store.search_actors("me gro")] == ["Acme Corp"]


def test_articles_and_claims_are_indexed_once_when_written(falkordb_url):
    """A new article is created whole (its words indexed once), not merged then set."""
    acme = Actor("Acme Corp", "Company")
    with open_store(falkordb_url) as store:
        store.write([naming("One.", acme), naming("Two.", acme), naming("Three.", acme)])
        assert documents(store, "Article") == (3, 3)
        assert [h.kind for h in store.search_text("two")] == ["article"]
