"""The vocabulary of actorgraph and the typed records that travel through it."""

from actorgraph.schema.decision import Decision
from actorgraph.schema.records import (
    DATE_ORIGINS,
    Actor,
    Article,
    Claim,
    Evidence,
    Extraction,
    actor_id,
    content_id,
    name_key,
)
from actorgraph.schema.vocabulary import Kind, RelationType, Vocabulary, vocabulary

__all__ = [
    "DATE_ORIGINS",
    "Actor",
    "Article",
    "Claim",
    "Decision",
    "Evidence",
    "Extraction",
    "Kind",
    "RelationType",
    "Vocabulary",
    "actor_id",
    "content_id",
    "name_key",
    "vocabulary",
]
