"""A checksum of a store's contents, through its public API: equal contents, equal sums.

Backups check a restore with it, and the tests use it to show that bad input left a
store exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from actorgraph.graph.store import Store


def _canonical(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_checksum(store: Store) -> str:
    """SHA-256 of everything the store says through its public API (articles with their
    text, actors, claims, typed edges), independent of order and of the backend's ids."""
    lines: list[str] = []
    for ex in store.iter_extractions():
        doc = ex.to_json()
        doc["text"] = ex.article.text
        doc["language"] = ex.article.language
        doc["extractor"] = ex.extractor
        doc["sources"] = sorted(ex.article.sources)
        doc["actors"] = sorted(
            ({**a, "aliases": sorted(a["aliases"])} for a in doc["actors"]), key=_canonical
        )
        doc["relations"] = sorted(doc["relations"], key=_canonical)
        lines.append("article " + _canonical(doc))
    for actor in store.iter_actors():
        fields = {k: getattr(actor, k) for k in actor.__slots__}
        fields["aliases"] = sorted(actor.aliases)
        lines.append("actor " + _canonical(fields))
    for edge in store.iter_edges():
        lines.append("edge " + _canonical({k: getattr(edge, k) for k in edge.__slots__}))
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()
