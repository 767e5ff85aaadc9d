"""What a pattern reads in a sentence, before the extractor makes it a Claim."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Found:
    """A relation read from a sentence, before it becomes a Claim."""

    type: str
    subject: object
    object: object
    trigger: Token
    modality: str
    confidence: float
