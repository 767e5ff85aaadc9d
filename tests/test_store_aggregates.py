"""Store contract for the app's bounded whole-graph reads (Timeline, Analytics): counts per
period, the graph as of a day, the best-supported core. Each case runs once per backend
(the ``store`` fixture); every expected value is recomputed here from ``iter_edges``."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from actorgraph.graph import EdgeView, Store
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

PEOPLE = [Actor(f"Person {n}", "Person") for n in range(4)]
FIRMS = [Actor(f"Firm {n}", "Company") for n in range(4)]
AGENCY = Actor("Trade Agency", "GovernmentBody")
EVERYONE = [*PEOPLE, *FIRMS, AGENCY]

# (published, claims as (type, subject, object) by index into EVERYONE): dates over two
# years, two articles on one day, one undated article, and edges several articles repeat
# (more claims) so the core has a ranking to keep.
STORIES: list[tuple[str | None, list[tuple[str, int, int]]]] = [
    ("2019-11-03", [("SUED", 0, 4), ("CRITICIZED", 1, 4)]),
    ("2019-11-20", [("SUED", 0, 4), ("SUPPLIED", 4, 8)]),
    ("2020-02-14", [("SUPPLIED", 5, 8), ("SUED", 0, 4), ("CRITICIZED", 2, 5)]),
    ("2020-02-14", [("FUNDED", 3, 6), ("SUPPLIED", 4, 8)]),
    ("2020-07-01", [("CRITICIZED", 1, 4), ("OWNS", 6, 7), ("SUED", 8, 5)]),
    ("2021-01-09", [("SUED", 0, 4), ("FUNDED", 3, 7), ("CRITICIZED", 2, 6)]),
    (None, [("SANCTIONED", 8, 3), ("SUED", 1, 7)]),
]


def extractions() -> list[Extraction]:
    out = []
    for n, (published, triples) in enumerate(STORIES):
        text = f"Story {n}. " + " ".join(f"Claim {i} of story {n}." for i in range(len(triples)))
        claims = []
        for i, (rel, s, o) in enumerate(triples):
            sentence = f"Claim {i} of story {n}."
            start = text.index(sentence)
            evidence = Evidence(sentence, start, start + len(sentence))
            claims.append(Claim(rel, EVERYONE[s].id, EVERYONE[o].id, evidence, "asserted", 0.8))
        named = {EVERYONE[i].id: EVERYONE[i] for _, s, o in triples for i in (s, o)}
        article = Article(text=text, title=f"Story {n}", published=published, publisher="Desk")
        out.append(Extraction(article, tuple(named.values()), tuple(claims), extractor="test-1"))
    return out


@pytest.fixture
def filled(store: Store) -> Store:
    store.write(extractions())
    return store


def key(edge: EdgeView) -> tuple[str, str, str]:
    return (edge.subject, edge.type, edge.object)


def actors_of(edges: list[EdgeView]) -> set[str]:
    return {i for e in edges for i in (e.subject, e.object)}


@pytest.mark.parametrize(("grain", "chars"), [("month", 7), ("year", 4), ("day", 10)])
def test_first_seen_counts_equal_a_count_of_every_edge(filled, grain, chars):
    edges = list(filled.iter_edges())
    dated = [e.first_seen for e in edges if e.first_seen]
    expected = Counter((e.first_seen[:chars], e.type) for e in edges if e.first_seen)

    found = filled.first_seen_counts(grain)

    assert found.rows == tuple(sorted((p, t, n) for (p, t), n in expected.items()))
    assert found.undated == sum(1 for e in edges if not e.first_seen) > 0
    assert (found.earliest, found.latest) == (min(dated), max(dated))
    assert sum(n for _, _, n in found.rows) + found.undated == filled.stats().edges


def test_first_seen_counts_of_an_empty_store_and_a_bad_grain(store):
    found = store.first_seen_counts("month")
    assert (found.rows, found.undated, found.earliest, found.latest) == ((), 0, None, None)
    with pytest.raises(ValueError, match="unknown grain"):
        store.first_seen_counts("week")


def test_edges_first_seen_by_a_day_are_the_most_recent_of_those_then(filled):
    edges = list(filled.iter_edges())
    days = sorted({date.fromisoformat(e.first_seen) for e in edges if e.first_seen})
    cuts = [days[0] - timedelta(days=1), *days, days[1] + timedelta(days=30)]
    for day in cuts:
        then = [e for e in edges if e.first_seen and e.first_seen <= day.isoformat()]
        newest = sorted(then, key=lambda e: (-_ordinal(e.first_seen), key(e)))  # ties: s, t, o
        for limit in (1, 3, len(edges)):
            sub, total = filled.edges_first_seen_by(day, limit)
            want = newest[:limit]
            assert [key(e) for e in sub.edges] == [key(e) for e in want], (day, limit)
            assert sub.edges == want
            assert {n.id for n in sub.nodes} == actors_of(want)
            assert total == len(then)


def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def test_edges_first_seen_by_the_latest_day_are_every_dated_edge(filled):
    edges = list(filled.iter_edges())
    latest = max(date.fromisoformat(e.first_seen) for e in edges if e.first_seen)
    sub, total = filled.edges_first_seen_by(latest, len(edges))
    assert {key(e) for e in sub.edges} == {key(e) for e in edges if e.first_seen}
    assert total == len(sub.edges) < len(edges)  # the undated edge is not known then


def test_strongest_edges_are_those_with_most_claims(filled):
    edges = list(filled.iter_edges())
    ranked = sorted(edges, key=lambda e: (-e.claims, key(e)))
    assert ranked[0].claims > ranked[-1].claims  # something to rank
    actors = {a.id: a for a in filled.iter_actors()}
    for limit in (1, 4, len(edges) + 5):
        sub = filled.strongest_edges(limit)
        assert sub.edges == ranked[:limit]
        assert {n.id for n in sub.nodes} == actors_of(ranked[:limit])
        assert all(n == actors[n.id] for n in sub.nodes)


def test_the_bounded_reads_of_an_empty_store(store):
    assert store.strongest_edges(10).edges == []
    sub, total = store.edges_first_seen_by(date(2020, 1, 1), 10)
    assert (sub.nodes, sub.edges, total) == ([], [], 0)
