"""Removing articles: the store contract (each case once per backend) and `actorgraph remove`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import content_checksum, open_store
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

runner = CliRunner()

FIRST = "Acme sold radios to Ruritania police. Senator Jane Doe criticized Acme."
SECOND = "Acme sold drones to Ruritania police. Borduria banned Acme."


def first(source: str = "desk/first.txt") -> Extraction:
    """Acme supplied the police (2020), Doe criticized Acme; Acme also known as 'Acme'."""
    article = Article(text=FIRST, title="First", published="2020-01-02", source=source)
    acme = Actor("Acme Corp", "Company", ("Acme",))
    police = Actor("Ruritania police", "GovernmentBody")
    doe = Actor("Jane Doe", "Person", ("J. Doe",))
    claims = (
        Claim("SUPPLIED", acme.id, police.id, Evidence(FIRST[:37], 0, 37), "asserted", 0.8),
        Claim("CRITICIZED", doe.id, acme.id, Evidence(FIRST[38:], 38, len(FIRST))),
    )
    return Extraction(article, (acme, police, doe), claims, extractor="test-1")


def second(source: str = "desk/second.jsonl:1") -> Extraction:
    """Acme supplied the police again (2021, hedged), Borduria banned Acme."""
    article = Article(text=SECOND, title="Second", published="2021-05-06", source=source)
    acme = Actor("Acme Corp", "Company")
    police = Actor("Ruritania police", "GovernmentBody")
    borduria = Actor("Borduria", "Government")
    claims = (
        Claim("SUPPLIED", acme.id, police.id, Evidence(SECOND[:36], 0, 36), "hedged", 0.6),
        Claim("BANNED", borduria.id, acme.id, Evidence(SECOND[37:], 37, len(SECOND))),
    )
    return Extraction(article, (acme, police, borduria), claims, extractor="test-1")


def counts(store) -> tuple[int, int, int, int]:
    s = store.stats()
    return s.articles, s.actors, s.claims, s.edges


def supplied(store) -> list[list[object]]:
    return store.query(
        "MATCH (:Actor)-[e:SUPPLIED]->(:Actor) RETURN e.claims, e.articles, e.modality, "
        "e.confidence, e.first_seen, e.last_seen"
    ).rows


def test_removing_one_article_re_derives_the_edges_it_shared(store):
    store.write([first(), second()])
    assert supplied(store) == [[2, 2, "asserted", 0.8, "2020-01-02", "2021-05-06"]]

    assert store.remove([first().article.id]) == [first().article.id]

    assert counts(store) == (1, 3, 2, 2)
    assert supplied(store) == [[1, 1, "hedged", 0.6, "2021-05-06", "2021-05-06"]]
    assert store.stats().by_type == {"SUPPLIED": 1, "BANNED": 1}
    acme = store.actor("acme")
    assert (acme.mentions, acme.first_seen, acme.last_seen) == (1, "2021-05-06", "2021-05-06")


def test_actors_only_the_removed_article_mentioned_go_with_their_aliases(store):
    store.write([first(), second()])
    store.remove([first().article.id])
    assert store.actor("jane-doe") is None
    assert store.actors_by_keys(["jane doe", "j doe"]) == {}
    assert store.search_actors("doe") == []
    assert [a.id for a in store.actors_by_keys(["acme"])["acme"]] == ["acme"]


def test_removing_everything_leaves_an_empty_graph(store):
    store.write([first(), second()])
    store.remove([first().article.id, second().article.id])
    assert counts(store) == (0, 0, 0, 0)
    assert store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def test_remove_then_write_again_gives_back_the_same_contents(store):
    store.write([first(), second()])
    whole = content_checksum(store)
    store.remove([second().article.id])
    assert content_checksum(store) != whole
    store.write([second()])
    assert content_checksum(store) == whole


def test_unknown_ids_change_nothing(store):
    store.write([first()])
    before = content_checksum(store)
    assert store.remove(["no-such-article"]) == []
    assert store.remove([]) == []
    assert content_checksum(store) == before


def test_articles_from_finds_a_file_its_entries_and_a_folder(store):
    store.write([first("desk/first.txt"), second("desk/second.jsonl:1")])
    one, two = first().article.id, second().article.id
    assert store.articles_from(["desk/first.txt"]) == [one]
    assert store.articles_from(["desk/second.jsonl"]) == [two]
    assert sorted(store.articles_from(["desk"])) == sorted([one, two])
    assert store.articles_from(["desk/fir"]) == []
    assert store.articles_from(["elsewhere"]) == []


def test_articles_from_finds_an_article_by_a_near_duplicates_source(store):
    store.write([first("desk/first.txt")])
    store.add_sources({first().article.id: ["mirror/copy.html"]})
    assert store.articles_from(["mirror/copy.html"]) == [first().article.id]
    assert store.articles_from(["mirror"]) == [first().article.id]


# --- the command, on both backends -----------------------------------------------------------


def run(*args: str, store_url: str):
    return runner.invoke(app, ["--store", store_url, *args])


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as graph:
        graph.write([first(), second()])
    return store_url


def test_cli_remove_by_id(filled):
    result = run("remove", first().article.id, store_url=filled)
    assert result.exit_code == 0, result.output
    assert "removed 1 articles; with them 1 actors, 2 claims, 1 edges" in result.output
    with open_store(filled) as graph:
        assert counts(graph) == (1, 3, 2, 2)


def test_cli_remove_by_source_folder(filled):
    result = run("remove", "--source", "desk/", store_url=filled)
    assert result.exit_code == 0, result.output
    assert "removed 2 articles" in result.output
    with open_store(filled) as graph:
        assert counts(graph) == (0, 0, 0, 0)


def test_cli_remove_by_absolute_source_of_a_relative_ingest(filled, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = run("remove", "--source", str(Path(tmp_path, "desk", "first.txt")), store_url=filled)
    assert result.exit_code == 0, result.output
    assert "removed 1 articles" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("remove", "no-such-id"), "no article with id 'no-such-id'"),
        (("remove", first().article.id, "no-such-id"), "nothing was removed"),
        (("remove", "--source", "nowhere.txt"), "no article in"),
        (("remove",), "name the articles to remove"),
    ],
)
def test_cli_remove_of_unknown_articles_is_one_line_and_removes_nothing(filled, args, message):
    with open_store(filled) as graph:
        before = content_checksum(graph)
    result = run(*args, store_url=filled)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.strip().count("\n") == 0
    with open_store(filled) as graph:
        assert content_checksum(graph) == before
