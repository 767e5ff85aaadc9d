"""The extractor: an Article in, an Extraction (actors and typed claims) out.

Stages, each its own module: parse (nlp), find and resolve actor mentions
(mentions), read relations from the dependency tree (patterns, modality), then
settle each actor's kind from the roles it plays and build the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from actorgraph.loaders.lexicon import Lexicon, lexicon
from actorgraph.loaders.mentions import Cluster, find_mentions, resolve
from actorgraph.loaders.nlp import pipeline, pipeline_name
from actorgraph.loaders.patterns import Found, RelationFinder
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, name_key, vocabulary

EXTRACTOR_VERSION = "rules-1"

# How far a claim's confidence carries over once its modality is read: the cues for
# hedges and denials are fewer and vaguer than plain statements.
_MODALITY_CERTAINTY = {"asserted": 1.0, "hedged": 0.85, "negated": 0.9}

# Relation types whose object is a location: a country there is a place, not an agent.
_LOCATIVE = frozenset(
    name for name, rel in vocabulary().relations.items() if rel.object_kinds == ("Place",)
)


@dataclass(slots=True)
class _Article:
    """An article being extracted: its actors and the relations read from it."""

    article: Article
    clusters: list[Cluster]
    found: list[tuple[Found, int, int]]  # relation, sentence start and end char


def _settle_kind(cluster: Cluster, found: list[Found]) -> str:
    """A country that acts is a Government; one that is only a location is a Place; so is
    an unknown name taken for a company that is only ever where someone is based."""
    names = [m for m in cluster.mentions if not m.anaphor]
    if names and all(m.guessed for m in names) and not cluster.known:
        roles = [f for f in found if cluster in (f.subject, f.object)]
        if roles and all(f.object is cluster and f.type in _LOCATIVE for f in roles):
            return "Place"
    if cluster.kind not in ("Government", "Place") or (
        cluster.known and cluster.known.kind != "Government"
    ):
        return cluster.kind
    if cluster.kind == "Government" and not cluster.known:
        return cluster.kind  # "the Trump administration" is a government wherever it stands
    acting = any(f.subject is cluster for f in found) or any(
        f.object is cluster and f.type not in _LOCATIVE for f in found
    )
    return "Government" if acting else "Place"


class Extractor:
    """Rule-based actor and relation extraction over spaCy's parse; no network, no model service."""

    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lexicon = lex or lexicon()
        self.finder = RelationFinder(vocabulary(), self.lexicon)
        self.name = f"actorgraph.{EXTRACTOR_VERSION}+{pipeline_name()}"

    def _read(self, article: Article, doc: Doc) -> _Article:
        clusters = resolve(find_mentions(doc, self.lexicon))
        actor_at = {i: c for c in clusters for m in c.mentions for i in range(m.start, m.end)}

        def actor_of(token: Token) -> Cluster | None:
            return actor_at.get(token.i)

        found = [
            (f, sent.start_char, sent.end_char)
            for sent in doc.sents
            for f in self.finder.find(sent, actor_of)
        ]
        found += self._memberships_from_titles(doc, clusters)
        return _Article(article, clusters, found)

    def _memberships_from_titles(
        self, doc: Doc, clusters: list[Cluster]
    ) -> list[tuple[Found, int, int]]:
        """'Commerce Secretary Wilbur Ross' is a member of the Commerce Department, which the
        title names; 'Sen. Marco Rubio' of the U.S. Senate when the article also names the
        Senate (a bare 'Sen.' does not say which senate, nor mention it as an actor)."""
        by_key = {name_key(n): c for c in clusters for n in [c.name, *c.names]}
        found = []
        for person in [c for c in clusters if c.kind == "Person"]:
            for mention in person.mentions:
                body_name = mention.role_of or self.lexicon.titles.get(mention.title or "")
                if not body_name:
                    continue
                known = self.lexicon.known_actor(body_name)
                body = by_key.get(name_key(known.name if known else body_name))
                if body is None and known and mention.role_of:
                    body = Cluster(known.name, known.kind, known, names=[known.name])
                    clusters.append(body)
                    by_key[name_key(known.name)] = body
                if body is None or body is person:
                    continue
                token = doc[mention.start]
                membership = Found("MEMBER_OF", person, body, token, "asserted", 0.7)
                found.append((membership, token.sent.start_char, token.sent.end_char))
        return found

    def _records(self, state: _Article) -> Extraction:
        relations = [f for f, _, _ in state.found]
        actors: dict[int, Actor] = {}
        for cluster in state.clusters:
            kind = _settle_kind(cluster, relations)
            aliases = tuple(n for n in cluster.names if n != cluster.name)
            wikidata = cluster.known.wikidata if cluster.known else None
            actors[id(cluster)] = Actor(cluster.name, kind, aliases, wikidata)
        claims: dict[tuple[str, str, str, int], Claim] = {}
        for found, start, end in state.found:
            subject, obj = actors[id(found.subject)], actors[id(found.object)]
            evidence = Evidence(state.article.text[start:end], start, end)
            confidence = found.confidence * _MODALITY_CERTAINTY[found.modality]
            claim = Claim(found.type, subject.id, obj.id, evidence, found.modality, confidence)
            claims.setdefault((claim.type, claim.subject, claim.object, start), claim)
        unique = {a.id: a for a in actors.values()}
        return Extraction(
            state.article, tuple(unique.values()), tuple(claims.values()), extractor=self.name
        )

    def extract(self, article: Article) -> Extraction:
        """The actors and claims of one article."""
        return self._records(self._read(article, pipeline()(article.text)))

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extractions for many articles, parsed in batches (faster than one at a time)."""
        items = list(articles) if not isinstance(articles, list) else articles
        docs = pipeline().pipe((a.text for a in items), batch_size=batch_size)
        for article, doc in zip(items, docs, strict=True):
            yield self._records(self._read(article, doc))
