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
_GROUP_NOUNS = frozenset({"majority", "minority", "population", "community", "people", "diaspora"})
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
    role_of: str | None = None  # "Commerce" of "Commerce Secretary Wilbur Ross"
    guessed: bool = False  # no word said its kind (an unknown name taken for a company)
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
    votes: list[str] = field(default_factory=list)  # the kind each name mention suggests

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
    label = span.root.ent_type_
    while span.root.dep_ == "compound" and span.root.head.pos_ == "PROPN":
        head = span.root.head
        grown = doc[span.end : head.i + 1]
        if head.i < span.end or any(t.pos_ != "PROPN" or t.dep_ != "compound" for t in grown[:-1]):
            break  # 'Aung San' of 'Aung San Suu Kyi' grows over 'Suu' to 'Kyi'
        leans_on_other = head.dep_ == "compound" and head.head.ent_type_ not in ("", label)
        if leans_on_other or any(t.ent_type_ and t.ent_type_ != label for t in grown):
            break  # 'Commerce' stops before 'Secretary Wilbur Ross', another entity
        span = doc[span.start : head.i + 1]
    root = span.root
    for prep in root.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.i == span.end and prep.lower_ in ("on", "of", "for") and objects:
            obj = objects[0]
            if obj.pos_ == "PROPN" and obj.right_edge.i == obj.i:
                span = doc[span.start : obj.i + 1]
    return span


def _noun_beside(root: Token, lexicon: Lexicon) -> str | None:
    """The kind a common noun beside a name gives it: 'lawyer Shashi Nathan', 'a Myanmar
    national Tun Min Latt', 'the firm Zorvex', 'DeepSeek, the Chinese company'. Only
    lowercase words count: 'Executive' in 'Congressional-Executive Commission' is a name."""
    beside = [c for c in root.lefts if c.dep_ in ("compound", "amod")]
    beside += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    for word in beside:
        kind = lexicon.anaphors.get(word.lemma_.lower())
        if kind and word.text.islower() and word.pos_ in ("NOUN", "ADJ"):
            return kind
    return None


def _locative(span: Span) -> bool:
    """The name is where something is: 'in Beijing', 'Tehran-based', 'Moscow's suburbs'."""
    root, doc = span.root, span.doc
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ == "based":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "outside", "from")


def _in_container(root: Token) -> bool:
    """'the northern state of Kachin', 'the region of Xinjiang': the name is a place."""
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lemma_.lower() in ("state", "region", "province", "city", "village", "town")
    )


def _named(span: Span, label: str, lexicon: Lexicon) -> Mention | None:
    """A mention for a proper name of a given entity label, kind from gazetteer or words."""
    span = _strip_determiner(span)
    name = span.text.strip()
    if not name or not any(ch.isalpha() for ch in name):
        return None
    root = span.root
    if label == "NORP" and root.dep_ in ("amod", "compound", "nmod"):
        head = root.head
        if head.lemma_.lower() in _GROUP_NOUNS:  # "the Han Chinese majority", "Muslim minorities"
            start = span.start
            while start > 0 and span.doc[start - 1].ent_type_ == "NORP":
                start -= 1  # "Han" of "Han Chinese"
            group = span.doc[start : head.i + 1]
            return Mention(group.start, group.end, group.text, "Group")
        return None  # a demonym adjective ('the German Siemens') is no actor
    known = lexicon.known_actor(name)
    if known and known.is_capital(name) and _locative(span):
        return Mention(span.start, span.end, name, "Place")  # the city, not its government
    if known:
        return Mention(span.start, span.end, name, known.kind, known)
    if lexicon.is_term(name):
        return None
    if label in ("GPE", "NORP") and root.tag_ in ("NNPS", "NNS"):
        return Mention(span.start, span.end, name, "Group")  # "Kazakhs", "Uyghurs"
    if label == "NORP":
        return Mention(span.start, span.end, name, "Group")  # "Han Chinese", "Muslims"
    if _in_container(root):
        return Mention(span.start, span.end, name, "Place")
    beside = _noun_beside(root, lexicon) if label in ("ORG", "PERSON") else None
    if beside:
        return Mention(span.start, span.end, name, beside)
    base = _ENTITY_KINDS.get(label)
    if base is None:
        return None
    if label == "ORG":
        heads = _kind_from_heads([t.text for t in span], lexicon, "")
        # no word says what it is: the kind is a guess, which a locative role may correct
        return Mention(span.start, span.end, name, heads or "Company", guessed=not heads)
    if len(span) > 1:  # 'Thalestris Limited' tagged a person, 'Citizen Lab' too
        base = lexicon.heads.get(span[-1].lower_.rstrip("."), base)
    return Mention(span.start, span.end, name, base)


def _split(span: Span, cuts: list[int]) -> list[Span]:
    """The named parts of ``span`` between the cut tokens."""
    pieces, start = [], span.start
    for cut in [*cuts, span.end]:
        if cut > start:
            pieces.append(span.doc[start:cut])
        start = cut + 1
    return [p for p in pieces if any(t.pos_ == "PROPN" for t in p)]


def _entity_pieces(ent: Span) -> list[Span]:
    """An entity split where spaCy ran names together: 'the U.S. Treasury's Office of Foreign
    Assets' (a possessor and what it owns) and lists ('Dell, Super Micro and HP'). An 'and'
    without a list is part of the name: 'Bureau of Industry and Security'."""
    owned = _split(ent, [t.i for t in ent if t.tag_ == "POS"])
    pieces = []
    for part in owned or [ent]:
        commas = [t.i for t in part if t.text == ","]
        ands = [t.i for t in part if t.lower_ in ("and", "or") and t.i > part.start]
        listed = _split(part, sorted(commas + ands)) if commas else []
        pieces += listed if len(listed) > 1 else [part]
    return pieces


def _person_after_title(ent: Span, lexicon: Lexicon) -> tuple[Span, Token | None, str | None]:
    """'Commerce Secretary Wilbur Ross' -> ('Wilbur Ross', 'Secretary', 'Commerce'): spaCy often
    takes a title, and the body it names, into a person's name."""
    titles = [
        t
        for t in ent[:-1]
        if lexicon.anaphors.get(t.lower_.rstrip(".")) == "Person" or t.lower_ in lexicon.titles
    ]
    if not titles:
        return ent, None, None
    title = titles[-1]
    before = _strip_determiner(ent.doc[ent.start : title.i]) if title.i > ent.start else None
    role_of = before.text if before is not None and before.text.lower() != "the" else None
    return ent.doc[title.i + 1 : ent.end], title, role_of


def _entity_mentions(ent: Span, lexicon: Lexicon) -> list[Mention]:
    """The mentions an entity holds: one, or one per name spaCy ran together."""
    if ent.label_ == "PERSON":
        person, title, role_of = _person_after_title(ent, lexicon)
        mention = _named(person, "PERSON", lexicon) if title is not None else None
        if mention:
            mention.title = title.lower_ if title.lower_ in lexicon.titles else None
            mention.role_of = role_of
            return [mention]
    found = []
    for piece in _entity_pieces(ent):
        span = _whole_name(piece) if ent.label_ in ("ORG", "PERSON", "FAC", "GPE") else piece
        grown = (span.start, span.end) != (piece.start, piece.end)
        label = "ORG" if grown and ent.label_ in ("FAC", "GPE") else ent.label_
        mention = _named(span, label, lexicon)
        if mention:
            found.append(mention)
    return found


# Labels spaCy gives actors' names by mistake ("DeepSeek" as a LAW); dates never are.
_THING_LABELS = frozenset({"LAW", "PRODUCT", "WORK_OF_ART", "EVENT"})
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
    # "Hikvision cameras", "Huawei equipment": a maker's name on its goods
    names_a_thing = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.goods
    if token.pos_ != "PROPN" or not (token.dep_ in _ARGUMENTS or names_a_thing):
        return None
    if token.ent_type_ and token.ent_type_ not in _THING_LABELS:
        return None
    parts = [
        c
        for c in token.lefts
        if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_ and c.text[:1].isupper()
    ]  # 'the Finnish Nokia': a demonym is no part of the name; nor a lowercase word
    start = min((c.i for c in parts), default=token.i)
    span = token.doc[start : token.i + 1]
    if any(t.ent_type_ and t.ent_type_ not in _THING_LABELS for t in span):
        return None
    if not token.text[:1].isupper():
        return None
    if (len(span) == 1 and span.start == token.sent.start) or _title_case(token.sent):
        return None
    if lexicon.is_term(span.text):
        return None
    return _named(span, "ORG", lexicon)


def _title_before(doc: Doc, start: int, lexicon: Lexicon) -> str | None:
    if start > 0 and doc[start - 1].lower_ in lexicon.titles:
        return doc[start - 1].lower_
    return None


def _role_before(doc: Doc, mention: Mention, lexicon: Lexicon) -> str | None:
    """'Commerce Secretary Wilbur Ross': the body named before a person's title."""
    if mention.start < 2:
        return None
    title = doc[mention.start - 1]
    if lexicon.anaphors.get(title.lemma_.lower()) != "Person" or not title.text[:1].isupper():
        return None
    body = next((e for e in doc.ents if e.end == title.i and e.label_ in ("ORG", "GPE")), None)
    return _strip_determiner(body).text if body is not None else None


def _body_phrase(token: Token, lexicon: Lexicon) -> Mention | None:
    """A noun phrase headed by a body noun and naming its state or place: 'Xinjiang police',
    'police in Xinjiang', 'the parliament of Ruritania', 'the Chinese regime'."""
    kind = lexicon.heads.get(token.lower_) or lexicon.heads.get(token.lemma_.lower())
    if kind not in _ACTING_KINDS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    naming = [m for m in modifiers if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP")]
    doc = token.doc
    if naming:
        span = doc[min(m.left_edge.i for m in naming) : token.i + 1]
        name = span.text
    else:
        places = [
            o
            for p in token.rights
            if p.dep_ == "prep" and p.lower_ in ("in", "of") and p.i == token.i + 1
            for o in p.children
            if o.dep_ == "pobj" and o.ent_type_ == "GPE" and o.i == p.i + 1
        ]
        if not places or kind != "GovernmentBody":
            return None
        span = doc[token.i : places[0].i + 1]
        of = doc[token.i + 1].lower_ == "of"  # "the parliament of Ruritania" is its name
        name = span.text if of else f"{places[0].text} {token.text}"
    possessors = [m for m in naming if m.dep_ == "poss"]
    if any(m.ent_type_ != "GPE" for m in possessors):
        return None  # "Rubio's office" names no body; "Myanmar's military junta" does
    if kind == "Government":
        # "the Chinese regime", "the Russian government": the state itself.
        for modifier in naming:
            known = lexicon.known_actor(modifier.text)
            if known and known.kind == "Government":
                return Mention(span.start, span.end, span.text, "Government", known)
        # "the Trump administration": a government named for its leader.
        if token.lemma_.lower() == "administration" and any(
            m.ent_type_ == "PERSON" or (m.pos_ == "PROPN" and not m.ent_type_) for m in naming
        ):
            return Mention(span.start, span.end, span.text, "Government")
        return None
    return Mention(span.start, span.end, name, kind, lexicon.known_actor(name))


def _anaphor(token: Token, lexicon: Lexicon) -> Mention | None:
    lower = token.lower_
    if token.pos_ == "PRON" and lower in lexicon.pronouns:
        if lower == "it" and token.dep_ not in ("nsubj", "nsubjpass"):
            return None  # an object "it" is more often a thing than an actor
        return Mention(token.i, token.i + 1, token.text, "", anaphor=lexicon.pronouns[lower])
    kind = lexicon.anaphors.get(token.lemma_.lower())
    # ("the military" as a subject is often tagged an adjective)
    nominal = token.tag_ == "NN" or (token.pos_ == "ADJ" and token.dep_ in _ARGUMENTS)
    if kind and nominal:
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


def _known_prefix(doc: Doc, mention: Mention, lexicon: Lexicon) -> Mention | None:
    """The well-known actor a run-together headline name starts with ('U.S. Sanctions ...')."""
    for end in range(mention.end - 1, mention.start, -1):
        known = lexicon.known_actor(doc[mention.start : end].text)
        if known:
            return Mention(mention.start, end, doc[mention.start : end].text, known.kind, known)
    return None


def _drop_headline_only(doc: Doc, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A headline capitalises every word, so an unknown name seen only in headlines
    ('US Company to Stop Sales of Genetic Tech') is no evidence of an actor; a well-known
    actor at its start still is."""
    headline = {s.start for s in doc.sents if _title_case(s)}

    def in_headline(m: Mention) -> bool:
        return doc[m.start].sent.start in headline

    elsewhere = {name_key(m.name) for m in found if not in_headline(m)}
    kept = []
    for m in found:
        # "Xinjiang police" in a headline: the noun, not the capitals, says it is a body
        body = lexicon.heads.get(doc[m.end - 1].lemma_.lower()) in _ACTING_KINDS
        if m.anaphor or m.known or body or not in_headline(m) or name_key(m.name) in elsewhere:
            kept.append(m)
        elif prefix := _known_prefix(doc, m, lexicon):
            kept.append(prefix)
    return kept


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Every mention in the document, in text order, without overlaps (longer wins)."""
    found: list[Mention] = []
    for ent in doc.ents:
        for mention in _entity_mentions(ent, lexicon):
            mention.title = mention.title or _title_before(doc, mention.start, lexicon)
            if mention.kind == "Person":
                mention.role_of = mention.role_of or _role_before(doc, mention, lexicon)
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
    found = _drop_headline_only(doc, found, lexicon)
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
    if kind == "Person":  # 'Rubio' of 'Marco Rubio'; 'Li' of 'Li Ming' (family name first)
        return s == l_[-len(s) :] or s == l_[: len(s)]
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
    if mention.known:
        return None  # a well-known actor is itself, not a short form of another name
    for cluster in clusters:
        if _is_acronym(mention.name, [cluster.name, *cluster.names]):
            return cluster  # whatever label spaCy gave the acronym
        person_surname = cluster.kind == "Person" and not mention.known
        if not (person_surname or _compatible(mention.kind, cluster.kind)):
            continue
        if _is_short_form(key, cluster.key, cluster.kind):
            return cluster
        if _is_short_form(cluster.key, key, mention.kind):
            return cluster
    return None


def _antecedent(anaphor: Mention, earlier: list[tuple[Mention, Cluster]]) -> Cluster | None:
    """The actor an anaphor refers to: for a subject, the latest subject of its kinds in this
    or the previous sentence ('The Treasury sanctioned the firm ... It accused the firm');
    otherwise the nearest earlier actor of its kinds."""
    fitting = [(m, c) for m, c in earlier if c.kind in anaphor.anaphor]
    noun = anaphor.name.split()[-1].lower()
    if anaphor.name.lower().startswith("the "):  # "the military": 'Myanmar's military junta'
        named = [c for _, c in fitting if noun in " ".join([c.name, *c.names]).lower().split()]
        if named:
            return named[-1]
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
        if not mention.name.replace(".", "").isupper():  # an acronym says nothing of its kind
            cluster.votes.append(mention.kind)
        of[i] = cluster
    for cluster in clusters:
        if not cluster.known:  # spaCy's label for one mention can be wrong; most mentions agree
            votes = cluster.votes or [cluster.kind]
            cluster.kind = max(dict.fromkeys(votes), key=votes.count)
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
