"""Store contract for the app's Paths and publisher filter: every path up to a length, and the
edges one publisher backs. Each case runs once per backend (the ``store`` fixture)."""

from __future__ import annotations

import pytest

from actorgraph.graph import cypher
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

ACME = Actor("Acme Corp", "Company")
BETA = Actor("Beta Ltd", "Company")
POLICE = Actor("Ruritania police", "GovernmentBody")
DOE = Actor("Jane Doe", "Person")
HUB = Actor("Hub Holdings", "Company")


def article(text: str, publisher: str, published: str = "2022-03-04") -> Article:
    return Article(text=text, title=text[:20], publisher=publisher, published=published)


def claim(type_: str, subject: Actor, obj: Actor, text: str, sentence: str = "") -> Claim:
    """A claim whose evidence is ``sentence`` (the whole text when empty), where it is."""
    sentence = sentence or text
    start = text.index(sentence)
    evidence = Evidence(sentence, start, start + len(sentence))
    return Claim(type_, subject.id, obj.id, evidence, "asserted", 0.7)


def web() -> list[Extraction]:
    """Doe -> Acme -> police, Doe -> Beta -> Acme -> police, Doe -> police, and a cycle back
    (police -> Doe), told by two publishers: the Daily (first article) and the Herald."""
    daily = "Doe criticized Acme. Acme supplied police. Doe sued the police."
    herald = "Doe funded Beta. Beta owns Acme. Police detained Doe. Acme sold radios to police."
    first = Extraction(
        article(daily, "The Daily"),
        (DOE, ACME, POLICE),
        (
            claim("CRITICIZED", DOE, ACME, daily, "Doe criticized Acme."),
            claim("SUPPLIED", ACME, POLICE, daily, "Acme supplied police."),
            claim("SUED", DOE, POLICE, daily, "Doe sued the police."),
        ),
        extractor="test-1",
    )
    second = Extraction(
        article(herald, "The Herald", "2022-05-06"),
        (DOE, BETA, ACME, POLICE),
        (
            claim("FUNDED", DOE, BETA, herald, "Doe funded Beta."),
            claim("OWNS", BETA, ACME, herald, "Beta owns Acme."),
            claim("DETAINED", POLICE, DOE, herald, "Police detained Doe."),
            claim("SUPPLIED", ACME, POLICE, herald, "Acme sold radios to police."),
        ),
        extractor="test-1",
    )
    return [first, second]


def chains(paths) -> list[list[str]]:
    return [[e.type for e in p.edges] for p in paths]


def test_all_paths_lists_every_simple_path_shortest_first(store):
    store.write(web())
    found = store.all_paths(DOE.id, POLICE.id, max_length=3)
    assert chains(found) == [
        ["SUED"],
        ["CRITICIZED", "SUPPLIED"],
        ["FUNDED", "OWNS", "SUPPLIED"],
    ]
    assert [p.actors for p in found][2] == [DOE.id, BETA.id, ACME.id, POLICE.id]
    hop = found[1].edges[1]
    assert (hop.subject, hop.object, hop.claims, hop.articles) == (ACME.id, POLICE.id, 2, 2)
    # the shortest-paths method finds only the one-hop path
    assert chains(store.paths(DOE.id, POLICE.id)) == [["SUED"]]


def test_all_paths_respect_length_limit_and_direction(store):
    store.write(web())
    assert chains(store.all_paths(DOE.id, POLICE.id, max_length=2)) == [
        ["SUED"],
        ["CRITICIZED", "SUPPLIED"],
    ]
    assert len(store.all_paths(DOE.id, POLICE.id, max_length=3, limit=2)) == 2
    # police -> Doe is one edge; the cycle back (Doe -> ... -> police -> Doe) never repeats Doe
    assert chains(store.all_paths(POLICE.id, DOE.id, max_length=4)) == [["DETAINED"]]
    assert store.all_paths(ACME.id, DOE.id, max_length=1) == []
    assert store.all_paths(DOE.id, DOE.id) == []
    assert store.all_paths(DOE.id, "nobody") == []


def test_all_paths_any_way_walk_edges_against_their_direction(store):
    store.write(web())
    assert store.all_paths(ACME.id, DOE.id, max_length=1) == []
    found = store.all_paths(ACME.id, DOE.id, max_length=2, directed=False)
    assert chains(found) == [
        ["CRITICIZED"],
        ["OWNS", "FUNDED"],
        ["SUPPLIED", "DETAINED"],
        ["SUPPLIED", "SUED"],
    ]
    assert [p.actors for p in found][1] == [ACME.id, BETA.id, DOE.id]
    assert [p.along() for p in found] == [[False], [False, False], [True, True], [True, False]]


def test_all_paths_never_pass_an_actor_twice_and_cap_the_length(store):
    """Acme -> police -> Doe -> Acme is a cycle; a path from Acme to Beta may not loop it."""
    store.write(web())
    found = store.all_paths(ACME.id, BETA.id, max_length=99)
    assert [p.actors for p in found] == [[ACME.id, POLICE.id, DOE.id, BETA.id]]
    for path in store.all_paths(DOE.id, ACME.id, max_length=99):
        assert len(set(path.actors)) == len(path.actors)
        assert len(path.edges) <= cypher.MAX_ALL_PATHS_LENGTH


def test_all_paths_stay_bounded_on_a_dense_graph(store):
    """Twelve actors each linked to every other: thousands of paths, the limit returns few."""
    actors = [Actor(f"Firm {i:02d}", "Company") for i in range(12)]
    text = "Firms supplied each other."
    claims = tuple(claim("SUPPLIED", a, b, text) for a in actors for b in actors if a.id != b.id)
    store.write([Extraction(article(text, "The Daily"), tuple(actors), claims, "test-1")])
    found = store.all_paths(actors[0].id, actors[1].id, max_length=4, limit=25)
    assert len(found) == 25
    assert chains(found)[0] == ["SUPPLIED"]
    assert all(len(set(p.actors)) == len(p.actors) for p in found)
    lengths = [len(p.edges) for p in found]
    assert lengths == sorted(lengths)


def test_publishers_are_listed_with_their_article_counts(store):
    store.write(web())
    assert store.publishers() == [("The Daily", 1), ("The Herald", 1)]


def test_an_edge_is_a_publishers_when_one_of_its_claims_is(store):
    store.write(web())
    edges = store.ego([DOE.id, ACME.id], depth=1).edges
    key = lambda e: (e.subject, e.type, e.object)  # noqa: E731
    both = {key(e) for e in edges if e.type == "SUPPLIED"}
    daily = store.edges_from_publishers(edges, ["The Daily"])
    herald = store.edges_from_publishers(edges, ["The Herald"])
    assert daily == {
        (DOE.id, "CRITICIZED", ACME.id),
        (DOE.id, "SUED", POLICE.id),
        *both,
    }
    assert herald == {
        (DOE.id, "FUNDED", BETA.id),
        (BETA.id, "OWNS", ACME.id),
        (POLICE.id, "DETAINED", DOE.id),
        *both,
    }
    assert store.edges_from_publishers(edges, ["The Daily", "The Herald"]) == {
        key(e) for e in edges
    }
    assert store.edges_from_publishers(edges, ["Nobody's Gazette"]) == set()
    assert store.edges_from_publishers(edges, []) == set()


def test_connect_joins_several_actors_by_the_smallest_tree_of_shortest_paths(store):
    from actorgraph.graph.connection import connect

    store.write(web())
    joined = connect(store, [BETA.id, POLICE.id, DOE.id])
    assert joined.unjoined == []
    assert {n.id for n in joined.subgraph.nodes} == {BETA.id, POLICE.id, DOE.id}
    # Beta and police are two hops apart through Acme or Doe: the tree goes through Doe,
    # one hop from each, and shows both edges between Doe and the police
    assert sorted((e.subject, e.type, e.object) for e in joined.subgraph.edges) == [
        (DOE.id, "FUNDED", BETA.id),
        (DOE.id, "SUED", POLICE.id),
        (POLICE.id, "DETAINED", DOE.id),
    ]


def test_connect_names_the_actors_it_cannot_join(store):
    from actorgraph.graph.connection import MAX_ACTORS, connect

    store.write(web())
    loner = Actor("Lone Org", "Organization")
    text = "Lone Org said nothing."
    store.write([Extraction(article(text, "The Daily"), (loner,), (), extractor="test-1")])
    joined = connect(store, [ACME.id, BETA.id, loner.id])
    assert joined.unjoined == [loner.id]
    assert {n.id for n in joined.subgraph.nodes} == {ACME.id, BETA.id}
    assert connect(store, [ACME.id, loner.id]).subgraph.nodes == []
    with pytest.raises(ValueError):
        connect(store, [f"a{i}" for i in range(MAX_ACTORS + 1)])
