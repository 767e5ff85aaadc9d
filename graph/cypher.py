"""Every Cypher string actorgraph runs, one text for all backends.

Values always travel as parameters. The only names spliced into query text
are node labels and relationship types, and those come from the vocabulary
(a closed, validated set), never from user input: Cypher cannot take a label
or a relationship type as a parameter.
"""

from __future__ import annotations

from functools import cache

from actorgraph.schema import vocabulary

# --- writing an article batch ------------------------------------------------------------

# What a batch of articles asserted before this write: the edges to re-derive afterwards.
OLD_CLAIM_ENDS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN DISTINCT c.type AS type, s.id AS subject, o.id AS object
"""

OLD_MENTIONED = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(x:Actor)
RETURN DISTINCT x.id AS id
"""

KNOWN_ARTICLES = """
UNWIND $article_ids AS article_id
MATCH (a:Article {id: article_id})
RETURN a.id AS id, a.extractor AS extractor
"""

# Re-extracting an article replaces what it said: drop its claims and mentions first.
FORGET_CLAIMS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:ASSERTS]->(c:Claim)
DETACH DELETE c
"""

FORGET_MENTIONS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[m:MENTIONS]->(:Actor)
DELETE m
"""

MERGE_ARTICLES = """
UNWIND $articles AS a
MERGE (n:Article {id: a.id})
ON CREATE SET n.ingested_at = a.ingested_at
SET n.title = a.title, n.publisher = a.publisher, n.published = a.published,
    n.url = a.url, n.source = a.source, n.language = a.language,
    n.extractor = a.extractor, n.text = a.text
"""


@cache
def merge_actors() -> str:
    """Merge actors and their mentions; the kind becomes a second label (from the vocabulary)."""
    labels = "\n".join(
        f"FOREACH (_ IN CASE WHEN x.kind = '{kind}' THEN [1] ELSE [] END | SET n:{kind})"
        for kind in vocabulary().kinds
    )
    return f"""
UNWIND $actors AS x
MERGE (n:Actor {{id: x.id}})
ON CREATE SET n.name = x.name, n.kind = x.kind, n.aliases = [], n.mentions = 0
SET n.aliases = n.aliases + [al IN x.aliases WHERE NOT al IN n.aliases AND al <> n.name],
    n.wikidata = coalesce(n.wikidata, x.wikidata)
{labels}
WITH n, x
MATCH (a:Article {{id: x.article}})
MERGE (a)-[:MENTIONS]->(n)
WITH n, x
UNWIND x.keys AS key
MERGE (k:Alias {{key: key}})
MERGE (k)-[:NAMES]->(n)
"""


CREATE_CLAIMS = """
UNWIND $claims AS c
MATCH (a:Article {id: c.article})
MATCH (s:Actor {id: c.subject})
MATCH (o:Actor {id: c.object})
MERGE (n:Claim {id: c.id})
SET n.type = c.type, n.modality = c.modality, n.confidence = c.confidence,
    n.sentence = c.sentence, n.start = c.start, n.end = c.end
MERGE (a)-[:ASSERTS]->(n)
MERGE (n)-[:SUBJECT]->(s)
MERGE (n)-[:OBJECT]->(o)
"""


@cache
def derive_edges(relation_type: str) -> str:
    """Rebuild the typed edges of the given pairs from their claims (none left: no edge).

    One edge per (subject, type, object): how many claims and articles support it,
    when it was first and last seen, its strongest modality and best confidence.
    """
    rel = vocabulary().relation(relation_type).name
    return f"""
UNWIND $pairs AS p
MATCH (s:Actor {{id: p.subject}})
MATCH (o:Actor {{id: p.object}})
OPTIONAL MATCH (s)-[old:{rel}]->(o)
DELETE old
WITH DISTINCT s, o
MATCH (s)<-[:SUBJECT]-(c:Claim {{type: $type}})-[:OBJECT]->(o)
MATCH (a:Article)-[:ASSERTS]->(c)
WITH s, o, count(DISTINCT c) AS claims, count(DISTINCT a) AS articles,
     min(a.published) AS first_seen, max(a.published) AS last_seen,
     collect(DISTINCT c.modality) AS modalities, max(c.confidence) AS confidence
CREATE (s)-[:{rel} {{claims: claims, articles: articles, first_seen: first_seen,
    last_seen: last_seen, confidence: confidence,
    modality: CASE WHEN 'asserted' IN modalities THEN 'asserted'
                   WHEN 'hedged' IN modalities THEN 'hedged' ELSE 'negated' END}}]->(o)
"""


# Actor statistics from the articles that mention them; actors no article mentions go.
REFRESH_ACTORS = """
UNWIND $actor_ids AS actor_id
MATCH (n:Actor {id: actor_id})
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(n)
WITH n, count(a) AS mentions, min(a.published) AS first_seen, max(a.published) AS last_seen
SET n.mentions = mentions, n.first_seen = first_seen, n.last_seen = last_seen
"""

# An alias node that names only an actor about to go, goes with it.
DROP_ORPHAN_ALIASES = """
UNWIND $actor_ids AS actor_id
MATCH (n:Actor {id: actor_id})<-[:NAMES]-(k:Alias)
WHERE n.mentions = 0
OPTIONAL MATCH (k)-[:NAMES]->(other:Actor)
WHERE other.id <> n.id
WITH k, count(other) AS others
WHERE others = 0
DETACH DELETE k
"""

DROP_UNMENTIONED = """
UNWIND $actor_ids AS actor_id
MATCH (n:Actor {id: actor_id})
WHERE n.mentions = 0
DETACH DELETE n
"""

# --- reading -----------------------------------------------------------------------------

_ACTOR_FIELDS = """n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       n.mentions AS mentions, n.wikidata AS wikidata,
       n.first_seen AS first_seen, n.last_seen AS last_seen"""

ACTOR = f"""
MATCH (n:Actor {{id: $id}})
RETURN {_ACTOR_FIELDS}
"""

# Substring search over names and aliases, best matches first (exact, prefix, then by mentions).
SEARCH_ACTORS = f"""
MATCH (n:Actor)
WITH n, toLower($text) AS q, toLower(n.name) AS name,
     [al IN n.aliases | toLower(al)] AS aliases
WHERE name CONTAINS q OR any(al IN aliases WHERE al CONTAINS q)
WITH n, CASE WHEN name = q OR q IN aliases THEN 0
             WHEN name STARTS WITH q THEN 1 ELSE 2 END AS rank
RETURN {_ACTOR_FIELDS}
ORDER BY rank, n.mentions DESC, n.name
LIMIT $limit
"""

# The typed edges between actors (MENTIONS, ASSERTS, SUBJECT, OBJECT are bookkeeping).
_TYPED = "type(e) IN $types"

EGO_EDGES = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})-[e]-(m:Actor)
WHERE {_TYPED}
RETURN DISTINCT startNode(e).id AS subject, type(e) AS type, endNode(e).id AS object,
       e.claims AS claims, e.articles AS articles, e.modality AS modality,
       e.confidence AS confidence, e.first_seen AS first_seen, e.last_seen AS last_seen
"""

# The actors a normalised name or alias names (for resolution across articles).
ACTORS_BY_KEYS = f"""
UNWIND $keys AS key
MATCH (:Alias {{key: key}})-[:NAMES]->(n:Actor)
RETURN key, {_ACTOR_FIELDS}
"""

ACTORS_BY_ID = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
RETURN {_ACTOR_FIELDS}
"""

EVIDENCE = """
MATCH (s:Actor {id: $subject})<-[:SUBJECT]-(c:Claim {type: $type})
MATCH (c)-[:OBJECT]->(o:Actor {id: $object})
MATCH (a:Article)-[:ASSERTS]->(c)
RETURN c.id AS claim, c.type AS type, c.modality AS modality, c.confidence AS confidence,
       c.sentence AS sentence, c.start AS start, c.end AS end,
       a.id AS article, a.title AS title, a.publisher AS publisher,
       a.published AS published, a.url AS url
ORDER BY a.published, a.id, c.start
"""

COUNT_ARTICLES = "MATCH (a:Article) RETURN count(a) AS n"
COUNT_CLAIMS = "MATCH (c:Claim) RETURN count(c) AS n"
ACTORS_BY_KIND = "MATCH (n:Actor) RETURN n.kind AS kind, count(n) AS n ORDER BY n DESC, kind"
EDGES_BY_TYPE = f"""
MATCH (:Actor)-[e]->(:Actor)
WHERE {_TYPED}
RETURN type(e) AS type, count(e) AS n
ORDER BY n DESC, type
"""
TOP_ACTORS = f"""
MATCH (n:Actor)-[e]-(:Actor)
WHERE {_TYPED}
WITH n, count(e) AS degree
RETURN {_ACTOR_FIELDS}, degree
ORDER BY degree DESC, n.name
LIMIT $limit
"""
NEWEST_ARTICLES = """
MATCH (a:Article)
RETURN a.id AS id, a.title AS title, a.publisher AS publisher, a.published AS published,
       a.url AS url, a.source AS source
ORDER BY a.published DESC, a.title
LIMIT $limit
"""


def relation_types() -> list[str]:
    """The typed-edge relationship types, the `$types` parameter of the queries above."""
    return list(vocabulary().relations)


# --- reading the whole graph in pages (copy, exports) --------------------------------------
# Keyset pages ordered by id: each page costs the same however far into the graph it is.

ARTICLES_PAGE = """
MATCH (a:Article)
WHERE a.id > $after
RETURN a.id AS id, a.text AS text, a.title AS title, a.source AS source,
       a.publisher AS publisher, a.published AS published, a.url AS url,
       a.language AS language, a.extractor AS extractor
ORDER BY a.id
LIMIT $limit
"""

ARTICLE_ACTORS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(n:Actor)
RETURN article_id AS article, n.id AS id, n.name AS name, n.kind AS kind,
       n.aliases AS aliases, n.wikidata AS wikidata
"""

ARTICLE_CLAIMS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN article_id AS article, c.id AS id, c.type AS type, s.id AS subject, o.id AS object,
       c.modality AS modality, c.confidence AS confidence, c.sentence AS sentence,
       c.start AS start, c.end AS end
ORDER BY c.start, c.id
"""

ACTORS_PAGE = f"""
MATCH (n:Actor)
WHERE n.id > $after
RETURN {_ACTOR_FIELDS}
ORDER BY n.id
LIMIT $limit
"""

EDGES_FROM = f"""
UNWIND $ids AS actor_id
MATCH (s:Actor {{id: actor_id}})-[e]->(o:Actor)
WHERE {_TYPED}
RETURN s.id AS subject, type(e) AS type, o.id AS object,
       e.claims AS claims, e.articles AS articles, e.modality AS modality,
       e.confidence AS confidence, e.first_seen AS first_seen, e.last_seen AS last_seen
ORDER BY subject, type, object
"""


# --- shortest paths between two actors ------------------------------------------------------
# Both dialects take allShortestPaths in MATCH once its ends are bound (FalkorDB insists on
# the WITH), and only directed traversals (FalkorDB); a variable-length bound cannot be a
# parameter, so the pattern allows MAX_PATH_LENGTH hops and $max_length filters below it.

MAX_PATH_LENGTH = 6


@cache
def paths() -> str:
    """All shortest directed paths over typed edges from $source to $target, hop by hop."""
    types = "|".join(vocabulary().relations)
    return f"""
MATCH (a:Actor {{id: $source}})
MATCH (b:Actor {{id: $target}})
WITH a, b
MATCH p = allShortestPaths((a)-[:{types}*..{MAX_PATH_LENGTH}]->(b))
WITH p
WHERE length(p) <= $max_length
RETURN [r IN relationships(p) | {{subject: startNode(r).id, type: type(r), object: endNode(r).id,
        claims: r.claims, articles: r.articles, modality: r.modality,
        confidence: r.confidence, first_seen: r.first_seen, last_seen: r.last_seen}}] AS hops
LIMIT $limit
"""


# --- examples for the app's Cypher console -------------------------------------------------
# Read-only queries a user starts from: title -> (query, parameters). They run on both
# backends (tests/test_store.py) and pass Neo4j's grammar (tests/test_cypher_grammar.py).

CONSOLE_EXAMPLES: dict[str, tuple[str, dict[str, object]]] = {
    "Actors, most mentioned first": (
        """MATCH (a:Actor)
RETURN a.name AS name, a.kind AS kind, a.mentions AS mentions
ORDER BY mentions DESC, name
LIMIT 25""",
        {},
    ),
    "Who criticized whom (as a graph)": (
        """MATCH (s:Actor)-[r:CRITICIZED]->(o:Actor)
RETURN s, r, o
LIMIT 100""",
        {},
    ),
    "An actor's typed edges (name as a parameter)": (
        """MATCH (a:Actor)-[r]-(b:Actor)
WHERE toLower(a.name) CONTAINS toLower($name)
RETURN a, r, b
LIMIT 100""",
        {"name": "thermo"},
    ),
    "Claims with their sentences": (
        """MATCH (art:Article)-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN s.name AS subject, c.type AS relation, o.name AS object,
       c.sentence AS sentence, art.title AS article
ORDER BY article, subject
LIMIT 50""",
        {},
    ),
    "Actors mentioned in at least N articles": (
        """MATCH (art:Article)-[:MENTIONS]->(a:Actor)
WITH a, count(art) AS articles
WHERE articles >= $min_articles
RETURN a.name AS name, a.kind AS kind, articles
ORDER BY articles DESC, name""",
        {"min_articles": 2},
    ),
}
