"""Explore's one search box finds texts too: articles and evidence sentences by words, each
hit a link to its Article page (a sentence: at that claim). AppTest over the sample store;
every check is read against the store."""

from __future__ import annotations

from test_app import plain, run_app
from test_app_pages import open_page

from actorgraph.viz import routes

pytest_plugins = ["app_fixtures"]

ARTICLE = "views/article.py"


def hits_shown(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("- :")]


def test_a_search_lists_the_articles_and_sentences_with_its_words(monkeypatch, app_sample_store):
    store = app_sample_store
    found = store.search_text("sequencers", limit=10)
    assert {h.kind for h in found} == {"article", "claim"}  # the sample has both
    at = run_app(monkeypatch, store)
    at.text_input(key="search").input("sequencers").run()

    assert not at.exception
    shown = hits_shown(at)
    assert len(shown) == len(found)
    for hit, line in zip(found, shown, strict=True):
        claim = hit.claim if hit.kind == "claim" else None
        assert f"]({routes.article_url(hit.article, claim=claim)})" in line
        assert ":orange-background[sequencers]" in line.lower()
    assert at.expander[0].label.endswith(f"({len(found)})")


def test_words_no_actor_matches_open_the_texts_that_hold_them(monkeypatch, app_sample_store):
    at = run_app(monkeypatch, app_sample_store)
    at.text_input(key="search").input("sequencers xinjiang").run()

    assert "No actor matches" in at.warning[0].value
    assert at.expander[0].proto.expanded and hits_shown(at)


def test_an_evidence_hit_opens_its_article_at_that_sentence(monkeypatch, app_sample_store):
    store = app_sample_store
    hit = next(h for h in store.search_text("sequencers") if h.kind == "claim")
    at = open_page(monkeypatch, store, ARTICLE, article=hit.article, claim=hit.claim)

    assert not at.exception
    assert hit.snippet.split()[0] in at.info[0].value
    text = next(m.value for m in at.markdown if ":orange-background[" in m.value)
    assert text.count(":blue-background[") == 1
    blue = text.split(":blue-background[", 1)[1]
    assert plain(blue).startswith(plain(hit.snippet.split()[0]))
