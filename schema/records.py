"""The typed records that travel through the flow: Article -> Extraction -> store.

Records are frozen: a stage makes new ones rather than editing what it was given.
Every kind, relation type and modality is checked against the vocabulary when a
record is made, so a bad value fails where it is created, not in the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from actorgraph.schema.vocabulary import vocabulary


def content_id(text: str) -> str:
    """The id of an article: a hash of its text, so the same text is the same article (a
    lone surrogate, which readers clean out but Python callers may pass, hashes too)."""
    normalised = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()[:24]


_LEGAL_SUFFIXES = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "ltd",
        "llc",
        "plc",
        "sa",
        "ag",
        "gmbh",
        "limited",
        "nv",
        "bv",
    ]
)


def name_key(name: str) -> str:
    """A name reduced for matching: case, punctuation, possessive, a leading 'the' and legal
    suffixes do not count ('The Thermo Fisher Scientific Inc.' -> 'thermo fisher scientific')."""
    text = unicodedata.normalize("NFKC", name).lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text).replace(".", "")
    words = re.sub(r"[^\w\s]", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def slugify(name: str) -> str:
    """A lowercase ASCII slug: 'Thermo Fisher Scientific Inc.' -> 'thermo-fisher-scientific-inc'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"


def actor_id(canonical_name: str) -> str:
    """The stable id of an actor, from its canonical name alone (used in IRIs): not from
    its kind, which articles read in another order may give first (a country as a place
    or as a government), so the same corpus makes the same ids in any order."""
    return slugify(name_key(canonical_name))


# Where an article's date came from, as Article.date_origin names it.
DATE_ORIGINS = ("metadata", "text", "curator")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a source."""

    text: str
    title: str
    source: str = ""
    publisher: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    language: str = "en"
    # Where ``published`` came from (DATE_ORIGINS): the source's metadata, a date found in
    # the opening lines of the text (which may be another date the story mentions), or a
    # curator's correction. None when undated.
    date_origin: str | None = None
    id: str = ""
    # Every place the same story was read from (URL when known, else the file or entry);
    # near-duplicates add theirs here instead of becoming articles of their own.
    sources: tuple[str, ...] = ()
    fingerprint: str | None = None  # loaders.fingerprint: finds near-duplicates

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))


@dataclass(frozen=True, slots=True)
class Actor:
    """A real-world actor as named in an article: one canonical name, its aliases, its kind."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        vocabulary().kind(self.kind)
        if not self.id:
            object.__setattr__(self, "id", actor_id(self.name))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a claim was read from, with its character offsets in the article text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement read from an article: subject -type-> object, with its modality."""

    type: str
    subject: str  # Actor.id
    object: str  # Actor.id
    evidence: Evidence
    modality: str = "asserted"
    confidence: float = 0.5
    id: str = ""  # given by the Extraction that holds the claim: it knows the article
    # curation (graph.curation): "extracted", "rejected" (kept, supports no edge) or
    # "confirmed"; "extractor" or "manual" (a claim a curator added), with a curator's note
    status: str = "extracted"
    source: str = "extractor"
    note: str | None = None

    def __post_init__(self) -> None:
        vocabulary().relation(self.type)
        vocabulary().check_modality(self.modality)
        if self.status not in CLAIM_STATUSES:
            raise ValueError(f"claim status must be one of {', '.join(CLAIM_STATUSES)}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0..1, not {self.confidence}")


CLAIM_STATUSES = ("extracted", "rejected", "confirmed")


def claim_id(article_id: str, claim: Claim) -> str:
    """A claim's id: its article, the text of its sentence (or a manual claim's note), its
    subject, type and object. Not its offsets or the extractor's order, so the same statement
    read again by a changed extractor has the same id, and a curator's decision on it holds."""
    said = claim.evidence.sentence or claim.note or ""
    key = f"{article_id}|{said}|{claim.subject}|{claim.type}|{claim.object}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor read from one article: its actors and its claims."""

    article: Article
    actors: tuple[Actor, ...] = ()
    claims: tuple[Claim, ...] = ()
    extractor: str = ""
    # when a store first wrote it (ISO 8601, UTC); None for a fresh extraction. A copy or a
    # restore keeps it, and the RDF export gives it as the reading's prov:endedAtTime.
    ingested_at: str | None = field(default=None, compare=False)
    _actor_ids: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        claims: dict[str, Claim] = {}  # one claim per statement: a sentence said twice is one
        for c in self.claims:
            c = c if c.id else replace(c, id=claim_id(self.article.id, c))
            claims.setdefault(c.id, c)
        object.__setattr__(self, "claims", tuple(claims.values()))
        ids = frozenset(a.id for a in self.actors)
        object.__setattr__(self, "_actor_ids", ids)
        for claim in self.claims:
            for end in (claim.subject, claim.object):
                if end not in ids:
                    raise ValueError(
                        f"claim {claim.type} names actor {end!r} not in the extraction"
                    )

    def to_json(self) -> dict[str, Any]:
        """The output contract of `actorgraph extract` (one JSON line per article)."""
        art = self.article
        return {
            "source": art.source,
            "id": art.id,
            "title": art.title,
            "published": art.published,
            "date_origin": art.date_origin,
            "publisher": art.publisher,
            "url": art.url,
            "actors": [
                {"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases)}
                for a in self.actors
            ],
            "relations": [
                {
                    "subject": c.subject,
                    "type": c.type,
                    "object": c.object,
                    "modality": c.modality,
                    "confidence": round(c.confidence, 3),
                    "evidence": {
                        "sentence": c.evidence.sentence,
                        "start": c.evidence.start,
                        "end": c.evidence.end,
                    },
                }
                for c in self.claims
            ],
        }
