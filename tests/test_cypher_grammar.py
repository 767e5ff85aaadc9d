"""Every Cypher string the Neo4j backend can send, parsed by Neo4j's own grammar.

The npm package @neo4j-cypher/language-support (pinned in tests/cypherlint, installed
by `make test`) lints the whole batch in one Node process. A deliberately broken
query must fail the same check, so a linter that accepts anything cannot pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from neo4j_server import unavailable

from actorgraph.graph import cypher, neo4j_store
from actorgraph.schema import vocabulary

pytestmark = pytest.mark.neo4j  # the Neo4j side of the backend; no server needed

LINT = Path(__file__).parent / "cypherlint"
PACKAGE = LINT / "node_modules" / "@neo4j-cypher" / "language-support"
BROKEN = "MATCH (a:Actor {id: $id}) RETRUN a"


def neo4j_queries() -> dict[str, str]:
    """Each query by a name saying where it comes from."""
    queries = {
        f"cypher.{name}": value
        for name, value in vars(cypher).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("_")
        and any(word in value for word in ("MATCH", "RETURN", "UNWIND", "CREATE"))
    }  # fmt: skip
    for kind in vocabulary().kinds:
        queries[f"cypher.create_actors({kind!r})"] = cypher.create_actors(kind)
        queries[f"cypher.add_kind({kind!r})"] = cypher.add_kind(kind)
    for relation in vocabulary().relations:
        queries[f"cypher.derive_edges({relation!r})"] = cypher.derive_edges(relation)
        queries[f"cypher.drop_edges({relation!r})"] = cypher.drop_edges(relation)
    for title, (query, _params) in cypher.CONSOLE_EXAMPLES.items():
        queries[f"cypher.CONSOLE_EXAMPLES[{title!r}]"] = query
    for name, statement in neo4j_store.SCHEMA.items():
        queries[f"neo4j_store.SCHEMA[{name!r}]"] = statement
    for name in ("SHOW_INDEXES", "AWAIT_INDEXES", "CREATE_GRAM_INDEX", "DROP_OLD_NAME_INDEX"):
        queries[f"neo4j_store.{name}"] = getattr(neo4j_store, name)
    queries["neo4j_store.GRAMS.search"] = neo4j_store.GRAMS.search
    queries["neo4j_store.GRAMS.similar"] = neo4j_store.GRAMS.similar
    return queries


def lint(queries: list[str]) -> list[list[str]]:
    """The grammar errors of each query, from one Node process."""
    if shutil.which("node") is None:
        unavailable("node not found: the Cypher grammar check needs Node.js")
    if not PACKAGE.is_dir():
        unavailable("@neo4j-cypher/language-support is not installed; run `make test`")
    done = subprocess.run(
        ["node", str(LINT / "lint.mjs")],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_every_neo4j_query_parses_and_a_broken_one_does_not(capsys):
    queries = neo4j_queries()
    assert len(queries) > 40  # every shared query, 17 derive_edges, the backend's own
    names, texts = list(queries), list(queries.values())
    *results, broken = lint([*texts, BROKEN])
    failures = {name: errors for name, errors in zip(names, results, strict=True) if errors}
    assert failures == {}
    assert broken and "Invalid input 'RETRUN'" in broken[0]
    with capsys.disabled():
        print(f"\ncypher grammar check: {len(texts)} Neo4j queries parsed by "
              "@neo4j-cypher/language-support 2.0.0-next.38")  # fmt: skip
