"""Relation patterns over the dependency tree, generated from the vocabulary's triggers.

A trigger word (a verb, a noun, or a verb-noun frame) says which relation type a
clause expresses and where its object actor sits; general English grammar says
where its subject is: the grammatical subject, the agent of a passive, the
controller of an infinitive ("urged Commerce to ban" -> Commerce bans), the noun
a relative clause hangs on, the possessor or "by"/"from" phrase of a noun.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.modality import modality_of
from actorgraph.schema import Vocabulary

ActorOf = Callable[[Token], object | None]

_SUBJECTS = ("nsubj", "csubj")
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_CLAUSE_LINKS = ("conj", "advcl", "pcomp", "xcomp", "ccomp", "relcl", "acl")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One relation type a word can express, and where its object actor sits."""

    type: str
    slots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """A relation read from a sentence, before it becomes a Claim."""

    type: str
    subject: object
    object: object
    trigger: Token
    modality: str
    confidence: float


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _prep_objects(token: Token, word: str) -> list[Token]:
    """Objects of the preposition ``word`` attached to ``token`` ("sold X to police")."""
    found = []
    for prep in token.children:
        if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ == word:
            found += (
                [_children(prep, "pobj", "pcomp")[0]] if _children(prep, "pobj", "pcomp") else []
            )
    return found


class RelationFinder:
    """Reads typed relations from parsed sentences, with tables built from the vocabulary."""

    def __init__(self, vocab: Vocabulary, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.verbs: dict[str, list[Trigger]] = {}
        self.nouns: dict[str, list[Trigger]] = {}
        self.reversed: dict[str, list[Trigger]] = {}
        self.frames: list[tuple[str, frozenset[str], frozenset[str], tuple[str, ...]]] = []
        for rel in vocab.relations.values():
            for word, slots in rel.triggers.verbs.items():
                self.verbs.setdefault(word, []).append(Trigger(rel.name, slots))
            for word, slots in rel.triggers.nouns.items():
                self.nouns.setdefault(word, []).append(Trigger(rel.name, slots))
            for word, slots in rel.triggers.reversed.items():
                self.reversed.setdefault(word, []).append(Trigger(rel.name, slots))
            for frame in rel.triggers.frames:
                self.frames.append(
                    (rel.name, frozenset(frame.verbs), frozenset(frame.nouns), frame.object_slots)
                )
        self.supplying = frozenset(
            w for w, ts in self.verbs.items() for t in ts if t.type == "SUPPLIED"
        )

    # --- where the ends of a relation are -------------------------------------------

    def _actors(self, tokens: list[Token], actor_of: ActorOf) -> list[object]:
        """The actors the tokens name, with their coordinated ones ("Rubio and Smith").
        A common noun stands for the actor that names it ("Hikvision cameras", "the
        Xinjiang region") or that it is in apposition to ("Thermo Fisher, the maker")."""
        out = []
        for token in tokens:
            for conj in _conjuncts(token):
                actor = actor_of(conj)
                if actor is None and conj.pos_ == "NOUN":
                    named = [c for c in conj.lefts if c.dep_ == "compound" and actor_of(c)]
                    if conj.dep_ == "appos":
                        named.insert(0, conj.head)
                    actor = next((actor_of(c) for c in named if actor_of(c)), None)
                if actor is not None and actor not in out:
                    out.append(actor)
        return out

    def subjects(self, verb: Token, actor_of: ActorOf, depth: int = 0) -> list[object]:
        """The actors doing what ``verb`` says, following control and coordination."""
        if depth > 4:
            return []
        if _is_passive(verb) and verb.tag_ == "VBN":
            agents = [o for a in _children(verb, "agent") for o in _children(a, "pobj")]
            return self._actors(agents, actor_of)
        own = _children(verb, *_SUBJECTS)
        if own and own[0].lower_ not in _RELATIVE:
            return self._actors(own, actor_of)
        head = verb.head
        if verb.dep_ in ("relcl", "acl") or own:
            return self._actors([head], actor_of)
        if verb.dep_ == "xcomp":
            controller = _children(head, "dobj")
            if controller and self._actors(controller, actor_of):
                return self._actors(controller, actor_of)
        if verb.dep_ in _CLAUSE_LINKS and head.i != verb.i:
            return self.subjects(head, actor_of, depth + 1)
        return []

    def _passive_subjects(self, verb: Token) -> list[Token]:
        own = _children(verb, "nsubjpass")
        if own and own[0].lower_ in _RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        return own

    def _verb_objects(self, verb: Token, slots: tuple[str, ...], actor_of: ActorOf) -> list[object]:
        passive = _is_passive(verb)
        for slot in slots:
            if slot == "dobj":
                tokens = _children(verb, "nsubjpass") if passive else _children(verb, "dobj")
            elif slot == "dative":
                tokens = [t for t in _children(verb, "dative") if t.pos_ in ("PROPN", "NOUN")]
            else:
                tokens = _prep_objects(verb, slot)
                for obj in _children(verb, "dobj"):
                    tokens += _prep_objects(obj, slot)
            actors = self._actors(tokens, actor_of)
            if actors:
                return actors
        return []

    # --- the three kinds of trigger -------------------------------------------------

    def _verb_triggers(self, verb: Token) -> Iterator[tuple[Trigger, Token]]:
        """Triggers of a verb, phrasal forms first; yields (trigger, token carrying the object)."""
        lemma = verb.lemma_.lower()
        for child in verb.children:
            key = f"{lemma} {child.lower_}"
            if child.dep_ == "prt" and key in self.verbs:
                for trigger in self.verbs[key]:
                    yield trigger, verb
                return
            if child.dep_ == "prep" and key in self.verbs:
                for trigger in self.verbs[key]:
                    yield Trigger(trigger.type, (child.lower_,)), verb
                return
        for trigger in self.verbs.get(lemma, ()):
            yield trigger, verb

    def _ceased(self, verb: Token) -> bool:
        """'stopped selling', 'will no longer sell': the supplying has ended."""
        if (
            verb.dep_ in ("xcomp", "pcomp", "ccomp")
            and verb.head.lemma_ in self.lexicon.ceasing_verbs
        ):
            return True
        return any(
            c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)
            for c in verb.children
        ) or (verb.dep_ == "conj" and self._ceased(verb.head))

    def from_verb(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        for trigger, carrier in self._verb_triggers(verb):
            kind, slots = trigger.type, trigger.slots
            if kind == "SUPPLIED" and self._ceased(verb):
                kind, slots = "STOPPED_SUPPLYING", (*slots, "in")
            objects = self._verb_objects(carrier, slots, actor_of)
            if not objects:
                continue
            subjects = self.subjects(verb, actor_of)
            if _is_passive(verb) and "dobj" not in slots:
                # "X is based in Y", "X was equipped ...": the passive subject is the subject.
                subjects = self._actors(self._passive_subjects(verb), actor_of)
            modality = modality_of(verb, self.lexicon, ceased=kind == "STOPPED_SUPPLYING")
            for subject in subjects:
                for obj in objects:
                    yield Found(kind, subject, obj, verb, modality, 0.75)
            return

    def _noun_subjects(self, noun: Token, actor_of: ActorOf) -> tuple[list[object], list[object]]:
        """(subjects, objects found through the governing verb) of a nominal trigger."""
        own = _children(noun, "poss") + [o for w in ("by", "from") for o in _prep_objects(noun, w)]
        subjects = self._actors(own, actor_of)
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            if head.lemma_ in self.lexicon.receiving_verbs:
                return subjects, self.subjects(head, actor_of)
            if not subjects:
                subjects = self.subjects(head, actor_of)
        if not subjects and noun.dep_ in ("attr", "appos"):
            subjects = (
                self.subjects(head, actor_of)
                if noun.dep_ == "attr"
                else self._actors([head], actor_of)
            )
        return subjects, []

    def from_noun(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        lemma = noun.lemma_.lower()
        for trigger in self.nouns.get(lemma, ()):
            subjects, received = self._noun_subjects(noun, actor_of)
            objects = self._actors(
                [o for s in trigger.slots for o in _prep_objects(noun, s)], actor_of
            )
            objects = objects or received
            modality = modality_of(noun, self.lexicon)
            for subject in subjects:
                for obj in objects:
                    yield Found(trigger.type, subject, obj, noun, modality, 0.6)
        for trigger in self.reversed.get(lemma, ()):
            owned, _ = self._noun_subjects(noun, actor_of)
            owners = self._actors(
                [o for s in trigger.slots for o in _prep_objects(noun, s)], actor_of
            )
            for owner in owners:
                for obj in owned:
                    yield Found(
                        trigger.type, owner, obj, noun, modality_of(noun, self.lexicon), 0.6
                    )

    def from_frame(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        lemma = verb.lemma_.lower()
        for kind, verbs, nouns, slots in self.frames:
            if lemma not in verbs:
                continue
            nouns_here = [
                t
                for t in _children(verb, "dobj", "nsubjpass")
                + [o for p in _children(verb, "prep", "dative") for o in _children(p, "pobj")]
                if t.lemma_.lower() in nouns or t.lower_ in nouns
            ]
            for noun in nouns_here:
                tokens: list[Token] = []
                for slot in slots:
                    if slot == "dobj":
                        tokens += [t for t in _children(verb, "dobj", "nsubjpass") if t.i != noun.i]
                    else:
                        tokens += _prep_objects(noun, slot) + _prep_objects(verb, slot)
                objects = self._actors(tokens, actor_of)
                subjects = self.subjects(verb, actor_of)
                for subject in subjects:
                    for obj in objects:
                        yield Found(kind, subject, obj, verb, modality_of(verb, self.lexicon), 0.7)

    def find(self, sentence: Span, actor_of: ActorOf) -> list[Found]:
        """Every relation the sentence states between two different actors."""
        found: list[Found] = []
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                found += self.from_frame(token, actor_of)
                found += self.from_verb(token, actor_of)
            if token.pos_ in ("NOUN", "PROPN"):
                found += self.from_noun(token, actor_of)
        return [f for f in found if f.subject is not f.object]
