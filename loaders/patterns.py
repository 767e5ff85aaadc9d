"""Relation patterns over the dependency tree, generated from the vocabulary's triggers.

A trigger word (a verb, a noun, or a verb-noun frame) says which relation type a
clause expresses and where its object actor sits; general English grammar says
where its subject is: the grammatical subject, the agent of a passive, the
controller of an infinitive ("urged Commerce to ban" -> Commerce bans), the noun
a relative clause hangs on, the possessor or "by"/"from" phrase of a noun.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.modality import kept_from, modality_of
from actorgraph.loaders.names import listed_through_titles
from actorgraph.loaders.pairs import INSTITUTIONS
from actorgraph.loaders.readings import Found
from actorgraph.loaders.stances import StanceReadings
from actorgraph.loaders.syntax import (
    AIMING,
    DOCUMENTS,
    LEADING,
    RELATIVE,
    SUBJECTS,
    ActorOf,
    agents,
    children,
    conjuncts,
    doers_of,
    is_passive,
    kind_of,
    possessors,
    prep_objects,
)
from actorgraph.schema import Vocabulary

_CLAUSE_LINKS = ("conj", "advcl", "pcomp", "xcomp", "ccomp", "relcl", "acl")
# Nouns for an area that stand for the place they name ("the region of Xinjiang").
_CONTAINERS = frozenset(
    [
        "region",
        "province",
        "city",
        "area",
        "country",
        "state",
        "territory",
        "town",
        "district",
        "capital",
        "island",
        "government",  # "the government of Egypt" is Egypt's
    ]
)
# Bodies whose units are named "X at Y" ("the Citizen Lab at the University of Toronto").
_BODIES_WITH_UNITS = frozenset({"Company", "Organization", "GovernmentBody"})
# Words that make an actor named beside them a member of the body that names them ("NATO
# ally Turkey", "EU member state Poland").
_MEMBERSHIP_WORDS = frozenset({"member", "ally", "signatory"})
# Nouns for a part of a body, which stand for the body that owns them ("Human Rights
# Watch's China division"), not for the place or topic that names them.
_UNITS = frozenset(
    {"division", "unit", "department", "office", "bureau", "team", "program", "programme"}
    | {"desk", "branch", "arm", "wing", "section", "board"}
)
# A firm's noun with a state before it ("the US software maker") is a firm of that state,
# not the state.
_FIRMS = frozenset({"Company", "Organization", "Media"})
_STATES = frozenset({"Government", "Place"})


# Nouns for a state's rule, whose plural "of" lists the states ("the governments of A and B").
_GOVERNING = frozenset({"government", "authority", "regime"})
# Prepositions by which a post's noun names its body.
_POST_PREPS = frozenset({"of", "at", "for"})
# Verbs that sell, and nouns for a business or a part of one that is sold ("sold its
# Myanmar unit to M1 Group": a change of owner, no supply).
_SELLING = frozenset({"sell", "divest"})
_BUSINESSES = frozenset(
    {"unit", "stake", "business", "subsidiary", "division", "operation", "operations"}
    | {"company", "firm", "shares", "share", "assets", "holding", "holdings"}
)
# Verbs that close a presence ("shut down its operation in China"): no presence is told.
_CLOSING = frozenset({"shut", "close", "wind", "dismantle"})
# Nouns for a share of what is owned ("Acme is majority owned by X", parsed as a noun).
_SHARES = frozenset({"majority", "part", "half", "partly", "wholly", "jointly"})
# Nouns for those who act for a body, whose "by" is the body's ("arrested by agents of the
# FBI").
_AGENTS_OF = frozenset({"agent", "officer", "official", "member", "employee", "personnel"})
# Verbs by which a firm gets money, and the rounds it gets it in ("raised $40 million in a
# funding round led by X").
_RAISING = frozenset({"raise", "secure", "receive", "get", "attract", "land", "close"})
_ROUNDS = frozenset({"round", "investment", "financing"})


def _money(noun: Token) -> bool:
    """A sum of money: '$40 million', '2 billion yuan' (spaCy's MONEY), 'funding'."""
    return noun.ent_type_ == "MONEY" or noun.lemma_.lower() in ("funding", "financing")


# Nouns for goods in trade, whose source a ban or a seizure stops ("imports from Acme").
_TRADE = frozenset(
    {"import", "imports", "export", "exports", "shipment", "sale", "cargo", "consignment"}
    | {"product", "good", "goods", "panel", "glove", "garment", "apparel", "textile"}
)
# Nouns for a batch of acts, which stand for the acts ("a new package of sanctions", "the
# second round of sanctions").
_COLLECTIONS = frozenset(
    {"package", "round", "set", "wave", "raft", "series", "slew", "batch", "tranche", "string"}
)


def _collection(noun: Token) -> Token | None:
    """'package' of "a package of sanctions": the batch noun an act's noun is counted in."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _COLLECTIONS:
        return head.head
    return None


def _for_to_act(verb: Token) -> list[Token]:
    """'Egypt' of "pressed for Egypt to release them" when the parser reads "for Egypt" a
    phrase of its own and the infinitive a clause of the verb."""
    fors = prep_objects(verb, "for")
    infinitives = [
        c
        for c in children(verb, "advcl", "xcomp")
        if any(a.lower_ == "to" for a in children(c, "aux"))
    ]
    return fors if fors and any(c.i > fors[0].i for c in infinitives) else []


def _slotted(holders: list[Token], slots: tuple[str, ...]) -> list[Token]:
    """The words in the given prepositional slots of any of the holder words."""
    return [o for h in holders for s in slots for o in prep_objects(h, s)]


def _group_noun(noun: Token, actor_of: ActorOf) -> bool:
    """'the companies', 'three firms': a plural noun that names no actor itself."""
    return noun.tag_ == "NNS" and actor_of(noun) is None


# Prepositions that hang a reason on a verb's object: "criticized X for selling", "accused X of".
_REASON_PREPS = frozenset({"for", "of", "over"})
# Prepositions by which an act's noun names whom it is aimed at ("sanctions on Acme").
_AGAINST = ("on", "against")
# Participles that say who made a product: "cameras made by Hikvision".
_MAKING = frozenset(
    ["make", "produce", "manufacture", "build", "supply", "sell", "develop", "design"]
)
# Verbs by which a buyer gets or uses goods: with a participle that names who supplied
# them ("police bought a system supplied by Hikvision") the supplier SUPPLIED the buyer.
# (A maker's name alone, "used Hikvision cameras", does not say who sold them; a service
# or product of its own that one uses, "uses Microsoft's cloud", does.)
_BUYING = frozenset(
    {"buy", "purchase", "acquire", "receive", "import", "procure", "order", "obtain", "source"}
)
_GETTING = _BUYING | {"use", "deploy", "install", "operate", "employ"}
# Verbs by which a subject authors a document ("issued a statement urging X"); one who
# receives or cites a letter does not speak by it.
_AUTHORING = frozenset(
    {"issue", "release", "publish", "send", "sign", "write", "submit", "file", "deliver"}
    | {"draft", "adopt", "pass", "post", "co-sign", "cosign"}
)
# Verbs of writing to someone, whose request is to them ("wrote to Acme asking for X").
_WRITING = frozenset({"write", "send", "appeal", "petition", "turn"})
# Words for the clients of a supplier, and the verbs that list them.
# Words for those who stand to an actor in a relation, by the relation and whether the actor
# is its subject: "Acme's clients include X" (Acme SUPPLIED X), "Acme's investors include X"
# (X FUNDED Acme), "Acme's suppliers include X" (X SUPPLIED Acme), "Acme's owner, X" (X OWNS
# Acme).
_MEMBERSHIP_NOUNS = {
    **dict.fromkeys(("client", "customer", "buyer"), ("SUPPLIED", True)),
    **dict.fromkeys(("investor", "backer", "financier"), ("FUNDED", False)),
    **dict.fromkeys(("supplier", "vendor", "provider", "seller"), ("SUPPLIED", False)),
    **dict.fromkeys(("owner", "parent", "shareholder", "stakeholder"), ("OWNS", False)),
}
_LISTING = frozenset({"include", "be", "comprise", "count"})
_SUPPLYING = frozenset(["supply", "sell", "provide", "deliver", "furnish", "ship", "export"])
# Nouns for what a buyer lets a supplier have ("won a tender from X to supply ...").
_AWARDS = frozenset({"contract", "tender", "deal", "order", "agreement", "bid"})
# Verbs by which one stands under an act ("is under investigation", "came under fire"),
# and nouns that name an act only in "under" ("under fire from", "under scrutiny by").
_STANDING = frozenset({"be", "come", "fall", "remain", "stay"})
_UNDER = {"fire": "CRITICIZED", "attack": "CRITICIZED", "scrutiny": "INVESTIGATED"}
# Official acts, which their maker announces ("The Treasury said A was designated"), and
# the verbs of announcing them.
_OFFICIAL = frozenset({"SANCTIONED", "BANNED"})
_ANNOUNCING = frozenset({"say", "announce", "state", "confirm", "add", "declare"})
# Verbs by which a legal action names whom it is against ("a lawsuit filed by Apple accuses
# NSO of hacking").
_ACCUSING = frozenset({"accuse", "charge", "name"})
# What a legal action's noun may be the subject of to name whom it is against.
_SUIT_AIMING = AIMING | _ACCUSING
# Verbs that ask someone to act when an infinitive follows ("told Acme to stop").
_TELLING = frozenset({"tell", "warn", "advise", "encourage", "invite", "challenge", "beg"})
# Verbs by which one pleads another's cause "on their behalf" ("replied on Beijing's behalf").
_ADVOCATING = frozenset(
    {"reply", "respond", "lobby", "intervene", "argue", "campaign", "advocate", "plead"}
    | {"testify", "petition", "appeal", "push", "press", "fight", "rally"}
)
# Nouns for what someone owns as a whole: "part of the empire of X" is X's.
_HOLDINGS = frozenset({"empire", "portfolio", "holdings", "stable", "conglomerate"})
# Nouns for being held, whose holder DETAINED who is in it ("in the custody of the police").
_HELD = frozenset({"custody", "detention"})
# Verbs that only say something changed hands; they supply when it is goods ("sent drones
# to Russia").
_HANDING = frozenset({"send", "transfer", "give", "hand", "pass"})
# Nouns for a supply contract, and the verbs by which a supplier wins one from a buyer
# ("won a contract from the police") or a buyer awards one ("awarded Acme a contract").
_CONTRACTS = frozenset({"contract", "tender", "order", "procurement"})
_WINNING = frozenset({"win", "secure", "land", "receive", "get", "clinch", "bag", "obtain"})
_AWARDING = frozenset({"award", "give", "grant"})
# Verbs by which a firm enters a contract with a buyer ("signed contracts with the police").
_SIGNING = frozenset({"sign", "ink", "conclude"})
_STATE_BODIES = frozenset({"Government", "GovernmentBody"})
# Verbs by which a buyer takes a firm on to do work for it ("contracted Acme to build").
_CONTRACTING = frozenset({"contract", "commission", "hire", "engage", "retain"})
# Verbs by which an actor brings an act named by a noun ("imposed sanctions", "filed a
# suit"): as a participle describing the noun, their "by" is the act's doer.
_BRINGING = frozenset(
    {"impose", "file", "bring", "level", "announce", "issue", "launch", "open", "lodge"}
    | {"conduct", "carry", "make", "take", "slap"}
    | {"run", "operate", "manage"}  # "a factory in Xinjiang run by Acme"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One relation type a word can express, and where its object actor sits."""

    type: str
    slots: tuple[str, ...]


def _group_members(noun: Token) -> list[Token]:
    """The members a group noun lists: "28 companies, including A", "dozens of firms,
    including A", "a group of 22 countries, including A", "governments such as A", "the
    groups, which include A and B"; or
    those said to be among it ("A was among the firms sanctioned by X", "among the firms
    sanctioned were A and B"); or who leads it ("a group of senators led by Rubio")."""
    groups = [noun, *prep_objects(noun, "of")]
    if not any(g.tag_ == "NNS" for g in groups):
        return []
    among = noun.head if noun.dep_ == "pobj" and noun.head.lower_ == "among" else None
    if among is not None and among.head.lemma_ == "be":  # "A was among the firms sanctioned"
        return [c for c in among.head.children if c.dep_ in ("nsubj", "attr") and c is not noun]
    such_as = [
        o
        for g in groups
        for p in g.children
        if p.dep_ == "prep" and p.lower_ == "as" and any(c.lower_ == "such" for c in p.children)
        for o in children(p, "pobj")
    ]  # "governments such as Mexico and Saudi Arabia"
    which_include = [
        o
        for g in groups
        for clause in children(g, "relcl")
        if clause.lemma_.lower() in ("include", "comprise")
        for o in children(clause, "dobj")
    ]  # "the groups, which include HRW and Amnesty International"
    led_by = [
        a for p in children(noun, "acl") if p.lemma_.lower() in LEADING for a in agents(p)
    ]  # "a group of senators led by Rubio" acts as Rubio does
    listed = [o for g in groups for o in prep_objects(g, "including")]
    return listed + such_as + which_include + led_by


# Participles by which others act with a subject ("Britain, joined by France, urged X").
_ACCOMPANYING = frozenset({"join", "accompany"})


def _authored(document: Token) -> bool:
    """A document its verb's subject authors: "issued a statement", "sent a letter"."""
    return document.lemma_.lower() in DOCUMENTS and document.head.lemma_.lower() in _AUTHORING


def _members_on_verb(verb: Token, group: list[Token]) -> list[Token]:
    """The members of a verb's plural object or passive subject, listed by an "including"
    the parser hung on the verb ("added 28 entities to the list, including A")."""
    if not any(g.tag_ == "NNS" for g in group):
        return []
    return prep_objects(verb, "including")


def _standing_word(noun: Token) -> str:
    """The word for how one stands to an actor: "client", or "parent" of "parent company"."""
    lemma = noun.lemma_.lower()
    if lemma in ("company", "firm", "group"):
        kinds = [c.lemma_.lower() for c in noun.lefts if c.dep_ in ("compound", "amod")]
        return next((k for k in kinds if k in _MEMBERSHIP_NOUNS), lemma)
    return lemma


def _of_relative(subject: Token) -> bool:
    """A subject that is all of a relative pronoun: "both of whom", "all of which" (not
    "one of which", which says not which)."""
    every = subject.lower_ in ("both", "all", "each")
    return every and any(o.lower_ in RELATIVE for o in prep_objects(subject, "of"))


def _joined_by(subject: Token) -> list[Token]:
    """Who joins a subject in what it does: "Britain, joined by France and Canada, urged"."""
    joined = [c for c in subject.children if c.dep_ == "acl" and c.lemma_.lower() in _ACCOMPANYING]
    return [a for j in joined for a in agents(j)]


def _participle_agents(noun: Token, verbs: frozenset[str]) -> list[Token]:
    """The "by" agents of the participles of ``verbs`` describing a noun ("cameras made by
    X", "a system supplied by X")."""
    return [
        o
        for participle in children(noun, "acl")
        if participle.lemma_.lower() in verbs
        for o in agents(participle)
    ]


# Words that make a seat one of several ("its regional headquarters").
_REGIONAL = frozenset({"regional", "local", "overseas", "foreign", "international"})


def _regional(noun: Token) -> bool:
    """'Uber's European headquarters', 'its regional headquarters', 'its U.S.
    headquarters': the seat of one region's business, which the annotation conventions
    count as operating there."""
    return any(
        c.dep_ in ("amod", "compound")
        and (c.ent_type_ in ("NORP", "GPE", "LOC") or c.lemma_.lower() in _REGIONAL)
        for c in noun.children
    )


# Nouns for a legislative text: "sponsor a Senate version", "backed the House bill" act on
# the text, not on the chamber that names it.
_MEASURES = frozenset(
    {"bill", "version", "legislation", "measure", "resolution", "amendment", "provision"}
)


def _relatives_taking(noun: Token) -> list[Token]:
    """The relative clauses whose verb takes the noun as its object by 'that' or 'which':
    on the noun, or on a batch of it ('the round of sanctions that London slapped on')."""
    batch = _collection(noun)
    described = [noun, batch] if batch is not None else [noun]
    return [
        clause
        for n in described
        for clause in children(n, "relcl")
        if any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in clause.children)
    ]


def _territory(verb: Token, obj: object) -> bool:
    """Controlling a country or a place holds territory there, which owns no one."""
    return verb.lemma_.lower() == "control" and kind_of(obj) in _STATES


def _whose(noun: Token) -> list[Token]:
    """Whose the act a noun names is: "U.S. sanctions", "Rubio's letter", "sanctions by the
    EU"."""
    return [c for c in noun.lefts if c.dep_ == "compound"] + _authors(noun)


def _verb_read_as_adjective(verb: Token) -> bool:
    """'Acme Corp, a Shanghai-based startup, supplied cameras to X': the parser may read the
    main verb as an adjective of its object and the subject's name as the sentence's root
    (no verb is root); the verb follows that name and a comma."""
    root = verb.sent.root
    if verb.dep_ != "amod" or verb.tag_ not in ("VBD", "VBN") or root.pos_ not in ("PROPN", "NOUN"):
        return False
    between = verb.doc[root.i + 1 : verb.i]
    return root.i < verb.i < verb.head.i and any(t.text == "," for t in between)


def _past_read_as_participle(verb: Token) -> bool:
    """'CPJ, along with 78 other groups, called on Egypt to ...': the parser may read the
    main verb's past tense as a participle describing the noun before it, and the
    subject's name as the root (no verb is root)."""
    root = verb.sent.root
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBD"
        and root.pos_ in ("PROPN", "NOUN")
        and root.i < verb.head.i < verb.i
    )


def _misparsed_subject(verb: Token) -> list[Token]:
    """'Jane Roe, a campaigner from Ohio, sued X': the parser may hang the subject on the
    apposition's noun, read as a clause of its own that has no verb, before the verb."""
    if verb.dep_ != "ROOT":
        return []
    clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    return [s for c in clauses if c.pos_ not in ("VERB", "AUX") for s in children(c, "nsubj")]


def _authors(document: Token) -> list[Token]:
    """Who wrote a document: "Rubio's letter", "a letter from Rubio", "a report by HRW",
    "the HRW report", "the letter, signed by Rubio and Wyden"."""
    own = possessors(document) + [o for w in ("by", "from") for o in prep_objects(document, w)]
    own += [c for c in document.lefts if c.dep_ == "compound"]
    return own + _participle_agents(document, _AUTHORING)


def _with_each_other(
    relation: str, together: list[object], word: Token, modality: str
) -> Iterator[Found]:
    """'Acme and Globex formed a joint venture', 'Acme and Globex agreed to cooperate': the
    doers of a symmetric relation named together stand in it with each other."""
    for n, one in enumerate(together):
        for other in together[n + 1 :]:
            yield Found(relation, one, other, word, modality, 0.6)


class RelationFinder(StanceReadings):
    """Reads typed relations from parsed sentences, with tables built from the vocabulary."""

    def __init__(self, vocab: Vocabulary, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.verbs: dict[str, list[Trigger]] = {}
        self.nouns: dict[str, list[Trigger]] = {}
        self.reversed: dict[str, list[Trigger]] = {}
        self.frames: list[tuple[str, frozenset[str], frozenset[str], tuple[str, ...]]] = []
        self.symmetric = vocab.symmetric
        self.stances = vocab.stances
        self.owning = vocab.owning  # which buying goods is not ("bought 24 Rafale jets")
        # nouns for a person's post ("a spokesperson for Acme, Jane Roe,")
        self.posts = frozenset(w for r in vocab.relations.values() for w in r.triggers.roles)
        self.locative = vocab.locative  # "a factory in Shenzhen"
        # verbs that end or forbid what a noun of supply or presence names ("stopped sales
        # to X", "banned exports to X", "shut down its operation in China")
        self._stopping = lexicon.ceasing_verbs | lexicon.preventing_verbs
        self._closing = self._stopping | _CLOSING
        # verbs whose clause may find or say that someone did wrong ("ruled that", "said that")
        self.finding_verbs = lexicon.finding_verbs | lexicon.reporting_verbs
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

    # --- where the ends of a relation are -------------------------------------------

    def _actors(self, tokens: list[Token], actor_of: ActorOf) -> list[object]:
        """The actors the tokens name, with their coordinated ones ("Rubio and Smith").
        A common noun stands for the actor that names it ("Hikvision cameras", "the
        Xinjiang region") or that it is in apposition to ("Thermo Fisher, the maker")."""
        out = []
        tokens = tokens + [t for token in tokens for t in self._listed_people(token, actor_of)]
        for token in tokens:
            for conj in conjuncts(token):
                actor = actor_of(conj)
                people = self.lexicon.anaphors.get(conj.lemma_.lower()) == "Person"
                listed = [c for c in conj.rights if c.dep_ == "appos"]
                if actor is None and conj.pos_ == "NOUN":
                    listed += _group_members(conj)
                if actor is None and conj.pos_ == "NOUN" and listed:
                    # "three companies, A, B and C"; "Senators A and B"; "the company, A"
                    out += [a for a in self._actors(listed, actor_of) if a not in out]
                measure = conj.lemma_.lower() in _MEASURES  # "a Senate version" is no Senate
                if actor is None and conj.pos_ == "NOUN" and not people and not measure:
                    # ("U.S. officials" are unnamed people, not the United States)
                    named = [c for c in conj.lefts if c.dep_ == "compound" and actor_of(c)]
                    if self.lexicon.anaphors.get(conj.lemma_.lower()) in _FIRMS:
                        named = [c for c in named if kind_of(actor_of(c)) not in _STATES]
                    if any(actor_of(o) for o in prep_objects(conj, "of")):
                        named = []  # "the U.S. assets of Acme" are Acme's, wherever held
                    if conj.lemma_.lower() in self.lexicon.goods:  # "Acme's cameras" as
                        named += [c for c in conj.lefts if c.dep_ == "poss"]  # "Acme cameras"
                    if conj.lemma_.lower() in _UNITS:  # "HRW's China division": HRW's
                        named = [c for c in conj.lefts if c.dep_ == "poss"] + named
                    if conj.dep_ == "appos":
                        named.insert(0, conj.head)
                    if conj.lemma_.lower() in _CONTAINERS:  # "the region of Xinjiang"
                        named += prep_objects(conj, "of")
                    if conj.lemma_.lower() in _GOVERNING and conj.tag_ == "NNS":
                        # "the governments of Mexico and Saudi Arabia": each state
                        states = self._actors(prep_objects(conj, "of"), actor_of)
                        out += [a for a in states if a not in out]
                    actor = next((actor_of(c) for c in named if actor_of(c)), None)
                if actor is not None and actor not in out:
                    out.append(actor)
        return out

    def authors_of(self, token: Token, actor_of: ActorOf) -> list[object]:
        """Who wrote a document the token names ("Rubio's letter", "a report by HRW", "HRW
        issued a statement"), or who writes when the token is a writing verb."""
        if token.pos_ == "VERB":
            return self.subjects(token, actor_of)
        authors = self._actors(_authors(token), actor_of)
        if not authors and _authored(token):
            authors = self.subjects(token.head, actor_of)
        saying = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "in" else None
        if (
            not authors
            and saying is not None
            and saying.lemma_.lower() in self.lexicon.reporting_verbs
        ):
            authors = self.subjects(saying, actor_of)  # "Amnesty said in a new report"
        return authors

    def _listed_people(self, token: Token, actor_of: ActorOf) -> list[Token]:
        """People listed after a person with titles between them ("A, chief of X, B, an
        employee of X, and C"), whom the parser hangs on the titles."""

        def is_person(t: Token) -> bool:
            return getattr(actor_of(t), "kind", "") == "Person"

        return listed_through_titles(token, is_person) if is_person(token) else []

    def _nearest_object_before(self, verb: Token, limit: int, actor_of: ActorOf) -> list[object]:
        """The verb's object closest before position ``limit`` ("criticized Google for X, and
        Thermo Fisher for Y": the second 'for' belongs to Thermo Fisher)."""
        candidates = [t for t in self._aimed_at(verb) if t.i < limit]
        for token in sorted(candidates, key=lambda t: -t.i):
            actors = self._actors([token], actor_of)
            if actors:
                return actors[:1] if len(candidates) > 1 else actors
        return []

    def _aimed_at(self, verb: Token) -> list[Token]:
        """Whom a verb's act is aimed at: its objects, and whom its object noun is on or
        against ("imposed sanctions on Acme", "filed a complaint against Acme")."""
        objects = self._object_tokens(verb)
        holders = [verb, *objects]
        return objects + [o for h in holders for w in _AGAINST for o in prep_objects(h, w)]

    def _object_tokens(self, verb: Token) -> list[Token]:
        """The verb's direct objects, with nouns the parser hung on the verb as conjuncts;
        the noun a relative clause describes when that is its object ("28 entities that
        Commerce added", "the firms the Treasury sanctioned"); and the members of a group
        object that the parser hung on the verb ("added 28 entities to the list,
        including A")."""
        objects = children(verb, "dobj")
        if verb.dep_ == "relcl" and children(verb, *SUBJECTS):
            relative = [o for o in objects if o.lower_ in RELATIVE]
            if relative or not objects:
                objects = [o for o in objects if o not in relative] + [verb.head]
        objects += [c for c in children(verb, "conj") if c.pos_ in ("PROPN", "NOUN")]
        return objects + _members_on_verb(verb, objects)

    def subjects(self, verb: Token, actor_of: ActorOf, depth: int = 0) -> list[object]:
        """The actors doing what ``verb`` says, following control and coordination."""
        if depth > 4:
            return []
        by = agents(verb)
        by += [o for a in by if a.lemma_.lower() in _AGENTS_OF for o in prep_objects(a, "of")]
        if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "Amnesty was critical of Egypt"
            return self.subjects(verb.head, actor_of, depth + 1)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and (by or _group_noun(verb.head, actor_of)):
            # "Acme, owned by Globex": Globex owns it; "the companies added to the list"
            # were acted on, by no one the phrase names ("the maker based in X" is based)
            return self._actors(by, actor_of)
        if is_passive(verb) and verb.tag_ in ("VBN", "JJ"):  # "is committed to" parses either way
            if by or depth == 0:
                return self._actors(by, actor_of)
            # "The U.S. is committed to enforcing ...": who is committed does the enforcing.
            return self._actors(self._passive_subjects(verb), actor_of)
        if _verb_read_as_adjective(verb) or _past_read_as_participle(verb):
            return self._actors([verb.sent.root], actor_of)  # "Acme, a startup, supplied"
        own = children(verb, *SUBJECTS) or _misparsed_subject(verb)
        if own and verb.dep_ == "relcl" and _of_relative(own[0]):
            return self._actors([verb.head], actor_of)  # "A and B, both of whom are ..."
        if own and own[0].lower_ not in RELATIVE:
            found = self._actors(own + [j for o in own for j in _joined_by(o)], actor_of)
            if not found and own[0].lemma_.lower() in DOCUMENTS:
                # "Rubio's letter urged Commerce to act": a document speaks for its author
                found = self._actors(_authors(own[0]), actor_of)
            return found
        head = verb.head
        if verb.dep_ == "relcl" and head.dep_ == "conj" and actor_of(head) is not None:
            return [actor_of(head)]  # "the commission and the rebels who control X"
        if verb.dep_ in ("relcl", "acl") or own:
            # "Rubio's letter urging Commerce to act": a document speaks for its author
            found = self._actors([head], actor_of) or self._actors(_authors(head), actor_of)
            if (
                not found
                and verb.dep_ in ("acl", "relcl")
                and head.dep_ == "dobj"
                and verb.tag_ == "VB"
            ):
                # "Hikvision won a contract to supply X": who holds the contract supplies
                return self.subjects(head.head, actor_of, depth + 1)
            if not found and head.dep_ == "dobj" and _authored(head):
                # "Japan issued a statement urging X": who issues a document speaks by it
                return self.subjects(head.head, actor_of, depth + 1)
            return found
        if verb.dep_ == "xcomp":
            # "urged Acme to stop", "called on Acme to stop": the one asked does it
            controller = (
                children(head, "dobj") + prep_objects(head, "on") + prep_objects(head, "upon")
            )
            if controller and self._actors(controller, actor_of):
                return self._actors(controller, actor_of)
            if controller:
                return []  # asked of someone unnamed ("called on companies to stop")
        if verb.dep_ == "pcomp" and head.dep_ in ("prep", "agent"):
            governor = head.head
            if kept_from(head, self.lexicon):
                kept = self._actors(children(governor, "dobj"), actor_of)
                if kept:
                    return kept  # "barred Nvidia from selling": Nvidia would be the seller
            if head.lower_ in _REASON_PREPS and governor.pos_ in ("VERB", "AUX"):
                reason_of = self._nearest_object_before(governor, head.i, actor_of)
                aimed = [t for t in self._aimed_at(governor) if t.i < head.i]
                if reason_of or any(t.tag_ == "NNS" for t in aimed):
                    # "sanctioned three companies for supplying X": the companies supplied
                    # it, though no actor names them; never the one who sanctioned them
                    return reason_of
            if governor.pos_ in ("VERB", "AUX", "ADJ"):
                return self.subjects(governor, actor_of, depth + 1)
            return self._actors([governor], actor_of)  # "Thermo Fisher's role in supplying"
        if verb.dep_ in _CLAUSE_LINKS and head.i != verb.i:
            return self.subjects(head, actor_of, depth + 1)
        return []

    def _passive_subjects(self, verb: Token) -> list[Token]:
        """Who undergoes a passive verb: its subject, the noun a relative clause or a
        participle hangs on ("Hikvision, which was banned", "NSN, owned by Nokia")."""
        own = children(verb, "nsubjpass")
        if own and own[0].lower_ in RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        if not own and verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "the group, joined by Japan": Japan acts with the group; it joins nothing
            if verb.lemma_.lower() in _ACCOMPANYING:
                return []
            head = verb.head
            if head.lemma_.lower() in _SHARES and head.dep_ == "attr":
                return children(head.head, "nsubj")  # "Acme is majority owned by X"
            return [head]
        return own + _members_on_verb(verb, own)

    def _verb_objects(self, verb: Token, slots: tuple[str, ...], actor_of: ActorOf) -> list[object]:
        passive = is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
        if _verb_read_as_adjective(verb):  # its "object" is the noun it was hung on
            noun = verb.head
            tokens = [o for s in slots for o in ([noun] if s == "dobj" else prep_objects(noun, s))]
            return self._actors(tokens, actor_of)
        for slot in slots:
            if slot == "dobj":
                tokens = self._passive_subjects(verb) if passive else self._object_tokens(verb)
                if not tokens:  # "investigating whether DeepSeek used ...": the one in question
                    tokens = [
                        s
                        for c in children(verb, "ccomp", "advcl")
                        if any(m.lower_ in ("whether", "if") for m in children(c, "mark"))
                        for s in children(c, *SUBJECTS)
                    ]
            elif slot == "dative":
                tokens = [t for t in children(verb, "dative") if t.pos_ in ("PROPN", "NOUN")]
            elif slot == "clause":  # "demanded that Egypt release", "called for Acme to stop"
                tokens = [
                    s
                    for c in children(verb, "ccomp", "advcl")
                    if any(m.lower_ in ("that", "for") for m in children(c, "mark"))
                    for s in children(c, *SUBJECTS)
                ] or _for_to_act(verb)
            else:
                tokens = prep_objects(verb, slot)
                for obj in children(verb, "dobj"):
                    tokens += prep_objects(obj, slot)
                if not tokens and verb.dep_ == "pcomp":
                    # "accused the firm of producing drones for the IRGC": the parser hangs
                    # the last phrase on the main verb, after the reason clause
                    governor = next((a for a in verb.ancestors if a.pos_ == "VERB"), verb)
                    tokens = [t for t in prep_objects(governor, slot) if t.i > verb.i]
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
                # "pulling out of Russia": the object is under the particle's own preposition
                leads = not children(child, "pobj") and children(child, "prep")
                for trigger in self.verbs[key]:
                    yield (
                        (trigger, child)
                        if leads
                        else (Trigger(trigger.type, (child.lower_,)), verb)
                    )
                return
        for trigger in self.verbs.get(lemma, ()):
            yield trigger, verb

    def _buys_goods(self, verb: Token) -> bool:
        """Its object is goods ("bought drones", "acquired Hikvision cameras")."""
        return any(o.lemma_.lower() in self.lexicon.goods for o in children(verb, "dobj"))

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

    def _makers(self, noun: Token, actor_of: ActorOf) -> list[object]:
        """Who a product belongs to: 'Hikvision cameras', 'products made by Hikvision',
        'equipment from Huawei', 'Huawei's gear'."""
        tokens = [c for c in noun.lefts if c.dep_ in ("compound", "poss")]
        tokens += prep_objects(noun, "from") + prep_objects(noun, "of")
        tokens += _participle_agents(noun, _MAKING)
        return self._actors(tokens, actor_of)

    def _suppliers(self, good: Token, actor_of: ActorOf) -> list[object]:
        """Who supplied goods, by the participle that says so ('a system supplied by X')."""
        return self._actors(_participle_agents(good, _SUPPLYING), actor_of)

    def from_acquisition(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Police used a camera system supplied by Hikvision', 'the army bought drones from
        Acme': the supplier SUPPLIED the one who got or uses the goods."""
        lemma = verb.lemma_.lower()
        passive = is_passive(verb)
        if lemma not in _GETTING or (passive and lemma in _BUYING):
            return
        # "Acme's cameras are used by the police": the goods are the passive's subject
        got = self._passive_subjects(verb) if passive else self._object_tokens(verb)
        goods = [g for g in got if g.lemma_.lower() in self.lexicon.goods]
        sellers = [s for good in goods for s in self._suppliers(good, actor_of)]
        if goods and not sellers and lemma in _BUYING:
            sources = [o for w in (verb, *goods) for o in prep_objects(w, "from")]
            sellers = self._actors(sources, actor_of)
        if goods and not sellers and lemma not in _BUYING:  # "used Microsoft's cloud"
            owners = [c for good in goods for c in good.lefts if c.dep_ == "poss"]
            sellers = self._actors(owners, actor_of)
        buyers = self._actors(agents(verb), actor_of) if passive else self.subjects(verb, actor_of)
        modality = modality_of(verb, self.lexicon)
        for seller in {id(s): s for s in sellers}.values():
            for buyer in buyers if sellers else []:
                yield Found("SUPPLIED", seller, buyer, verb, modality, 0.65)

    def from_handing_over(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Iran sent hundreds of drones to Russia', 'transferred armoured vehicles to the
        army': a verb that only says something changed hands supplies when what it hands
        over is goods."""
        if verb.lemma_.lower() not in _HANDING:
            return
        things = self._object_tokens(verb)
        things += [o for t in things for o in prep_objects(t, "of")]  # "hundreds of drones"
        if not any(t.lemma_.lower() in self.lexicon.goods for t in things):
            return
        recipients = self._actors(prep_objects(verb, "to"), actor_of)
        modality = modality_of(verb, self.lexicon)
        for supplier in self.subjects(verb, actor_of) if recipients else []:
            for recipient in recipients:
                yield Found("SUPPLIED", supplier, recipient, verb, modality, 0.65)

    def from_raising(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Acme raised $40 million from Sequoia', 'raised $235 million in a funding round
        led by SoftBank': who gives a firm the money it raises FUNDED it."""
        if verb.lemma_.lower() not in _RAISING or is_passive(verb):
            return
        sums = [d for d in children(verb, "dobj") if _money(d)]
        if not sums:
            return
        held = [verb, *sums]
        givers = [o for h in held for o in prep_objects(h, "from")]
        rounds = [o for h in held for o in prep_objects(h, "in") if o.lemma_.lower() in _ROUNDS]
        givers += [a for r in rounds for p in children(r, "acl") for a in agents(p)]
        funders = self._actors(givers, actor_of)
        modality = modality_of(verb, self.lexicon)
        for raiser in self.subjects(verb, actor_of) if funders else []:
            for funder in funders:
                yield Found("FUNDED", funder, raiser, verb, modality, 0.6)

    def from_award(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Acme won contracts from the police', 'the police awarded Acme a contract': who
        is awarded a contract supplies the one who lets it."""
        lemma = verb.lemma_.lower()
        if lemma in _CONTRACTING:
            yield from self._contracted(verb, actor_of)
            return
        if lemma in _SIGNING:
            yield from self._signed_with_state(verb, actor_of)
            return
        if lemma not in _WINNING and lemma not in _AWARDING:
            return
        awards = [d for d in children(verb, "dobj") if d.lemma_.lower() in _CONTRACTS]
        if not awards:
            return
        if lemma in _AWARDING and is_passive(verb):  # "Acme was awarded a contract by X"
            suppliers = self._actors(self._passive_subjects(verb), actor_of)
            by = agents(verb) + [o for a in awards for o in prep_objects(a, "by")]
            buyers = self._actors(by, actor_of)
        elif lemma in _WINNING:
            froms = [
                o
                for a in [verb, *awards]
                for t in (a.children if a is verb else a.subtree)
                if t.dep_ == "prep" and t.lower_ == "from"
                for o in children(t, "pobj")
            ]
            suppliers, buyers = self.subjects(verb, actor_of), self._actors(froms, actor_of)
        else:
            winners = [o for d in children(verb, "dative") for o in [d, *children(d, "pobj")]]
            suppliers = self._actors([w for w in winners if w.pos_ in ("PROPN", "NOUN")], actor_of)
            buyers = self.subjects(verb, actor_of)
        modality = modality_of(verb, self.lexicon)
        for supplier in suppliers:
            for buyer in buyers:
                yield Found("SUPPLIED", supplier, buyer, verb, modality, 0.6)

    def from_post(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'A spokesperson for Acme, Jane Roe,', 'The chief executive of Acme, Jane Roe,':
        a post's noun, the body it is of, and the person in apposition with it."""
        if noun.lemma_.lower() not in self.posts:
            return
        held = [
            o
            for p in children(noun, "prep")
            if p.lower_ in _POST_PREPS
            for o in children(p, "pobj")
        ]
        bodies = [b for b in self._actors(held, actor_of) if kind_of(b) in INSTITUTIONS]
        for person in self._holders(noun, actor_of) if bodies else []:
            for body in bodies:
                yield Found("MEMBER_OF", person, body, noun, "asserted", 0.6)

    def _holders(self, noun: Token, actor_of: ActorOf) -> list[object]:
        """The people a post's noun is in apposition with: "A spokesperson for Acme, Jane
        Roe," (the parser may hang the name on the post's body instead)."""
        named = children(noun, "appos")
        named += [
            a
            for p in children(noun, "prep")
            for o in children(p, "pobj")
            for a in children(o, "appos")
        ]
        return [a for a in self._actors(named, actor_of) if kind_of(a) == "Person"]

    def _signed_with_state(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Acme signed contracts worth $1m with the Xinjiang police': a firm under contract
        to a state or its body supplies it (between two firms, who sells is not said)."""
        contracts = [d for d in children(verb, "dobj") if d.lemma_.lower() in _CONTRACTS]
        # ("contracts worth $1m with the police": the parser may hang it on the value)
        holders = [verb, *(t for c in contracts for t in c.subtree)]
        withs = [o for w in holders for o in prep_objects(w, "with")]
        buyers = [a for a in self._actors(withs, actor_of) if kind_of(a) in _STATE_BODIES]
        firms = [a for a in self.subjects(verb, actor_of) if kind_of(a) == "Company"]
        modality = modality_of(verb, self.lexicon)
        for firm in firms if contracts else []:
            for buyer in buyers:
                yield Found("SUPPLIED", firm, buyer, verb, modality, 0.6)

    def _contracted(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'The police contracted Acme to build the network', 'commissioned Acme': the
        firm taken on supplies the one who took it on (a firm: one hires people too)."""
        firms = [
            a for a in self._actors(children(verb, "dobj"), actor_of) if kind_of(a) == "Company"
        ]
        modality = modality_of(verb, self.lexicon)
        for buyer in self.subjects(verb, actor_of) if firms else []:
            for firm in firms:
                yield Found("SUPPLIED", firm, buyer, verb, modality, 0.6)

    def _recipients(self, verb: Token, actor_of: ActorOf) -> list[object]:
        """Who got the goods when a supplying verb names no one: their user ("provided the
        technology used by the police"), or who let the contract ("won a tender from the
        police to supply cameras", "a contract with the police to provide")."""
        goods = children(verb, "dobj")
        users = [u for g in goods for u in _participle_agents(g, _GETTING)]
        holder = verb.head  # the award ("a contract ... to supply") or the verb that got it
        awards = [holder] if holder.lemma_.lower() in _AWARDS else []
        if verb.dep_ in ("advcl", "xcomp") and holder.pos_ == "VERB":
            awards += [d for d in children(holder, "dobj") if d.lemma_.lower() in _AWARDS]
            awards += [holder] if awards else []
        if verb.dep_ in ("acl", "advcl", "xcomp"):
            users += [o for a in awards for w in ("from", "with") for o in prep_objects(a, w)]
        return self._actors(users, actor_of)

    def _doers_of_acts(self, verb: Token, actor_of: ActorOf) -> list[object]:
        """Who did the act a stance is taken on: 'criticized Apple's decision', 'condemned
        the arrest of Jimmy Lai by Hong Kong police', 'condemned the shutdown ordered by the
        government' (not who the act was done to)."""
        done = self._passive_subjects(verb) if is_passive(verb) else self._object_tokens(verb)
        acts = [t for t in done if t.pos_ == "NOUN"]  # ("Acme's decision was criticized")
        return self._actors(doers_of(acts), actor_of)

    def _sold(self, verb: Token) -> list[Token]:
        """What a selling verb's own clause says is sold (its object, or a passive's subject)."""
        return children(verb, "nsubjpass") if is_passive(verb) else children(verb, "dobj")

    def _sells_a_business(self, verb: Token, actor_of: ActorOf) -> bool:
        """'sold its Myanmar unit', 'NSO Group was sold to Francisco Partners': a firm or
        a part of one is sold, which supplies no one."""
        if verb.lemma_.lower() not in _SELLING:
            return False
        sold = self._sold(verb)
        named = [actor_of(t) for t in sold if actor_of(t) is not None]
        return any(t.lemma_.lower() in _BUSINESSES for t in sold) or any(
            kind_of(a) == "Company" for a in named
        )

    def _business_sold(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """The buyer of a firm sold owns it ('NSO Group was sold to Francisco Partners')."""
        firms = [actor_of(t) for t in self._sold(verb) if kind_of(actor_of(t)) == "Company"]
        buyers = self._actors(prep_objects(verb, "to"), actor_of)
        modality = modality_of(verb, self.lexicon)
        for buyer in buyers:
            for firm in firms:
                if firm is not buyer:
                    yield Found("OWNS", buyer, firm, verb, modality, 0.6)

    def _banned_dealings(self, verb: Token, actor_of: ActorOf) -> list[object]:
        """'banned agencies from buying products made by Hikvision': banning others from
        dealing with an actor bans the actor."""
        dealings = [c for p in prep_objects(verb, "from") for c in [p] if c.pos_ == "VERB"]
        found: list[object] = []
        for dealing in dealings:
            goods = children(dealing, "dobj") + [
                o for w in ("with", "from", "to") for o in prep_objects(dealing, w)
            ]
            for good in goods:
                found += self._actors([good], actor_of) or self._makers(good, actor_of)
        return found

    def _sources(self, things: list[Token], actor_of: ActorOf) -> list[object]:
        """Whose goods a ban or a seizure stops: 'imports from Acme', 'solar panels made by
        Acme', 'a shipment of gloves made by Acme', 'the sale of Hikvision cameras'."""
        found: list[object] = []
        for thing in things:
            lemma = thing.lemma_.lower()
            if lemma not in _TRADE and lemma not in self.lexicon.goods:
                continue
            makers = self._makers(thing, actor_of)
            found += makers or self._sources(prep_objects(thing, "of"), actor_of)
        return found

    def from_verb(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        for trigger, carrier in self._verb_triggers(verb):
            kind, slots = trigger.type, trigger.slots
            if kind == "SUPPLIED" and self._ceased(verb):
                kind, slots = "STOPPED_SUPPLYING", (*slots, "in")
            if kind in self.owning and self._buys_goods(carrier):
                continue  # "bought 24 Rafale jets": goods, not their maker, change hands
            if kind == "SUPPLIED" and self._sells_a_business(carrier, actor_of):
                yield from self._business_sold(carrier, actor_of)
                continue  # "sold its Myanmar unit to M1 Group": a firm changed owner
            objects = self._verb_objects(carrier, slots, actor_of)
            if kind == "BANNED":
                objects = objects or self._banned_dealings(verb, actor_of)
                objects = objects or self._sources(self._object_tokens(carrier), actor_of)
            if kind == "SUPPLIED":
                objects = objects or self._recipients(verb, actor_of)
            if kind == "REQUESTED":
                objects = objects or self._addressees(verb, actor_of)
            if kind in self.stances and not objects and "dobj" in slots:
                objects = self._doers_of_acts(carrier, actor_of)
            if not objects and kind in self.symmetric:
                together = self.subjects(verb, actor_of)
                yield from _with_each_other(kind, together, verb, modality_of(verb, self.lexicon))
                continue
            if not objects:
                continue
            subjects = self.subjects(verb, actor_of)
            if (
                is_passive(verb)
                and "dobj" not in slots
                and not self._actors(agents(verb), actor_of)
            ):
                # "X is based in Y", "X was equipped ...": the passive subject is the subject
                # (but "the drones were sold to Iran by Safir": Safir sold them).
                subjects = self._actors(self._passive_subjects(verb), actor_of)
            if not subjects and kind in _OFFICIAL and is_passive(verb):
                subjects = self._announcers(verb, actor_of)
            modality = modality_of(verb, self.lexicon, ceased=kind == "STOPPED_SUPPLYING")
            kinds = [kind]
            if kind == "REQUESTED" and self._asks_to_stop_a_wrong(carrier):
                kinds.append("CRITICIZED")  # "urged Egypt to end its persecution of ..."
            if kind == "DETAINED" and any(
                o.lemma_.lower() == "charge" for o in prep_objects(carrier, "on")
            ):
                kinds.append("SUED")  # "arrested Roe on charges of fraud": charged her too
            for subject in subjects:
                for obj in objects:
                    for each in kinds:
                        if each == "OWNS" and _territory(verb, obj):
                            each = "OPERATES_IN"  # "rebels who control northern Yemen"
                        yield Found(each, subject, obj, verb, modality, 0.75)
            return

    def _announcers(self, verb: Token, actor_of: ActorOf) -> list[object]:
        """The state or state body that announces an official act said without its doer
        ("The Treasury said A was designated", "Also designated were A and B, the Treasury
        said"): designations and bans are announced by who makes them."""
        announcing = [verb.head] if verb.dep_ in ("ccomp", "advcl") else []
        announcing += [c for c in verb.children if c.dep_ in ("parataxis", "ccomp")]
        announcers = [
            a
            for v in announcing
            if v.lemma_.lower() in _ANNOUNCING
            for a in self.subjects(v, actor_of)
        ]
        return [a for a in announcers if getattr(a, "kind", "") in ("Government", "GovernmentBody")]

    def _addressees(self, verb: Token, actor_of: ActorOf) -> list[object]:
        """Whom a request made in writing asks, when it names no one itself: the one the
        letter or the writing is to ("sent a letter to Acme demanding answers", "wrote to
        Acme asking for the records", "a letter to Acme requested details", "in a letter to
        Acme, Roe asked for details")."""
        writing = [s for s in children(verb, "nsubj") if s.lemma_.lower() in DOCUMENTS]
        writing += [  # "In a letter to Acme, Roe asked for the records"
            o
            for p in children(verb, "prep")
            if p.lower_ == "in"
            for o in children(p, "pobj")
            if o.lemma_.lower() in DOCUMENTS
        ]
        if verb.dep_ in ("acl", "advcl") and verb.head.lemma_.lower() in DOCUMENTS:
            writing += [verb.head, verb.head.head]  # "sent a letter to Acme demanding"
        elif verb.dep_ in ("acl", "advcl") and verb.head.lemma_.lower() in _WRITING:
            writing.append(verb.head)
        return self._actors([o for w in writing for o in prep_objects(w, "to")], actor_of)

    def _noun_subjects(self, noun: Token, actor_of: ActorOf) -> tuple[list[object], list[object]]:
        """(subjects, objects found through the governing verb) of a nominal trigger."""
        collection = _collection(noun)
        if collection is not None:  # "approved a package of sanctions": as "approved sanctions"
            found = self._noun_subjects(collection, actor_of)
            if found[0]:
                return found
        own = possessors(noun) + [o for w in ("by", "from") for o in prep_objects(noun, w)]
        own += _participle_agents(noun, _BRINGING)  # "sanctions imposed by X", "a suit filed by X"
        subjects = self._actors(own, actor_of)
        head = noun.head
        pleading = head.head.head if head.head.dep_ in ("oprd", "acomp") else head.head
        if noun.dep_ == "pobj" and head.lower_ == "to" and pleading.lemma_ == "plead":
            # "Roe pleaded guilty to charges brought by the Justice Department"
            return subjects, self.subjects(pleading, actor_of)
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            if head.lemma_ in self.lexicon.receiving_verbs:
                # "drew criticism from X": the parser may hang the giver on the verb
                givers = [o for w in ("by", "from") for o in prep_objects(head, w)]
                return subjects or self._actors(givers, actor_of), self.subjects(head, actor_of)
            if not subjects:
                subjects = self.subjects(head, actor_of)
        if not subjects and noun.dep_ == "attr":  # "X is a member of Y"
            subjects = self.subjects(head, actor_of)
        elif not subjects and noun.dep_ == "pobj" and head.lower_ == "in":
            if head.head.pos_ == "VERB":  # "X worked in partnership with Y"
                subjects = self.subjects(head.head, actor_of)
        elif not subjects and noun.dep_ == "appos" and actor_of(head) is not None:
            subjects = [actor_of(head)]  # "Wang, secretary of Y": Wang alone, not his list
        return subjects, []

    def _noun_triggers(self, noun: Token) -> list[Trigger]:
        """A noun's triggers, a two-word one first ("joint venture", from "venture")."""
        lemma = noun.lemma_.lower()
        for left in noun.lefts:
            phrase = f"{left.lower_} {lemma}"
            if left.dep_ in ("amod", "compound") and phrase in self.nouns:
                return self.nouns[phrase]
        return self.nouns.get(lemma, [])

    def from_noun(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        lemma = noun.lemma_.lower()
        for trigger in self._noun_triggers(noun):
            stopping = self._closing if trigger.type in self.locative else self._stopping
            if noun.head.lemma_.lower() in stopping and noun.dep_ == "dobj":
                continue  # "stopped sales to X", "banned exports to X": a frame reads it
            subjects, received = self._noun_subjects(noun, actor_of)
            holders = [noun]
            collection = _collection(noun)
            if collection is not None:  # "a round of sanctions against X"
                holders.append(collection)
            if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
                holders.append(noun.head)  # "filed a lawsuit ... against NSN"
            if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
                holders.append(noun.head)  # "Acme's headquarters is in Munich"
            # "arms exports worth 1 billion euros to Egypt": the phrase hangs on the value
            holders += [c for c in noun.children if c.lower_ == "worth"]
            for clause in _relatives_taking(noun):  # "the sanctions that London slapped on X"
                holders.append(clause)
                subjects = subjects or self._actors(children(clause, "nsubj"), actor_of)
            # "sanctions imposed by X on Y": the object hangs on the participle
            holders += [p for p in children(noun, "acl") if p.lemma_.lower() in _BRINGING]
            slotted = _slotted(holders, trigger.slots)
            objects = self._actors(slotted, actor_of)
            if not objects and trigger.type == "BANNED":  # "an order on panels made by Acme"
                objects = self._sources(slotted, actor_of)
            if not objects and "in" in trigger.slots and trigger.type in self.locative:
                # "Acme's Shenzhen factory", "its Cairo office": the place named before it
                places = [c for c in children(noun, "compound") if c.ent_type_ == "GPE"]
                objects = self._actors(places, actor_of)
            if not objects:
                # "a lawsuit in an American court against NSN": the parser hangs the
                # object's phrase on the nearest noun before it
                nested = [
                    o for h in holders for p in children(h, "prep") for o in children(p, "pobj")
                ]
                objects = self._actors(_slotted(nested, trigger.slots), actor_of)
            aiming = _SUIT_AIMING if trigger.type == "SUED" else AIMING
            if not objects and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in aiming:
                # "the sanctions, announced by the Treasury, target A and B"
                aimed = children(noun.head, "dobj") + prep_objects(noun.head, "to")
                objects = self._actors(aimed, actor_of)
            objects = objects or received
            if not objects and trigger.type in self.stances:  # "an investigation into A's sales"
                acts = [t for t in slotted if t.pos_ == "NOUN"]
                objects = self._actors([d for a in acts for d in possessors(a)], actor_of)
            # "exit from China": a "from" that is the noun's object slot names no doer
            subjects = [s for s in subjects if not any(s is o for o in objects)]
            modality = modality_of(noun, self.lexicon)
            if not objects and trigger.type in self.symmetric:
                # "a partnership between Acme and Globex": each with the other
                between = self._actors(prep_objects(noun, "between"), actor_of)
                yield from _with_each_other(trigger.type, subjects or between, noun, modality)
            kind = trigger.type
            if kind == "LOCATED_IN" and _regional(noun):
                kind = "OPERATES_IN"  # "its European headquarters": a presence, not its seat
            for subject in subjects:
                for obj in objects:
                    yield Found(kind, subject, obj, noun, modality, 0.6)
        for trigger in self.reversed.get(lemma, ()):
            owners = self._actors(_slotted([noun], trigger.slots), actor_of)
            if owners:  # "Globex, a subsidiary of Acme"
                owned, _ = self._noun_subjects(noun, actor_of)
                if not owned and noun.dep_ == "pobj" and noun.head.lower_ == "as":
                    owned = self.subjects(noun.head.head, actor_of)  # "operates as a unit of Y"
            else:  # "an Acme subsidiary", "Acme's subsidiary, Globex"
                named = possessors(noun) + children(noun, "compound")
                owners = self._actors(named, actor_of)
                described = [noun.head] if noun.dep_ in ("appos", "attr") else []
                if noun.dep_ == "attr":  # "Globex is an Acme subsidiary"
                    described = children(noun.head, "nsubj")
                owned = self._actors(described + children(noun, "appos"), actor_of)
                owned = [o for o in owned if o not in owners]
            for owner in owners:
                for obj in owned:
                    yield Found(
                        trigger.type, owner, obj, noun, modality_of(noun, self.lexicon), 0.6
                    )

    def from_standing_under(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Acme is under U.S. sanctions', 'Acme, which is subject to EU sanctions', 'Acme
        is under investigation by the FBI', 'Acme came under fire from HRW': who stands
        under an act is what it is done to; whose the act is, its doer."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("under", "to"):
            return
        holder = prep.head
        if prep.lower_ == "to":  # "subject to"
            if holder.lower_ != "subject":
                return
            holder = holder.head
        if holder.lemma_ not in _STANDING:
            return
        standing = children(holder, "nsubj")
        if standing and standing[0].lower_ in RELATIVE and holder.dep_ == "relcl":
            standing = [holder.head]  # "Acme, which is under sanctions"
        objects = self._actors(standing, actor_of)
        # whose the act is, by the noun or by the verb it stands under ("came under fire
        # from HRW")
        whose = _whose(noun) + [o for w in ("from", "by") for o in prep_objects(holder, w)]
        doers = [d for d in self._actors(whose, actor_of) if d not in objects]
        modality = modality_of(noun, self.lexicon)
        types = [t.type for t in self._noun_triggers(noun)]
        if prep.lower_ == "under" and noun.lemma_.lower() in _UNDER:
            types.append(_UNDER[noun.lemma_.lower()])  # "came under fire from HRW"
        for kind in types:
            for doer in doers:
                for obj in objects:
                    yield Found(kind, doer, obj, noun, modality, 0.6)

    def from_holdings(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'G42 is part of the business empire of Sheikh Tahnoon', 'Acme is part of Li's
        portfolio': what is part of someone's holdings they OWN (a convention of the
        annotation; plain 'part of' is membership)."""
        if noun.lemma_.lower() != "part":
            return
        holdings = [h for h in prep_objects(noun, "of") if h.lemma_.lower() in _HOLDINGS]
        owners = self._actors(
            [o for h in holdings for o in possessors(h) + prep_objects(h, "of")], actor_of
        )
        owned, _ = self._noun_subjects(noun, actor_of) if owners else ([], [])
        for owner in owners:
            for thing in owned:
                yield Found("OWNS", owner, thing, noun, modality_of(noun, self.lexicon), 0.6)

    def from_telling(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Roe told Acme to stop the sales', 'warned Acme to', 'encouraged Acme to':
        telling someone to act asks them to (telling them something does not: 'told
        Reuters that ...')."""
        if verb.lemma_.lower() not in _TELLING or not children(verb, "xcomp"):
            return
        addressees = self._actors(children(verb, "dobj"), actor_of)
        modality = modality_of(verb, self.lexicon)
        for teller in self.subjects(verb, actor_of) if addressees else []:
            for addressee in addressees:
                yield Found("REQUESTED", teller, addressee, verb, modality, 0.65)

    def from_behalf(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'replied on Beijing's behalf', 'lobbied on behalf of Huawei': who pleads another's
        cause SUPPORTED them (one who speaks for their own body only speaks: not read)."""
        prep = noun.head
        if noun.lemma_.lower() != "behalf" or noun.dep_ != "pobj" or prep.lower_ != "on":
            return
        verb = prep.head
        if verb.lemma_.lower() not in _ADVOCATING:
            return
        backed = self._actors(possessors(noun) + prep_objects(noun, "of"), actor_of)
        modality = modality_of(verb, self.lexicon)
        for backer in self.subjects(verb, actor_of):
            for cause in backed:
                yield Found("SUPPORTED", backer, cause, noun, modality, 0.6)

    def from_custody(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Roe died in the custody of the Morality Police', 'Roe remains in police
        custody', 'Roe was taken into custody by the police': who holds someone in custody
        DETAINED them."""
        prep = noun.head
        if (
            noun.lemma_.lower() not in _HELD
            or noun.dep_ != "pobj"
            or prep.lower_ not in ("in", "into")
        ):
            return
        holder = prep.head
        if is_passive(holder):  # "was taken into custody by the police"
            held = self._actors(self._passive_subjects(holder), actor_of)
        else:  # "Roe, who died in the custody of ...": the relative's noun
            held = self.subjects(holder, actor_of)
        whose = _whose(noun) + prep_objects(noun, "of")
        jailers = [j for j in self._actors(whose + agents(holder), actor_of) if j not in held]
        modality = modality_of(holder, self.lexicon)
        for jailer in jailers:
            for person in held:
                yield Found("DETAINED", jailer, person, noun, modality, 0.65)

    def _listed_for(self, noun: Token, actor_of: ActorOf) -> list[object]:
        """Who a word for clients or investors names: "its clients include A and B", "its
        clients, such as A", "A is among its clients", "among its clients is A", "it counts
        A among its investors", "A, its owner", "A is its largest shareholder"."""
        tokens = [c for c in noun.rights if c.dep_ == "appos"]
        tokens += [o for w in ("including", "like") for o in prep_objects(noun, w)]
        head = noun.head
        if noun.dep_ == "appos":  # "Globex, Acme's owner"
            tokens.append(head)
        if noun.dep_ == "attr":  # "Globex is Acme's largest shareholder"
            tokens += children(head, "nsubj")
        if noun.dep_ == "nsubj" and head.lemma_.lower() in _LISTING:
            tokens += children(head, "dobj", "attr")
        one = head.head if noun.dep_ == "pobj" and head.lower_ == "of" else None
        if one is not None and one.lower_ == "one" and one.dep_ == "attr":
            tokens += children(one.head, *SUBJECTS)  # "Globex is one of Acme's customers"
        if noun.dep_ == "pobj" and head.lower_ == "among":
            governor = head.head
            # "Among Acme's clients is the FBI": the parser may read the FBI an attribute
            listed = children(governor, *SUBJECTS, "attr")
            tokens += [t for t in listed if t.i != noun.i]
            tokens += children(governor, "dobj") if governor.lemma_.lower() == "count" else []
        return self._actors(tokens, actor_of)

    def from_clientele(self, noun: Token, actor_of: ActorOf) -> Iterator[Found]:
        """'Hikvision's customers have included the Xinjiang police' (Hikvision SUPPLIED
        them), 'SenseTime counts Alibaba among its investors' (Alibaba FUNDED SenseTime)."""
        word = _standing_word(noun)
        if word not in _MEMBERSHIP_NOUNS:
            return
        relation, owner_acts = _MEMBERSHIP_NOUNS[word]
        owners = self._actors(possessors(noun) + prep_objects(noun, "of"), actor_of)
        listed = self._listed_for(noun, actor_of) if owners else []
        modality = modality_of(noun, self.lexicon)
        for owner in owners:
            for member in listed:
                if member is owner:
                    continue
                subject, obj = (owner, member) if owner_acts else (member, owner)
                yield Found(relation, subject, obj, noun, modality, 0.6)

    def from_frame(self, verb: Token, actor_of: ActorOf) -> Iterator[Found]:
        lemma = verb.lemma_.lower()
        for kind, verbs, nouns, slots in self.frames:
            if lemma not in verbs:
                continue
            nouns_here = [
                t
                for t in children(verb, "dobj", "nsubjpass")
                + [o for p in children(verb, "prep", "dative") for o in children(p, "pobj")]
                if t.lemma_.lower() in nouns or t.lower_ in nouns
            ]
            for noun in nouns_here:
                tokens: list[Token] = []
                for slot in slots:
                    if slot == "dobj":
                        done_to = self._object_tokens(verb) + self._passive_subjects(verb)
                        tokens += [t for t in done_to if t.i != noun.i]
                    elif slot == "noun":  # "left the Russian market": the noun is the end
                        tokens.append(noun)
                    else:  # ("halted sales of its products in Russia": on what is sold)
                        held = [noun, verb, *prep_objects(noun, "of")]
                        tokens += [o for h in held for o in prep_objects(h, slot)]
                objects = self._actors(tokens, actor_of)
                if kind == "BANNED":  # "seized a shipment of gloves made by Acme"
                    objects = objects or self._sources([noun, *tokens], actor_of)
                # "Acme was hit with U.S. sanctions", "placed under sanctions by the EU":
                # the noun names whose they are
                subjects = self.subjects(verb, actor_of) or self._actors(_whose(noun), actor_of)
                if not subjects and kind in _OFFICIAL and is_passive(verb):
                    subjects = self._announcers(verb, actor_of)
                for subject in subjects:
                    for obj in objects:
                        yield Found(kind, subject, obj, verb, modality_of(verb, self.lexicon), 0.7)

    def from_modifier(self, token: Token, actor_of: ActorOf) -> Iterator[Found]:
        """Relations a noun phrase states about its own actor, without a trigger verb:
        'the company in Waltham' and 'Tehran-based Safiran' (LOCATED_IN), 'lawyer Shashi
        Nathan from Withers KhattarWong' and 'an official at the ministry' (MEMBER_OF)."""
        actor = actor_of(token)
        if actor is None or token.pos_ not in ("NOUN", "PROPN"):
            return
        kind = getattr(actor, "kind", "")
        institution = kind in ("Company", "Organization", "GovernmentBody", "Media")
        if institution:  # "Acme, a company in Waltham", "Acme is a firm in Waltham"
            for description in self._descriptions(token):
                places = [
                    o
                    for p in children(description, "prep")
                    if p.lower_ == "in"
                    for o in self._actors(children(p, "pobj"), actor_of)
                ]
                for place in places:
                    if getattr(place, "kind", "") in ("Place", "Government"):
                        yield Found("LOCATED_IN", actor, place, description, "asserted", 0.55)
        for prep in token.rights:
            objects = self._actors(children(prep, "pobj"), actor_of) if prep.dep_ == "prep" else []
            for obj in objects:
                obj_kind = getattr(obj, "kind", "")
                if prep.lower_ == "in" and obj_kind in ("Place", "Government") and institution:
                    yield Found("LOCATED_IN", actor, obj, token, "asserted", 0.55)
                if (
                    prep.lower_ in ("from", "of", "at")
                    and kind == "Person"
                    and obj_kind in ("Company", "Organization", "GovernmentBody", "Media")
                ):
                    yield Found("MEMBER_OF", actor, obj, token, "asserted", 0.55)
                if prep.lower_ == "at" and institution and obj_kind in _BODIES_WITH_UNITS:
                    # "the Citizen Lab at the University of Toronto": a unit of the body
                    yield Found("MEMBER_OF", actor, obj, token, "asserted", 0.5)
        yield from self._member_states(token, actor, actor_of)
        if institution or kind == "Government":  # "Biden's Democratic Party"
            for owner in self._actors(possessors(token), actor_of):
                if getattr(owner, "kind", "") == "Person":
                    yield Found("MEMBER_OF", owner, actor, token, "asserted", 0.5)
        for based in token.lefts:
            if based.lower_.endswith("based") or based.lemma_ == "base":
                places = [c for c in based.subtree if c.i != based.i and actor_of(c)]
                for place in self._actors(places[:1], actor_of):
                    yield Found("LOCATED_IN", actor, place, token, "asserted", 0.6)

    def _descriptions(self, token: Token) -> list[Token]:
        """The common nouns that say what an actor is: in apposition ("Acme, a company")
        or as what it is said to be ("Acme is a firm"); only nouns for a kind of actor."""
        nouns = [c for c in token.rights if c.dep_ == "appos"]
        if token.dep_ == "nsubj" and token.head.lemma_ == "be":
            nouns += children(token.head, "attr")
        return [
            n
            for n in nouns
            if n.pos_ == "NOUN"
            and (
                n.lemma_.lower() in self.lexicon.anaphors or n.lemma_.lower() in self.lexicon.heads
            )
        ]

    def _member_states(self, token: Token, actor: object, actor_of: ActorOf) -> Iterator[Found]:
        """'NATO ally Turkey', 'EU member state Poland', 'Turkey, a NATO member': a word
        for membership, named by a body, before or beside an actor."""
        words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
        words += [t for t in token.rights if t.dep_ == "appos" and t.pos_ == "NOUN"]
        if token.dep_ == "appos" and token.head.pos_ == "NOUN":  # "NATO ally Turkey" parsed
            words.append(token.head)  # with the ally as the head
        for word in words:
            chain = [word, *[t for t in word.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]]
            if not any(w.lemma_.lower() in _MEMBERSHIP_WORDS for w in chain):
                continue
            namers = [c for w in chain for c in w.lefts if c.dep_ in ("compound", "nmod")]
            for body in self._actors([c for c in namers if actor_of(c)], actor_of):
                if body is not actor and getattr(body, "kind", "") in (
                    "Organization",
                    "GovernmentBody",
                ):
                    yield Found("MEMBER_OF", actor, body, word, "asserted", 0.55)

    def find(self, sentence: Span, actor_of: ActorOf) -> list[Found]:
        """Every relation the sentence states between two different actors."""
        found: list[Found] = []
        for token in sentence:
            found += self.from_modifier(token, actor_of)
            if token.pos_ == "ADJ" and token.dep_ == "acomp":  # "was critical of Egypt"
                found += self.from_verb(token, actor_of)
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                found += self.from_frame(token, actor_of)
                found += self.from_verb(token, actor_of)
                found += self.from_acquisition(token, actor_of)
                found += self.from_handing_over(token, actor_of)
                found += self.from_award(token, actor_of)
                found += self.from_raising(token, actor_of)
                found += self.from_telling(token, actor_of)
                found += self.from_finding(token, actor_of)
                found += self.from_labelling(token, actor_of)
            if token.pos_ in ("NOUN", "PROPN"):
                found += self.from_noun(token, actor_of)
                found += self.from_standing_under(token, actor_of)
                found += self.from_custody(token, actor_of)
                found += self.from_behalf(token, actor_of)
                found += self.from_holdings(token, actor_of)
                found += self.from_clientele(token, actor_of)
                found += self.from_post(token, actor_of)
        return [f for f in found if f.subject is not f.object]
