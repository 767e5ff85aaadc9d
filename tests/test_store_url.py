"""Store URLs: one parser (graph.open.StoreURL) whose record the backends and backup take."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from actorgraph.errors import StoreError
from actorgraph.graph.backup import embedded_url
from actorgraph.graph.open import StoreURL, mask_url, open_store


def test_a_neo4j_url_is_read_into_its_parts():
    url = StoreURL.parse("neo4j+s://me:p%40ss@DB.example:7688?database=news&x=1")
    assert (url.scheme, url.host, url.port, url.port_ok) == ("neo4j+s", "db.example", 7688, True)
    assert (url.user, url.password, url.database) == ("me", "p@ss", "news")
    assert url.options == {"database": "news", "x": "1"}
    assert url.backend == ("actorgraph.graph.neo4j_store", "open_neo4j")
    assert url.masked == "neo4j+s://me:***@DB.example:7688?database=news&x=1"


def test_an_embedded_url_names_its_folder_and_graph():
    url = StoreURL.parse("falkordb:///tmp/my%20store?graph=other")
    assert (url.path, url.options, url.query) == (
        "/tmp/my store",
        {"graph": "other"},
        "graph=other",
    )
    assert url.backend == ("actorgraph.graph.falkordb_store", "open_falkordb")
    assert (url.user, url.password, url.masked) == (None, None, url.text)


def test_a_bad_port_is_noted_not_raised_and_blank_options_are_left_out():
    url = StoreURL.parse("bolt://db:port?database=")
    assert (url.port, url.port_ok, url.database) == (None, False, None)


@pytest.mark.parametrize(
    "url", ["bolt://u:hunter2@[::1", "falkordb://[x", "neo4j://[not-an-address]:7687"]
)
def test_a_url_that_does_not_parse_is_one_line_naming_the_forms(url):
    with pytest.raises(StoreError, match=r"does not parse .*; use falkordb:///") as caught:
        open_store(url)
    assert "hunter2" not in str(caught.value)
    assert mask_url(url).split(":")[0] in str(caught.value)


def test_backup_refuses_a_url_that_does_not_parse_in_one_line():
    with pytest.raises(StoreError, match="does not parse"):
        embedded_url("bolt://[::1", "backup")


def test_the_cli_shows_a_url_that_does_not_parse_in_one_line_without_traceback():
    env = {**os.environ, "ACTORGRAPH_STORE": "bolt://neo4j:hunter2@[::1:7687"}
    done = subprocess.run(
        [sys.executable, "-m", "actorgraph", "stats"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "does not parse" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "hunter2" not in done.stderr + done.stdout
