"""Stances read from what is said: findings, statements and quotations that someone did
wrong (CRITICIZED), demands that someone act (REQUESTED), and calling an act wrong.

These readings are the RelationFinder's (patterns.py) as a mixin: they use its subjects,
actors and objects, and add what a statement's words say about them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from actorgraph.loaders.modality import modality_of
from actorgraph.loaders.readings import Found
from actorgraph.loaders.syntax import (
    DOCUMENTS,
    SUBJECTS,
    ActorOf,
    children,
    conjuncts,
    doers_of,
    is_passive,
    possessors,
    prep_objects,
)

# Modals by which a statement says someone must act ("Acme must stop", "Iran should free").
_OBLIGING = frozenset({"must", "should", "ought"})
# Verbs by which it says so with a verb after them ("needs to end", "has to stop").
_NEEDING = frozenset({"need", "have"})


def _said_in_writing(verb: Token) -> list[Token]:
    """What 'said in a statement that ...' says: the parser hangs the that-clause on the
    document, not on the verb."""
    return [
        clause
        for document in prep_objects(verb, "in")
        if document.lemma_.lower() in DOCUMENTS
        for clause in children(document, "acl", "ccomp")
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    ]


def _demanded(clause: Token) -> bool:
    """A clause saying its subject must act: 'Acme must stop', 'Iran needs to end'."""
    auxiliaries = [c.lemma_.lower() for c in children(clause, "aux")]
    if "have" in auxiliaries:  # "should not have supplied", "must have known": no demand
        return False
    if any(a in _OBLIGING for a in auxiliaries):
        return not is_passive(clause)
    return clause.lemma_.lower() in _NEEDING and bool(children(clause, "xcomp"))


class StanceReadings:
    """Readings of stances, mixed into the RelationFinder."""

    def _says_wrong(self, clause: Token) -> bool:
        """A clause that says its subject did wrong: 'Acme breached the rules', 'Acme's use
        of the data was unlawful', 'his comments were misleading'."""
        doing = [clause, *children(clause, "advcl")]  # "fired on them, killing hundreds"
        if any(v.lemma_.lower() in self.lexicon.wrongdoing_verbs for v in doing):
            return True
        said = children(clause, "acomp", "attr")
        said += [a for w in said for a in children(w, "amod")]  # "a shameful decision"
        said += [o for w in said for o in prep_objects(w, "of")]  # "an act of bullying"
        if any(self._a_wrong(w) for w in said):
            return True
        # "Acme contributed to abuses", "committed crimes", "profited from repression"
        done = children(clause, "dobj") + [
            o for p in children(clause, "prep") for o in children(p, "pobj")
        ]
        return any(d.lemma_.lower() in self.lexicon.wrongs for d in done)

    def _a_wrong(self, word: Token) -> bool:
        """A word that calls something wrong; its own form counts, for spaCy reads
        "concerning" and "misleading" as verbs ('concern', 'mislead')."""
        wrong = self.lexicon.wrong_words
        return word.lemma_.lower() in wrong or word.lower_ in wrong

    def from_finding(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'The court ruled that Acme's use of the data was unlawful', 'the regulator found
        that Acme had breached the rules': a finding that a body broke the law CRITICIZED
        it (a convention of the vocabulary); so does a statement that it did wrong ('Roe
        said that Doe's claims were misleading')."""
        if verb.lemma_.lower() not in self.finding_verbs:
            return
        said = children(verb, "ccomp") + _said_in_writing(verb)
        clauses = [c for c in said if self._says_wrong(c)]
        demands = (
            [c for c in said if _demanded(c)]
            if verb.lemma_.lower() in self.lexicon.reporting_verbs
            else []
        )
        finders = self.subjects(verb, actor_of) if clauses or demands else []
        for clause in clauses:
            breakers = self._wrongdoers(clause, actor_of)
            modality = modality_of(clause, self.lexicon)
            for finder in finders:
                for breaker in breakers:
                    yield Found("CRITICIZED", finder, breaker, verb, modality, 0.7)
        for clause in demands:
            yield from self._demand(clause, finders, verb, actor_of)

    def _demand(
        self, clause: Token, speakers: list[object], word: Token, actor_of: ActorOf
    ) -> Iterator[Found]:
        """'Roe said Acme must stop the sales', 'the Iranian government needs to end its
        persecution of women': saying someone must act asks them to (REQUESTED); saying
        they must stop a wrong criticizes them too."""
        addressees = self._actors(children(clause, "nsubj"), actor_of)
        wrong = self._stops_a_wrong([clause, *children(clause, "xcomp")])
        for speaker in speakers:
            for addressee in addressees:
                yield Found("REQUESTED", speaker, addressee, word, "asserted", 0.6)
                if wrong:
                    yield Found("CRITICIZED", speaker, addressee, word, "asserted", 0.6)

    def _wrongdoers(self, clause: Token, actor_of: ActorOf) -> list[object]:
        """Who a clause that says wrong was done says did it: its subject, or whose act
        its subject is ("Acme's use of the data", "This is a shameful decision by Acme")."""
        subjects = children(clause, *SUBJECTS, "nsubjpass")
        if all(s.pos_ == "PRON" for s in subjects):
            subjects += children(clause, "attr")
        acts = [p for s in subjects for p in possessors(s) + prep_objects(s, "by")]
        return self._actors(subjects, actor_of) or self._actors(acts, actor_of)

    def from_quotation(
        self, sentence: Span, speakers: list[object], actor_of: ActorOf
    ) -> Iterator[Found]:
        """A sentence of a quotation whose speaker is named in another ("“Acme has broken
        the sanctions. This must stop,” said Roe"): saying that someone did wrong
        CRITICIZED them, as a statement that names its speaker does."""
        root = sentence.root
        if _demanded(root):  # "“... Acme must stop the sales,” said Roe"
            yield from self._demand(root, speakers, root, actor_of)
        if not self._says_wrong(root):
            return
        modality = modality_of(root, self.lexicon)
        for wrongdoer in self._wrongdoers(root, actor_of):
            for speaker in speakers:
                if speaker is not wrongdoer:
                    yield Found("CRITICIZED", speaker, wrongdoer, root, modality, 0.6)

    def from_labelling(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Rubio called Apple's decision shameful', 'HRW described the arrests by police
        as unlawful': calling an actor or its act wrong CRITICIZED it (or its doer)."""
        if verb.lemma_.lower() not in self.lexicon.labelling_verbs:
            return
        judged = children(verb, "oprd", "xcomp", "ccomp", "acomp")
        judged += [p for p in children(verb, "prep") if p.lower_ == "as"]
        # "called the decision shameful", "deemed the transfers a violation", the word
        # parsed as the object's own
        judged += [
            a for o in children(verb, "dobj") for a in children(o, "amod", "appos") if a.i > o.i
        ]
        judged += [o for o in children(verb, "dobj") if self._a_wrong(o)]
        if not any(self._a_wrong(w) for j in judged for w in j.subtree):
            return
        # what is called wrong: the verb's object, or the subject of a small clause, or a
        # name the parser hung on the word ("called the State Department feckless")
        called = self._object_tokens(verb) + [s for j in judged for s in children(j, "nsubj")]
        called += [c for j in judged if self._a_wrong(j) for c in children(j, "compound")]
        # "called Apple's decision ...", "the sanctions imposed by the United States"
        doers = doers_of(called)
        doers += prep_objects(verb, "by") if not is_passive(verb) else []
        targets = self._actors(called, actor_of) or self._actors(doers, actor_of)
        modality = modality_of(verb, self.lexicon)
        for subject in self.subjects(verb, actor_of):
            for target in targets:
                yield Found("CRITICIZED", subject, target, verb, modality, 0.7)

    def _asks_to_stop_a_wrong(self, verb: Token) -> bool:
        """A request that its addressee stop or end a wrong ('urged Egypt to stop the
        arbitrary detention of', 'called on Iran to end its persecution of women') says
        the addressee does wrong: it criticizes them as well as asking."""
        return self._stops_a_wrong(
            [a for c in children(verb, "xcomp", "ccomp") for a in conjuncts(c)]
        )

    def _stops_a_wrong(self, acts: list[Token]) -> bool:
        """One of the acts stops or ends a wrong ('stop the arbitrary detention of')."""
        stopped = [
            o
            for a in acts
            if a.lemma_.lower() in self.lexicon.ceasing_verbs
            for d in children(a, "dobj")
            for o in conjuncts(d)
        ]
        return any(self._is_a_wrong(o) for o in stopped)

    def _is_a_wrong(self, noun: Token) -> bool:
        """'persecution', 'the arbitrary detention': a wrong, or an act called one."""
        return noun.lemma_.lower() in self.lexicon.wrongs or any(map(self._a_wrong, noun.lefts))
