"""The Article page: an article's text with its claims and actors marked, run with AppTest
over the sample store; every check is read against the store."""

from __future__ import annotations

from test_app import THERMO, actor, plain
from test_app_pages import open_page

from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction
from actorgraph.viz import present

pytest_plugins = ["app_fixtures"]

ARTICLE = "views/article.py"


def evidence_of_thermo(store):
    thermo = actor(store, THERMO)
    edge = next(e for e in store.iter_edges() if e.subject == thermo.id and e.type == "SUPPLIED")
    return store.evidence(edge.subject, edge.type, edge.object)[0]


def test_an_article_shows_its_text_claims_and_unlinked_actors(monkeypatch, app_sample_store):
    store = app_sample_store
    ev = evidence_of_thermo(store)
    found = store.extraction(ev.article)
    at = open_page(monkeypatch, store, ARTICLE, article=ev.article)

    assert not at.exception and not at.warning
    assert [s.value for s in at.subheader] == [found.article.title]
    text = next(m.value for m in at.markdown if ":orange-background[" in m.value)
    highlighted = text.count(":orange-background[")
    assert highlighted == len({(c.evidence.start, c.evidence.end) for c in found.claims})
    assert plain(ev.sentence.strip()) in plain(text.replace("  \n", "\n"))
    shown = [m.value for m in at.markdown]
    assert f"**{len(found.claims)} claim(s)**" in shown
    linked = {c.subject for c in found.claims} | {c.object for c in found.claims}
    alone = [a.name for a in found.actors if a.id not in linked]
    if alone:
        assert any(alone[0] in m for m in shown)
    assert at.query_params["article"] == ev.article


def test_an_unknown_article_id_says_so(monkeypatch, app_sample_store):
    at = open_page(monkeypatch, app_sample_store, ARTICLE, article="no-such-article")
    assert not at.exception
    assert [w.value for w in at.warning] == ["No article with id `no-such-article` in this store."]


def test_every_evidence_card_links_to_its_article(app_sample_store):
    ev = evidence_of_thermo(app_sample_store)
    assert f"(./article?article={ev.article})" in present.source_line(ev)


def test_a_date_read_from_the_text_is_marked_so_on_the_article_and_its_evidence(
    monkeypatch, fresh_store
):
    text = "Acme Corp sold radios to the Ruritania police on May 3, 2021, the firm said."
    article = Article(text=text, title="Acme radios", published="2021-05-03", date_origin="text")
    acme, police = Actor("Acme Corp", "Company"), Actor("Ruritania police", "GovernmentBody")
    said = Claim("SUPPLIED", acme.id, police.id, Evidence(text, 0, len(text)))
    fresh_store.write([Extraction(article, (acme, police), (said,), extractor="t")])

    at = open_page(monkeypatch, fresh_store, ARTICLE, article=article.id)

    assert not at.exception
    assert any("2021-05-03 (found in the text)" in c.value for c in at.caption)
    [ev] = fresh_store.evidence(acme.id, "SUPPLIED", police.id)
    assert "2021-05-03 (found in the text)" in present.source_line(ev)
    assert present.dated("2021-05-03", "metadata") == "2021-05-03"
    assert present.dated(None, None) == "undated"
