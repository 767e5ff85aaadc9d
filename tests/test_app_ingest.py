"""The Ingest page and the did-you-mean search, run headless with AppTest over real stores.

Writes go to a fresh embedded FalkorDB store per test (never the shared sample store),
and every check of what was written reads it back through the store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import THERMO, actor, plain, run_app

from actorgraph.graph import Store
from actorgraph.loaders import Extractor
from actorgraph.pipeline import pasted_article, read_uploads, write_extractions
from actorgraph.viz import ingest_page

SOURCES = Path(__file__).parent / "source_fixtures"

pytest_plugins = ["app_fixtures"]

INGEST = "views/ingest.py"
SENTENCE = "Acme Corp sold radios to Ruritania police."
GOOD = b"Radio deal\n\nAcme Corp sold radios to Ruritania police."
EMPTY_MESSAGE = "empty.txt: the file is empty; there is no article to read"


def ingest_page_of(monkeypatch: pytest.MonkeyPatch, store: Store) -> AppTest:
    return run_app(monkeypatch, store).switch_page(INGEST).run()


def paste(at: AppTest, text: str, title: str = "") -> AppTest:
    at.text_input(key=ingest_page.TITLE).input(title)
    at.text_area(key=ingest_page.TEXT).input(text)
    return at.button(key=ingest_page.PREVIEW).click().run()


def write(at: AppTest) -> AppTest:
    return at.button(key=ingest_page.WRITE).click().run()


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(df.value.to_dict("records")) for df in at.dataframe]
    return plain("\n".join(parts))


def supplied_rows(store: Store) -> list[list]:
    return store.query(
        "MATCH (s:Actor)-[e:SUPPLIED]->(o:Actor) RETURN s.name, o.name, e.claims"
    ).rows


# -- the library functions the page uses ------------------------------------------------------


def test_uploads_are_read_by_suffix_and_a_bad_one_is_one_named_failure():
    articles, failures = read_uploads([("empty.txt", b""), ("deal.txt", GOOD)])

    assert [(a.title, a.source, a.text) for a in articles] == [
        ("Radio deal", "deal.txt", GOOD.decode())
    ]
    assert [(f.source, f.reason) for f in failures] == [("empty.txt", EMPTY_MESSAGE)]


def test_uploads_are_read_from_memory_and_name_only_the_upload(monkeypatch, tmp_path):
    # no temporary file: uploads read even where no temporary folder can be written
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    broken = b'{"title": "A", "text": "Acme sold radios."}\n{not json\n'
    articles, failures = read_uploads([("feed.jsonl", broken)])

    assert [a.source for a in articles] == ["feed.jsonl:1"]
    assert [(f.source, f.reason.split(":")[:2]) for f in failures] == [
        ("feed.jsonl", ["feed.jsonl", "2"])
    ]
    assert not list(tmp_path.iterdir())


def test_pasted_text_takes_the_title_given(fresh_store, extractor):
    article = pasted_article(SENTENCE, "Radio deal")
    assert (article.title, article.source) == ("Radio deal", "pasted text")

    report = write_extractions([extractor.extract(article)], fresh_store)
    assert report.written == 1
    assert report.added() == {"articles": 1, "actors": 2, "claims": 1, "edges": 1}


# -- the page -----------------------------------------------------------------------------------


def test_ingest_page_opens_on_an_empty_store(monkeypatch, fresh_store):
    at = ingest_page_of(monkeypatch, fresh_store)

    assert not at.exception
    assert at.button(key=ingest_page.WRITE).disabled  # nothing previewed yet


def test_preview_shows_actors_and_claim_and_writes_nothing(monkeypatch, fresh_store):
    at = paste(ingest_page_of(monkeypatch, fresh_store), SENTENCE, "Radio deal")

    assert not at.exception and not at.error
    text = shown(at)
    assert "Acme Corp" in text and "Ruritania police" in text
    assert "Acme Corp SUPPLIED Ruritania police" in text
    assert SENTENCE in text  # the evidence sentence
    assert "**Acme Corp** sold radios to **Ruritania police**." in [c.value for c in at.caption]
    [claim] = Extractor().extract(pasted_article(SENTENCE, "Radio deal")).claims
    assert "asserted" in text and f"confidence {claim.confidence:.2f}" in text
    assert fresh_store.stats().articles == 0  # a preview writes nothing
    assert not at.button(key=ingest_page.WRITE).disabled


def test_write_adds_one_article_and_its_claim(monkeypatch, fresh_store):
    at = write(paste(ingest_page_of(monkeypatch, fresh_store), SENTENCE, "Radio deal"))

    assert not at.exception and not at.error
    stats = fresh_store.stats()
    assert (stats.articles, stats.claims, stats.edges) == (1, 1, 1)
    assert supplied_rows(fresh_store) == [["Acme Corp", "Ruritania police", 1]]
    [article] = fresh_store.newest_articles(5)
    assert article["title"] == "Radio deal"
    [message] = [s.value for s in at.success]
    assert "1 articles" in message and "1 claims" in message and "1 edges" in message
    assert "**Preview:**" not in [m.value for m in at.markdown]  # the preview is consumed


def test_a_bad_upload_shows_one_line_and_the_good_one_is_written(monkeypatch, fresh_store):
    at = ingest_page_of(monkeypatch, fresh_store)
    at.file_uploader(key=ingest_page.UPLOADS).set_value(
        [("empty.txt", b"", "text/plain"), ("deal.txt", GOOD, "text/plain")]
    )
    at = at.button(key=ingest_page.PREVIEW).click().run()

    assert not at.exception
    assert [e.value for e in at.error] == [EMPTY_MESSAGE]
    assert "Acme Corp SUPPLIED Ruritania police" in shown(at)

    at = write(at)
    assert not at.exception
    assert [e.value for e in at.error] == [EMPTY_MESSAGE]  # still said, once
    assert fresh_store.stats().articles == 1
    assert [a["title"] for a in fresh_store.newest_articles(5)] == ["Radio deal"]
    assert supplied_rows(fresh_store) == [["Acme Corp", "Ruritania police", 1]]


def test_the_page_screens_uploads_as_ingest_does(monkeypatch, fresh_store):
    """Another language and a wire copy are not stored, as `actorgraph ingest` drops them;
    the copy's source joins the article that holds its story."""
    uploads = [
        (name, (SOURCES / name).read_bytes(), "text/plain")
        for name in ("french.txt", "wire/tallinn_daily.txt", "wire/riga_courier.txt")
    ]
    at = ingest_page_of(monkeypatch, fresh_store)
    at.file_uploader(key=ingest_page.UPLOADS).set_value(uploads)
    at = at.button(key=ingest_page.PREVIEW).click().run()

    assert not at.exception and not at.error
    said = " ".join(i.value for i in at.info)
    assert "1 article(s) not in English (1 fr)" in said
    assert "1 near-duplicate(s)" in said
    at = write(at)

    assert not at.exception and not at.error
    rows = fresh_store.query("MATCH (a:Article) RETURN a.title, a.sources").rows
    assert [(title, sorted(sources)) for title, sources in rows] == [
        (
            "Harbor Freight to buy Northwind for $2.1 billion",
            [
                "https://rigacourier.example/2024/03/04/harbor-freight",
                "https://tallinn-daily.example/business/harbor-northwind",
            ],
        )
    ]


# -- did you mean ---------------------------------------------------------------------------


def test_a_misspelt_search_offers_the_closest_actor_and_a_click_selects_it(
    monkeypatch, app_sample_store
):
    thermo = actor(app_sample_store, THERMO)
    at = run_app(monkeypatch, app_sample_store)
    at = at.text_input(key="search").input("Thermo Fishr").run()

    assert not at.exception
    assert app_sample_store.search_actors("Thermo Fishr") == []  # no substring match
    [warning] = [w.value for w in at.warning]
    assert warning == "No actor matches “Thermo Fishr”. Did you mean:"
    offered = {b.label: b for b in at.button if b.key and b.key.startswith("suggest:")}
    assert THERMO in offered

    at = offered[THERMO].click().run()
    assert not at.exception
    assert at.selectbox(key="actor_pick").value == thermo.id
    assert at.text_input(key="search").value == ""
    assert at.query_params["actor"] == thermo.id


@pytest.mark.parametrize(
    ("page", "search", "suggest", "pick", "param"),
    [
        ("views/paths.py", "search_from", "suggest_from:", "pick_from", "from"),
        ("views/timeline.py", "tl_search", "tl_suggest:", "tl_actor", "actor"),
    ],
)
def test_other_pages_offer_the_closest_actor_for_a_misspelt_search(
    monkeypatch, app_sample_store, page, search, suggest, pick, param
):
    thermo = actor(app_sample_store, THERMO)
    at = run_app(monkeypatch, app_sample_store).switch_page(page).run()
    at = at.text_input(key=search).input("Thermo Fishr").run()

    assert not at.exception
    offered = {b.label: b for b in at.button if b.key and b.key.startswith(suggest)}
    assert THERMO in offered

    at = offered[THERMO].click().run()
    assert not at.exception
    assert at.selectbox(key=pick).value == thermo.id
    assert at.query_params[param] == thermo.id
