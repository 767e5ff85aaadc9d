"""The records of an article's actors: its mentions and their clusters.

A Mention is a stretch of tokens that names or refers to an actor; a Cluster is one
actor, with its mentions, name and kind. They stand apart from the steps that find and
resolve mentions, so that every step can build them without importing another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actorgraph.loaders.lexicon import KnownActor
from actorgraph.schema import name_key

# How much each source of a kind counts in an actor's vote. A noun that describes the
# name ("Kestrel Freight, a shipping firm") outweighs spaCy's label on every other mention.
_WEIGHTS = {"known": 8.0, "head": 4.0, "rule": 3.0, "noun": 6.0, "guess": 0.5}


@dataclass(slots=True)
class Mention:
    """A stretch of tokens that names or refers to an actor."""

    start: int  # first token index
    end: int  # one past the last token
    name: str
    kind: str
    known: KnownActor | None = None
    anaphor: tuple[str, ...] = ()  # kinds it may refer back to; empty for a name
    title: str | None = None  # "sen." before a person's name
    role_of: str | None = None  # "Commerce" of "Commerce Secretary Wilbur Ross"
    guessed: bool = False  # no word said its kind (an unknown name taken for a company)
    subject: bool = False  # the grammatical subject of its clause
    in_subject: bool = False  # the subject, one listed in it or in apposition to it
    sentence: int = 0  # the index of its sentence's first token
    source: str = "label"  # what said its kind: known, head, rule, noun, label or guess
    label: str = ""  # spaCy's entity label, if any
    aliases: tuple[str, ...] = ()  # other names it gives: its acronym in parentheses
    same_as: int | None = None  # start of the mention it renames ("formerly known as")
    definite: bool = False  # "the" stood before it ("the Cluster")
    owned: tuple[str, str] = ("", "")  # the state its name names, and the rest of the name
    listed: int = -1  # the first token of the list it is in ("Boeing, Acme and Globex")
    plural: bool = False  # "they": it refers to every actor of a list, each one an end
    after: int = -1  # a plural pronoun's list starts after this token (a plural noun's)
    besides: tuple[int, int] = (-1, -1)  # tokens of a subject an object pronoun is not
    copular: bool = False  # the subject of "be" ("The FBI is one of its customers")
    predicated: bool = False  # inside what "be" says of its subject ("one of its customers")
    with_others: bool = False  # listed with unnamed others ("HRW and 40 other groups")
    coordinated: tuple[int, int] = (-1, -1)  # "A and its parent": the tokens of A
    origin: str = ""  # the state a demonym beside it names: "Israeli spyware maker NSO"

    @property
    def weight(self) -> float:
        """How much this mention's kind counts: a label on a longer name counts more."""
        if self.source == "label":
            return float(min(self.end - self.start, 3))
        return _WEIGHTS.get(self.source, 1.0)


@dataclass(slots=True)
class Cluster:
    """One actor of the article: its mentions, canonical name and kind."""

    name: str
    kind: str
    known: KnownActor | None
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=dict)  # kind -> weight of its mentions
    owned: list[tuple[str, str]] = field(default_factory=list)  # its names' states and rests
    sure: bool = False  # a word, not only spaCy's label or a guess, said its kind
    origins: set[str] = field(default_factory=set)  # states its descriptions name

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def guessed(self) -> bool:
        """No word said what it is: every name it goes by was taken for a company by guess
        (the role it plays may still say it is a place)."""
        names = [m for m in self.mentions if not m.anaphor]
        return bool(names) and all(m.guessed for m in names) and not self.known

    def vote(self, kind: str, weight: float) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight
