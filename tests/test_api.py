"""The Python API (`import actorgraph`), against the real stores: the embedded FalkorDB, and
Neo4j wherever the ``store`` fixtures run (cypher, networkx, actor lookup)."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from urllib.parse import urlsplit

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import rdflib
from conftest import ROOT, SAMPLES
from test_cli import cli

import actorgraph
from actorgraph.graph import Store, open_store
from actorgraph.graph.embedded import EmbeddedServer
from actorgraph.graph.fulltext import TextHit
from actorgraph.graph.open import mask_url
from actorgraph.graph.rdf import write_rdf
from actorgraph.graph.sparql import run_sparql
from actorgraph.loaders import Extractor
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

TEXT = "Acme sold radios to Ruritania police. Jane Doe criticized Acme. Acme sold Freedonia police."
ACME = Actor("Acme Corp", "Company", ("Acme",))
ACME_HOLDINGS = Actor("Acme Holdings", "Company")
RURITANIA = Actor("Ruritania police", "GovernmentBody")
FREEDONIA = Actor("Freedonia police", "GovernmentBody")
DOE = Actor("Jane Doe", "Person")
SAMPLE_FILES = ["01-thermo-fisher-xinjiang.txt", "20-lawmakers-urge-hikvision-sanctions.txt"]


def extraction() -> Extraction:
    """Actors that make name lookup interesting: an alias, a shared prefix, a shared word."""
    article = Article(text=TEXT, title="Acme", published="2020-01-02", publisher="Desk")
    claims = (
        Claim("SUPPLIED", ACME.id, RURITANIA.id, Evidence(TEXT[:36], 0, 36), "asserted", 0.8),
        Claim("CRITICIZED", DOE.id, ACME.id, Evidence(TEXT[37:62], 37, 62), "asserted", 0.7),
        Claim("SUPPLIED", ACME.id, FREEDONIA.id, Evidence(TEXT[63:], 63, len(TEXT)), "hedged", 0.6),
    )
    actors = (ACME, ACME_HOLDINGS, RURITANIA, FREEDONIA, DOE)
    return Extraction(article, actors, claims, extractor="test-1")


@pytest.fixture
def graph(store: Store, store_url: str) -> Iterator[actorgraph.ActorGraph]:
    """The API over a store of each backend holding extraction()."""
    store.write([extraction()])
    with actorgraph.open(store_url) as g:
        yield g


@pytest.fixture(scope="module")
def samples_url(extractor: Extractor) -> Iterator[str]:
    """An embedded store holding two sample articles, ingested once through the API."""
    from conftest import short_tmp

    folder = short_tmp()
    url = f"falkordb://{folder}"
    with actorgraph.ActorGraph(open_store(url), extractor=extractor) as g:
        report = g.ingest([SAMPLES / name for name in SAMPLE_FILES])
        assert report.written == len(SAMPLE_FILES) and not report.failures
    yield url
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def samples(samples_url: str) -> Iterator[actorgraph.ActorGraph]:
    with actorgraph.open(samples_url) as g:
        yield g


# -- the names the package promises --------------------------------------------------------

HEAVY = ("pandas", "spacy", "falkordb", "neo4j", "rdflib", "networkx", "pyoxigraph", "redis")


def test_import_is_cheap_and_every_promised_name_resolves_on_use():
    probe = (
        "import json, sys, actorgraph\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "names = {n: callable(getattr(actorgraph, n)) for n in "
        "('vocabulary', 'read_articles', 'Extractor', 'open_store', 'open', 'ActorGraph')}\n"
        "print(json.dumps({'heavy': heavy, 'names': names}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found = json.loads(out.stdout)
    assert found["heavy"] == []  # nothing heavy until a name is used
    assert all(found["names"].values()), found["names"]
    assert actorgraph.Extractor is Extractor
    assert actorgraph.open_store is open_store
    assert set(actorgraph.vocabulary().kinds) >= {"Company", "Person", "GovernmentBody"}
    assert {"open", "read_articles", "vocabulary"} <= set(dir(actorgraph))
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = actorgraph.nonsense
    star: dict = {}
    exec("from actorgraph import *", star)
    assert "open" not in star and star["read_articles"] is actorgraph.read_articles


def test_the_docstring_example_reads_extracts_and_writes(falkordb_url, extractor):
    articles = actorgraph.read_articles([SAMPLES / SAMPLE_FILES[0]])
    [article] = articles
    extraction = extractor.extract(article)
    with actorgraph.open_store(falkordb_url) as store:
        store.write([extraction])
        assert store.stats().articles == 1
        assert store.stats().claims == len(extraction.claims) > 0


def test_read_articles_warns_of_what_it_cannot_read_and_returns_the_rest(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.warns(actorgraph.ReadWarning, match=r"empty\.txt: the file is empty"):
        articles = actorgraph.read_articles([SAMPLES / SAMPLE_FILES[0], empty])
    assert [a.source for a in articles] == [str(SAMPLES / SAMPLE_FILES[0])]
    one = actorgraph.read_articles(str(SAMPLES / SAMPLE_FILES[1]))  # a lone path, not chars
    assert len(one) == 1 and one[0].title
    with pytest.raises(actorgraph.InputError, match=r"empty\.txt: the file is empty"):
        actorgraph.read_articles([empty], strict=True)


# -- cypher ----------------------------------------------------------------------------------


def test_cypher_gives_a_dataframe_of_the_rows_the_store_gives(graph, store):
    text = "MATCH (s:Actor)-[e:SUPPLIED]->(o:Actor) RETURN s.name AS s, o.name AS o, e.claims AS n"
    frame = graph.cypher(text + " ORDER BY o")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["s", "o", "n"]
    assert frame.values.tolist() == store.query(text + " ORDER BY o").rows
    assert len(frame) == store.stats().by_type["SUPPLIED"]
    by_keyword = graph.cypher(
        "MATCH (a:Actor {name: $name}) RETURN a.kind AS kind", name="Jane Doe"
    )
    by_dict = graph.cypher(
        "MATCH (a:Actor {name: $write}) RETURN a.kind AS kind", {"write": "Jane Doe"}
    )
    assert by_keyword["kind"].tolist() == by_dict["kind"].tolist() == ["Person"]
    empty = graph.cypher("MATCH (a:Actor {name: $n}) RETURN a.name AS name", n="nobody")
    assert list(empty.columns) == ["name"] and empty.empty


def test_cypher_refuses_writes_in_python_terms_unless_write(graph, store, store_url):
    before = store.stats()
    with pytest.raises(actorgraph.ReadOnlyError) as refused:
        graph.cypher("MATCH (a:Actor) SET a.name = 'x'")
    assert "write=True" in str(refused.value) and "--write" not in str(refused.value)
    assert isinstance(refused.value, actorgraph.ActorgraphError)
    assert store.stats() == before and store.actor(ACME.id).name == "Acme Corp"
    graph.cypher("CREATE (:Note {text: $t})", t="one", write=True)
    with actorgraph.open(store_url, write=True) as writable:
        writable.cypher("CREATE (:Note {text: $t})", t="two")
    assert sorted(r[0] for r in store.query("MATCH (n:Note) RETURN n.text").rows) == ["one", "two"]


NOTEBOOK_VALUES = {
    "count": (np.int64(5), 5),
    "share": (np.float64(0.5), 0.5),
    "flag": (np.bool_(True), True),
    "word": (np.str_("Acme"), "Acme"),
    "ids": (np.array([1, 2]), [1, 2]),
    "names": (pd.Series(["Acme Corp", "Jane Doe"]), ["Acme Corp", "Jane Doe"]),
    "day": (dt.date(2020, 1, 2), "2020-01-02"),
    "missing": (pd.NA, None),
    "nan": (float("nan"), None),
    "nested": ({"n": np.int64(1), "xs": (np.float64(2.5), None)}, {"n": 1, "xs": [2.5, None]}),
}


def test_numpy_and_pandas_values_go_in_as_plain_parameters(graph):
    returned = ", ".join(f"${name} AS {name}" for name in NOTEBOOK_VALUES)
    given = {name: value for name, (value, _) in NOTEBOOK_VALUES.items()}
    row = graph.cypher(f"RETURN {returned}", given).iloc[0].to_dict()
    got = {k: (None if v is None or v is pd.NA else v) for k, v in row.items()}
    assert got == {name: plain for name, (_, plain) in NOTEBOOK_VALUES.items()}
    names = graph.cypher("MATCH (a:Actor) WHERE a.name IN $names RETURN a.name AS n ORDER BY n",
                         names=pd.Series(["Jane Doe", "Acme Corp"]))  # fmt: skip
    assert names["n"].tolist() == ["Acme Corp", "Jane Doe"]
    with pytest.raises(actorgraph.InputError, match=r"parameter 'when' is a date and time"):
        graph.cypher("RETURN $when", when=pd.Timestamp("2020-01-02"))
    with pytest.raises(
        actorgraph.InputError, match=r"parameter 'thing' is of type object; pass text"
    ):
        graph.cypher("RETURN $thing", thing=object())


def test_a_bad_query_is_a_query_error(graph):
    with pytest.raises(actorgraph.QueryError, match="the query failed"):
        graph.cypher("MATCH (a RETURN a")


# -- networkx ---------------------------------------------------------------------------------


def test_to_networkx_holds_every_actor_and_edge_with_attributes(graph, store):
    network = graph.to_networkx()
    assert isinstance(network, nx.MultiDiGraph)
    actors = {a.id: a for a in store.iter_actors()}
    assert {n: d["label"] for n, d in network.nodes(data=True)} == {
        i: a.name for i, a in actors.items()
    }
    assert {n: d["kind"] for n, d in network.nodes(data=True)} == {
        i: a.kind for i, a in actors.items()
    }
    edges = {(e.subject, e.object, e.type): e for e in store.iter_edges()}
    got = {(s, o, k): d for s, o, k, d in network.edges(keys=True, data=True)}
    assert set(got) == set(edges)
    for key, edge in edges.items():
        assert got[key]["modality"] == edge.modality
        assert got[key]["claims"] == edge.claims


# -- actor lookup, as `actorgraph show` -------------------------------------------------------


def test_actor_resolves_ids_names_aliases_and_parts(graph, store):
    acme = graph.actor("acme")  # an alias, exactly: beats the name Acme Holdings starts with
    assert (acme.id, acme.name, acme.kind, acme.aliases) == (
        ACME.id,
        "Acme Corp",
        "Company",
        ("Acme",),
    )
    assert graph.actor(ACME_HOLDINGS.id).name == "Acme Holdings"
    assert graph.actor("  jane ").name == "Jane Doe"  # a part of one name
    assert graph.actor("acme h").name == "Acme Holdings"  # the one name starting so
    evidence = acme.edges
    assert list(evidence.columns) == actorgraph.api.EVIDENCE_COLUMNS
    expected = {
        (e.subject, e.type, e.object, ev.sentence)
        for e in store.ego([ACME.id]).edges
        for ev in store.evidence(e.subject, e.type, e.object)
    }
    got = set(evidence[["subject_id", "type", "object_id", "sentence"]].itertuples(index=False))
    assert got == expected and len(got) == 3
    assert "\n" not in repr(acme) and "sold radios" not in repr(acme)  # the frame left out
    assert acme == acme and acme != graph.actor("acme")  # no frame truth-value error


def test_search_gives_the_hits_of_the_store_as_a_frame(graph, store):
    frame = graph.search("SOLD freedonia")
    assert list(frame.columns) == list(TextHit.__slots__)
    shown = ["kind", "article", "snippet", "marks"]
    hits = [h.as_dict() for h in store.search_text("sold freedonia")]
    assert frame[shown].to_dict("records") == [{k: h[k] for k in shown} for h in hits]
    assert list(frame["kind"]) == ["article", "claim"]
    [claim] = frame[frame["kind"] == "claim"].itertuples()
    assert (claim.subject, claim.object) == (ACME.id, FREEDONIA.id)
    assert graph.search("nothing-here").empty


def test_actor_lookup_failures_are_lookup_errors_with_candidates(graph):
    with pytest.raises(actorgraph.AmbiguousActorError) as ambiguous:
        graph.actor("police")
    assert {a.name for a in ambiguous.value.candidates} == {"Ruritania police", "Freedonia police"}
    assert "give more of the name" in str(ambiguous.value)
    with pytest.raises(actorgraph.ActorNotFoundError) as missing:
        graph.actor("Acme Corpp")
    assert missing.value.suggestions == ["Acme Corp"]
    assert "did you mean 'Acme Corp'?" in str(missing.value)
    assert isinstance(missing.value, LookupError)
    with pytest.raises(actorgraph.ActorNotFoundError, match="no actor matches ''"):
        graph.actor("")


def test_lookup_and_read_only_errors_pickle_as_they_were_raised(graph):
    """A notebook's worker processes (multiprocessing, Dask) send errors back pickled."""
    raised = []
    for attempt in (lambda: graph.actor("police"), lambda: graph.actor("Acme Corpp")):
        with pytest.raises(actorgraph.ActorgraphError) as error:
            attempt()
        raised.append(error.value)
    with pytest.raises(actorgraph.ReadOnlyError) as refused:
        graph.cypher("CREATE (:X)")
    for error in [*raised, refused.value]:
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), str(copy)) == (type(error), str(error))
    assert pickle.loads(pickle.dumps(raised[1])).suggestions == ["Acme Corp"]


def test_show_resolves_names_as_the_api_does(falkordb_url):
    with open_store(falkordb_url) as store:
        store.write([extraction()])
    ambiguous = cli("show", "police", store_url=falkordb_url)
    assert ambiguous.returncode == 1
    assert re.fullmatch(r"actorgraph: 'police' matches 2 actors: .*\n", ambiguous.stderr)
    typo = cli("show", "Acme Corpp", store_url=falkordb_url)
    assert typo.returncode == 1 and "did you mean 'Acme Corp'?" in typo.stderr
    shown = cli("show", "acme", "-f", "json", store_url=falkordb_url)
    assert shown.returncode == 0, shown.stderr
    assert {r["subject"] for r in json.loads(shown.stdout)} == {"Acme Corp", "Jane Doe"}


# -- SPARQL and rdflib -------------------------------------------------------------------------


def test_sparql_gives_variables_as_columns_and_plain_values(samples):
    frame = samples.sparql(
        "SELECT ?name ?mentions WHERE { ?a a ag:Company ; rdfs:label ?name ; "
        "ag:mentionCount ?mentions }"
    )
    assert list(frame.columns) == ["name", "mentions"]
    companies = samples.cypher("MATCH (c:Company) RETURN c.name AS name, c.mentions AS m")
    assert sorted(frame["name"]) == sorted(companies["name"]) and len(frame) > 0
    assert all(isinstance(v, int) for v in frame["mentions"])
    asked = samples.sparql("ASK { ?a a ag:Actor }")
    assert asked.columns.tolist() == ["ask"] and asked["ask"].tolist() == [True]
    with pytest.raises(actorgraph.ActorgraphError, match="SPARQL syntax error"):
        samples.sparql("SELECT WHERE {")


def test_sparql_sees_a_write_made_after_the_last_query(graph, store):
    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ag:Actor }"
    assert graph.sparql(count)["n"].tolist() == [store.stats().actors]
    zed = Actor("Zed Ltd", "Company")
    store.write([Extraction(Article(text="Zed Ltd opened.", title="Zed"), (zed,), (), "test-1")])
    assert store.actor(zed.id) is not None
    assert graph.sparql(count)["n"].tolist() == [store.stats().actors]


def test_sparql_answers_from_a_snapshot_until_the_graph_changes(graph, store):
    name = "SELECT ?name WHERE { ?a a ag:Person ; rdfs:label ?name }"
    assert graph.sparql(name)["name"].tolist() == ["Jane Doe"]
    store.query("MATCH (a:Person) SET a.name = 'Jane Roe'", write=True)  # every count kept
    assert graph.sparql(name)["name"].tolist() == ["Jane Doe"]  # the snapshot, as documented
    graph.refresh()
    assert graph.sparql(name)["name"].tolist() == ["Jane Roe"]
    graph.cypher("MATCH (a:Person) SET a.name = 'Jane Poe'", write=True)  # a write through it
    assert graph.sparql(name)["name"].tolist() == ["Jane Poe"]


def test_to_rdflib_is_the_n_quads_export_with_a_graph_per_article(samples):
    dataset = samples.to_rdflib()
    assert isinstance(dataset, rdflib.Dataset)
    exported = write_rdf(samples.store, io.BytesIO(), "nq")
    assert sum(1 for _ in dataset.quads()) == exported.triples
    articles = {g.identifier for g in dataset.graphs() if "/article/" in str(g.identifier)}
    assert len(articles) == samples.stats().articles
    [[actors]] = list(dataset.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ag:Actor }"))
    assert int(actors) == samples.stats().actors
    same = run_sparql(samples.store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ag:mentionCount ?m }")
    [[mentions]] = list(dataset.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ag:mentionCount ?m }"))
    assert int(mentions) == same.rows[0][0]


# -- ingest and extract ------------------------------------------------------------------------


def test_ingest_is_the_cli_ingest_and_reports_what_it_skipped(samples_url, extractor, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    g = actorgraph.ActorGraph(open_store(samples_url), extractor=extractor)
    with g, pytest.warns(actorgraph.ReadWarning, match=r"empty\.txt"):
        again = g.ingest([SAMPLES / SAMPLE_FILES[0], empty])
    assert (again.written, again.skipped, len(again.failures)) == (0, 1, 1)
    assert again.added() == {"articles": 0, "actors": 0, "claims": 0, "edges": 0}
    with (
        actorgraph.open(samples_url) as other,
        pytest.raises(actorgraph.InputError, match="batch_size must be 1 or more, not 0"),
    ):
        other.ingest(SAMPLES, batch_size=0)


def test_extract_reads_a_text_without_writing(samples):
    before = samples.stats()
    draft = samples.extract("Senator Marco Rubio criticized Thermo Fisher.")
    assert isinstance(draft, Extraction)
    names = {a.id: a.name for a in draft.actors}
    assert [(c.type, names[c.subject]) for c in draft.claims] == [("CRITICIZED", "Marco Rubio")]
    assert samples.stats() == before
    with pytest.raises(actorgraph.InputError):
        samples.extract("   ")
    with pytest.raises(actorgraph.InputError, match="not bytes"):
        samples.extract(b"Acme sold radios.")


# -- opening and closing ------------------------------------------------------------------------


def test_a_closed_graph_says_so_and_close_is_idempotent(falkordb_url):
    g = actorgraph.open(falkordb_url)
    with g:
        assert g.stats().articles == 0
    g.close()
    with pytest.raises(actorgraph.StoreError, match="closed"):
        g.cypher("RETURN 1")
    assert "closed" in repr(g)


def test_a_graph_left_open_is_closed_at_exit_and_the_server_stops(data_dir):
    """A notebook seldom calls close(): the kernel's exit must still release the store."""
    script = (
        "import actorgraph\n"
        f"g = actorgraph.open('falkordb://{data_dir}', write=True)\n"
        "g.cypher('CREATE (:Note {text: $t})', t='left open')\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=120)
    assert not EmbeddedServer(data_dir).is_running()  # the last client out stopped it
    with actorgraph.open(f"falkordb://{data_dir}") as g:  # and nothing written was lost
        assert g.cypher("MATCH (n:Note) RETURN n.text AS t")["t"].tolist() == ["left open"]


def test_open_without_a_url_is_the_clis_store(monkeypatch, falkordb_url):
    monkeypatch.setenv("ACTORGRAPH_STORE", falkordb_url)
    with actorgraph.open() as g:
        assert g.url == falkordb_url


def test_a_password_in_the_store_url_is_never_shown(graph, store_url):
    password = urlsplit(store_url).password
    shown = f"{graph!r} {graph.url}"
    assert "ActorGraph" in shown and (password is None or password not in shown)
    masked = mask_url("bolt://neo4j:s3cret@host:7687?database=x")
    assert masked == "bolt://neo4j:***@host:7687?database=x"


def test_an_unknown_url_is_a_store_error():
    with pytest.raises(actorgraph.StoreError, match="unknown store URL"):
        actorgraph.open("postgres://x")


# -- the README's example, as written -----------------------------------------------------------


def readme_python() -> str:
    """The ```python blocks of the README's "In Python" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "the README's Python section has no ```python block"
    return "\n".join(blocks)


def test_the_readme_example_runs_as_written(tmp_path, monkeypatch, falkordb_url, capsys):
    news = tmp_path / "news"
    news.mkdir()
    for name in SAMPLE_FILES:
        shutil.copy(SAMPLES / name, news / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ACTORGRAPH_STORE", falkordb_url)
    space: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", actorgraph.ReadWarning)
        exec(compile(readme_python(), "README.md", "exec"), space)
    with open_store(falkordb_url) as store:
        stats = store.stats()
        supplied = store.query(
            "MATCH (s:Actor)-[e:SUPPLIED]->(o:Actor) WHERE s.name CONTAINS 'Thermo' "
            "RETURN s.name, o.name, e.claims"
        ).rows
        companies = store.query("MATCH (c:Company) RETURN c.name").rows
    assert space["report"].written == len(SAMPLE_FILES) == stats.articles
    assert sorted(space["suppliers"].values.tolist()) == sorted(supplied) and supplied
    assert sorted(space["companies"]["name"]) == sorted(r[0] for r in companies)
    mentions = space["companies"]["mentions"].tolist()
    assert mentions == sorted(mentions, reverse=True)
    assert space["thermo"].name.startswith("Thermo Fisher") and len(space["thermo"].edges) > 0
    assert space["network"].number_of_nodes() == stats.actors
    assert space["network"].number_of_edges() == stats.edges
    assert len(list(space["dataset"].graphs())) > stats.articles  # articles' graphs + default
    assert [c.type for c in space["draft"].claims] == ["CRITICIZED"]
    printed = capsys.readouterr().out
    assert f"{len(SAMPLE_FILES)} articles written" in printed and "claims" in printed
