"""A curator's decision, as the typed record graph.curation keeps in the store.

A decision is data: what was done (``action`` and its ``args``), by whom, when and
why. The graph is the extractions with every decision in force applied to them, so a
decision holds when its articles are read again; undoing one is a decision too.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ACTIONS = (
    "merge",  # args: keep, drop (actor ids), and what the drop was (to undo it)
    "split",  # args: actor, alias, new (actor id), kind
    "rename",  # args: actor, name, before
    "kind",  # args: actor, kind, before, before_kinds
    "reject",  # args: claim, article, sentence, type, subject, object
    "confirm",  # args: as reject
    "add-claim",  # args: article, type, subject, object, modality, sentence, note
    "article-meta",  # args: article, title, publisher, published, url, before
    "distinct",  # args: a, b (actor ids a curator judged not the same: not proposed again)
    "undo",  # args: decision (the id undone)
)
CURATOR_ENV = "ACTORGRAPH_CURATOR"


def default_curator() -> str:
    """Who decides: ACTORGRAPH_CURATOR, else the user logged in to the OS."""
    name = os.environ.get(CURATOR_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


def now() -> str:
    """When, in UTC to the microsecond: decisions apply in this order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Decision:
    """One curation decision (a :Decision node)."""

    action: str
    args: dict[str, Any]
    curator: str = field(default_factory=default_curator)
    at: str = field(default_factory=now)
    reason: str | None = None
    id: str = field(default_factory=lambda: "d" + secrets.token_hex(5))

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown curation action {self.action!r}")
        if not self.curator.strip():
            raise ValueError("a decision needs a curator")

    def row(self) -> dict[str, Any]:
        """The node's properties: args as one JSON text, the same on every backend."""
        return {
            "id": self.id,
            "action": self.action,
            "curator": self.curator,
            "at": self.at,
            "reason": self.reason,
            # ASCII JSON: any name in the args, lone surrogates included, travels as escapes
            "args": json.dumps(self.args, sort_keys=True),
        }

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> Decision:
        return cls(
            action=row["action"],
            args=json.loads(row["args"] or "{}"),
            curator=row["curator"],
            at=row["at"],
            reason=row.get("reason"),
            id=row["id"],
        )

    def as_dict(self) -> dict[str, Any]:
        """The log's line for this decision (curation log --format json/jsonl/csv)."""
        return {
            "id": self.id,
            "at": self.at,
            "curator": self.curator,
            "action": self.action,
            "reason": self.reason,
            "args": self.args,
        }
