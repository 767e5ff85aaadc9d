"""`actorgraph search`: articles and evidence sentences by words, on the embedded store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_store_text import corpus
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import open_store
from actorgraph.schema import Article, Extraction

runner = CliRunner()


@pytest.fixture
def searched(falkordb_url: str) -> str:
    """An embedded store holding test_store_text's three articles."""
    with open_store(falkordb_url) as store:
        store.write(corpus())
    return falkordb_url


def search(url: str, *args: str):
    """The command, on a terminal wide enough that no row wraps."""
    return runner.invoke(app, ["search", "--store", url, *args], env={"COLUMNS": "300"})


def test_the_table_marks_the_words_in_each_hit(searched):
    result = search(searched, "sold", "RADIOS")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "**" in line]
    assert len(lines) == 2  # the article and its sentence
    assert all("**sold**" in line and "**radios**" in line for line in lines)
    evidence = next(line for line in lines if "evidence" in line)
    assert "Acme Corp SUPPLIED" in evidence
    assert result.output.rstrip().endswith("2 rows")


def test_json_and_csv_give_every_field_of_a_hit(searched):
    result = search(searched, "banned", "-f", "json")
    assert result.exit_code == 0, result.output
    article, claim = json.loads(result.output)
    assert (article["kind"], claim["kind"], claim["type"]) == ("article", "claim", "BANNED")
    start, end = claim["marks"][0]
    assert claim["snippet"][start:end] == "banned"
    table = list(csv.DictReader(io.StringIO(search(searched, "banned", "-f", "csv").output)))
    assert [r["kind"] for r in table] == ["article", "claim"]
    assert json.loads(table[1]["marks"]) == claim["marks"]


def test_limit_bounds_each_kind(searched):
    result = search(searched, "acme", "--limit", "1", "-f", "json")
    assert [h["kind"] for h in json.loads(result.output)] == ["article", "claim"]


@pytest.mark.parametrize(
    "words", [['"radios'], ["(radios)"], ["radios*"], ["--", "-radios"], ["radios~", "||"]]
)
def test_query_syntax_in_the_words_is_only_punctuation(searched, words):
    result = search(searched, "-f", "json", *words)
    assert result.exit_code == 0, result.output
    assert {h["kind"] for h in json.loads(result.output)} == {"article", "claim"}


def test_words_without_a_letter_or_digit_are_one_line(searched):
    result = search(searched, "--", '"*"')
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "no word to search for" in result.output


def test_a_text_with_brackets_prints_as_it_is(falkordb_url):
    """Rich's markup in an article ("[/x]") is text, not a style that fails to close."""
    text = "Radios [/x] and [bold]more[/bold] radios."
    with open_store(falkordb_url) as store:
        store.write([Extraction(Article(text=text, title="[/b] radios"), (), (), "t")])
    result = search(falkordb_url, "radios")
    assert result.exit_code == 0, result.output
    assert "**Radios** [/x] and [bold]more[/bold] **radios**." in result.output
    assert "[/b] radios" in result.output  # the title
