"""Every Cypher string actorgraph runs, one text for all backends.

Values always travel as parameters. The only names spliced into query text
are node labels and relationship types, and those come from the vocabulary
(a closed, validated set), never from user input: Cypher cannot take a label
or a relationship type as a parameter.
"""

from __future__ import annotations

from functools import cache

from actorgraph.schema import vocabulary

# --- counting and listing (the CLI's checks and hints) ---------------------------------------

# Every node of the graph: `actorgraph restore` refuses a store that holds any.
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
# The query `actorgraph remove` suggests for listing the articles' ids (shown, not run).
LIST_ARTICLES = "MATCH (a:Article) RETURN a.id, a.title"

# --- writing an article batch ------------------------------------------------------------

# What a batch of articles asserted before this write: the edges to re-derive afterwards.
OLD_CLAIM_ENDS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN DISTINCT c.type AS type, s.id AS subject, o.id AS object
"""

# The actors a batch's articles named before this write, with those articles' dates: an
# actor's first and last sighting need recounting only when one of them was such a date.
OLD_MENTIONED = """
UNWIND $article_ids AS article_id
MATCH (a:Article {id: article_id})-[:MENTIONS]->(x:Actor)
RETURN x.id AS id, collect(DISTINCT a.published) AS dates
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

# An actor's mention count grows by each write's new mentions (MERGE_ACTORS), so mentions
# forgotten are subtracted in the same transaction: what a concurrent writer read before
# the transaction (OLD_MENTIONED) cannot then make a rewritten article count twice.
FORGET_MENTION_COUNTS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(x:Actor)
WITH x, count(*) AS gone
SET x.mentions = x.mentions - gone
"""

FORGET_MENTIONS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[m:MENTIONS]->(:Actor)
DELETE m
"""

# Removing articles (after FORGET_CLAIMS and FORGET_MENTIONS): the edges and actors they
# touched are then re-derived as after a write.
DELETE_ARTICLES = """
UNWIND $article_ids AS article_id
MATCH (a:Article {id: article_id})
DETACH DELETE a
"""

# The articles read from a source: the path itself, or any source under a prefix (its
# entries, path#3 and path:12, or the files of a folder, path/); a near-duplicate's other
# sources count too.
ARTICLES_FROM_SOURCES = """
MATCH (a:Article)
WITH a, [a.source] + coalesce(a.sources, []) AS read_from
WHERE any(s IN read_from WHERE s IN $sources OR any(p IN $prefixes WHERE s STARTS WITH p))
RETURN a.id AS id
ORDER BY id
"""

# A batch's articles: those the store holds are updated (their first ingest time kept,
# new sources appended), then the others are created whole. FalkorDB indexes a node again
# on every update of it (docs/dialects.md): a MERGE then SET indexed a new article three
# times, and each stale copy of its words is garbage its index's collector scans for.
UPDATE_ARTICLES = """
UNWIND $articles AS a
MATCH (n:Article {id: a.id})
SET n.title = a.title, n.publisher = a.publisher, n.published = a.published,
    n.date_origin = a.date_origin, n.url = a.url, n.source = a.source, n.language = a.language,
    n.extractor = a.extractor, n.text = a.text, n.words = a.words,
    n.fingerprint = coalesce(a.fingerprint, n.fingerprint),
    n.sources = coalesce(n.sources, []) + [s IN a.sources WHERE NOT s IN coalesce(n.sources, [])]
"""
CREATE_ARTICLES = """
UNWIND $articles AS a
OPTIONAL MATCH (n:Article {id: a.id})
WITH a, n
WHERE n IS NULL
CREATE (:Article {id: a.id, ingested_at: a.ingested_at, title: a.title,
                  publisher: a.publisher, published: a.published,
                  date_origin: a.date_origin, url: a.url, source: a.source,
                  language: a.language, extractor: a.extractor,
                  text: a.text, words: a.words, fingerprint: a.fingerprint,
                  sources: a.sources})
"""

# Near-duplicates: the fingerprints of stored articles, and the sources of a story read
# again elsewhere, appended to the article that holds it (never twice).
ARTICLE_FINGERPRINTS = """
MATCH (a:Article)
WHERE a.fingerprint IS NOT NULL
RETURN a.id AS id, a.fingerprint AS fingerprint
"""

# What the SPARQL endpoint watches to know the store changed (with the store's counts):
# every article with the extractor that read it and how many sources it has.
SPARQL_CHANGE_MARKER = """
MATCH (a:Article)
RETURN a.id AS id, coalesce(a.extractor, '') AS extractor,
       size(coalesce(a.sources, [])) AS sources
ORDER BY id
"""

ADD_ARTICLE_SOURCES = """
UNWIND $rows AS r
MATCH (n:Article {id: r.id})
SET n.sources = coalesce(n.sources, []) + [s IN r.sources WHERE NOT s IN coalesce(n.sources, [])]
"""


# What a batch says of its actors ($actors rows: id, kinds, names) that the store lacks:
# rows only for actors it does not have (new), or has without one of the kinds (as labels)
# or names (name or alias) given now; a big batch of known actors returns next to nothing.
# (The parentheses matter: FalkorDB reads `m IN [a] + b` as `(m IN [a]) + b`.)
ACTOR_NEWS = """
UNWIND $actors AS x
OPTIONAL MATCH (n:Actor {id: x.id})
WITH x, n,
     CASE WHEN n IS NULL THEN x.kinds
          ELSE [k IN x.kinds WHERE NOT k IN labels(n)] END AS kinds,
     CASE WHEN n IS NULL THEN x.names
          ELSE [m IN x.names WHERE NOT m IN ([n.name] + n.aliases)] END AS names
WHERE n IS NULL OR size(kinds) > 0 OR size(names) > 0
RETURN x.id AS id, n IS NULL AS new, kinds, names
"""


@cache
def create_actors(kind: str) -> str:
    """New actors of one kind, created with both labels at once: FalkorDB pays for adding
    a label to an existing node in proportion to the graph's size (figures:
    bench/results.md). MERGE, not CREATE, so an actor another writer created meanwhile is
    not doubled."""
    label = vocabulary().kinds[kind].name
    return f"""
UNWIND $actors AS x
MERGE (n:Actor:{label} {{id: x.id}})
ON CREATE SET n.name = x.name, n.kind = x.kinds[0], n.aliases = [], n.mentions = 0,
              n.degree = 0
"""


def kind_rank(kind: str) -> int:
    """Which kind an actor given several is shown as: the first in the vocabulary's order
    (a country read as a Government and as a Place is a Government). A rank, not the first
    kind read, so the same articles in any order give the same kind."""
    return list(vocabulary().kinds).index(kind)


def below(kind: str) -> list[str]:
    """The kinds ``kind`` outranks (add_kind's $outranked)."""
    return [k for k in vocabulary().kinds if kind_rank(k) > kind_rank(kind)]


@cache
def add_kind(kind: str) -> str:
    """A kind's label for known actors given that kind anew (rare: an actor read as a
    company in one article and an agency in another); it becomes the kind they are shown
    as when it outranks theirs ($outranked: cypher.below)."""
    label = vocabulary().kinds[kind].name
    return f"""
UNWIND $actor_ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
WHERE NOT n:{label}
SET n:{label}, n.kind = CASE WHEN n.kind IN $outranked THEN '{label}' ELSE n.kind END
"""


# Actors, one row each ($actors: id, name, kinds, aliases, wikidata, articles), and their
# mentions by the batch's articles; labels come from create_actors and add_kind. Its name is
# the least of the names it is given (the same in any order; the others are aliases). Statistics
# grow by the new mentions, without re-reading every article that names a hub (REFRESH_ACTORS
# recounts the actors the batch's articles named before they were re-written), and all of an
# actor's properties are set at once, after the mentions: FalkorDB's cost is per update.
MERGE_ACTORS = """
UNWIND $actors AS x
MERGE (n:Actor {id: x.id})
ON CREATE SET n.name = x.name, n.kind = x.kinds[0], n.aliases = [], n.mentions = 0,
              n.degree = 0
WITH n, x
UNWIND x.articles AS article_id
MATCH (a:Article {id: article_id})
CREATE (a)-[:MENTIONS]->(n)
WITH n, x, count(a) AS mentions, min(a.published) AS first_seen, max(a.published) AS last_seen
WITH n, x, mentions, first_seen, last_seen,
     CASE WHEN x.name < n.name THEN x.name ELSE n.name END AS name
SET n.aliases = [al IN n.aliases WHERE al <> name]
                + CASE WHEN n.name <> name THEN [n.name] ELSE [] END
                + [al IN x.aliases WHERE NOT al IN n.aliases AND al <> n.name AND al <> name],
    n.name = name,
    n.wikidata = coalesce(n.wikidata, x.wikidata),
    n.mentions = n.mentions + mentions,
    n.first_seen = CASE WHEN first_seen IS NULL THEN n.first_seen
                        WHEN n.first_seen IS NULL OR first_seen < n.first_seen
                        THEN first_seen ELSE n.first_seen END,
    n.last_seen = CASE WHEN last_seen IS NULL THEN n.last_seen
                       WHEN n.last_seen IS NULL OR last_seen > n.last_seen
                       THEN last_seen ELSE n.last_seen END
"""


# The normalised names and aliases (schema.name_key) an actor goes by, for resolution.
MERGE_ALIASES = """
UNWIND $aliases AS x
MATCH (n:Actor {id: x.actor})
MERGE (k:Alias {key: x.key})
MERGE (k)-[:NAMES]->(n)
"""


# CREATE, not MERGE: the batch's articles have no claims left (FORGET_CLAIMS, in the same
# transaction), and a claim's id is its article's, so nothing is there to match. A claim
# keeps its article's id and date, so deriving an edge reads its claims and nothing else.
CREATE_CLAIMS = """
UNWIND $claims AS c
MATCH (a:Article {id: c.article})
MATCH (s:Actor {id: c.subject})
MATCH (o:Actor {id: c.object})
CREATE (a)-[:ASSERTS]->(n:Claim {id: c.id, type: c.type, modality: c.modality,
                                 confidence: c.confidence, sentence: c.sentence,
                                 start: c.start, end: c.end, edge_key: c.edge_key,
                                 article: c.article, published: c.published,
                                 status: c.status, source: c.source, note: c.note,
                                 words: c.words}),
       (n)-[:SUBJECT]->(s),
       (n)-[:OBJECT]->(o)
"""


@cache
def derive_edges(relation_type: str) -> str:
    """Set the typed edges of the given pairs from their claims, in place.

    One edge per (subject, type, object): how many claims and articles support it,
    when it was first and last seen, its strongest modality and best confidence. A
    pair's claims come through the edge_key index ($pairs rows: subject, object, key),
    so the cost is the edge's own claims, however many claims its actors have (walking
    from a claim to its article, FalkorDB's cost grew with the graph). An edge
    made here adds one to the degree of both its actors; a pair without claims is left
    to drop_edges. (One statement per type: FalkorDB runs a statement that picks the
    type per row with FOREACH much slower; figures: bench/results.md.)
    """
    rel = vocabulary().relation(relation_type).name
    return f"""
UNWIND $pairs AS p
MATCH (c:Claim {{edge_key: p.key}})
WITH p, count(c) AS claims, count(DISTINCT c.article) AS articles,
     min(c.published) AS first_seen, max(c.published) AS last_seen,
     collect(DISTINCT c.modality) AS modalities, max(c.confidence) AS confidence
MATCH (s:Actor {{id: p.subject}})
MATCH (o:Actor {{id: p.object}})
MERGE (s)-[e:{rel}]->(o)
ON CREATE SET s.degree = coalesce(s.degree, 0) + 1, o.degree = coalesce(o.degree, 0) + 1
SET e.claims = claims, e.articles = articles, e.first_seen = first_seen,
    e.last_seen = last_seen, e.confidence = confidence,
    e.modality = CASE WHEN 'asserted' IN modalities THEN 'asserted'
                      WHEN 'hedged' IN modalities THEN 'hedged' ELSE 'negated' END
"""


@cache
def drop_edges(relation_type: str) -> str:
    """Delete the typed edges of the given pairs that no claim supports any more (their
    articles were re-written or removed), one less on the degree of both their actors.
    (Both ends found first, as in HOPS: else FalkorDB walks every edge of the subject.)"""
    rel = vocabulary().relation(relation_type).name
    return f"""
UNWIND $pairs AS p
OPTIONAL MATCH (c:Claim {{edge_key: p.key}})
WITH p, count(c) AS left
WHERE left = 0
MATCH (s:Actor {{id: p.subject}})
MATCH (o:Actor {{id: p.object}})
WITH s, o
MATCH (s)-[e:{rel}]->(o)
SET s.degree = s.degree - 1, o.degree = o.degree - 1
DELETE e
"""


def edge_key(subject: str, relation_type: str, obj: str) -> str:
    """The typed edge a claim supports, as one indexed value: deriving an edge then reads
    its own claims, not every claim of a hub actor (BACKFILL_EDGE_KEYS builds the same)."""
    return f"{subject}|{relation_type}|{obj}"


# Claims written before edge keys existed get theirs once, when the index is created.
BACKFILL_EDGE_KEYS = """
MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor)
WHERE c.edge_key IS NULL AND coalesce(c.status, '') <> 'rejected'
SET c.edge_key = s.id + '|' + c.type + '|' + o.id
"""


# Each actor's degree (its typed edges, in and out) is kept as edges come and go; a store
# from before that gets them once, when it is opened (all its actors lack one, and every
# actor made since is made with one, so asking one actor tells).
DEGREES_MISSING = """
MATCH (n:Actor)
WITH n LIMIT 1
RETURN n.degree IS NULL AS missing
"""

# Claims written before they kept their article's id and date get them once, when opened.
CLAIM_ARTICLES_MISSING = """
MATCH (c:Claim)
WITH c LIMIT 1
RETURN c.article IS NULL AS missing
"""

BACKFILL_CLAIM_ARTICLES = """
MATCH (a:Article)-[:ASSERTS]->(c:Claim)
SET c.article = a.id, c.published = a.published
"""

BACKFILL_DEGREES = f"""
MATCH (n:Actor)
OPTIONAL MATCH (n)-[e:{"|".join(vocabulary().relations)}]-(:Actor)
WITH n, count(e) AS degree
SET n.degree = degree
"""

# Actor ids from the canonical name alone (schema.actor_id) replaced ids that began with the
# kind first read ("place-china" or "government-china" by the order of ingest). An older
# store's actors are found when it is opened: ids that begin with their kind when their
# names do not (a name may: "Media Matters", a Media, is "media-matters"; checked in
# Python, migrations.migrate_actor_ids). The walk stops at the first few found.
KIND_PREFIXED_ACTORS = """
MATCH (n:Actor)
WHERE (n.id STARTS WITH (toLower(n.kind) + '-'))
  AND NOT (toLower(n.name) STARTS WITH toLower(n.kind))
RETURN n.id AS id, n.name AS name
LIMIT $limit
"""

# What a store written by an earlier actorgraph lacks: (is it missing?, fill it in), each
# asked when a store is opened.
MIGRATIONS = (
    (CLAIM_ARTICLES_MISSING, BACKFILL_CLAIM_ARTICLES),
    (DEGREES_MISSING, BACKFILL_DEGREES),
)


# First and last sightings recounted from the articles that mention an actor, for actors
# whose first or last sighting was the date of an article re-written or removed ($actors
# rows: id, dates); a hub named by thousands of articles is recounted only then. (Mention
# counts need no recount: FORGET_MENTION_COUNTS takes the forgotten ones off.)
REFRESH_ACTORS = """
UNWIND $actors AS r
MATCH (n:Actor {id: r.id})
WHERE n.first_seen IN r.dates OR n.last_seen IN r.dates
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(n)
WITH n, min(a.published) AS first_seen, max(a.published) AS last_seen
SET n.first_seen = first_seen, n.last_seen = last_seen
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

# An actor no article mentions goes, and the trigrams of its names with it.
DROP_UNMENTIONED = """
UNWIND $actor_ids AS actor_id
MATCH (n:Actor {id: actor_id})
WHERE n.mentions = 0
OPTIONAL MATCH (g:NameGrams {actor: actor_id})
WITH n, collect(g) AS documents
FOREACH (g IN documents | DELETE g)
DETACH DELETE n
"""

# --- reading -----------------------------------------------------------------------------

_ACTOR_FIELDS = """n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       n.mentions AS mentions, n.degree AS degree, n.wikidata AS wikidata,
       n.first_seen AS first_seen, n.last_seen AS last_seen"""

ACTOR = f"""
MATCH (n:Actor {{id: $id}})
RETURN {_ACTOR_FIELDS}
"""

# The actor an id merged into another now names (graph.curation): one :FormerId node per
# merged id, so a miss reads those few nodes, not every actor.
ACTOR_BY_FORMER_ID = f"""
MATCH (:FormerId {{id: $id}})-[:NOW]->(n:Actor)
RETURN {_ACTOR_FIELDS}
LIMIT 1
"""

# Name search keeps the actors whose name or an alias contains the text, best first: the
# name or an alias itself, then names that start with it, then by mentions.
_SEARCH_RANKED = f"""
WITH n, toLower($text) AS q, toLower(n.name) AS name,
     [al IN n.aliases | toLower(al)] AS aliases
WHERE name CONTAINS q OR any(al IN aliases WHERE al CONTAINS q)
WITH n, CASE WHEN name = q OR q IN aliases THEN 0
             WHEN name STARTS WITH q THEN 1 ELSE 2 END AS rank
RETURN {_ACTOR_FIELDS}
ORDER BY rank, n.mentions DESC, n.name
LIMIT $limit
"""


def search_among(candidates: str) -> str:
    """Name search over the actors a clause gives as ``n``: a backend's trigram index
    (graph.grams) or, for text too short for a trigram, every actor (SEARCH_ACTORS)."""
    return candidates + _SEARCH_RANKED


def gram_candidates(query_index: str) -> str:
    """The actors whose NameGrams a backend's full-text query (a CALL yielding ``node`` and
    ``score``) finds, as ``n`` with the best ``score`` of their documents."""
    return f"""{query_index}
MATCH (n:Actor {{id: node.actor}})
WITH n, max(score) AS score"""


SEARCH_ACTORS = search_among("MATCH (n:Actor)")


_SIMILAR_RANKED = f"""
WITH n, score
ORDER BY score DESC, n.mentions DESC
LIMIT $limit
RETURN {_ACTOR_FIELDS}
"""


def similar_among(candidates: str) -> str:
    """The actors a backend's trigram index gives as ``n`` with their ``score`` (how many
    of the text's trigrams they share, weighed by rarity), best first: did-you-mean's."""
    return candidates + _SIMILAR_RANKED


# The trigrams of names an actor is given (graph.grams), documents name search's full-text
# index holds for it: one NameGrams node each time the actor is given names it has not gone
# by ($names rows: actor, grams), created whole and never updated. FalkorDB re-indexes a
# node on every update of it (so the document is not a property of the actor, whose
# statistics change in every batch), and a stale copy is garbage that a forked collector
# scans the whole index for (the cost: docs/performance.md). A search's trigrams come from
# one name, so one document holds them all. MERGE on both
# properties, which makes the node whole (indexed once), not CREATE: a writer that read the
# actor's names just before another wrote the same ones (two ingests of the same articles
# at once) adds no second copy.
ADD_NAME_GRAMS = """
UNWIND $names AS x
MERGE (:NameGrams {actor: x.actor, grams: x.grams})
"""

# An actor's documents replaced by one of all its names: an older store's actors get theirs
# when it is opened (again, if that was cut short).
SET_NAME_GRAMS = """
UNWIND $names AS x
OPTIONAL MATCH (g:NameGrams {actor: x.actor})
WITH x, collect(g) AS old
FOREACH (g IN old | DELETE g)
MERGE (:NameGrams {actor: x.actor, grams: x.grams})
"""


# --- search over text (graph.fulltext) --------------------------------------------------

# The words of articles and claims (graph.fulltext.text_words) set on an older store's
# nodes when it is opened, before the indexes over them are made ($rows: id, words).
SET_ARTICLE_WORDS = """
UNWIND $rows AS r
MATCH (a:Article {id: r.id})
SET a.words = r.words
"""
SET_CLAIM_WORDS = """
UNWIND $rows AS r
MATCH (c:Claim {id: r.id})
SET c.words = r.words
"""


def claims_matching(query_index: str) -> str:
    """The claims whose sentence holds every word, from a backend's full-text query (a CALL
    on $terms yielding ``node`` and ``score``), best first, with their edge and article."""
    return f"""{query_index}
WITH node AS c, score
ORDER BY score DESC, c.id
LIMIT $limit
MATCH (a:Article)-[:ASSERTS]->(c)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN c.id AS claim, c.type AS type, c.sentence AS sentence, c.start AS start,
       s.id AS subject, s.name AS subject_name, o.id AS object, o.name AS object_name,
       a.id AS article, a.title AS title, a.published AS published,
       a.publisher AS publisher, score
ORDER BY score DESC, claim"""


def articles_matching(query_index: str) -> str:
    """The articles whose title and text hold every word, best first."""
    return f"""{query_index}
WITH node AS a, score
ORDER BY score DESC, a.id
LIMIT $limit
RETURN a.id AS article, a.title AS title, a.text AS text, a.published AS published,
       a.publisher AS publisher, score
ORDER BY score DESC, article"""


# The typed edges between actors (MENTIONS, ASSERTS, SUBJECT, OBJECT are bookkeeping).
_TYPED = "type(e) IN $types"

# The relationship types in the pattern, not only in WHERE: a hub's MENTIONS and claim
# links (tens of thousands on a big graph) are then never walked.
_TYPED_PATTERN = "|".join(vocabulary().relations)

_EDGE_FIELDS = """e.claims AS claims, e.articles AS articles, e.modality AS modality,
       e.confidence AS confidence, e.first_seen AS first_seen, e.last_seen AS last_seen"""

# The next ring of an ego network: at most $room actors not in it yet. (WITH n: from the
# ring's actors outwards; else FalkorDB starts from every actor not in $seen.)
EGO_NEIGHBOURS = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
WITH n
MATCH (n)-[:{_TYPED_PATTERN}]-(m:Actor)
WHERE NOT m.id IN $seen
WITH DISTINCT m AS n
LIMIT $room
RETURN {_ACTOR_FIELDS}
"""

# The edges of an ego network (both ends among the actors shown, $seen, one of them
# expanded, $expanded) are walked out of the actors with few edges ($ids): each edge
# whose subject is one of them once. The walk finds the pairs of actors first, without
# the edges, and then the typed edges ($types) of the pairs kept: FalkorDB then reads only
# its adjacency matrix while walking, and the edges of the few pairs in view (figures:
# bench/results.md). Every relationship out of an actor is a typed edge (the bookkeeping ones
# point at actors), so the walk names no type ...
EGO_EDGES_OUT = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
WITH n
MATCH (n)-->(m)
WHERE m.id IN $seen AND (n.id IN $expanded OR m.id IN $expanded)
WITH DISTINCT n, m
MATCH (n)-[e]->(m)
WHERE {_TYPED}
RETURN n.id AS subject, type(e) AS type, m.id AS object, {_EDGE_FIELDS}
"""

# ... and those whose subject is a hub ($hubs) are looked up pair by pair, from each hub to
# each actor shown: a hub's thousands of edges to actors not shown are never walked, nor
# the mentions and claims that point into the actors with few edges. The pattern names no
# type either ($types keeps out any relationship a user made): FalkorDB then checks one
# adjacency matrix per pair, not one per type. Whether an end is expanded is asked once
# per actor, not once per pair: an actor shown that is not is paired with the expanded
# hubs only. (The measurements behind each choice: docs/performance.md.)
EGO_EDGES_FROM_HUBS = f"""
UNWIND $hubs AS hub_id
MATCH (h:Actor {{id: hub_id}})
WITH collect(h) AS hubs, collect(CASE WHEN h.id IN $expanded THEN h END) AS expanded_hubs
UNWIND $seen AS actor_id
MATCH (n:Actor {{id: actor_id}})
UNWIND CASE WHEN n.id IN $expanded THEN hubs ELSE expanded_hubs END AS m
WITH m, n
WHERE m <> n
MATCH (m)-[e]->(n)
WHERE {_TYPED}
RETURN m.id AS subject, type(e) AS type, n.id AS object, {_EDGE_FIELDS}
"""

# The actors a normalised name or alias names (for resolution across articles).
ACTORS_BY_KEYS = f"""
UNWIND $keys AS key
MATCH (:Alias {{key: key}})-[:NAMES]->(n:Actor)
RETURN key, {_ACTOR_FIELDS}, labels(n) AS labels
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
       a.published AS published, a.url AS url, coalesce(c.status, 'extracted') AS status,
       a.date_origin AS date_origin
ORDER BY a.published, a.id, c.start
"""

# The claims behind many typed edges at once (their edge_key), for a download of a view.
EVIDENCE_OF_KEYS = """
UNWIND $keys AS key
MATCH (c:Claim {edge_key: key})
WITH key, c
MATCH (a:Article)-[:ASSERTS]->(c)
RETURN key, c.id AS claim, c.type AS type, c.modality AS modality,
       c.confidence AS confidence, c.sentence AS sentence, c.start AS start, c.end AS end,
       a.id AS article, a.title AS title, a.publisher AS publisher,
       a.published AS published, a.url AS url, coalesce(c.status, 'extracted') AS status,
       a.date_origin AS date_origin
ORDER BY key, published, article, start
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


@cache
def count_edges(relation_type: str) -> str:
    """The number of edges of one type, which both backends read from their counts without
    walking the edges, unlike EDGES_BY_TYPE's scan of every edge (figures: bench/results.md;
    FalkorDB does not take the shortcut inside a UNION)."""
    rel = vocabulary().relation(relation_type).name
    return f"MATCH ()-[e:{rel}]->() RETURN count(e) AS n"


# The degree each actor keeps (derive_edges, drop_edges): no edge is walked.
TOP_ACTORS = f"""
MATCH (n:Actor)
WHERE n.degree > 0
RETURN {_ACTOR_FIELDS}
ORDER BY n.degree DESC, n.name
LIMIT $limit
"""
# Newest first, undated last (a descending order puts nulls first on Neo4j).
NEWEST_ARTICLES = """
MATCH (a:Article)
RETURN a.id AS id, a.title AS title, a.publisher AS publisher, a.published AS published,
       a.date_origin AS date_origin, a.url AS url, a.source AS source
ORDER BY a.published IS NULL, a.published DESC, a.title
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
       a.date_origin AS date_origin, a.language AS language, a.extractor AS extractor,
       a.sources AS sources, a.fingerprint AS fingerprint, a.ingested_at AS ingested_at
ORDER BY a.id
LIMIT $limit
"""

# One article by its id, with the fields ARTICLES_PAGE gives (the Article page).
ARTICLE_BY_ID = """
MATCH (a:Article {id: $id})
RETURN a.id AS id, a.text AS text, a.title AS title, a.source AS source,
       a.publisher AS publisher, a.published AS published, a.url AS url,
       a.date_origin AS date_origin, a.language AS language, a.extractor AS extractor,
       a.sources AS sources, a.fingerprint AS fingerprint, a.ingested_at AS ingested_at
"""

ARTICLE_ACTORS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(n:Actor)
RETURN article_id AS article, n.id AS id, n.name AS name, n.kind AS kind,
       n.aliases AS aliases, n.wikidata AS wikidata
ORDER BY article, id
"""

ARTICLE_CLAIMS = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN article_id AS article, c.id AS id, c.type AS type, s.id AS subject, o.id AS object,
       c.modality AS modality, c.confidence AS confidence, c.sentence AS sentence,
       c.start AS start, c.end AS end, coalesce(c.status, 'extracted') AS status,
       coalesce(c.source, 'extractor') AS source, c.note AS note
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
# Found ring by ring from both ends (graph.rings, Store.paths): no shortestPath in Cypher,
# which in FalkorDB searches from one end and walks most of a big graph within three hops
# of a hub. At most MAX_PATH_LENGTH hops: rings are grown from both ends until they meet.

MAX_PATH_LENGTH = 6

# The typed edges out of or into the given actors, with the degree of the actor across each;
# the search keeps the actors no earlier ring holds. An edge walked is of $types and, when
# given, of $modalities and seen within [$since, $until] (graph.views.EdgeMatch).
_WALKABLE = """type({e}) IN $types
  AND (size($modalities) = 0 OR {e}.modality IN $modalities)
  AND ($since IS NULL OR {e}.last_seen >= $since)
  AND ($until IS NULL OR {e}.first_seen <= $until)"""

PATH_RING_OUT = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
WITH n
MATCH (n)-[e:{_TYPED_PATTERN}]->(m)
WHERE {_WALKABLE.format(e="e")}
RETURN n.id AS near, type(e) AS type, m.id AS far, m.degree AS degree
"""

PATH_RING_IN = f"""
UNWIND $ids AS actor_id
MATCH (n:Actor {{id: actor_id}})
WITH n
MATCH (n)<-[e:{_TYPED_PATTERN}]-(m)
WHERE {_WALKABLE.format(e="e")}
RETURN n.id AS near, type(e) AS type, m.id AS far, m.degree AS degree
"""

# The typed edges of the paths found ($hops rows: subject, type, object). Both ends found
# first: FalkorDB would otherwise walk every edge out of the subject (a hub's thousands).
HOPS = f"""
UNWIND $hops AS h
MATCH (s:Actor {{id: h.subject}})
MATCH (o:Actor {{id: h.object}})
WITH h, s, o
MATCH (s)-[e]->(o)
WHERE type(e) = h.type
RETURN s.id AS subject, type(e) AS type, o.id AS object, {_EDGE_FIELDS}
"""


# --- every simple path up to a length (the app's Paths page) ---------------------------------
# From an actor, outgoing relationships are only typed edges (the bookkeeping ones point at
# actors), so a directed pattern walks typed edges alone; the type check keeps it so. No
# actor twice on a path. Paths multiply with every hop, so they are asked for one length at
# a time, shortest first, each with a LIMIT that stops the walk early (an ORDER BY would
# make the store enumerate every path first); the length is an integer spliced into the
# pattern, from 1 to MAX_ALL_PATHS_LENGTH, as a variable-length bound cannot be a parameter.

MAX_ALL_PATHS_LENGTH = 4


@cache
def all_paths(length: int, directed: bool = True) -> str:
    """The simple paths of exactly ``length`` typed edges from $source to $target, following
    the edges' direction or (``directed=False``) any direction; undirected, the types are
    in the pattern, so a hub's incoming MENTIONS and claim links are never walked."""
    if not 1 <= length <= MAX_ALL_PATHS_LENGTH:
        raise ValueError(f"a path length from 1 to {MAX_ALL_PATHS_LENGTH}, not {length}")
    way = f"-[*{length}..{length}]->" if directed else f"-[:{_TYPED_PATTERN}*{length}..{length}]-"
    return f"""
MATCH (a:Actor {{id: $source}})
MATCH (b:Actor {{id: $target}})
WITH a, b
MATCH p = (a){way}(b)
WHERE all(r IN relationships(p) WHERE {_WALKABLE.format(e="r")})
WITH p, [n IN nodes(p) | n.id] AS ids
WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
RETURN [r IN relationships(p) | {{subject: startNode(r).id, type: type(r), object: endNode(r).id,
        claims: r.claims, articles: r.articles, modality: r.modality,
        confidence: r.confidence, first_seen: r.first_seen, last_seen: r.last_seen}}] AS hops
LIMIT $limit
"""


ALL_PATHS_LONGEST = all_paths(MAX_ALL_PATHS_LENGTH)  # the shape every length shares (linted)
ALL_PATHS_LONGEST_ANY_WAY = all_paths(MAX_ALL_PATHS_LENGTH, directed=False)

# --- publishers (the app's publisher filter) ------------------------------------------------

PUBLISHERS = """
MATCH (a:Article)
WHERE a.publisher IS NOT NULL AND a.publisher <> ''
RETURN a.publisher AS publisher, count(a) AS articles
ORDER BY publisher
"""

# Of the given typed edges (their edge_key), those with at least one claim from an article
# of $publishers. The claims come through the edge_key index: the WITH keeps FalkorDB from
# starting at the articles (a scan of every article per key; figures: bench/results.md).
EDGES_FROM_PUBLISHERS = """
UNWIND $keys AS key
MATCH (c:Claim {edge_key: key})
WITH key, c
MATCH (a:Article)-[:ASSERTS]->(c)
WHERE a.publisher IN $publishers
RETURN DISTINCT key
"""


# --- the whole graph, aggregated or cut on the server (the app's Timeline and Analytics) ----
# The app never reads every edge into Python: these return a few hundred rows (a bounded
# number) however big the graph is. Each walks the typed edges once, out of the Actor
# label, the relation types in the pattern: FalkorDB then scans neither every node
# (claims, articles) nor every relationship, and labelling the far end too costs it more
# (figures: bench/results.md).

# Edges first seen per period ($chars leading characters of first_seen: 7 a month, 4 a
# year) and type; undated edges make the rows whose period is null. Each row's earliest and
# latest first_seen give the as-of slider its ends.
FIRST_SEEN_COUNTS = f"""
MATCH (:Actor)-[e:{_TYPED_PATTERN}]->()
WITH substring(e.first_seen, 0, $chars) AS period, type(e) AS relation, e.first_seen AS seen
RETURN period, relation, count(*) AS edges, min(seen) AS earliest, max(seen) AS latest
"""

# The graph as it stood before a day ($before: the next day, so a first_seen with a time
# of day still counts): the $limit most recently first seen edges (ties in a stable order),
# each row with the number of all such edges. One walk for both: collected, counted, then
# the newest kept (a count of its own would walk every edge again).
EDGES_FIRST_SEEN_BEFORE = f"""
MATCH (:Actor)-[e:{_TYPED_PATTERN}]->()
WHERE e.first_seen < $before
WITH collect(e) AS found
WITH found, size(found) AS total
UNWIND found AS e
WITH total, e, startNode(e).id AS subject, type(e) AS type, endNode(e).id AS object
ORDER BY e.first_seen DESC, subject, type, object
LIMIT $limit
RETURN total, subject, type, object,
       e.claims AS claims, e.articles AS articles, e.modality AS modality,
       e.confidence AS confidence, e.first_seen AS first_seen, e.last_seen AS last_seen
"""

# The $limit best-supported edges (most claims; ties in a stable order): the core the
# app's network measures run on when the whole graph is too big for networkx.
STRONGEST_EDGES = f"""
MATCH (s:Actor)-[e:{_TYPED_PATTERN}]->(o)
WITH s, e, o
ORDER BY e.claims DESC, s.id, type(e), o.id
LIMIT $limit
RETURN s.id AS subject, type(e) AS type, o.id AS object,
       e.claims AS claims, e.articles AS articles, e.modality AS modality,
       e.confidence AS confidence, e.first_seen AS first_seen, e.last_seen AS last_seen
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
    "Who supplied whom, as stated fact (not hedged or negated)": (
        """MATCH (s:Actor)-[r:SUPPLIED]->(o:Actor)
WHERE r.modality = 'asserted'
RETURN s.name AS supplier, o.name AS customer, r.claims AS claims
ORDER BY supplier, customer
LIMIT 100""",
        {},
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


# --- curation (graph.curation): decisions kept as :Decision nodes --------------------------

# MERGE on the id: a copy or a decision written twice leaves one node.
CREATE_DECISION = """
MERGE (d:Decision {id: $id})
ON CREATE SET d.action = $action, d.curator = $curator, d.at = $at, d.reason = $reason,
              d.args = $args
"""

DECISION_IDS = "MATCH (d:Decision) RETURN d.id AS id ORDER BY id"

# The newest decision's id: what the graph shows changes with it (the app's cache key).
LAST_DECISION = """
MATCH (d:Decision)
RETURN d.id AS id
ORDER BY d.at DESC, d.id DESC
LIMIT 1
"""

DECISIONS = """
MATCH (d:Decision)
RETURN d.id AS id, d.action AS action, d.curator AS curator, d.at AS at, d.reason AS reason,
       d.args AS args
ORDER BY at, id
"""

ACTOR_LABELS = "MATCH (n:Actor {id: $id}) RETURN labels(n) AS labels"

# Likely duplicates (graph.duplicates): the most mentioned actors, then each one's typed
# neighbours and articles.
ACTORS_BY_MENTIONS = f"""
MATCH (n:Actor)
RETURN {_ACTOR_FIELDS}
ORDER BY n.mentions DESC, n.id
LIMIT $limit
"""

NEIGHBOURS_AND_ARTICLES = """
UNWIND $ids AS actor_id
MATCH (n:Actor {id: actor_id})
OPTIONAL MATCH (n)-[e]-(m:Actor)
WHERE type(e) IN $types
WITH n, collect(DISTINCT m.id) AS neighbours
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(n)
RETURN n.id AS id, neighbours, collect(DISTINCT a.id) AS articles
"""

# A few sentences of claims naming an actor (the Review page shows them beside a pair).
ACTOR_SENTENCES = """
MATCH (c:Claim)-[:SUBJECT|OBJECT]->(:Actor {id: $id})
WHERE c.sentence IS NOT NULL AND coalesce(c.status, '') <> 'rejected'
RETURN DISTINCT c.sentence AS sentence
ORDER BY sentence
LIMIT $limit
"""

# The articles that mention any of these actors.
ARTICLES_MENTIONING = """
UNWIND $ids AS actor_id
MATCH (a:Article)-[:MENTIONS]->(:Actor {id: actor_id})
RETURN DISTINCT a.id AS id
ORDER BY id
"""

# One claim by its id, with its article and ends.
CLAIM = """
MATCH (a:Article)-[:ASSERTS]->(c:Claim {id: $id})
MATCH (c)-[:SUBJECT]->(s:Actor)
MATCH (c)-[:OBJECT]->(o:Actor)
RETURN c.id AS id, a.id AS article, c.type AS type, s.id AS subject, o.id AS object,
       c.sentence AS sentence, c.note AS note, coalesce(c.status, 'extracted') AS status,
       coalesce(c.source, 'extractor') AS source, c.modality AS modality
"""

ARTICLE = """
MATCH (a:Article {id: $id})
RETURN a.id AS id, a.title AS title, a.publisher AS publisher, a.published AS published,
       a.url AS url, a.text AS text, a.date_origin AS date_origin
"""

# A curator's name for an actor: the name it is shown by, its old name kept as an alias.
SET_ACTOR_NAME = """
MATCH (n:Actor {id: $id})
SET n.aliases = [x IN n.aliases WHERE x <> $name]
                + CASE WHEN n.name <> $name AND NOT n.name IN n.aliases THEN [n.name] ELSE [] END,
    n.name = $name
"""

# Ids merged into an actor, kept so old links and exports still find it (former_ids, and a
# :FormerId node each that Store.actor reads).
ADD_FORMER_IDS = """
MATCH (n:Actor {id: $id})
SET n.former_ids = coalesce(n.former_ids, [])
                   + [i IN $ids WHERE NOT i IN coalesce(n.former_ids, [])]
WITH n
UNWIND $ids AS former
MERGE (f:FormerId {id: former})
WITH f, n
OPTIONAL MATCH (f)-[old:NOW]->(other:Actor)
WHERE other.id <> n.id
DELETE old
MERGE (f)-[:NOW]->(n)
"""

REMOVE_FORMER_IDS = """
MATCH (n:Actor {id: $id})
SET n.former_ids = [i IN coalesce(n.former_ids, []) WHERE NOT i IN $ids]
WITH n
UNWIND $ids AS former
MATCH (f:FormerId {id: former})
DETACH DELETE f
"""

# Names an actor no longer goes by (a split alias, an unmerged actor's names): gone from its
# aliases, and their normalised keys no longer resolve to it.
DROP_ACTOR_NAMES = """
MATCH (n:Actor {id: $id})
SET n.aliases = [x IN n.aliases WHERE NOT x IN $names]
WITH n
MATCH (k:Alias)-[r:NAMES]->(n)
WHERE k.key IN $keys
DELETE r
"""


@cache
def set_kind_label(kind: str, present: bool) -> str:
    """Give an actor a kind's label (``present``) or take it away; with $kind, the kind it
    is shown as. One statement per kind: a label is not a parameter."""
    label = vocabulary().kinds[kind].name
    change = f"SET n:{label}" if present else f"REMOVE n:{label}"
    return f"""
MATCH (n:Actor {{id: $id}})
{change}
SET n.kind = $kind
"""


SET_ARTICLE_META = """
MATCH (a:Article {id: $id})
SET a.title = $title, a.publisher = $publisher, a.published = $published, a.url = $url,
    a.date_origin = $date_origin
"""
