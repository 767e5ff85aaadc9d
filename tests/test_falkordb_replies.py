"""FalkorDB's replies read by the store itself (falkordb_store._value): every kind of value
a query can return comes out as the client's own parser reads it, turned into plain data."""

from __future__ import annotations

import pytest
from falkordb.query_result import QueryResult as FalkorResult

from actorgraph.errors import QueryError
from actorgraph.graph import open_store
from actorgraph.graph.falkordb_store import _plain
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction

QUERIES = [
    "RETURN 'Thermo Fisher' AS s, '' AS empty, 'naïve ünïcode' AS u, 42 AS i, -7 AS neg",
    "RETURN 0.71 AS d, 1.0e300 AS big, -0.0 AS z, 3 / 2.0 AS q, true AS t, false AS f",
    "RETURN null AS n, [] AS empty, [1, 'a', null, 2.5, [true, ['x']]] AS nested",
    "RETURN {a: 1, b: 'two', c: [1, {d: null}]} AS m, {} AS empty",
    "MATCH (n:Actor) RETURN n.id, n.aliases, n.degree, n.wikidata ORDER BY n.id",
    "MATCH (n:Actor) RETURN n ORDER BY n.id",
    "MATCH (a:Article)-[r]->(c) RETURN a, r, c LIMIT 3",
    "MATCH p = (:Article)-[]->() RETURN p, [p] AS ps, {path: p} AS m LIMIT 2",
    "MATCH (n:Actor) RETURN collect(n) AS all, count(n) AS n",
]


@pytest.fixture(scope="module")
def falkordb(tmp_path_factory):
    text = "Acme supplied the police."
    acme, police = Actor("Acme Corp", "Company", ("ACME",)), Actor("The Police", "GovernmentBody")
    claim = Claim("SUPPLIED", acme.id, police.id, Evidence(text, 0, len(text)))
    found = Extraction(Article(text=text, title="One"), (acme, police), (claim,), extractor="t")
    with open_store(f"falkordb://{tmp_path_factory.mktemp('replies')}") as store:
        store.write([found])
        yield store


@pytest.mark.parametrize("text", QUERIES)
def test_a_reply_reads_as_the_clients_parser_reads_it(falkordb, text):
    ours = falkordb.query(text)
    theirs = falkordb._graph.ro_query(text)
    assert ours.columns == [str(name) for _, name in theirs.header]
    assert ours.rows == [[_plain(v) for v in row] for row in theirs.result_set]
    assert ours.rows  # each query returns something to compare


def test_the_clients_parser_reads_what_ours_does_not(falkordb):
    """A reply with a node anywhere in it is read by the client's parser, whole."""
    reply = falkordb._db.connection.execute_command(
        "GRAPH.RO_QUERY", falkordb._graph_name, "MATCH (n:Actor) RETURN 1, [n]", "--compact"
    )
    rows = falkordb.query("MATCH (n:Actor) RETURN 1, [n]").rows
    assert rows == [
        [_plain(v) for v in row] for row in FalkorResult(falkordb._graph, reply).result_set
    ]
    assert all("Actor" in row[1][0]["_labels"] for row in rows)


def test_a_statement_that_fails_while_running_is_one_line(falkordb):
    """A statement that fails while running, not while parsed, is one line too."""
    with pytest.raises(QueryError, match=r"^the query failed: Division by zero$"):
        falkordb.query("UNWIND [1, 0] AS x RETURN 1 / x")
