"""The store contract: every backend passes these, each case once per backend (see conftest)."""

from __future__ import annotations

import gc
import random
import re
import time
from dataclasses import replace
from datetime import datetime

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from test_rings import expected as expected_paths

from actorgraph.errors import QueryError, QueryTimeout, ReadOnlyError, StoreError
from actorgraph.graph import EdgeMatch, cypher, cypher_store, ego, open_store, views, write_plan
from actorgraph.graph.suggest import suggest_actors
from actorgraph.loaders.resolve import resolve_extractions
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

TEXT = "Acme sold radios to Ruritania police. Senator Jane Doe criticized Acme."


def extraction(text: str = TEXT, published: str = "2020-01-02", modality: str = "asserted"):
    article = Article(text=text, title="Acme", published=published, publisher="Desk")
    acme = Actor("Acme Corp", "Company", ("Acme",))
    police = Actor("Ruritania police", "GovernmentBody")
    doe = Actor("Jane Doe", "Person")
    claims = (
        Claim("SUPPLIED", acme.id, police.id, Evidence(text[:37], 0, 37), modality, 0.8),
        Claim("CRITICIZED", doe.id, acme.id, Evidence(text[38:], 38, len(text)), "asserted", 0.7),
    )
    return Extraction(article, (acme, police, doe), claims, extractor="test-1")


def counts(store) -> tuple[int, int, int, int]:
    s = store.stats()
    return s.articles, s.actors, s.claims, s.edges


def test_write_derives_typed_edges_with_counts_and_dates(store):
    store.write([extraction()])
    assert counts(store) == (1, 3, 2, 2)
    rows = store.query(
        "MATCH (s:Actor)-[e:SUPPLIED]->(o:Actor) RETURN s.name, o.name, e.claims, e.articles, "
        "e.modality, e.first_seen"
    ).rows
    assert rows == [["Acme Corp", "Ruritania police", 1, 1, "asserted", "2020-01-02"]]


def test_rewriting_an_article_changes_nothing(store):
    store.write([extraction()])
    before = store.stats()
    store.write([extraction()])
    store.write([extraction()])
    assert store.stats() == before


def test_kind_is_a_second_label(store):
    store.write([extraction()])
    assert store.query("MATCH (c:Company) RETURN c.name").rows == [["Acme Corp"]]
    assert store.query("MATCH (p:Person) RETURN p.name").rows == [["Jane Doe"]]


def test_two_articles_stating_one_relation_make_one_edge_with_two_claims(store):
    store.write([extraction()])
    store.write([extraction(TEXT + " More news.", published="2021-05-06")])
    rows = store.query(
        "MATCH (:Actor)-[e:SUPPLIED]->(:Actor) "
        "RETURN e.claims, e.articles, e.first_seen, e.last_seen"
    ).rows
    assert rows == [[2, 2, "2020-01-02", "2021-05-06"]]
    assert store.actor("acme").mentions == 2


def test_re_extraction_replaces_claims_and_re_derives_edges(store):
    store.write([extraction()])
    article = extraction().article
    acme, doe = Actor("Acme Corp", "Company"), Actor("Jane Doe", "Person")
    only_criticism = Extraction(
        article,
        (acme, doe),
        (Claim("CRITICIZED", doe.id, acme.id, Evidence(TEXT[38:], 38, len(TEXT))),),
        extractor="test-2",
    )
    store.write([only_criticism])
    assert store.stats().by_type == {"CRITICIZED": 1}
    assert store.actor("ruritania-police") is None  # no article mentions it now
    assert store.actors_by_keys(["ruritania police"]) == {}  # nor is it found by its name
    assert store.search_actors("ruritania") == []
    assert store.query("MATCH (g:NameGrams) RETURN g.actor ORDER BY g.actor").rows == [
        ["acme"], ["jane-doe"]]  # fmt: skip
    assert store.article_extractors([article.id]) == {article.id: "test-2"}


def test_edge_modality_is_the_strongest_of_its_claims(store):
    store.write([extraction(modality="negated")])
    store.write([extraction(TEXT + " Again.", modality="hedged")])
    assert store.query("MATCH ()-[e:SUPPLIED]->() RETURN e.modality").rows == [["hedged"]]


def test_the_stated_fact_console_example_leaves_out_a_negated_edge(store):
    title = "Who supplied whom, as stated fact (not hedged or negated)"
    query, params = cypher.CONSOLE_EXAMPLES[title]
    store.write([extraction(modality="negated")])
    assert store.query("MATCH ()-[e:SUPPLIED]->() RETURN e.modality").rows == [["negated"]]
    assert store.query(query, params).rows == []
    store.write([extraction(TEXT + " Again.")])
    assert store.query(query, params).rows == [["Acme Corp", "Ruritania police", 2]]


def test_evidence_of_many_edges_is_each_edges_evidence_in_one_read(store):
    store.write([extraction(), extraction(TEXT + " Again.", modality="hedged")])
    edges = list(store.iter_edges())
    found = store.evidence_of(edges)
    assert set(found) == {(e.subject, e.type, e.object) for e in edges}
    for (s, t, o), claims in found.items():
        assert claims == store.evidence(s, t, o) != []
    assert sorted(c.modality for c in found[("acme", "SUPPLIED", "ruritania-police")]) == [
        "asserted",
        "hedged",
    ]


def test_search_finds_names_and_aliases_case_insensitively(store):
    store.write([extraction()])
    assert [a.name for a in store.search_actors("acme")] == ["Acme Corp"]
    assert [a.name for a in store.search_actors("ACME CO")] == ["Acme Corp"]
    assert store.search_actors("nobody") == []
    assert store.search_actors("  ") == []
    assert store.actor("acme").aliases == ("Acme",)


def test_ego_network_and_evidence(store):
    store.write([extraction()])
    one = store.ego(["jane-doe"], depth=1)
    assert {n.name for n in one.nodes} == {"Jane Doe", "Acme Corp"}
    assert [(e.subject, e.type, e.object) for e in one.edges] == [
        ("jane-doe", "CRITICIZED", "acme")
    ]
    two = store.ego(["jane-doe"], depth=2)
    assert {n.name for n in two.nodes} == {"Jane Doe", "Acme Corp", "Ruritania police"}
    [evidence] = store.evidence("acme", "SUPPLIED", "ruritania-police")
    assert evidence.sentence == "Acme sold radios to Ruritania police."
    assert (evidence.start, evidence.end, evidence.title) == (0, 37, "Acme")


def test_user_cypher_is_read_only_unless_write(store):
    store.write([extraction()])
    with pytest.raises(ReadOnlyError, match=r"this query writes to the graph; pass write=True"):
        store.query("MATCH (a:Actor) SET a.name = 'x'")
    assert store.actor("acme").name == "Acme Corp"
    store.query("CREATE (:Note {text: $t})", {"t": "hello"}, write=True)
    assert store.query("MATCH (n:Note) RETURN n.text").rows == [["hello"]]


def test_console_examples_run_read_only_and_find_the_data(store):
    """The Cypher console's examples: each reads something from a small graph on each backend."""
    store.write([extraction()])
    ours = {"name": "acme", "min_articles": 1}  # the examples' parameters, for this graph
    for title, (query, params) in cypher.CONSOLE_EXAMPLES.items():
        result = store.query(query, {k: ours[k] for k in params})
        assert result.columns and result.rows, title
    graph = store.query(*cypher.CONSOLE_EXAMPLES["Who criticized whom (as a graph)"])
    [[subject, relationship, obj]] = graph.rows
    assert (subject["name"], relationship["_type"], obj["name"]) == (
        "Jane Doe",
        "CRITICIZED",
        "Acme Corp",
    )
    assert "Person" in subject["_labels"]
    assert (relationship["_start"], relationship["_end"]) == (subject["_id"], obj["_id"])


def test_malformed_cypher_is_a_one_line_query_error(store):
    with pytest.raises(QueryError, match="the query failed") as error:
        store.query("MATCH (a:Actor RETURN a")
    assert "\n" not in str(error.value)


def test_parameters_carry_quotes_and_newlines_verbatim(store):
    text = 'He said "no".\nThen\\left'
    store.query("CREATE (:Note {text: $t})", {"t": text}, write=True)
    assert store.query("MATCH (n:Note) RETURN n.text").rows == [[text]]


def test_data_survives_closing_and_reopening(store_url):
    first = open_store(store_url)
    first.write([extraction()])
    expected = first.stats()
    first.close()
    second = open_store(store_url)
    try:
        assert second.stats() == expected
    finally:
        second.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("bolt://127.0.0.1:1", "no Neo4j server answers at bolt://127.0.0.1:1"),
        ("neo4j://", "names no host"),
        ("postgres://x", "unknown store URL"),
        ("falkordb://", "names no folder"),
    ],
)
def test_bad_store_urls_are_clear_errors(url, message):
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_the_whole_graph_reads_back_as_the_extractions_that_wrote_it(store):
    original = extraction()
    store.write([original])
    [copy] = list(store.iter_extractions(batch_size=1))
    assert copy.article == original.article
    assert sorted(copy.claims, key=lambda c: c.id) == sorted(original.claims, key=lambda c: c.id)
    assert {a.id: (a.name, a.kind) for a in copy.actors} == {
        a.id: (a.name, a.kind) for a in original.actors
    }
    assert copy.extractor == "test-1"


def test_an_article_written_again_keeps_the_time_it_was_first_ingested(store):
    store.write([extraction()])
    [copy] = list(store.iter_extractions())
    assert copy.ingested_at and datetime.fromisoformat(copy.ingested_at).tzinfo
    store.remove([copy.article.id])
    earlier = replace(copy, ingested_at="2020-05-06T07:08:09+00:00")
    store.write([earlier])  # as `copy` and `restore` write what they read
    [again] = list(store.iter_extractions())
    assert again.ingested_at == "2020-05-06T07:08:09+00:00"


def test_paged_reads_cover_every_actor_and_edge_once(store):
    store.write([extraction(), extraction(TEXT + " Two.", published="2021-01-01")])
    assert [a.id for a in store.iter_actors(batch_size=2)] == [
        "acme",
        "jane-doe",
        "ruritania-police",
    ]
    edges = [(e.subject, e.type, e.object, e.claims) for e in store.iter_edges(batch_size=1)]
    assert edges == [
        ("acme", "SUPPLIED", "ruritania-police", 2),
        ("jane-doe", "CRITICIZED", "acme", 2),
    ]
    assert len(list(store.iter_extractions(batch_size=1))) == 2


def chain_extraction():
    """Doe criticized Acme, Acme supplied the police, and (a second route) Doe met Beta, who
    supplied the police too: two shortest paths of two hops from Doe to the police."""
    text = "Doe criticized Acme. Acme sold radios to police. Doe met Beta. Beta supplied police."
    article = Article(text=text, title="Chain", published="2022-03-04")
    doe, acme = Actor("Jane Doe", "Person"), Actor("Acme Corp", "Company")
    police, beta = Actor("Ruritania police", "GovernmentBody"), Actor("Beta Ltd", "Company")
    ev = Evidence(text[:20], 0, 20)
    claims = (
        Claim("CRITICIZED", doe.id, acme.id, ev, "asserted", 0.7),
        Claim("SUPPLIED", acme.id, police.id, ev, "asserted", 0.8),
        Claim("COLLABORATED_WITH", doe.id, beta.id, ev, "asserted", 0.6),
        Claim("SUPPLIED", beta.id, police.id, ev, "hedged", 0.5),
    )
    return Extraction(article, (doe, acme, police, beta), claims, extractor="test-1")


def test_shortest_paths_follow_typed_edges_hop_by_hop(store):
    store.write([chain_extraction()])
    found = store.paths("jane-doe", "ruritania-police")
    assert [p.actors for p in found] == [
        ["jane-doe", "acme", "ruritania-police"],
        ["jane-doe", "beta", "ruritania-police"],
    ]
    first = found[0].edges
    assert [(e.type, e.claims, e.modality) for e in first] == [
        ("CRITICIZED", 1, "asserted"),
        ("SUPPLIED", 1, "asserted"),
    ]
    assert found[1].edges[1].modality == "hedged"
    assert len(store.paths("jane-doe", "ruritania-police", limit=1)) == 1


def test_paths_respect_direction_length_and_missing_actors(store):
    store.write([chain_extraction()])
    assert store.paths("jane-doe", "ruritania-police", max_length=1) == []
    assert store.paths("ruritania-police", "jane-doe") == []  # directed
    assert [p.actors for p in store.paths("acme", "ruritania-police")] == [
        ["acme", "ruritania-police"]
    ]
    assert store.paths("jane-doe", "jane-doe") == []
    assert store.paths("jane-doe", "nobody") == []


def test_undirected_paths_walk_edges_either_way_and_keep_their_direction(store):
    """Ruritania police is reached from Jane Doe's side only against the edges' direction."""
    store.write([chain_extraction()])
    assert store.paths("ruritania-police", "jane-doe") == []
    found = store.paths("ruritania-police", "jane-doe", directed=False)
    assert [p.actors for p in found] == [
        ["ruritania-police", "acme", "jane-doe"],
        ["ruritania-police", "beta", "jane-doe"],
    ]
    assert [(e.subject, e.type, e.object) for e in found[0].edges] == [
        ("acme", "SUPPLIED", "ruritania-police"),
        ("jane-doe", "CRITICIZED", "acme"),
    ]
    assert found[0].along() == [False, False]
    assert [p.actors for p in store.paths("acme", "beta", directed=False)] == [
        ["acme", "jane-doe", "beta"],
        ["acme", "ruritania-police", "beta"],
    ]


def test_paths_walk_only_the_edges_of_the_types_modalities_and_dates_asked(store):
    store.write([chain_extraction()])  # via Acme all asserted; via Beta a hedged supply
    both = [["jane-doe", "acme", "ruritania-police"], ["jane-doe", "beta", "ruritania-police"]]

    def via(match: EdgeMatch, every: bool = False) -> list[list[str]]:
        find = store.all_paths if every else store.paths
        return [p.actors for p in find("jane-doe", "ruritania-police", match=match)]

    assert via(EdgeMatch(types=("CRITICIZED", "SUPPLIED"))) == both[:1]
    assert via(EdgeMatch(types=("CRITICIZED", "SUPPLIED")), every=True) == both[:1]
    assert via(EdgeMatch(modalities=("asserted",))) == both[:1]
    assert via(EdgeMatch(modalities=("hedged",))) == []
    assert via(EdgeMatch(since="2022-03-04", until="2022-03-04")) == both
    assert via(EdgeMatch(since="2022-03-05")) == []
    assert via(EdgeMatch(until="2022-03-03"), every=True) == []
    undirected = store.paths(
        "ruritania-police", "jane-doe", directed=False, match=EdgeMatch(modalities=("asserted",))
    )
    assert [p.actors for p in undirected] == [["ruritania-police", "acme", "jane-doe"]]


def test_newest_articles_come_first_and_undated_ones_last(store):
    dated = [Article(text=f"Story {d}.", title=f"t{d}", published=f"202{d}-01-01") for d in (1, 3)]
    undated = Article(text="An undated story.", title="undated")
    store.write([Extraction(a, (), (), extractor="t") for a in (undated, *dated)])
    assert [a["title"] for a in store.newest_articles(10)] == ["t3", "t1", "undated"]


def test_where_a_date_came_from_reads_back_with_the_article_and_its_evidence(store):
    written = extraction()
    written = replace(written, article=replace(written.article, date_origin="text"))
    store.write([written])
    assert store.extraction(written.article.id).article.date_origin == "text"
    [evidence] = store.evidence("acme", "SUPPLIED", "ruritania-police")
    assert (evidence.published, evidence.date_origin) == ("2020-01-02", "text")
    assert store.newest_articles(1)[0]["date_origin"] == "text"


def test_one_article_reads_back_with_its_actors_and_claims(store):
    written = chain_extraction()
    store.write([written])
    found = store.extraction(written.article.id)
    assert found is not None and found.article == written.article
    assert {a.id for a in found.actors} == {a.id for a in written.actors}
    assert sorted((c.type, c.subject, c.object) for c in found.claims) == sorted(
        (c.type, c.subject, c.object) for c in written.claims
    )
    assert store.extraction("no-such-article") is None


def test_bookkeeping_edges_are_not_paths(store):
    """MENTIONS/ASSERTS/SUBJECT/OBJECT link every actor through articles; paths ignore them."""
    store.write([extraction()])
    assert store.paths("ruritania-police", "jane-doe") == []


def test_shortest_paths_are_every_shortest_path_in_order(store):
    """On a graph with hubs, cycles and parallel edges, the paths are exactly the shortest
    ones networkx finds over the store's own edges, and a limit keeps the first of them."""
    store.write(random_graph_extractions())
    graph = nx.MultiDiGraph()
    for e in store.iter_edges():
        graph.add_edge(e.subject, e.object, key=e.type)
    hops = lambda paths: [[(e.subject, e.type, e.object) for e in p.edges] for p in paths]  # noqa: E731
    pairs = [(s, t) for s in sorted(graph) for t in sorted(graph) if s != t]
    by_length: dict[int, list[tuple[str, str]]] = {}
    for pair in pairs:  # a few pairs of every length, and some with no path
        want = expected_paths(graph, *pair, 6)
        by_length.setdefault(len(want[0]) if want else 0, []).append(pair)
    assert {0, 1, 2, 3} <= by_length.keys()
    for pair in (p for found in by_length.values() for p in found[:8]):
        want = expected_paths(graph, *pair, 3)
        assert hops(store.paths(*pair, max_length=3, limit=1000)) == want
    most = max(pairs, key=lambda pair: len(expected_paths(graph, *pair, 6)))
    assert hops(store.paths(*most, max_length=6, limit=3)) == expected_paths(graph, *most, 6)[:3]


@pytest.mark.parametrize("hub_degree", [0, 100], ids=["looked-up", "walked"])
def test_relationships_a_user_made_are_neither_ego_edges_nor_paths(store, monkeypatch, hub_degree):
    """A relationship of a type outside the vocabulary, made between actors with a
    Cypher write, is not an edge of the graph, whether the ego network looks its
    actors' edges up (every actor a hub) or walks them (none)."""
    monkeypatch.setattr(ego, "HUB_DEGREE", hub_degree)
    store.write([chain_extraction()])
    made = "MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) CREATE (a)-[:NOTED]->(b)"
    for a, b in [("ruritania-police", "jane-doe"),
                 ("acme", "beta")]:  # fmt: skip
        store.query(made, {"a": a, "b": b}, write=True)
    view = store.ego(["jane-doe"], depth=2)
    assert {e.type for e in view.edges} == {"CRITICIZED", "SUPPLIED", "COLLABORATED_WITH"}
    assert store.paths("ruritania-police", "jane-doe") == []
    assert store.paths("acme", "beta") == []


def test_a_batch_written_again_on_a_stale_view_adds_no_second_name_document(store):
    """Two ingests of the same article at once: the second read the actor as new before the
    first wrote it. Its write then leaves one actor, one key and one trigram document."""
    batch = [extraction()]
    stale = store._news(write_plan.BatchRows.of(batch))
    store.write(batch)
    store._news = lambda rows: stale
    store.write(batch)
    counts = "MATCH (n) WHERE n:Actor OR n:Alias OR n:NameGrams RETURN labels(n)[0] AS l, count(n)"
    again = dict(store.query(counts).rows)
    del store._news
    store.write(batch)  # the same batch written with a true view: the reference
    assert again == dict(store.query(counts).rows)
    assert again["NameGrams"] == again["Actor"]


def test_stats_count_by_kind_and_type(store):
    store.write([chain_extraction()])
    stats = store.stats()
    assert (stats.articles, stats.actors, stats.claims, stats.edges) == (1, 4, 4, 4)
    assert stats.by_kind == {"Company": 2, "GovernmentBody": 1, "Person": 1}
    assert stats.by_type == {"SUPPLIED": 2, "CRITICIZED": 1, "COLLABORATED_WITH": 1}
    top = [(a.name, degree) for a, degree in store.top_actors(limit=2)]
    assert top == [("Acme Corp", 2), ("Beta Ltd", 2)]  # ties by name


def test_a_failed_batch_writes_nothing(store):
    """One statement of a batch failing rolls the whole batch back."""
    good = extraction()
    bad = chain_extraction()
    broken = Extraction(
        bad.article,
        bad.actors,
        bad.claims,
        extractor={"not": "a string"},  # type: ignore[arg-type]
    )
    with pytest.raises(StoreError, match="refused a write"):
        store.write([good, broken])
    assert counts(store) == (0, 0, 0, 0)


# Names a trigram index could get wrong: punctuation, accents, digits, a possessive, short
# names, and 300 that share their trigrams (a wildcard full-text query missed some of these).
SEARCHED = [
    Actor("U.S. Congress", "GovernmentBody", ("Congress", "US Congress")),
    Actor("Thermo Fisher Scientific", "Company", ("Thermo Fisher", "TFS")),
    Actor("Société Générale", "Company", ("SocGen",)),
    Actor("Rubio's office", "GovernmentBody"),
    Actor("Zeta-7 Holdings", "Company", ("Z7",)),
    Actor("Ōsaka Gas", "Company"),
    Actor("3M", "Company"),
    Actor("AB", "Company"),
    *(Actor(f"Delta {i} Partners", "Company") for i in range(300)),
]


def searched_store(store):
    text = "An article that names many actors."
    article = Article(text=text, title="Names", published="2021-05-06")
    store.write([Extraction(article, tuple(SEARCHED), (), extractor="t")])
    return store


def substring_matches(text: str) -> set[str]:
    """The definition: actors whose name or an alias contains the text, any case."""
    wanted = text.strip().lower()
    return {a.id for a in SEARCHED if any(wanted in n.lower() for n in (a.name, *a.aliases))}


def test_search_finds_every_actor_whose_name_contains_the_text(store, monkeypatch):
    searched_store(store)
    rng = random.Random(3)
    names = [n for a in SEARCHED[:8] + rng.sample(SEARCHED[8:], 5) for n in (a.name, *a.aliases)]
    queries = ["ta 1", "elta 2", "a 29", "s. con", "o's off", "é gé", "OSAKA", "ōsa", "-7 h",
               "3m", "ab", "b", " fisher ", "rtners", "elta", "zz", "nobody"]  # fmt: skip
    for _ in range(60):  # and substrings of the names, anywhere, of any length
        name = rng.choice(names)
        start = rng.randrange(len(name))
        queries.append(name[start : start + rng.randint(1, 12)])
    assert store._grams is not None  # through the index, then as a store without one scans
    for indexed in (store._grams, None):
        monkeypatch.setattr(store, "_grams", indexed)
        misses = {
            q: (found, expected)
            for q in queries
            if (found := {a.id for a in store.search_actors(q, limit=1000)})
            != (expected := substring_matches(q))
        }
        assert misses == {}
    assert len(substring_matches("ta 1")) == 111  # 1, 10-19, 100-199


def test_another_name_in_a_batch_becomes_an_alias_and_is_indexed_once(store):
    article = Article(text="Acme Corp. again.", title="Again", published="2020-01-03")
    again = Extraction(article, (Actor("Acme Corp.", "Company"),), (), extractor="t")
    store.write([extraction(), again])
    assert store.actor("acme").aliases == ("Acme", "Acme Corp.")
    grams = "MATCH (g:NameGrams {actor: 'acme'}) RETURN g.grams"
    before = store.query(grams).rows
    store.write([extraction(), again])  # nothing new: no trigram is added again
    assert store.query(grams).rows == before
    assert [a.name for a in store.search_actors("corp.")] == ["Acme Corp"]


def test_did_you_mean_from_the_index_offers_what_reading_every_actor_does(store, monkeypatch):
    searched_store(store)
    typos = ["Delta 1O7 Partners", "Therma Fisher", "Societe Generale", "Rubios ofice",
             "Zeta 7 Holding", "US Congres"]  # fmt: skip
    from_index = {t: [a.name for a in suggest_actors(store, t)] for t in typos}
    assert from_index["Therma Fisher"] == ["Thermo Fisher Scientific"]
    assert len(list(store.similar_actors("Delta 1O7 Partners", limit=20))) == 20  # the best
    monkeypatch.setattr(store, "_grams", None)  # a store without the index reads them all
    assert len(list(store.similar_actors("Delta 1O7 Partners", limit=20))) == len(SEARCHED)
    assert {t: [a.name for a in suggest_actors(store, t)] for t in typos} == from_index


def test_search_ranks_the_name_itself_then_names_starting_with_it_then_mentions(store):
    searched_store(store)
    article = Article(text="Congress again.", title="Again", published="2021-05-07")
    again = Actor("Congress Watch", "Organization")
    store.write([Extraction(article, (again,), (), extractor="t")])
    found = [a.name for a in store.search_actors("congress")]
    assert found == ["U.S. Congress", "Congress Watch"]  # an alias itself, then a prefix
    assert [a.name for a in store.search_actors("delta 1", limit=3)] == [
        "Delta 1 Partners", "Delta 10 Partners", "Delta 100 Partners"]  # fmt: skip


OLD_CONSTRAINT = "name_grams_actor"  # Neo4j's, when an actor had one NameGrams node


def test_a_store_from_before_name_grams_gets_them_and_its_index_when_opened(store_url):
    """Search's trigram index is made when a store written without it is opened, after
    its actors have their trigrams."""
    falkordb = store_url.startswith("falkordb:")
    drop = "CALL db.idx.fulltext.drop('NameGrams')" if falkordb else "DROP INDEX actor_grams"
    grams = "MATCH (g:NameGrams) RETURN count(g)"
    with open_store(store_url) as first:
        searched_store(first)
        assert first.query(grams).rows == [[len(SEARCHED)]]
        first.query(drop, write=True)
        first.query("MATCH (g:NameGrams) DELETE g", write=True)
        if not falkordb:  # then, one document an actor was a constraint
            first.query("DROP INDEX name_grams_of", write=True)
            first.query(f"CREATE CONSTRAINT {OLD_CONSTRAINT} FOR (n:NameGrams) "
                        "REQUIRE n.actor IS UNIQUE", write=True)  # fmt: skip
    with open_store(store_url) as second:
        assert second.query(grams).rows == [[len(SEARCHED)]]
        assert second._grams is not None
        if not falkordb:
            constraints = second.query("SHOW CONSTRAINTS YIELD name RETURN name").rows
            assert [OLD_CONSTRAINT] not in constraints
            mining = Actor("3M", "Company", ("Minnesota Mining",))  # a document for its new name
            article = Article(text="3M.", title="3M")
            second.write([Extraction(article, (mining,), (), extractor="t")])
            documents = f"MATCH (g:NameGrams {{actor: '{mining.id}'}}) RETURN count(g)"
            assert second.query(documents).rows == [[2]]
            assert [a.id for a in second.search_actors("nesota min")] == [mining.id]
        for text in ("ta 1", "s. con", "Fisher", "ab"):
            assert {a.id for a in second.search_actors(text, limit=1000)} == (
                substring_matches(text))  # fmt: skip


def test_actors_are_found_by_normalised_names_and_aliases(store):
    store.write([extraction()])
    found = store.actors_by_keys(["acme", "jane doe", "nobody"])
    assert {k: [a.id for a in v] for k, v in found.items()} == {
        "acme": ["acme"],
        "jane doe": ["jane-doe"],
    }
    assert store.actors_by_keys([]) == {}


def test_suggest_actors_offers_the_closest_names_and_aliases(store):
    store.write([extraction()])
    assert [a.name for a in suggest_actors(store, "Acme Corpp")] == ["Acme Corp"]
    assert [a.name for a in suggest_actors(store, "acmee")] == ["Acme Corp"]  # an alias
    assert [a.name for a in suggest_actors(store, "Jane Do", limit=1)] == ["Jane Doe"]
    assert suggest_actors(store, "zzzz") == []
    assert suggest_actors(store, "  ") == []


def degrees_from_edges(store) -> dict[str, int]:
    """Each actor's typed edges, in and out, counted from the edges themselves."""
    found = {a.id: 0 for a in store.iter_actors()}
    for edge in store.iter_edges():
        found[edge.subject] += 1
        found[edge.object] += 1
    return found


def stored_degrees(store) -> dict[str, int]:
    return {a.id: a.degree for a in store.iter_actors()}


def test_degrees_follow_the_edges_through_writes_rewrites_and_removals(store):
    first, chain = extraction(), chain_extraction()
    store.write([first, chain])
    assert stored_degrees(store) == degrees_from_edges(store)
    assert stored_degrees(store)["acme"] == 2  # one edge each way, told twice
    doe, acme = Actor("Jane Doe", "Person"), Actor("Acme Corp", "Company")
    only_criticism = Extraction(
        chain.article,
        (doe, acme),
        (Claim("CRITICIZED", doe.id, acme.id, Evidence(TEXT[38:], 38, len(TEXT))),),
        extractor="test-2",
    )
    store.write([only_criticism])  # Beta's edges go with the claims behind them
    assert stored_degrees(store) == degrees_from_edges(store)
    assert stored_degrees(store)["jane-doe"] == 1
    store.remove([first.article.id])
    left = {"acme": 1, "jane-doe": 1}
    assert stored_degrees(store) == degrees_from_edges(store) == left
    assert [(a.id, d) for a, d in store.top_actors()] == [
        ("acme", 1),
        ("jane-doe", 1),
    ]


def test_a_store_from_before_degrees_and_claim_dates_gets_them_when_opened(store_url):
    """Degrees, and the article id and date a claim keeps, are filled in once on opening
    a store written without them; edges derived afterwards count articles right."""
    chain = chain_extraction()
    with open_store(store_url) as first:
        first.write([chain])
        expected = degrees_from_edges(first)
        first.query("MATCH (n:Actor) REMOVE n.degree", write=True)
        first.query("MATCH (c:Claim) REMOVE c.article, c.published", write=True)
        assert set(stored_degrees(first).values()) == {0}  # read as none
    with open_store(store_url) as second:
        assert stored_degrees(second) == expected
        assert expected["acme"] == 2
        claims = second.query("MATCH (c:Claim) RETURN DISTINCT c.article, c.published").rows
        assert claims == [[chain.article.id, "2022-03-04"]]
        second.write([extraction()])  # a second article supplying the police
        edge = "MATCH ({id: 'acme'})-[e:SUPPLIED]->() RETURN e.articles, e.first_seen"
        assert second.query(edge).rows == [[2, "2020-01-02"]]


def random_graph_extractions(actors: int = 40, claims: int = 160, seed: int = 5):
    """Articles of claims between actors drawn with a skew (a few hubs, many with one edge)."""
    rng = random.Random(seed)
    people = [Actor(f"Person {i}", "Person") for i in range(actors)]
    types = ["CRITICIZED", "SUPPLIED", "COLLABORATED_WITH", "FUNDED"]
    found = []
    for number in range(claims // 4):
        text = f"Article {number} about four claims."
        made = []
        for _ in range(4):
            s, o = (min(int(rng.paretovariate(0.8)) - 1, actors - 1) for _ in range(2))
            if s != o:
                made.append(Claim(rng.choice(types), people[s].id, people[o].id,
                                  Evidence(text, 0, len(text))))  # fmt: skip
        named = {p.id: p for c in made for p in people if p.id in (c.subject, c.object)}
        article = Article(text=text, title=f"A{number}", published="2021-01-01")
        found.append(Extraction(article, tuple(named.values()), tuple(made), extractor="t"))
    return found


@pytest.mark.parametrize("depth", [1, 2])
def test_ego_edges_are_those_among_the_view_touching_an_expanded_actor(store, monkeypatch, depth):
    """With hubs looked up pair by pair and the rest walked, the edges are exactly those
    of the whole graph between actors shown with an expanded one at an end."""
    monkeypatch.setattr(ego, "HUB_DEGREE", 3)
    monkeypatch.setattr(ego, "HUBS_LOOKED_UP", 6)
    store.write(random_graph_extractions())
    every = [(e.subject, e.type, e.object) for e in store.iter_edges()]
    hubs = [a.id for a, _ in store.top_actors(limit=6)]
    for centre in [*hubs[:3], "person-30"]:
        if store.actor(centre) is None:
            continue
        view = store.ego([centre], depth=depth, limit=25)
        shown = {n.id for n in view.nodes}
        ring = {o if s == centre else s for s, _, o in every if centre in (s, o)} & shown
        expanded = {centre} | (ring if depth == 2 else set())
        expected = {
            (s, t, o) for s, t, o in every
            if s in shown and o in shown and (s in expanded or o in expanded)
        }  # fmt: skip
        assert {(e.subject, e.type, e.object) for e in view.edges} == expected
        assert len(shown) <= 25


def test_a_name_an_actor_is_given_in_a_later_batch_is_found_and_resolved(store):
    """A known actor given a new alias later gets its key and trigrams too, not only the
    alias on the node: name search finds it by part of the alias, resolution by its key."""
    fisher = Actor("Thermo Fisher Scientific", "Company")
    store.write([Extraction(Article(text="One.", title="One"), (fisher,), (), extractor="t")])
    assert store.search_actors("tfs gr") == []
    again = Actor("Thermo Fisher Scientific", "Company", ("TFS Group",))
    store.write([Extraction(Article(text="Two.", title="Two"), (again,), (), extractor="t")])
    assert [a.id for a in store.search_actors("tfs gr")] == [fisher.id]
    assert [a.id for a in store.actors_by_keys(["tfs group"])["tfs group"]] == [fisher.id]
    assert store.actor(fisher.id).aliases == ("TFS Group",)


@pytest.mark.parametrize("enabled", [True, False])
def test_a_big_reply_is_read_with_pythons_collector_paused_and_left_as_it_was(store, enabled):
    """The reply's tens of thousands of short-lived lists set off no collection while they
    are read, and the collector is on (or off) after the read as it was before."""
    collections: list[str] = []
    record = lambda phase, info: collections.append(phase)  # noqa: E731
    gc.callbacks.append(record)
    (gc.enable if enabled else gc.disable)()
    try:
        rows = store.query("UNWIND range(1, 5000) AS x RETURN x, [x, 'a'] AS pair").rows
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(record)
        gc.enable()
    assert len(rows) == 5000 and rows[-1] == [5000, [5000, "a"]]
    # at most one, of the rows kept, once the collector is back on (60 without the pause)
    assert collections.count("start") <= 1


def test_rows_become_the_same_edges_whatever_the_order_of_their_columns():
    """By position when the columns are EdgeView's fields in order, else by name."""
    fields = list(views.EdgeView.__slots__)
    row = ["acme", "SUPPLIED", "police", 2, 1, "asserted", 0.9, "2020-01-01", "2021-02-03"]
    ordered = views.QueryResult(fields, [row])
    shuffled = views.QueryResult(fields[::-1], [row[::-1]])
    edges = views.edges_of(ordered)
    assert edges == views.edges_of(shuffled)
    assert edges[0].subject == "acme" and edges[0].last_seen == "2021-02-03"


# --- the store boundary: values travel as data, names are checked, user queries have a limit ---

# Text of every kind, with the characters no server takes as they are (NUL, lone surrogates,
# the codec's own escape) and those a query text would need escaped mixed in often.
NASTY = st.sampled_from(["\x00", "\ud800", "\udfff", "\ufdd0", "\\", '"', "'", "`", "\n", "$"])
ANY_TEXT = st.text(st.one_of(st.characters(exclude_categories=()), NASTY), max_size=40)
VALUES = st.recursive(
    st.one_of(
        ANY_TEXT,
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        # FalkorDB keeps doubles exactly but replies with 15 significant digits
        st.floats(allow_nan=False).filter(lambda f: float(f"{f:.15g}") == f),
        st.booleans(),
        st.none(),
    ),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


def cannot_name(text: str) -> bool:
    """Whether text cannot be a parameter name or map key: empty, or with a backtick, NUL
    or lone surrogate in it (FalkorDB's parameter prefix puts names between backticks)."""
    return not text or any(c in "`\x00" or 0xD800 <= ord(c) <= 0xDFFF for c in text)


PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(value=ANY_TEXT)
def test_any_text_is_written_and_read_back_exactly(store, value):
    """A parameter is data on both servers: stored, matched and returned as it was given."""
    store.query("MATCH (n:Probe) DELETE n", write=True)
    created = store.query("CREATE (n:Probe {v: $v}) RETURN n.v", {"v": value}, write=True)
    assert created.rows == [[value]]
    found = store.query("MATCH (n:Probe) WHERE n.v = $v RETURN n.v, n", {"v": value}).rows
    assert [row[0] for row in found] == [value]
    assert found[0][1]["v"] == value  # inside a node too


@PROPERTY
@given(value=VALUES, key=ANY_TEXT)
def test_lists_and_maps_of_any_values_come_back_as_they_went(store, value, key):
    """A map key is a name: refused in one line when it cannot be one, else carried as is."""
    params = {"m": {key: value}}
    try:
        [[back]] = store.query("RETURN $m AS m", params).rows
    except QueryError as error:
        assert cannot_name(key)
        assert "\n" not in str(error) and "map key" in str(error)
        return
    assert back == {key: value}


@PROPERTY
@given(name=ANY_TEXT)
def test_parameter_names_are_used_or_refused_in_one_line(store, name):
    # a name with a backtick cannot even be written in the query
    query = "RETURN 1 AS v" if "`" in name else f"RETURN $`{name}` AS v"
    try:
        rows = store.query(query, {name: "x"}).rows
    except QueryError as error:
        assert "\n" not in str(error) and "parameter name" in str(error)
        assert cannot_name(name)
        return
    assert not cannot_name(name) and rows == [["x"]]


@PROPERTY
@given(name=ANY_TEXT.filter(lambda s: s.strip()), text=ANY_TEXT)
@example(name="Pº", text="")  # the same name key as "Po": one actor id (assumed away)
@example(name="\ud800", text="")  # a lone surrogate in an article's text
def test_actor_names_and_article_text_of_any_characters_round_trip(store, name, text):
    """Through the store's own writes and reads: the whole extraction comes back as written."""
    store.query("MATCH (n) DETACH DELETE n", write=True)
    body = f"{name} sold radios. {text}"
    article = Article(text=body, title=text or "t", published="2020-01-02", publisher=name)
    actor, police = Actor(name, "Company", (text,) if text.strip() else ()), Actor("Po", "Person")
    assume(actor.id != police.id)  # names with one key are one actor by design
    claim = Claim("SUPPLIED", actor.id, police.id, Evidence(body[:5], 0, 5), "asserted", 0.8)
    store.write([Extraction(article, (actor, police), (claim,), extractor="t")])
    assert store.actor(actor.id).name == name
    [copy] = list(store.iter_extractions())
    assert copy.article == article
    assert {a.id: a.name for a in copy.actors} == {actor.id: name, police.id: "Po"}
    [edge] = store.evidence(actor.id, "SUPPLIED", police.id)
    assert (edge.sentence, edge.publisher) == (body[:5], name)


def test_a_long_text_with_nul_bytes_round_trips(store):
    """An article with NUL bytes (FalkorDB refused the whole write) and a megabyte of text."""
    value = ('a\x00b\ud83d\u00e9\\"' * 150_000)[:1_000_000]
    store.query("CREATE (:Probe {v: $v})", {"v": value}, write=True)
    assert store.query("MATCH (n:Probe) RETURN n.v, size(n.v) > 0").rows == [[value, True]]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a`b": 1}, "the parameter name 'a`b' holds a backtick"),
        ({"": 1}, "a parameter name must be non-empty"),
        ({"m": {"k`": 1}}, "the map key 'k`' holds a backtick"),
        ({"n": 2**64}, "beyond 64-bit integers"),
        ({"s": {1, 2}}, "the parameter $s is a set"),
    ],
)
def test_parameters_no_server_can_take_are_refused_in_one_line(store, params, message):
    with pytest.raises(QueryError, match=re.escape(message)) as error:
        store.query("RETURN 1", params)
    assert "\n" not in str(error.value)
    assert store.query("RETURN 1 AS one").rows == [[1]]


RUNAWAY = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)"
RUNAWAY_WRITE = (
    "CREATE (:Runaway) WITH 1 AS one UNWIND range(1, 100000) AS a "
    "UNWIND range(1, 100000) AS b RETURN count(*)"
)


@pytest.mark.parametrize("write", [False, True], ids=["read", "write"])
def test_a_runaway_query_is_stopped_by_the_server_at_its_time_limit(store, write):
    """10^10 rows: the server stops it at the limit; a write is undone, and the store answers."""
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.5 s.*--timeout SECONDS") as error:
        store.query(RUNAWAY_WRITE if write else RUNAWAY, write=write, timeout=0.5)
    assert "\n" not in str(error.value)
    assert time.monotonic() - started < 30  # stopped, not run to the end (hours)
    assert store.query("MATCH (n:Runaway) RETURN count(n)").rows == [[0]]
    assert store.query("RETURN 1 AS one").rows == [[1]]


def test_user_queries_have_a_default_time_limit(store, monkeypatch):
    monkeypatch.setattr(cypher_store, "QUERY_TIMEOUT", 0.5)
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.5 s"):
        store.query(RUNAWAY)


def test_a_store_with_ids_from_kinds_gets_ids_from_names_when_opened(store_url):
    """An older store's ids began with the kind first read: China was "place-china" or
    "government-china" by the order of ingest, two actors. Opening it rewrites them."""
    text = "Acme built plants in China. China sanctioned Acme."
    place = Actor("China", "Place", id="place-china")
    government = Actor("China", "Government", id="government-china")
    acme = Actor("Acme Corp", "Company", ("Acme",), id="company-acme")
    first = Extraction(
        Article(text=text, title="Plants", published="2020-01-02"),
        (acme, place),
        (Claim("OPERATES_IN", acme.id, place.id, Evidence(text[:27], 0, 27)),),
    )
    second_text = "China sanctioned Acme on Monday."
    second = Extraction(
        Article(text=second_text, title="Sanctions", published="2021-05-06"),
        (government, acme),
        (Claim("SANCTIONED", government.id, acme.id, Evidence(second_text, 0, 32), "hedged"),),
    )
    with open_store(store_url) as old:
        old.write([first])
        old.write([second])
        assert {a.id for a in old.iter_actors()} == {
            "company-acme",
            "place-china",
            "government-china",
        }
    with open_store(store_url) as migrated:
        actors = {a.id: a for a in migrated.iter_actors()}
        assert set(actors) == {"acme", "china"}
        assert (actors["china"].kind, actors["china"].mentions) == ("Government", 2)
        assert actors["acme"].aliases == ("Acme",)
        edges = {(e.subject, e.type, e.object, e.modality) for e in migrated.iter_edges()}
        assert edges == {("acme", "OPERATES_IN", "china", "asserted"),
                         ("china", "SANCTIONED", "acme", "hedged")}  # fmt: skip
        assert {a["id"]: a["degree"] for a in migrated.query(
            "MATCH (n:Actor) RETURN n.id AS id, n.degree AS degree").records()} == {
            "acme": 2, "china": 2}  # fmt: skip
        # the same claim ids as articles written with the new ids
        fresh = {
            c.id
            for ex in resolve_extractions([_renamed(first), _renamed(second)])
            for c in ex.claims
        }
        assert {c.id for ex in migrated.iter_extractions() for c in ex.claims} == fresh
        assert migrated.actors_by_keys(["china"])["china"][0].id == "china"
    with open_store(store_url) as again:  # nothing left to migrate: opened as it is
        assert {a.id for a in again.iter_actors()} == {"acme", "china"}


def _renamed(ex: Extraction) -> Extraction:
    from dataclasses import replace

    ids = {a.id: Actor(a.name, a.kind, a.aliases).id for a in ex.actors}
    actors = {ids[a.id]: Actor(a.name, a.kind, a.aliases) for a in ex.actors}
    claims = tuple(
        replace(c, subject=ids[c.subject], object=ids[c.object], id="") for c in ex.claims
    )
    return Extraction(ex.article, tuple(actors.values()), claims, ex.extractor)
