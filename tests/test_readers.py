"""Readers turn files into Articles, or say in one line why they cannot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.errors import InputError
from actorgraph.loaders import ReadFailure, read_file, read_sources
from actorgraph.loaders.dates import parse_date


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_text_file_title_publisher_and_date_from_its_header(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        "Acme halts sales\nPublisher: Daily Wire Service\nPublished: 2020-05-04\n\nAcme sold.\n",
    )
    [article] = read_file(path)
    assert article.title == "Acme halts sales"
    assert article.publisher == "Daily Wire Service"
    assert article.published == "2020-05-04"
    assert article.source == str(path)
    assert article.text.startswith("Acme halts sales\n")


def test_a_date_says_whether_the_metadata_gave_it_or_the_text(tmp_path):
    header = write(tmp_path, "a.txt", "Acme halts sales\nPublished: 2020-05-04\n\nAcme sold.\n")
    body = write(tmp_path, "b.txt", "Acme halts sales\n\nMay 3, 2021 - Acme sold cameras.\n")
    undated = write(tmp_path, "c.txt", "Acme halts sales\n\nAcme sold cameras.\n")
    records = write(tmp_path, "d.jsonl", json.dumps({"text": "Acme sold.", "date": "2019-02-21"}))
    assert [(a.published, a.date_origin) for p in (header, body, undated, records)
            for a in read_file(p)] == [
        ("2020-05-04", "metadata"),
        ("2021-05-03", "text"),
        (None, None),
        ("2019-02-21", "metadata"),
    ]  # fmt: skip


def test_date_written_in_the_text_is_found():
    assert parse_date("By Staff\nFebruary 21, 2019 Updated: February 22, 2019") == "2019-02-21"
    assert parse_date("Posted 3 Sept. 2021") == "2021-09-03"
    assert parse_date("no date here, 2019 alone") is None
    assert parse_date("2019-02-30 is no day") is None


def test_markdown_front_heading_is_the_title(tmp_path):
    [article] = read_file(write(tmp_path, "a.md", "# Acme in Ruritania\n\nAcme opened a plant.\n"))
    assert article.title == "Acme in Ruritania"


def test_html_page_text_and_metadata(tmp_path):
    html = """<html><head><title>Ignored</title>
    <meta property="og:title" content="Acme sued">
    <meta property="og:site_name" content="The Example Times">
    <meta property="article:published_time" content="2021-11-23T10:00:00Z">
    <link rel="canonical" href="https://example.org/acme"></head>
    <body><nav>Home | World</nav><script>var x = 1;</script>
    <p>Apple sued Acme on Tuesday.</p><p>Acme declined to comment.</body></html>"""
    [article] = read_file(write(tmp_path, "a.html", html))
    assert article.title == "Acme sued"
    assert article.publisher == "The Example Times"
    assert article.published == "2021-11-23"
    assert article.url == "https://example.org/acme"
    assert "Apple sued Acme on Tuesday." in article.text
    assert "Home | World" not in article.text and "var x" not in article.text


def test_broken_html_still_yields_its_text(tmp_path):
    [article] = read_file(write(tmp_path, "b.html", "<p>Acme sold radios<div><b>to police</p"))
    assert "Acme sold radios" in article.text


def test_html_without_text_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no readable text"):
        read_file(write(tmp_path, "c.html", "<html><script>x()</script></html>"))


def test_json_article_and_list_of_articles(tmp_path):
    one = {"title": "T", "text": "Acme sold radios.", "published": "2019-02-21", "publisher": "P"}
    [article] = read_file(write(tmp_path, "one.json", json.dumps(one)))
    assert (article.title, article.published, article.publisher) == ("T", "2019-02-21", "P")
    many = read_file(write(tmp_path, "many.json", json.dumps([one, {**one, "text": "Other."}])))
    assert [a.source for a in many] == [f"{tmp_path}/many.json#0", f"{tmp_path}/many.json#1"]


def test_jsonl_bad_line_names_the_line(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "Acme sold."}\n{broken\n')
    with pytest.raises(InputError, match=r"a\.jsonl:2: not valid JSON"):
        read_file(path)


def test_utf16_with_a_bom_is_read(tmp_path):
    [article] = read_file(write(tmp_path, "a.txt", "Acme Corp sold radios.\n".encode("utf-16")))
    assert article.text.startswith("Acme Corp sold radios.")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "  \n\n", "the file is empty"),
        ("latin.txt", "Acme \xe9".encode("latin-1"), "not UTF-8"),
        ("data.pdf", "x", "unsupported file kind .pdf"),
        ("nofield.json", '{"title": "no text"}', "no text field"),
        ("bad.json", "{", "not valid JSON"),
        ("utf16.txt", b"\xff\xfeA\x00\x00\xd8", r"utf16\.txt: not UTF-16 text"),
        ("binary.txt", b"\x89PNG\r\n\x00\x00\x00\rIHDR", "a binary file"),
        ("huge.txt", "Acme sold radios. " * 60_000, "over the limit of 1,000,000"),
        ("bare.html", "<html><body></body></html>", "no readable text"),
        ("empty.rss", "<rss><channel><title>x</title></channel></rss>", "the feed has no entries"),
        ("nocolumn.csv", "a,b\n1,2\n", r"no text column .*; the columns are 'a', 'b'"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path, name, content, message):
    with pytest.raises(InputError, match=message) as error:
        read_file(write(tmp_path, name, content))
    assert "\n" not in str(error.value)


def test_a_folder_batch_reads_the_good_files_and_reports_the_bad(tmp_path):
    write(tmp_path, "a.txt", "One\n\nAcme sold radios.")
    write(tmp_path, "sub/b.md", "# Two\n\nBeta bought Acme.")
    write(tmp_path, "sub/empty.txt", "")
    write(tmp_path, "notes.pdf", "ignored: not a kind the readers take")
    results = list(read_sources([tmp_path]))
    articles = [r for r in results if not isinstance(r, ReadFailure)]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert sorted(a.title for a in articles) == ["One", "Two"]
    assert [Path(f.source).name for f in failures] == ["empty.txt"]


def test_a_folder_without_readable_files_is_reported(tmp_path):
    write(tmp_path, "notes.pdf", "not a kind the readers take")
    [failure] = list(read_sources([tmp_path]))
    assert failure.reason.startswith(f"{tmp_path}: no readable files in this folder")


def test_a_missing_path_is_a_failure_and_the_paths_after_it_are_read(tmp_path):
    write(tmp_path, "one.txt", "One\n\nAcme Corp supplied Contoso Ltd with radios.\n")
    write(tmp_path, "two.txt", "Two\n\nFabrikam Corp supplied Contoso Ltd with radars.\n")
    missing = "/nonexistent/actorgraph"
    items = list(read_sources([tmp_path / "one.txt", missing, tmp_path / "two.txt"]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadFailure", "Article"]
    assert items[1].source == missing
    assert items[1].reason == f"{missing}: no such file or folder"
