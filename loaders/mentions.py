"""Find the actors an article mentions, and resolve mentions to one actor each.

Mentions come from three places: spaCy's named entities, noun phrases whose
head noun names a body ("Xinjiang police", "the Chinese regime"), and words that
refer back ("the company", "the senator", "it"). Resolution then groups them:
the same name, a shorter form of a name ("Thermo Fisher", "Rubio"), an acronym
("HRW"), a gazetteer alias ("Beijing" for China), or the nearest earlier actor
of the right kind for a description or pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.lexicon import KnownActor, Lexicon
from actorgraph.schema import name_key

# spaCy entity labels that can name an actor, with the kind they suggest.
_ENTITY_KINDS = {
    "PERSON": "Person",
    "ORG": "Company",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
_ACTING_KINDS = ("Government", "GovernmentBody")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


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
    subject: bool = False  # the grammatical subject of its clause
    sentence: int = 0  # the index of its sentence's first token


@dataclass(slots=True)
class Cluster:
    """One actor of the article: its mentions, canonical name and kind."""

    name: str
    kind: str
    known: KnownActor | None
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return name_key(self.name)


def _strip_determiner(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_ in _DETERMINERS:
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _kind_from_heads(words: list[str], lexicon: Lexicon, default: str) -> str:
    """The kind a name's words point to: its last word first, then any other word."""
    for word in [words[-1], *reversed(words[:-1])]:
        kind = lexicon.heads.get(word.lower().rstrip("."))
        if kind:
            return kind
    return default


def _whole_name(span: Span) -> Span:
    """Grow an entity to the whole proper name it is part of: spaCy often tags 'Thermo Fisher' of
    'Thermo Fisher Scientific', or 'the Congressional-Executive Commission' without 'on China'."""
    doc = span.doc
    while (
        span.root.dep_ == "compound"
        and span.root.head.i == span.end
        and span.root.head.pos_ == "PROPN"
    ):
        span = doc[span.start : span.end + 1]
    root = span.root
    for prep in root.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.i == span.end and prep.lower_ in ("on", "of", "for") and objects:
            obj = objects[0]
            if obj.pos_ == "PROPN" and obj.right_edge.i == obj.i:
                span = doc[span.start : obj.i + 1]
    return span


def _named(span: Span, label: str, lexicon: Lexicon) -> Mention | None:
    """A mention for a proper name of a given entity label, kind from gazetteer or words."""
    span = _strip_determiner(span)
    name = span.text.strip()
    if not name or not any(ch.isalpha() for ch in name):
        return None
    known = lexicon.known_actor(name)
    if known:
        return Mention(span.start, span.end, name, known.kind, known)
    if lexicon.is_term(name):
        return None
    if label in ("GPE", "NORP") and span.root.tag_ == "NNPS":
        return Mention(span.start, span.end, name, "Group")  # "Kazakhs", "Uyghurs"
    if label == "NORP":
        # A plural group noun ("Uyghurs", "Kazakhs"); a demonym adjective is no actor.
        plural = span.root.tag_ in ("NNPS", "NNS") or (
            span.root.tag_ == "NNP" and name.endswith("s")
        )
        return Mention(span.start, span.end, name, "Group") if plural else None
    base = _ENTITY_KINDS.get(label)
    if base is None:
        return None
    if label == "ORG":
        base = _kind_from_heads([t.text for t in span], lexicon, "Company")
    return Mention(span.start, span.end, name, base)


def _entity_mention(ent: Span, lexicon: Lexicon) -> Mention | None:
    span = _whole_name(ent) if ent.label_ in ("ORG", "PERSON", "FAC", "GPE") else ent
    label = (
        "ORG"
        if (span.start, span.end) != (ent.start, ent.end) and ent.label_ in ("FAC", "GPE")
        else ent.label_
    )
    return _named(span, label, lexicon)


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "poss"})


def _title_case(sentence: Span) -> bool:
    """A headline: no closing full stop and most words capitalised, so capitals say nothing."""
    ending = [t for t in sentence if not t.is_space]
    if ending and ending[-1].text in (".", "!", "?", '"', "\u201d"):
        return False
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.6


def _unlabelled_name(token: Token, lexicon: Lexicon) -> Mention | None:
    """A proper noun in an argument position that spaCy gave no entity label: 'banned Hikvision'.

    In news about companies and states such a name is most often a company, unless a
    person noun stands beside it ('lawyer Shashi Nathan'). Capitals in a headline, and a
    capital opening a sentence, are no evidence of a name.
    """
    if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ not in _ARGUMENTS:
        return None
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    start = min((c.i for c in parts), default=token.i)
    span = token.doc[start : token.i + 1]
    if any(t.ent_type_ for t in span) or not token.text[:1].isupper():
        return None
    if (len(span) == 1 and span.start == token.sent.start) or _title_case(token.sent):
        return None
    if lexicon.is_term(span.text):
        return None
    nouns = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    nouns += [token.head] if token.dep_ == "appos" else []
    if any(lexicon.anaphors.get(n.lemma_.lower()) == "Person" for n in nouns):
        return _named(span, "PERSON", lexicon)
    return _named(span, "ORG", lexicon)


def _title_before(doc: Doc, start: int, lexicon: Lexicon) -> str | None:
    if start > 0 and doc[start - 1].lower_ in lexicon.titles:
        return doc[start - 1].lower_
    return None


def _body_phrase(token: Token, lexicon: Lexicon) -> Mention | None:
    """A noun phrase headed by a body noun and naming its state or place: 'Xinjiang police',
    'police in Xinjiang', 'the Chinese regime'."""
    kind = lexicon.heads.get(token.lower_) or lexicon.heads.get(token.lemma_.lower())
    if kind not in _ACTING_KINDS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
    naming = [m for m in modifiers if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP")]
    doc = token.doc
    if naming:
        span = doc[min(m.left_edge.i for m in naming) : token.i + 1]
        name = span.text
    else:
        places = [
            o
            for p in token.rights
            if p.dep_ == "prep" and p.lower_ == "in" and p.i == token.i + 1
            for o in p.children
            if o.dep_ == "pobj" and o.ent_type_ == "GPE" and o.i == p.i + 1
        ]
        if not places or kind != "GovernmentBody":
            return None
        span = doc[token.i : places[0].i + 1]
        name = f"{places[0].text} {token.text}"
    if any(t.tag_ == "POS" for t in span):
        return None
    if kind == "Government":
        # "the Chinese regime", "the Russian government": the state itself.
        for modifier in naming:
            known = lexicon.known_actor(modifier.text)
            if known and known.kind == "Government":
                return Mention(span.start, span.end, span.text, "Government", known)
        return None
    return Mention(span.start, span.end, name, kind, lexicon.known_actor(name))


def _anaphor(token: Token, lexicon: Lexicon) -> Mention | None:
    lower = token.lower_
    if token.pos_ == "PRON" and lower in lexicon.pronouns:
        if lower == "it" and token.dep_ not in ("nsubj", "nsubjpass"):
            return None  # an object "it" is more often a thing than an actor
        return Mention(token.i, token.i + 1, token.text, "", anaphor=lexicon.pronouns[lower])
    kind = lexicon.anaphors.get(token.lemma_.lower())
    if kind and token.pos_ == "NOUN" and token.tag_ == "NN":
        left = list(token.lefts)
        if left and left[0].lower_ == "the" and all(t.pos_ in ("DET", "ADJ") for t in left):
            return Mention(left[0].i, token.i + 1, f"the {token.lower_}", "", anaphor=(kind,))
    return None


def _repeated_names(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Every other place a found name is written: a name spaCy tagged once is a name
    everywhere ('Hikvision has collaborated ...' opening a sentence is the same Hikvision)."""
    names = {
        tuple(t.text for t in doc[m.start : m.end]): m
        for m in found
        if not m.anaphor and any(ch.isupper() for ch in m.name)
    }
    longest = max((len(n) for n in names), default=0)
    repeats = []
    for i in range(len(doc)):
        for size in range(min(longest, len(doc) - i), 0, -1):
            mention = names.get(tuple(t.text for t in doc[i : i + size]))
            if mention and (mention.start, mention.end) != (i, i + size):
                span = _whole_name(doc[i : i + size])
                name = mention.name if len(span) == size else span.text
                repeats.append(Mention(span.start, span.end, name, mention.kind, mention.known))
                break
    return repeats


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Every mention in the document, in text order, without overlaps (longer wins)."""
    found: list[Mention] = []
    for ent in doc.ents:
        mention = _entity_mention(ent, lexicon)
        if mention:
            mention.title = _title_before(doc, mention.start, lexicon)
            found.append(mention)
    for token in doc:
        mention = (
            _body_phrase(token, lexicon)
            or _unlabelled_name(token, lexicon)
            or _anaphor(token, lexicon)
        )
        if mention:
            found.append(mention)
    found += _repeated_names(doc, found)
    for mention in found:
        root = doc[mention.start : mention.end].root
        mention.subject = root.dep_ in ("nsubj", "nsubjpass")
        mention.sentence = root.sent.start
    kept: list[Mention] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: -(m.end - m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    return sorted(kept, key=lambda m: m.start)


def _acronym(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _is_short_form(short: str, long: str, kind: str) -> bool:
    """'Thermo Fisher' of 'Thermo Fisher Scientific', 'Rubio' of 'Marco Rubio', 'HRW'."""
    s, l_ = short.split(), long.split()
    if not s or len(s) >= len(l_):
        return False
    if kind == "Person":
        return s == l_[-len(s) :] or (s == l_[: len(s)] and len(s) > 1)
    return l_[: len(s)] == s


def _compatible(kind: str, other: str) -> bool:
    return kind == other or {kind, other} <= {"Company", "Organization", "GovernmentBody", "Media"}


def _is_acronym(short: str, names: list[str]) -> bool:
    """'HRW' of 'Human Rights Watch', 'NSN' of 'Nokia Siemens Networks'."""
    letters = short.replace(".", "")
    return letters.isupper() and len(letters) > 1 and any(_acronym(n) == letters for n in names)


def _find_cluster(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    key = name_key(mention.known.name if mention.known else mention.name)
    for cluster in clusters:
        if key == cluster.key or key in (name_key(n) for n in cluster.names):
            return cluster
    for cluster in clusters:
        person_surname = cluster.kind == "Person" and not mention.known
        if not (person_surname or _compatible(mention.kind, cluster.kind)):
            continue
        if _is_short_form(key, cluster.key, cluster.kind):
            return cluster
        if _is_short_form(cluster.key, key, mention.kind):
            return cluster
        if _is_acronym(mention.name, [cluster.name, *cluster.names]):
            return cluster
    return None


def _antecedent(anaphor: Mention, earlier: list[tuple[Mention, Cluster]]) -> Cluster | None:
    """The actor an anaphor refers to: for a subject, the latest subject of its kinds in this
    or the previous sentence ('The Treasury sanctioned the firm ... It accused the firm');
    otherwise the nearest earlier actor of its kinds."""
    fitting = [(m, c) for m, c in earlier if c.kind in anaphor.anaphor]
    if anaphor.subject:
        sentences = sorted({m.sentence for m, _ in fitting if m.sentence < anaphor.sentence})
        window = {anaphor.sentence, *sentences[-1:]}
        for mention, cluster in reversed(fitting):
            if mention.subject and mention.sentence in window and mention.start < anaphor.start:
                return cluster
    return fitting[-1][1] if fitting else None


def _cluster_names(mentions: list[Mention]) -> dict[int, Cluster]:
    """Cluster the name mentions, fullest names first so that 'Rubio' finds 'Marco Rubio'
    wherever it stands; returns the cluster of each mention (by index)."""
    clusters: list[Cluster] = []
    of: dict[int, Cluster] = {}
    order = sorted(
        (i for i, m in enumerate(mentions) if not m.anaphor),
        key=lambda i: (-(mentions[i].end - mentions[i].start), i),
    )
    for i in order:
        mention = mentions[i]
        cluster = _find_cluster(mention, clusters)
        if cluster is None:
            known = mention.known
            cluster = Cluster(known.name if known else mention.name, mention.kind, known)
            clusters.append(cluster)
        if mention.name not in cluster.names:
            cluster.names.append(mention.name)
        of[i] = cluster
    return of


def resolve(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into actors; an anaphor joins the nearest earlier actor of its kinds."""
    named = _cluster_names(mentions)
    clusters: list[Cluster] = []
    earlier: list[tuple[Mention, Cluster]] = []  # resolved mentions in text order
    for i, mention in enumerate(mentions):
        cluster = named.get(i) or _antecedent(mention, earlier)
        if cluster is None:
            continue
        if cluster not in clusters:
            clusters.append(cluster)
        if mention.title:
            cluster.titles.add(mention.title)
        cluster.mentions.append(mention)
        earlier.append((mention, cluster))
    return clusters
