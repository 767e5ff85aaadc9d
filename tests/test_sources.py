"""Real sources in: feeds, CSV, JSON Lines (gzipped), HTML pages, URLs, stdin, folders with
globs; dates, languages and near-duplicate wire stories; failures with where and why."""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import random
import shutil
import socket
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import InputError
from actorgraph.graph import open_store
from actorgraph.loaders import ReadFailure, read_file, read_sources
from actorgraph.loaders import fingerprint as fingerprint_module
from actorgraph.loaders.dates import parse_date, parse_date_value
from actorgraph.loaders.fingerprint import (
    PERMUTATIONS,
    SIMILAR,
    FingerprintIndex,
    fingerprint,
    similarity,
)
from actorgraph.loaders.language import detect_language
from actorgraph.loaders.source import SourceOptions
from actorgraph.pipeline import ingest, read_uploads
from actorgraph.schema import Article

# Kept out of tests/fixtures/: test_cli extracts that whole folder and expects one article.
SOURCES = Path(__file__).parent / "source_fixtures"
WIRE = SOURCES / "wire"
runner = CliRunner()
CSV_FIELDS = SourceOptions(
    text_field="story",
    title_field="headline",
    date_field="when",
    publisher_field="outlet",
    url_field="link",
)


def split(items) -> tuple[list[Article], list[ReadFailure]]:
    items = list(items)
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, ReadFailure)],
    )


# --- feeds -----------------------------------------------------------------------------


def test_rss_feed_one_article_per_entry_and_an_empty_entry_fails_alone():
    articles, failures = split(read_sources([SOURCES / "feed.rss"]))
    assert [a.title for a in articles] == [
        "Kestrel Shipping sues Ostrava Cranes",
        "Lindqvist Ports hires new chief",
    ]
    first = articles[0]
    assert first.publisher == "Harbour Business Wire"
    assert first.published == "2024-03-05"
    assert first.url == "https://harbour-wire.example/kestrel-ostrava"
    assert "Ostrava Cranes declined to comment." in first.text and "<p>" not in first.text
    [failure] = failures
    assert failure.location == "entry 3"
    assert failure.reason.startswith(f"{SOURCES / 'feed.rss'}#3: the entry has no text")


def test_atom_feed_content_and_dates():
    [article] = read_file(SOURCES / "feed.atom")
    assert article.title == "Vistula Energy buys a stake in Morava Grid"
    assert (article.publisher, article.published) == ("Danube Ledger", "2024-04-01")
    assert article.url == "https://danube-ledger.example/vistula-morava"


def test_broken_feed_xml_is_one_clear_line():
    with pytest.raises(InputError, match="not a valid RSS/Atom feed") as error:
        read_file(SOURCES / "broken.rss")
    assert str(error.value).startswith(str(SOURCES / "broken.rss"))
    assert "\n" not in str(error.value)


# --- records ---------------------------------------------------------------------------


def test_csv_with_configured_field_names():
    articles, failures = split(read_sources([SOURCES / "articles.csv"], CSV_FIELDS))
    assert [(a.title, a.published, a.publisher) for a in articles] == [
        ("Aurora Mining fined in Chile", "2023-08-17", "Andes Post"),
        ("Pacifica Bank, Aurora Mining sign loan", "2023-08-17", "Andes Post"),
    ]
    assert articles[0].url == "https://andes-post.example/aurora"
    assert articles[0].source == f"{SOURCES / 'articles.csv'}:2"
    [failure] = failures  # the row with an empty story
    assert failure.location == "line 4" and "no text field" in failure.reason


def test_csv_without_the_text_column_names_the_columns_it_has():
    [failure] = list(read_sources([SOURCES / "no_text_column.csv"]))
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith(f"{SOURCES / 'no_text_column.csv'}: no text column")
    assert "'headline', 'when', 'outlet'" in failure.reason
    assert "--text-field" in failure.reason


def test_gzipped_jsonl_with_default_field_names_and_a_bad_line():
    articles, failures = split(read_sources([SOURCES / "articles.jsonl.gz"]))
    assert [a.title for a in articles] == [
        "Corvid Air orders jets from Albatross Aero",
        "Albatross Aero profit rises",
    ]
    assert [a.published for a in articles] == ["2024-01-12", "2024-01-25"]
    assert articles[0].publisher == "Aviation Daily Example"
    assert articles[0].url == "https://aviation.example/corvid"
    [failure] = failures
    assert failure.location == "line 3"
    assert failure.reason.startswith(f"{SOURCES / 'articles.jsonl.gz'}:3: not valid JSON")


def test_a_named_text_field_missing_from_a_record_is_reported(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Acme sold radios."}\n', encoding="utf-8")
    [failure] = list(read_sources([path], SourceOptions(text_field="story")))
    assert "no text field (one of story)" in failure.reason


# --- HTML ------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata_by_trafilatura():
    [article] = read_file(SOURCES / "page.html")
    assert article.title == "Marlow Foods recalls peanut butter after salmonella tests"
    assert article.publisher == "The Example Gazette"
    assert article.published == "2022-06-14"
    assert article.url == "https://gazette.example/business/marlow-recall"
    assert "Fenwick Stores removed the jars" in article.text
    for boilerplate in ("cookies", "Most read", "Copyright", "analytics", "Sport"):
        assert boilerplate not in article.text


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05"),
        ("2021-11-23T10:00:00Z", "2021-11-23"),
        ("21.02.2019", "2019-02-21"),
        ("Feb 21st, 2019", "2019-02-21"),
        ("17/08/2023", "2023-08-17"),
        ("2019", None),
        ("yesterday", None),
        ("2019-02-30", None),
    ],
)
def test_metadata_dates_in_many_formats(value, expected):
    assert parse_date_value(value) == expected


def test_a_future_date_in_metadata_fails_that_article_and_in_text_is_passed_over():
    [failure] = list(read_sources([SOURCES / "future.json"]))
    assert "published date 2099-01-01 is in the future" in failure.reason
    assert failure.reason.startswith(str(SOURCES / "future.json"))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert parse_date_value(tomorrow) == tomorrow  # a day of slack for time zones
    assert parse_date("Plant opens 2099-05-01; announced 2024-01-02") == "2024-01-02"


# --- languages -------------------------------------------------------------------------


def test_french_and_german_articles_are_detected_short_english_stays_english():
    [french] = read_file(SOURCES / "french.txt")
    [german] = read_file(SOURCES / "german.html")
    assert (french.language, german.language) == ("fr", "de")
    assert detect_language("Acme sold radios.") == "en"
    [page] = read_file(SOURCES / "page.html")
    assert page.language == "en"


# --- near-duplicates -------------------------------------------------------------------


def test_wire_copies_are_near_duplicates_and_another_story_is_not():
    prints = {p.name: fingerprint(p.read_text(encoding="utf-8")) for p in WIRE.glob("*.txt")}
    copies = ["tallinn_daily.txt", "riga_courier.txt", "helsinki_herald.txt"]
    for a in copies:
        for b in copies:
            assert similarity(prints[a], prints[b]) >= SIMILAR
        assert similarity(prints[a], prints["other_story.txt"]) < 0.1
    index = FingerprintIndex([("tallinn", prints["tallinn_daily.txt"])])
    assert index.find(prints["helsinki_herald.txt"]) == "tallinn"
    assert index.find(prints["other_story.txt"]) is None
    assert fingerprint("Too short to judge.") is None


def test_the_fingerprint_index_finds_copies_before_and_after_it_sorts_again(monkeypatch):
    monkeypatch.setattr(fingerprint_module, "MERGE_MIN", 8)  # re-sorted every few additions
    rng = random.Random(4)

    def signature() -> str:
        return "".join(f"{rng.getrandbits(32):08x}" for _ in range(PERMUTATIONS))

    def copy(original: str, share: float) -> str:
        """A signature that agrees with ``original`` on the first ``share`` of its values."""
        values = [original[i : i + 8] for i in range(0, len(original), 8)]
        kept = int(len(values) * share)
        return "".join(values[:kept]) + "".join(signature()[: 8 * (len(values) - kept)])

    stored = [(f"stored-{i}", signature()) for i in range(50)]
    index = FingerprintIndex([*stored, ("broken", "not hex")])
    added = [(f"added-{i}", signature()) for i in range(50)]
    for article_id, sig in added:
        index.add(article_id, sig)
    for article_id, sig in stored[::7] + added[::7] + added[-3:]:  # the last are not sorted yet
        assert index.find(copy(sig, 0.6)) == article_id
        assert index.find(sig, exclude=article_id) is None
    assert index.find(copy(stored[3][1], 0.2)) is None  # shares bands, too little in common
    assert index.find("not hex") is None


def test_near_duplicates_are_stored_once_with_every_source_across_batches(store, extractor):
    report = ingest([WIRE], store, batch_size=1, extractor=extractor)
    assert (report.written, report.duplicates, report.failures) == (2, 2, [])
    rows = store.query(
        "MATCH (a:Article) RETURN a.title AS title, a.sources AS sources ORDER BY title"
    ).records()
    by_title = {r["title"]: sorted(r["sources"]) for r in rows}
    assert by_title["Harbor Freight Lines buys Northwind Logistics"] == [
        "https://helsinkiherald.example/news/123",
        "https://rigacourier.example/2024/03/04/harbor-freight",
        "https://tallinn-daily.example/business/harbor-northwind",
    ]
    again = ingest([WIRE], store, extractor=extractor)
    assert (again.written, again.skipped, again.duplicates) == (0, 2, 2)
    assert again.added() == {"articles": 0, "actors": 0, "claims": 0, "edges": 0}
    rows = store.query("MATCH (a:Article) RETURN a.sources AS sources").records()
    assert sorted(len(r["sources"]) for r in rows) == [1, 3]  # appended once, not twice


def test_ingest_skips_other_languages_with_a_count(store, extractor, tmp_path):
    for name in ("french.txt", "german.html", "page.html"):
        shutil.copy(SOURCES / name, tmp_path / name)
    report = ingest([tmp_path], store, extractor=extractor)
    assert report.written == 1
    assert report.skipped_language == {"de": 1, "fr": 1}
    assert "2 not in English (1 de, 1 fr)" in report.summary()
    assert store.stats().articles == 1


# --- folders ---------------------------------------------------------------------------


def test_folder_include_and_exclude_globs():
    only_feeds = SourceOptions(include=("*.rss", "*.atom"), exclude=("broken*",))
    articles, failures = split(read_sources([SOURCES], only_feeds))
    assert sorted({Path(a.source.split("#")[0]).name for a in articles}) == [
        "feed.atom",
        "feed.rss",
    ]
    assert len(failures) == 1  # the empty entry of feed.rss
    no_wire = SourceOptions(exclude=("wire/*",), include=("*.txt",))
    assert [Path(a.source).name for a in split(read_sources([SOURCES], no_wire))[0]] == [
        "french.txt"
    ]


# --- the command line: options, stdin, URLs, --errors ----------------------------------


@pytest.fixture
def cli_url(falkordb_url: str) -> str:
    """The command-line cases run on the embedded store (the store cases above on both)."""
    return falkordb_url


def run(*args: str, store_url: str, **kwargs):
    return runner.invoke(app, ["--store", store_url, *args], **kwargs)


def test_ingest_csv_with_field_options_and_errors_file(cli_url, tmp_path):
    errors = tmp_path / "errors.jsonl"
    result = run(
        "ingest", str(SOURCES / "articles.csv"), str(SOURCES / "no_text_column.csv"),
        "--text-field", "story", "--title-field", "headline", "--date-field", "when",
        "--errors", str(errors), store_url=cli_url,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "2 articles written" in result.stdout and "2 failed" in result.stdout
    lines = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["source"]).name, e["location"]) for e in lines] == [
        ("articles.csv", "line 4"),
        ("no_text_column.csv", None),
    ]
    assert all(e["reason"].startswith(e["source"]) for e in lines)
    with open_store(cli_url) as graph:
        titles = sorted(r[0] for r in graph.query("MATCH (a:Article) RETURN a.title").rows)
    assert titles == ["Aurora Mining fined in Chile", "Pacifica Bank, Aurora Mining sign loan"]


def test_ingest_reads_stdin_with_format_in_and_by_sniffing(cli_url):
    lines = "\n".join(
        json.dumps({"headline": f"Story {n}", "story": f"Acme sold {n} radios to Beta Corp."})
        for n in (1, 2)
    )
    result = run(
        "ingest", "-", "--format-in", "jsonl", "--text-field", "story", "--title-field",
        "headline", store_url=cli_url, input=lines,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 articles written" in result.stdout
    sniffed = run("ingest", "-", "--text-field", "story", store_url=cli_url, input=lines)
    assert sniffed.exit_code == 0 and "2 already stored" in sniffed.stdout
    gz = gzip.compress(json.dumps({"text": "Gamma Inc sued Delta LLC."}).encode())
    zipped = run("ingest", "-", store_url=cli_url, input=gz)
    assert zipped.exit_code == 0 and "1 articles written" in zipped.stdout, zipped.output


def test_unknown_format_in_is_one_line(cli_url):
    result = run("ingest", "-", "--format-in", "pdf", store_url=cli_url, input="x")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "unknown --format-in 'pdf'" in result.stderr


@pytest.fixture
def site() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the fixture folder."""
    handler = functools.partial(QuietHandler, directory=str(SOURCES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_urls_given_on_the_command_line_are_fetched(cli_url, site):
    result = run("ingest", f"{site}/page.html", f"{site}/feed.atom", store_url=cli_url)
    assert result.exit_code == 0, result.output
    assert "2 articles written" in result.stdout
    with open_store(cli_url) as graph:
        rows = graph.query("MATCH (a:Article) RETURN a.source AS s, a.url AS u ORDER BY s")
    assert [r[0] for r in rows.rows] == [f"{site}/feed.atom#1", f"{site}/page.html"]
    assert rows.rows[1][1] == "https://gazette.example/business/marlow-recall"


def closed_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_url_that_cannot_be_fetched_is_one_clear_line(cli_url, site):
    url = f"http://127.0.0.1:{closed_port()}/story.html"
    result = run("extract", url, f"{site}/page.html", "--timeout", "5", store_url=cli_url)
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"actorgraph: skipped cannot fetch URL: {url}")
    assert line.endswith("check the network or save the page and ingest the file")
    [extraction] = [json.loads(x) for x in result.stdout.splitlines()]
    assert extraction["title"].startswith("Marlow Foods recalls")
    missing = run("ingest", f"{site}/nothing.html", store_url=cli_url)
    assert missing.exit_code == 1 and "the server answered 404" in missing.stderr


def test_extract_takes_the_source_options_and_reports_languages(cli_url, tmp_path):
    errors = tmp_path / "e.jsonl"
    result = run(
        "extract", str(SOURCES), "--include", "*.csv", "--include", "*.txt",
        "--exclude", "no_text*", "--text-field", "story", "--title-field", "headline",
        "--errors", str(errors), store_url=cli_url,
    )  # fmt: skip
    assert result.exit_code == 1  # the CSV row without a story
    titles = sorted(json.loads(x)["title"] for x in result.stdout.splitlines())
    assert "Aurora Mining fined in Chile" in titles
    assert len([t for t in titles if "Harbor Freight" in t]) == 1  # wire copies: once
    assert "2 near-duplicates merged" in result.stderr
    assert "1 not in English (1 fr)" in result.stderr
    assert len(errors.read_text(encoding="utf-8").splitlines()) == 1


def test_stdin_of_unknown_format_asks_for_format_in(cli_url):
    result = run("ingest", "-", store_url=cli_url, input="headline,story\nA,Acme sold.\n")
    assert result.exit_code == 1
    assert "actorgraph: skipped <stdin>: cannot tell the format; pass --format-in" in result.stderr
    csv_in = run(
        "ingest", "-", "--format-in", "csv", "--text-field", "story", store_url=cli_url,
        input="headline,story\nA,Acme sold radios to Beta Corp.\n",
    )  # fmt: skip
    assert csv_in.exit_code == 0 and "1 articles written" in csv_in.stdout, csv_in.output


def test_an_uploaded_gzipped_jsonl_is_read_line_by_line_as_ingest_reads_it():
    data = (SOURCES / "articles.jsonl.gz").read_bytes()
    articles, failures = read_uploads([("dump.jsonl.gz", data)])
    assert [(a.title, a.source) for a in articles] == [  # the good lines, as ingest reads them
        ("Corvid Air orders jets from Albatross Aero", "dump.jsonl.gz:1"),
        ("Albatross Aero profit rises", "dump.jsonl.gz:2"),
    ]
    [failure] = failures  # the bad line, named by the upload's name
    assert (failure.source, failure.location) == ("dump.jsonl.gz", "line 3")
    assert failure.reason.startswith("dump.jsonl.gz:3: not valid JSON")
