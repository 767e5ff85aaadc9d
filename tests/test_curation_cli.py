"""The curation commands as a user runs them: names resolved as `show` does, one line and
status 1 on bad input with nothing written, the log in every format, and decisions kept by
`copy` (to Neo4j and back) and by `backup`/`restore`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_curation import TWO, about_group, first, ingest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.graph import content_checksum, curation, open_store
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

runner = CliRunner()
BORDER = "Ruritania border police banned Acme radios."


def border() -> Extraction:
    guards = Actor("Ruritania border police", "GovernmentBody")
    acme = Actor("Acme Corp", "Company", ("Acme",))
    claim = Claim("BANNED", guards.id, acme.id, Evidence(BORDER, 0, len(BORDER)))
    article = Article(text=BORDER, title="Border", published="2022-01-01")
    return Extraction(article, (guards, acme), (claim,), extractor="test-v1")


@pytest.fixture
def url(falkordb_url: str) -> str:
    with open_store(falkordb_url) as store:
        ingest(store, first(), about_group(TWO), border())
    return falkordb_url


def run(url: str, *args: str):
    return runner.invoke(app, ["--store", url, *args])


def state(url: str) -> tuple[str, int]:
    with open_store(url) as store:
        return content_checksum(store), len(curation.decisions(store))


def claim_ids(url: str, name: str) -> dict[str, str]:
    """`show NAME`'s claim column, by the evidence sentence."""
    shown = run(url, "show", name, "--format", "json")
    assert shown.exit_code == 0, shown.output
    return {row["evidence"]: row["claim"] for row in json.loads(shown.stdout)}


def test_show_prints_the_claim_ids_reject_takes(url):
    ids = claim_ids(url, "Jane Doe")
    sentence = "Senator Jane Doe criticized Acme."
    done = run(url, "reject", ids[sentence], "--reason", "misread", "--curator", "ana")
    assert done.exit_code == 0, done.output
    assert "rejected claim" in done.stdout
    assert sentence not in claim_ids(url, "Acme Corp")  # no edge holds it any more
    log = run(url, "curation", "log", "--format", "json")
    [entry] = json.loads(log.stdout)
    assert (entry["action"], entry["curator"], entry["reason"]) == ("reject", "ana", "misread")
    assert entry["args"]["claim"] == ids[sentence]


def test_every_action_from_the_cli_then_the_log_in_each_format(url, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_CURATOR", "desk")
    article = first().article.id
    steps = [
        ("merge", "Acme Corp", "ACME Group", "--reason", "same company"),
        ("rename", "Acme Corp", "Acme Corporation"),
        ("kind", "Jane Doe", "person"),
        ("confirm", claim_ids(url, "Jane Doe")["Senator Jane Doe criticized Acme."]),
        ("add-claim", article, "Jane Doe", "CRITICIZED", "Ruritania police", "--note", "call"),
        ("article-meta", article, "--title", "Radios", "--published", "2020-02-02"),
        ("split", "Acme Corporation", "ACME Group", "--kind", "Company"),
    ]
    for step in steps:
        done = run(url, *step)
        assert done.exit_code == 0, (step, done.output)
    lines = run(url, "curation", "log", "--format", "jsonl").stdout.splitlines()
    actions = [json.loads(line)["action"] for line in lines]
    assert actions == ["merge", "rename", "kind", "confirm", "add-claim", "article-meta", "split"]
    assert {json.loads(line)["curator"] for line in lines} == {"desk"}
    rows = list(csv.reader(io.StringIO(run(url, "curation", "log", "--format", "csv").stdout)))
    assert rows[0] == ["id", "at", "curator", "action", "reason", "args"]
    assert len(rows) == 8
    table = run(url, "curation", "log")
    assert "7 rows" in table.stdout
    with open_store(url) as store:
        assert store.actor("acme-group").name == "ACME Group"  # split off again
        assert store.actor("acme").name == "Acme Corporation"
    undone = run(url, "curation", "undo", json.loads(lines[-1])["id"])
    assert undone.exit_code == 0, undone.output
    with open_store(url) as store:
        assert store.actor("acme-group").name == "Acme Corporation"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "police", "Acme Corp"), "matches 2 actors"),
        (("merge", "Acme Corp", "Acne Crop"), "did you mean"),
        (("merge", "Acme Corp", "Acme Corp"), "already one actor"),
        (("reject", "0000"), "no claim with id"),
        (("confirm", " "), "no claim with id"),
        (("kind", "Jane Doe", "Planet"), "unknown kind"),
        (("rename", "Jane Doe", " "), "cannot be empty"),
        (("split", "Acme Corp", "Zeta"), "has no alias"),
        (("article-meta", "nope", "--title", "x"), "no article"),
        (("add-claim", "nope", "Jane Doe", "CRITICIZED", "Acme Corp", "--note", "n"), "no article"),
        (("curation", "undo", "d123"), "no decision"),
        (("curation", "log", "--format", "xml"), "unknown format"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(url, args, message):
    before = state(url)
    done = run(url, *args)
    assert done.exit_code == 1
    assert message in done.stderr.lower() or message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.output
    assert state(url) == before


def test_bad_dates_and_sentences_are_refused(url):
    article = first().article.id
    before = state(url)
    dated = run(url, "article-meta", article, "--published", "yesterday")
    assert dated.exit_code == 1 and "YYYY-MM-DD" in dated.stderr
    quoted = run(url, "add-claim", article, "Jane Doe", "CRITICIZED", "Acme Corp",
                 "--sentence", "Nobody said this.")  # fmt: skip
    assert quoted.exit_code == 1 and "not in the article" in quoted.stderr
    untyped = run(url, "add-claim", article, "Jane Doe", "LOVED", "Acme Corp", "--note", "x")
    assert untyped.exit_code == 1 and len(untyped.stderr.strip().splitlines()) == 1
    assert state(url) == before


def curated(url: str) -> dict:
    """What the decisions made of a store, to compare across copies."""
    with open_store(url) as store:
        return {
            "decisions": [d.as_dict() for d in curation.decisions(store)],
            "edges": sorted((e.subject, e.type, e.object, e.claims) for e in store.iter_edges()),
            "actors": sorted((a.id, a.name, a.kind) for a in store.iter_actors()),
            "former": store.actor("acme-group").id,
            "statuses": sorted(
                map(tuple, store.query("MATCH (c:Claim) RETURN c.id, c.status, c.source").rows)
            ),
        }


def curate(url: str) -> None:
    with open_store(url) as store:
        curation.merge(store, "acme", "acme-group", curator="ana")
        wrong = store.evidence("jane-doe", "CRITICIZED", "acme")[0].claim
        curation.reject(store, wrong, reason="misread")
        curation.set_kind(store, "jane-doe", "Person")
        curation.add_claim(store, first().article.id, "jane-doe", "CRITICIZED",
                           "ruritania-police", note="interview")  # fmt: skip


def test_copy_to_neo4j_and_back_keeps_every_decision(url, neo4j_url, data_dir):
    curate(url)
    expected = curated(url)
    assert run(url, "copy", "--from", url, "--to", neo4j_url).exit_code == 0
    assert curated(neo4j_url) == expected
    back = f"falkordb://{data_dir}/back"
    done = run(url, "copy", "--from", neo4j_url, "--to", back)
    assert done.exit_code == 0, done.output
    assert curated(back) == expected
    with open_store(back) as store:  # and they still apply to what is read again
        ingest(store, about_group(TWO, "v2"))
        assert store.query("MATCH (n:Actor {id: 'acme-group'}) RETURN n").rows == []


def test_backup_and_restore_keep_every_decision(url, data_dir):
    curate(url)
    expected = curated(url)
    folder = data_dir / "backup"
    assert run(url, "backup", str(folder)).exit_code == 0
    target = f"falkordb://{data_dir}/restored"
    restored = run(url, "restore", str(folder), "--store", target)
    assert restored.exit_code == 0, restored.output
    assert curated(target) == expected


def test_duplicates_are_listed_and_not_same_takes_a_pair_out(url):
    with open_store(url) as store:
        ingest(store, about_group(TWO.replace("ACME Group", "Acme Groupe"), name="Acme Groupe"))
    listed = run(url, "curation", "duplicates", "--format", "json")
    assert listed.exit_code == 0, listed.output
    pairs = [(row["a"], row["b"]) for row in json.loads(listed.stdout)]
    assert ("ACME Group (acme-group)", "Acme Groupe (acme-groupe)") in pairs
    judged = run(url, "curation", "not-same", "acme-group", "acme-groupe", "--reason", "two")
    assert judged.exit_code == 0, judged.output
    again = json.loads(run(url, "curation", "duplicates", "--format", "json").stdout)
    assert ("ACME Group (acme-group)", "Acme Groupe (acme-groupe)") not in [
        (row["a"], row["b"]) for row in again
    ]
    assert run(url, "curation", "duplicates", "--limit", "0").exit_code == 1
