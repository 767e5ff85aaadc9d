"""The extractor: an Article in, an Extraction (actors and typed claims) out.

Stages, each its own module: parse (nlp), find and resolve actor mentions
(mentions), read relations from the dependency tree (patterns, modality), then
settle each actor's kind from the roles it plays and build the records.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import product

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.carried import acts_named_again, carried, story
from actorgraph.loaders.documents import documents_named_again
from actorgraph.loaders.enumerations import enumerations
from actorgraph.loaders.lexicon import Lexicon, compiled_triggers, lexicon
from actorgraph.loaders.mentions import Cluster, find_mentions, resolve
from actorgraph.loaders.modality import modality_of
from actorgraph.loaders.nlp import parse, parse_many, pipeline_name
from actorgraph.loaders.pairs import (
    INSTITUTIONS,
    Proposal,
    Proposals,
    TriggerWords,
    add_rule,
    add_support,
    propose,
)
from actorgraph.loaders.patterns import RelationFinder
from actorgraph.loaders.quotes import addressees, first_person_speakers, quoted
from actorgraph.loaders.readings import Found
from actorgraph.loaders.relation_model import RelationModel, shipped_model
from actorgraph.loaders.syntax import kind_of
from actorgraph.loaders.units import memberships_of_units
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, name_key, vocabulary

EXTRACTOR_VERSION = "rules-2"
# The model an Extractor uses unless told otherwise: the one shipped with actorgraph.
SHIPPED = "shipped"

# How far a claim's confidence carries over once its modality is read: the cues for
# hedges and denials are fewer and vaguer than plain statements.
_MODALITY_CERTAINTY = {"asserted": 1.0, "hedged": 0.85, "negated": 0.9}

# Relation types whose object is a location: a country there is a place, not an agent.
_LOCATIVE = vocabulary().locative

# Kinds of body whose members speak for it when they criticize, ask or back someone.
_SPEAKING_FOR = frozenset({"Organization", "Company", "Media"})


@dataclass(slots=True)
class _Article:
    """An article being extracted: its actors and the relations read from it."""

    article: Article
    clusters: list[Cluster]
    found: list[tuple[Found, int, int]]  # relation, sentence start and end char


def _settle_kind(cluster: Cluster, found: list[Found]) -> str:
    """A country that acts is a Government; one that is only a location is a Place; so is
    an unknown name taken for a company that is only ever where someone is based."""
    if cluster.guessed:
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
    # "Beijing detained two Canadians": the subject of a clause acts, named ends or not
    acting = acting or any(m.subject for m in cluster.mentions)
    return "Government" if acting else "Place"


def _plural_referents(clusters: list[Cluster]) -> list[tuple[int, Cluster]]:
    """(token index, actor) of each actor a plural anaphor refers to ("they", "the
    companies": its last word is its head)."""
    return [(m.end - 1, c) for c in clusters for m in c.mentions if m.plural]


# How many pairings of the actors that several plural anaphors of one sentence stand for
# are read; beyond it each anaphor is read alone.
_MAX_READINGS = 64


def _readings(standing: dict[int, list[object]]) -> list[dict[int, object]]:
    """Each way to read the sentence's anaphors as one actor each: every pairing of the
    actors they stand for, or each anaphor alone when the pairings are too many."""
    if not standing:
        return []
    pairings = 1
    for actors in standing.values():
        pairings *= len(actors)
    if pairings > _MAX_READINGS:
        return [{at: actor} for at, actors in standing.items() for actor in actors]
    return [dict(zip(standing, chosen, strict=True)) for chosen in product(*standing.values())]


def trigger_words(lex: Lexicon) -> TriggerWords:
    """Every word that may introduce a relation type: the vocabulary's single-word verb and
    noun triggers, the nouns of its frames ("added to the Entity List") and its roles,
    then the compiled lexicon's verbs, nouns and verb-object frames (triggers.yaml)."""
    words: dict[str, dict[str, str]] = {}
    roles: dict[str, str] = {}
    frames: dict[str, dict[str, dict[str, str]]] = {}
    for relation in vocabulary().relations.values():
        triggers = relation.triggers
        listed = [*triggers.verbs, *triggers.nouns, *triggers.reversed]
        listed += [noun for frame in triggers.frames for noun in frame.nouns]
        for word in listed:  # a phrase ("work with", "crack down") is looked up as one
            words.setdefault(word, {}).setdefault(relation.name, "vocabulary")
        roles.update(dict.fromkeys(triggers.roles, relation.name))
    compiled = compiled_triggers()
    for group, source in (("verbs", "cameo"), ("nouns", "propbank")):
        for word, entry in compiled.get(group, {}).items():
            if " " not in word:
                for relation in entry["types"]:
                    words.setdefault(word, {}).setdefault(relation, source)
    for frame in compiled.get("frames", []):
        for relation in frame["types"]:
            nouns = frames.setdefault(frame["verb"], {}).setdefault(frame["noun"], {})
            nouns.setdefault(relation, "frame")
    return TriggerWords(
        words,
        roles,
        frames,
        places=_places(),
        reported={r.name: "report" for r in vocabulary().relations.values() if r.triggers.reported},
        reporting=lex.reporting_verbs,
        tone=lex.tone,
        owning=vocabulary().owning,
    )


def _places() -> dict[str, dict[str, str]]:
    """The relations of where a body is (their object is a place): all of them for "in",
    the one whose verb is "base" for "-based"."""
    vocab = vocabulary()
    located = [r for r in vocab.relations.values() if r.name in vocab.locative]
    return {
        "in": {r.name: "in" for r in located},
        "based": {r.name: "based" for r in located if "base" in r.triggers.verbs},
    }


_BODIES = frozenset({"GovernmentBody", "Organization"})
# Who a title before a name can name as the holder's body (any institution), and how many
# words it may have.
_MAX_TITLE_WORDS = 4
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'"})  # "Amnesty International's Secretary General"


def _named_ends(clusters: list[Cluster], kinds: Collection[str]) -> dict[int, Cluster]:
    """The actor of these kinds whose name (not an anaphor) ends at each token index."""
    return {m.end: c for c in clusters if c.kind in kinds for m in c.mentions if not m.anaphor}


def _bodies_as_titles(doc: Doc, clusters: list[Cluster]) -> list[Found]:
    """'Privacy Commissioner Jane Roe': a body named by its office, standing as the title
    right before a person's name, is the body the person is a member of."""
    body_ending = _named_ends(clusters, _BODIES)
    found = []
    for person in [c for c in clusters if c.kind == "Person"]:
        for mention in person.mentions:
            body = body_ending.get(mention.start)
            name = doc[mention.start : mention.end]
            if body is None or doc[mention.start - 1].head.i not in range(name.start, name.end):
                continue
            token = doc[mention.start]
            found.append(Found("MEMBER_OF", person, body, token, "asserted", 0.7))
    return found


def _titled_names(
    doc: Doc, clusters: list[Cluster], title_words: frozenset[str], posts: Iterable[str]
) -> list[Found]:
    """'Acme Chief Executive Officer Jane Roe' read from the words alone: a body (its
    possessive mark aside), then only title words, at least one of them a post, then a
    person's name. spaCy often parses
    such a run of capitalised words as a list, and the tree then links nothing."""
    body_ending = _named_ends(clusters, INSTITUTIONS)
    posts = frozenset(posts)
    found = []
    for person in [c for c in clusters if c.kind == "Person"]:
        for mention in person.mentions:
            for start in range(max(mention.start - _MAX_TITLE_WORDS, 0), mention.start):
                gap = doc[start : mention.start]
                body = body_ending.get(start)
                words = [t.lower_ for t in gap if t.lower_ not in _POSSESSIVE_MARKS]
                if body is None or body is person or not all(w in title_words for w in words):
                    continue
                if any(t.lemma_.lower() in posts for t in gap):
                    found.append(Found("MEMBER_OF", person, body, gap[-1], "asserted", 0.7))
    return found


class Extractor:
    """Actor and relation extraction over spaCy's parse; no network, no model service.

    Patterns and a trigger lexicon propose candidate relations (pairs.py); a learned
    model (relation_model.py) keeps those the text states. Without a model
    (``model=None``) the hand-written patterns alone decide.
    """

    def __init__(
        self, lex: Lexicon | None = None, model: RelationModel | str | None = SHIPPED
    ) -> None:
        self.lexicon = lex or lexicon()
        vocab = vocabulary()
        self.finder = RelationFinder(vocab, self.lexicon)
        self.triggers = trigger_words(self.lexicon)
        self.model = shipped_model() if model == SHIPPED else model
        scorer = "model" if self.model else "rules"
        self.name = f"actorgraph.{EXTRACTOR_VERSION}-{scorer}+{pipeline_name()}"

    def proposals(self, doc: Doc) -> tuple[list[Cluster], list[Proposal]]:
        """The article's actors and every candidate relation between them, each with its
        features and the pattern that read it, if one did (training reads these too)."""
        clusters = resolve(find_mentions(doc, self.lexicon))
        actor_at = {
            i: c
            for c in clusters
            for m in c.mentions
            if not m.plural
            for i in range(m.start, m.end)
        }

        def actor_of(token: Token) -> Cluster | None:
            return actor_at.get(token.i)

        by_sentence: dict[int, Proposals] = {}
        # the words that stand for other actors: plural anaphors, a document named again
        # ("The letter urged ...") for its authors, and "we" in a quotation
        documents = documents_named_again(doc, lambda t: self.finder.authors_of(t, actor_of))
        standing = _plural_referents(clusters) + documents
        reporting = self.lexicon.reporting_verbs
        speakers_of = self._speakers(actor_of, standing)
        quotations = list(quoted(doc, reporting, speakers_of))
        standing += first_person_speakers(doc, quotations, reporting, speakers_of)
        standing += addressees(doc, actor_of)
        told = story(doc, clusters, self.triggers)
        acts_again = acts_named_again(told)
        for sent in doc.sents:
            here = propose(sent, clusters, self.triggers)
            for found in self._read(sent, actor_at, standing) + self._stances_on_acts(
                sent, actor_at, acts_again
            ):
                add_rule(here, sent, found, self.triggers)
            by_sentence[sent.start] = here
        for found in self._memberships_from_titles(doc, clusters):
            sent = found.trigger.sent
            add_rule(by_sentence.setdefault(sent.start, {}), sent, found, self.triggers)
        for listed in enumerations(doc, actor_of, self.triggers):
            sent = listed.member.sent
            modality = modality_of(listed.trigger, self.lexicon)
            found = Found(listed.type, listed.subject, listed.object, listed.trigger, modality, 0.7)
            add_rule(by_sentence.setdefault(sent.start, {}), sent, found, self.triggers)
        for found in self._quotations(quotations, actor_of):
            sent = found.trigger.sent
            add_rule(by_sentence.setdefault(sent.start, {}), sent, found, self.triggers)
        for relation, doer, done, trigger in carried(told, self.triggers, self.lexicon):
            sent = trigger.sent
            found = Found(relation, doer, done, trigger, modality_of(trigger, self.lexicon), 0.6)
            add_rule(by_sentence.setdefault(sent.start, {}), sent, found, self.triggers)
        proposals = [p for here in by_sentence.values() for p in here.values()]
        add_support(proposals)
        return clusters, proposals

    def _read(
        self,
        sentence: Span,
        actor_at: dict[int, Cluster],
        standing: list[tuple[int, object]],
    ) -> list[Found]:
        """The patterns' readings of a sentence; one with a word standing for other actors
        (a plural anaphor: "they urged Acme", "asked the companies"; "we" in a quotation)
        is read again as each actor it stands for. Two such words in one sentence ("They
        asked the companies") are read in each pairing of theirs."""
        found = self.finder.find(sentence, lambda token: actor_at.get(token.i))
        seen = {(f.type, id(f.subject), id(f.object)) for f in found}
        here: dict[int, list[object]] = {}
        for at, actor in standing:
            if sentence.start <= at < sentence.end:
                here.setdefault(at, []).append(actor)
        for reading in _readings(here):

            def actor_of(token: Token, reading: dict[int, object] = reading) -> object | None:
                return reading.get(token.i) or actor_at.get(token.i)

            for found_here in self.finder.find(sentence, actor_of):
                key = (found_here.type, id(found_here.subject), id(found_here.object))
                if key not in seen:
                    seen.add(key)
                    found.append(found_here)
        return found

    def _stances_on_acts(
        self, sentence: Span, actor_at: dict[int, Cluster], acts: list[tuple[int, Cluster]]
    ) -> list[Found]:
        """Stances on an act told of before ("HRW condemned the arrest"): on its doer."""
        found = []
        for at, doer in acts:
            if not sentence.start <= at < sentence.end:
                continue

            def actor_of(token: Token, at: int = at, doer: Cluster = doer) -> object | None:
                return doer if token.i == at else actor_at.get(token.i)

            found += [
                f
                for f in self.finder.find(sentence, actor_of)
                if f.type in self.finder.stances and f.object is doer and f.subject is not doer
            ]
        return found

    def _speakers(
        self, actor_of: Callable[[Token], Cluster | None], standing: list[tuple[int, object]]
    ) -> Callable[[Token], list[object]]:
        """Who says what a reporting verb reports: its subjects, or those a subject stands
        for: the authors of a document named again ("'...,' the statement said"), the
        actors of a plural anaphor ("'...,' they said", "the groups said")."""
        authors: dict[int, list[object]] = {}
        for at, author in standing:
            authors.setdefault(at, []).append(author)

        def speakers(verb: Token) -> list[object]:
            found = self.finder.subjects(verb, actor_of)
            return found or [
                a for s in verb.children if s.dep_ == "nsubj" for a in authors.get(s.i, [])
            ]

        return speakers

    def _quotations(
        self,
        quotations: list[tuple[Span, list[object]]],
        actor_of: Callable[[Token], Cluster | None],
    ) -> list[Found]:
        """What the sentences of a quotation say, as said by its speaker named in another."""
        return [
            found
            for sentence, speakers in quotations
            for found in self.finder.from_quotation(sentence, speakers, actor_of)
        ]

    def _decide(self, proposals: list[Proposal]) -> list[tuple[Found, int, int]]:
        """The proposals that become claims: those the model accepts (or the patterns read,
        without a model), with their modality and the model's confidence."""
        found = []
        rivals = self._rival_statements(proposals) if self.model else set()
        for proposal in proposals:
            if id(proposal) in rivals:
                continue
            if self.model is None:
                if proposal.rule is None:
                    continue
                decided: Found = proposal.rule  # type: ignore[assignment]
            else:
                confidence = self.model.probability(proposal.features)
                if confidence < self.model.threshold and proposal.rule is None:
                    continue
                decided = self._found(proposal, confidence)
            found.append((decided, proposal.sentence.start_char, proposal.sentence.end_char))
        return found

    def _rival_statements(self, proposals: list[Proposal]) -> set[int]:
        """A statement that criticises, asks or supports says one of these of its target:
        of the readings one sentence gives a pair, all but the likeliest (pattern readings
        stand)."""
        reported = self.triggers.reported
        best: dict[tuple[int, int, int], tuple[float, int]] = {}
        for p in proposals:
            if p.type in reported and p.rule is None:
                key = (p.sentence.start, id(p.subject), id(p.object))
                score = self.model.probability(p.features)  # type: ignore[union-attr]
                if key not in best or score > best[key][0]:
                    best[key] = (score, id(p))
        keep = {i for _, i in best.values()}
        return {
            id(p) for p in proposals if p.type in reported and p.rule is None and id(p) not in keep
        }

    def _found(self, proposal: Proposal, confidence: float) -> Found:
        if proposal.rule is not None:
            modality = proposal.rule.modality
        else:
            trigger = proposal.trigger
            ceased = proposal.type == "STOPPED_SUPPLYING"
            modality = modality_of(trigger, self.lexicon, ceased=ceased) if trigger else "asserted"
        return Found(
            proposal.type,
            proposal.subject,
            proposal.object,
            proposal.trigger,  # type: ignore[arg-type]
            modality,
            round(confidence, 3),
        )

    def extraction(
        self, article: Article, clusters: list[Cluster], proposals: list[Proposal]
    ) -> Extraction:
        """The Extraction of an article whose proposals are made: the claims this
        extractor's model (or its patterns) keeps (training scores models this way)."""
        decided = self._decide(proposals)
        return self._records(_Article(article, clusters, decided + self._spoken_for(decided)))

    def _spoken_for(self, decided: list[tuple[Found, int, int]]) -> list[tuple[Found, int, int]]:
        """What a person says for the one group or firm they belong to ("said Jane Roe, a
        researcher at HRW"): HRW says it too. A state's officials speak for themselves."""
        bodies: dict[int, list[object]] = {}
        for found, _, _ in decided:
            if found.type == "MEMBER_OF" and kind_of(found.object) in _SPEAKING_FOR:
                held = bodies.setdefault(id(found.subject), [])
                if found.object not in held:
                    held.append(found.object)
        return [
            (replace(found, subject=held[0]), start, end)
            for found, start, end in decided
            if found.type in self.triggers.reported
            and kind_of(found.subject) == "Person"
            and len(held := bodies.get(id(found.subject), [])) == 1
            and held[0] is not found.object
        ]

    def _memberships_from_titles(self, doc: Doc, clusters: list[Cluster]) -> list[Found]:
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
                found.append(Found("MEMBER_OF", person, body, token, "asserted", 0.7))
        titled = _titled_names(doc, clusters, self.lexicon.title_words, self.triggers.roles)
        return (
            found
            + _bodies_as_titles(doc, clusters)
            + titled
            + memberships_of_units(doc, clusters, self.lexicon)
        )

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
        return self.extraction(article, *self.proposals(parse(article.text)))

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Extraction]:
        """Extractions for many articles, parsed in batches (faster than one at a time)."""
        items = list(articles) if not isinstance(articles, list) else articles
        docs = parse_many((a.text for a in items), batch_size=batch_size)
        for article, doc in zip(items, docs, strict=True):
            yield self.extraction(article, *self.proposals(doc))
