"""Candidate relations: every pair of actors in a sentence that a trigger word links.

The hand-written patterns (patterns.py) read a relation only where the sentence has
the exact shape a rule expects, so they miss most of what unseen news states. This
module proposes far more: for each sentence, each pair of actor mentions and each
trigger word near both of them on the dependency tree (a verb or noun of the
vocabulary or the compiled lexicon, a title for MEMBER_OF, "in" or "-based" for
places) it proposes (subject, type, object), and describes the proposal by features
a learned scorer weighs: the dependency path from each end to the trigger, the verbs
and nouns on the tree between the ends, the trigger's lemma and lexicon class, the
actors' kinds, whether a pattern read it.
A proposal is one unit per (sentence, subject, type, object); its features are those of
its best reading: the trigger of which both ends are the doer and the one done to, else
the nearest. (The union over every trigger let a long sentence's far triggers outvote
the one that states the relation.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:  # names for the annotations only: no import at run time
    from actorgraph.loaders.mention_records import Cluster
    from actorgraph.loaders.readings import Found

# The feature of every proposal a hand-written pattern read (the extractor keeps those).
RULE_FEATURE = "rule"
# How many dependency edges may separate an actor from the trigger word; the path's
# length is a feature, so a long one proposes and the model weighs it.
MAX_STEPS = 6
# Relation types whose object is a location, proposed from "in" and "-based" too.
_PLACE_KINDS = ("Place", "Government")
# Kinds of a body that acts and has members.
INSTITUTIONS = ("Company", "Organization", "GovernmentBody", "Media", "Government")
# Triggers that are no verb (a title, "in", "-based") link only the words right beside them.
_NEAR_ONLY = frozenset({"role", "in", "based"})
# Steps that pass through a list or an apposition: they do not change an actor's role.
_TRANSPARENT = (
    "conj",
    "appos",
    "cc",
    "punct",
    "prep_including",
    "prep_among",
    "pobj",
    "voice",
    "prt",
    "phrase",
)
# People who act for a body: "ambassadors from X" act as X does, so the step from them to
# X is skipped like a list's.
_VOICES = frozenset(
    {
        "ambassador",
        "envoy",
        "diplomat",
        "delegation",
        "delegate",
        "official",
        "representative",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "lawmaker",
        "legislator",
    }
)


@dataclass(slots=True)
class Proposal:
    """A candidate relation in one sentence, with the evidence for it as features."""

    sentence: Span
    subject: object  # a mentions.Cluster
    type: str
    object: object
    features: set[str] = field(default_factory=set)
    triggers: list[tuple[int, Token]] = field(default_factory=list)  # (path length, token)
    rule: Found | None = None  # the patterns.Found that read it, if any

    @property
    def trigger(self) -> Token | None:
        """The word the claim's modality is read from: a pattern's, else the closest one."""
        if self.rule is not None:
            return self.rule.trigger
        return min(self.triggers, key=lambda t: t[0])[1] if self.triggers else None


def _ancestry(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _leads_a_preposition(token: Token) -> bool:
    """A preposition that only leads another ("out of", "away from"): it has no object."""
    deps = {c.dep_ for c in token.children}
    return "prep" in deps and "pobj" not in deps


# Prepositions that list the members of a group ("six firms, including A").
_MEMBER_PREPS = frozenset({"including", "among"})


def _acts_on_a_group(verb: Token) -> bool:
    """A verb done to a plural noun ("sanctioned six firms"), to which spaCy hangs the
    list of its members ("..., including A and B") instead of to the noun."""
    return verb.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ == "NNS" for c in verb.children
    )


def _step(token: Token) -> str:
    """A dependency edge as a feature: prepositions keep their word ('prep_to')."""
    voice = token.lower_ in ("from", "of", "for") and token.head.lemma_.lower() in _VOICES
    if token.dep_ == "prep" and voice:
        return "voice"
    if token.dep_ == "prep" and token.lower_ in _MEMBER_PREPS and _acts_on_a_group(token.head):
        return "dobj"  # "sanctioned six firms, including A and B": A is what was sanctioned
    if token.dep_ == "prep" and _leads_a_preposition(token):
        return "phrase"  # "out" of "pulling out of Russia": the step is the inner "of"
    if token.dep_ in ("prep", "agent", "dative"):
        return f"{token.dep_}_{token.lower_}"
    return token.dep_


def _route(start: Token, end: Token) -> tuple[list[Token], list[Token]] | None:
    """The words from ``start`` up to the common ancestor of both (included), and from
    ``end`` up to just below it; None when the words are in different trees."""
    up, down = _ancestry(start), _ancestry(end)
    down_at = {t.i: n for n, t in enumerate(down)}
    top = next((n for n, t in enumerate(up) if t.i in down_at), None)
    if top is None:
        return None
    return up[: top + 1], down[: down_at[up[top].i]]


def path(start: Token, end: Token) -> tuple[str, ...] | None:
    """The dependency path from ``start`` up to the words' common ancestor and down to
    ``end``, as steps ('nsubj^', 'dobj_'); lists and appositions on the way are skipped,
    so every member of "A, B and C" has the same path. None when too long."""
    route = _route(start, end)
    return None if route is None else _steps(route)


def _steps(route: tuple[list[Token], list[Token]]) -> tuple[str, ...] | None:
    up, down = route
    steps = [f"{_step(t)}^" for t in up[:-1] if t.dep_ not in _TRANSPARENT]
    steps += [f"{_step(t)}_" for t in reversed(down)]
    steps = [s for s in steps if s[:-1] not in _TRANSPARENT]
    return tuple(steps) if len(steps) <= MAX_STEPS else None


def _words(route: tuple[list[Token], list[Token]]) -> list[str]:
    """The lemmas of the verbs and nouns on a route between two words: "supplier" of "A,
    a supplier of B", "contract" of "A won a contract with B" (the words themselves left out)."""
    up, down = route
    ends = (up[0].i, down[0].i if down else up[-1].i)
    between = [t for t in up[1:] + down[1:] if t.i not in ends]
    return [t.lemma_.lower() for t in between if t.pos_ in ("VERB", "NOUN")]


def _another_item(start: Token, end: Token) -> bool:
    """Whether the way from a word to another passes from one item of a list to the next:
    what a place word says of one item ("A, a Singapore-based firm; B, ...") is not said
    of the others."""
    route = _route(start, end)
    if route is None:
        return False
    up, down = route
    items = ("conj", "appos")
    return any(t.dep_ in items for t in up[:-1]) and any(t.dep_ in items for t in down)


def reversed_steps(steps: tuple[str, ...]) -> tuple[str, ...]:
    """The same path walked the other way: up steps become down steps."""
    flip = {"^": "_", "_": "^"}
    return tuple(f"{s[:-1]}{flip[s[-1]]}" for s in reversed(steps))


# The words that make a phrase with the word they hang on: "crack down", "work with",
# "do business", "joint venture".
_PHRASE_AFTER = frozenset({"prt", "prep", "dobj"})
_PHRASE_BEFORE = frozenset({"amod", "compound"})


def _phrases(token: Token, lemma: str) -> list[str]:
    """The two-word phrases a word makes with the words that hang on it."""
    return [
        f"{lemma} {child.lemma_.lower()}" if child.i > token.i else f"{child.lower_} {lemma}"
        for child in token.children
        if (child.dep_ in _PHRASE_AFTER and child.i > token.i)
        or (child.dep_ in _PHRASE_BEFORE and child.i < token.i)
    ]


def _a_country(actor: object) -> bool:
    """A country the gazetteer knows: a place in one sentence, a government acting in the
    next ("Washington sanctioned ..."), whatever the article's vote on its kind."""
    known = getattr(actor, "known", None)
    return getattr(known, "kind", "") == "Government"


@dataclass(frozen=True, slots=True)
class TriggerWords:
    """Which relation types a word can introduce, and from which list it came."""

    words: Mapping[str, Mapping[str, str]]  # lemma -> {type: source}
    roles: Mapping[str, str]  # a noun for a person's post -> the relation it names (MEMBER_OF)
    # a verb that means a type only with its object noun: verb -> noun -> {type: source}
    frames: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    # where a body is: "in" -> every such type, "-based" -> the type of being based
    places: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    reported: Mapping[str, str] = field(default_factory=dict)  # types a statement can express
    reporting: frozenset[str] = frozenset()  # verbs that report a statement
    tone: Mapping[str, frozenset[str]] = field(default_factory=dict)  # cue -> words
    owning: frozenset[str] = frozenset()  # types of owning: what they hold is no place

    def object_fits(self, relation: str, obj: object) -> bool:
        """Whether the object can be the object of the relation at all, by its kind."""
        o_kind = getattr(obj, "kind", "")
        if relation in self.places.get("in", {}):  # a guessed name may yet prove a place
            return o_kind in _PLACE_KINDS or getattr(obj, "guessed", False)
        if relation in self.owning and o_kind in _PLACE_KINDS:
            return False  # "rebels who control northern Yemen" hold no title to a country
        return relation not in self.roles.values() or o_kind in INSTITUTIONS

    def fits(self, relation: str, subject: object, obj: object) -> bool:
        """Kinds that can stand at the ends at all: a place is where a body is (not a
        person), a title is a person's, and a place does nothing."""
        s_kind, o_kind = getattr(subject, "kind", ""), getattr(obj, "kind", "")
        if relation in self.places.get("in", {}):
            return o_kind in _PLACE_KINDS and s_kind in INSTITUTIONS and s_kind != "Government"
        if relation in self.roles.values():
            return s_kind == "Person" and o_kind in INSTITUTIONS
        if not self.object_fits(relation, obj):
            return False
        return s_kind != "Place" or _a_country(subject)

    def types(self, token: Token) -> Mapping[str, str]:
        lemma = token.lemma_.lower()
        found = dict(self.words.get(lemma, {}))
        for phrase in _phrases(token, lemma):
            for relation, source in self.words.get(phrase, {}).items():
                found.setdefault(relation, source)
        if lemma in self.frames:
            nouns = self.frames[lemma]
            # the frame's noun as the verb's object ("filed a lawsuit against"), or the
            # noun the verb's participle describes ("a lawsuit filed by X against Y")
            framed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            framed += [token.head] if token.dep_ == "acl" else []
            for noun in framed:
                for relation, source in nouns.get(noun.lemma_.lower(), {}).items():
                    found.setdefault(relation, source)
        if token.pos_ in ("NOUN", "PROPN") and lemma in self.roles:
            found[self.roles[lemma]] = "role"  # a title relates only its holder to its body
        return found


def mentions_in(sentence: Span, clusters: Iterable[Cluster]) -> list[tuple[Token, Cluster]]:
    """(head token, actor) of every mention inside the sentence."""
    found = []
    for cluster in clusters:
        for mention in cluster.mentions:
            if sentence.start <= mention.start and mention.end <= sentence.end:
                span = sentence.doc[mention.start : mention.end]
                found.append((span.root, cluster))
    return found


def _tone(sentence: Span, cues: Mapping[str, frozenset[str]]) -> set[str]:
    """Which cue words a sentence holds, by cue (blame, ask, praise): none, one, more."""
    lemmas = [t.lemma_.lower() for t in sentence]
    return {f"tone_{cue}={_bucket(sum(w in words for w in lemmas))}" for cue, words in cues.items()}


def _locative_triggers(
    mentions: list[tuple[Token, object]], places: Mapping[str, Mapping[str, str]]
) -> list[tuple[Token, Mapping[str, str]]]:
    """'in Ruritania', 'a Ruritania-based firm': a place's own preposition or '-based' word
    introduces the relations of where a body is, with that place as the object."""
    found = []
    for head, cluster in mentions:
        if getattr(cluster, "kind", "") not in _PLACE_KINDS:
            continue
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "across", "inside"):
            found.append((head.head, places.get("in", {})))
        based = [t for t in head.doc[head.i + 1 : head.i + 3] if t.lower_.endswith("based")]
        if based:
            found.append((based[0], places.get("based", {})))
    return [(token, types) for token, types in found if types]


# The shapes of path by which an end is, grammatically, the doer of its trigger: a
# verb's subject or passive "by", a noun's possessor, "by" or "from", the subject of a
# light verb ("launched an investigation"), the noun a participle or relative clause
# hangs on ("manufacturers supplying X"), who is urged to act ("urged X to ban"), the
# subject of the clause an adverbial participle hangs on ("they wrote, urging X"), the
# agent of a noun that names the act ("the imposition by X of sanctions", "X's decision to
# ban").
DOER = frozenset(
    {
        ("nsubj^",),
        ("agent_by^",),
        ("poss^",),
        ("prep_by^",),
        ("prep_from^",),
        ("nsubj^", "dobj_"),
        ("nsubj^", "dobj_", "acl_"),
        ("acl_",),
        ("relcl_",),
        ("nsubj^", "xcomp_"),
        ("dobj^", "xcomp_"),
        ("nsubj^", "ccomp_"),
        ("nsubj^", "advcl_"),
        ("prep_by^", "prep_of_"),
        ("prep_by^", "acl_"),
    }
)
# ... and the shapes by which an end is what the trigger is done to: a verb's object, a
# passive's subject, the object of a preposition after the trigger or its object
# ("sold drones to X"), a participle's noun ("a firm sanctioned by").
_DONE_TO_STEPS = frozenset({("dobj_",), ("nsubjpass_",), ("dative_",), ("acl^",), ("relcl^",)})
_OBJECT_PREPS = frozenset(
    f"prep_{p}_" for p in ("to", "on", "against", "of", "into", "with", "in", "for", "at", "from")
)


def done_to(steps: tuple[str, ...]) -> bool:
    if steps in _DONE_TO_STEPS:
        return True
    return (len(steps) == 1 and steps[0] in _OBJECT_PREPS) or (
        len(steps) == 2 and steps[0] == "dobj_" and steps[1] in _OBJECT_PREPS
    )


def _role(steps: tuple[str, ...], object_end: bool) -> str:
    """'canon' when the end stands to the trigger as its doer (or as the one done to),
    'self' when the end is the trigger itself, else 'near'/'far' by the path's length."""
    if not steps:
        return "self"
    if done_to(steps) if object_end else steps in DOER:
        return "canon"
    return "near" if len(steps) == 1 else "far"


# How a person stands to a title ("Jane Roe, the CEO", "chief executive Jane Roe", "Roe
# is the CEO") and a title to its body ("Acme CEO", "Acme's CEO", "CEO of/at Acme").
_HOLDER = frozenset({(), ("compound_",), ("nsubj^", "attr_")})
_POST_OF = frozenset(
    {("compound_",), ("poss_",), ("nmod_",), ("amod_",), ("compound_", "compound_")}
    # "Acme Chief Executive Jane Roe" parsed flat: body and title both lean on the name
    | {("compound^", "compound_")}
    | {(f"prep_{p}_",) for p in ("of", "at", "for", "from", "in")}
    # "chief of the FSB's equipment center": a unit the body names is the body's
    | {(f"prep_{p}_", dep) for p in ("of", "at") for dep in ("compound_", "nmod_", "poss_")}
)


def _holds_post(to_person: tuple[str, ...], to_body: tuple[str, ...]) -> bool:
    """A title links a person to a body only when it is the person's own title."""
    return to_person in _HOLDER and to_body in _POST_OF


def _names_body(title: Token, holder: Token, body: Token) -> bool:
    """The body is named inside the title's own phrase ("Acme's chief", "chief of Acme") or
    beside it on the holder's name ("Acme Chief Executive Jane Roe"), not in the next item
    of a list that the tree makes look as near."""
    inside = title.left_edge.i <= body.i <= title.right_edge.i
    return inside or (body.head.i == holder.i and body.dep_ == "compound")


def _a_portfolio(title: Token, body: Token, mentions: list[tuple[Token, object]]) -> bool:
    """A place before a title whose body follows "at", or before a unit a body owns, is the
    post's portfolio: "China director at Human Rights Watch", "head of Human Rights Watch's
    China division" are members of the group, not of China (but "U.S. envoy to the UN" is
    the envoy of the United States)."""
    if body.dep_ not in ("compound", "nmod"):
        return False
    if getattr(_actor_at(body, mentions), "kind", "") not in _PLACE_KINDS:
        return False
    owners = [c for c in body.head.children if c.dep_ == "poss" and _actor_at(c, mentions)]
    at = [p for p in title.children if p.dep_ == "prep" and p.lower_ == "at"]
    named = [o for p in at for o in p.children if o.dep_ == "pobj"]
    institutions = [o for o in named if getattr(_actor_at(o, mentions), "kind", "") in INSTITUTIONS]
    return bool(owners or institutions)


def _actor_at(token: Token, mentions: list[tuple[Token, object]]) -> object | None:
    return next((actor for head, actor in mentions if head.i == token.i), None)


def _title_holders(title: Token, mentions: list[tuple[Token, object]]) -> list[object]:
    """The people a title belongs to: the name it stands in front of ("chief executive Jane
    Roe"), and with a plural title every name of that list ("Acme officers Jane Roe, John
    Doe and Ali Khan") or in apposition to it ("four members of the PLA – A, B and C");
    else the nearest name within its part of a list ("Jane Roe, Acme's
    chief; John Doe, ..."): on the tree a list makes every title as near to one name as to
    the next."""
    people = [(head, actor) for head, actor in mentions if getattr(actor, "kind", "") == "Person"]
    lean = title
    while lean.dep_ in ("compound", "amod") and lean.head.i > lean.i:
        lean = lean.head
    fronted = {lean.i}
    if title.tag_ in ("NNS", "NNPS"):
        fronted |= {t.i for t in lean.conjuncts}
        # "four members of the PLA – A, B, C and D": the names in apposition hold it
        named = [c for c in title.children if c.dep_ == "appos"]
        fronted |= {t.i for c in named for t in [c, *c.conjuncts]}
    holders = [actor for head, actor in people if head.i in fronted]
    if holders:
        return holders
    doc = title.doc
    near = [
        (abs(title.i - head.i), head.i, actor)
        for head, actor in people
        if not any(t.text == ";" for t in doc[min(head.i, title.i) : max(head.i, title.i)])
    ]
    return [min(near, key=lambda p: p[:2])[2]] if near else []


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3+"


def _features(
    relation: str,
    source: str,
    trigger: Token,
    to_subject: tuple[str, ...],
    to_object: tuple[str, ...],
    subject: tuple[Token, object],
    obj: tuple[Token, object],
) -> set[str]:
    """What a scorer weighs about one trigger linking a subject to an object."""
    s_head, s_actor = subject
    o_head, o_actor = obj
    sp, op = "/".join(to_subject) or "self", "/".join(to_object) or "self"
    lemma, pos = trigger.lemma_.lower(), trigger.pos_
    s_kind, o_kind = getattr(s_actor, "kind", ""), getattr(o_actor, "kind", "")
    anaphoric = [
        f"anaphor_{end}"
        for end, head in (("s", s_head), ("o", o_head))
        if head.pos_ == "PRON" or head.lower_ in ("company", "firm", "group", "agency")
    ]
    negated = any(c.dep_ == "neg" for c in trigger.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children)
    roles = f"roles={_role(to_subject, False)}/{_role(to_object, True)}"
    generic = {
        roles,
        f"{roles}|pos={pos}|passive={passive}",
        f"sp={sp}",
        f"op={op}",
        f"sp={sp}|op={op}",
        f"src={source}",
        f"order={'so' if s_head.i < o_head.i else 'os'}",
        f"len={_bucket(len(to_subject))}{_bucket(len(to_object))}",
        f"neg={negated}",
        *anaphoric,
    }
    typed = {
        "",
        roles,
        f"lemma={lemma}",
        f"sk={s_kind}",
        f"ok={o_kind}",
        f"sk={s_kind}|ok={o_kind}",
        f"src={source}",
        f"pos={pos}",
        f"passive={passive}",
    }
    return generic | {f"{relation}|{f}" for f in typed}


Proposals = dict[tuple[int, int, str], Proposal]  # by (id(subject), id(object), type)


def _proposal(
    proposals: Proposals, sentence: Span, subject: object, relation: str, obj: object
) -> Proposal:
    """The sentence's proposal of (subject, relation, object), made on first asking."""
    key = (id(subject), id(obj), relation)
    if key not in proposals:
        proposals[key] = Proposal(sentence, subject, relation, obj)
    return proposals[key]


def propose(sentence: Span, clusters: Iterable[Cluster], triggers: TriggerWords) -> Proposals:
    """Every candidate relation of one sentence, keyed by (id(subject), id(object), type)."""
    mentions = mentions_in(sentence, clusters)
    if len({id(c) for _, c in mentions}) < 2:
        return {}
    found: list[tuple[Token, Mapping[str, str]]] = [
        (t, types) for t in sentence if (types := triggers.types(t))
    ]
    found += _locative_triggers(mentions, triggers.places)
    found += [
        (t, triggers.reported)
        for t in sentence
        if t.lemma_ in triggers.reporting and t.pos_ == "VERB" and triggers.reported
    ]
    tone = _tone(sentence, triggers.tone)
    proposals: Proposals = {}
    between: dict[tuple[int, int], tuple[str, ...] | None] = {}  # paths of ends, per pair
    words_between: dict[tuple[int, int], list[str]] = {}
    best: dict[int, list[tuple[tuple[int, int], set[str]]]] = {}  # each trigger's features
    for trigger, types in found:
        reach = [(m, path(m[0], trigger)) for m in mentions]
        reach = [(m, p) for m, p in reach if p is not None]
        for subject, to_subject in reach:
            for obj, from_object in reach:
                if subject[1] is obj[1] or subject[0].i == obj[0].i:
                    continue
                to_object = reversed_steps(from_object)
                if len(to_subject) + len(to_object) > MAX_STEPS + 2:
                    continue
                ends = (subject[0].i, obj[0].i)
                if ends not in between:
                    route = _route(subject[0], obj[0])
                    between[ends] = None if route is None else _steps(route)
                    words_between[ends] = [] if route is None else _words(route)
                if between[ends] == ():
                    continue  # "A, B and C": members of one list are not related by it
                for relation, source in types.items():
                    if not triggers.fits(relation, subject[1], obj[1]):
                        continue
                    if source in _NEAR_ONLY and max(len(to_subject), len(to_object)) > 2:
                        continue
                    if relation in triggers.places.get("in", {}) and _another_item(
                        subject[0], trigger
                    ):
                        continue  # "A, a Singapore-based firm; B, a Thai one": A's, not B's
                    based = relation in triggers.places.get("based", {})
                    if source == "in" and based and to_subject != ("prep_in_",):
                        # where a body is based its own "in" says ("the company in Waltham");
                        # "halts sales in Xinjiang" is where an act is, not the firm
                        continue
                    if source == "role" and not (
                        _holds_post(to_subject, to_object)
                        and any(h is subject[1] for h in _title_holders(trigger, mentions))
                        and _names_body(trigger, subject[0], obj[0])
                        and not _a_portfolio(trigger, obj[0], mentions)
                    ):
                        continue
                    proposal = _proposal(proposals, sentence, subject[1], relation, obj[1])
                    features = _features(
                        relation, source, trigger, to_subject, to_object, subject, obj
                    )
                    if source == "report":
                        features |= {f"{relation}|{t}" for t in tone}
                    direct = "/".join(between[ends]) if between[ends] is not None else "far"
                    features |= {f"direct={direct}"}
                    features |= {f"{relation}|via={w}" for w in words_between[ends]}
                    steps = len(to_subject) + len(to_object)
                    fit = (_role(to_subject, False) != "canon") + (
                        _role(to_object, True) != "canon"
                    )
                    best.setdefault(id(proposal), []).append(((fit, steps), features))
                    proposal.triggers.append((steps, trigger))
    for proposal in proposals.values():
        proposal.features |= min(best[id(proposal)], key=lambda b: b[0])[1]
    return proposals


def add_rule(proposals: Proposals, sentence: Span, found: Found, triggers: TriggerWords) -> None:
    """Mark the proposal a hand-written pattern read (adding it when no trigger proposed it)."""
    subject, obj, relation = found.subject, found.object, found.type
    if not triggers.object_fits(relation, obj):
        return  # a pattern misreads a list now and then: nobody is a member of a person
    kinds = (getattr(subject, "kind", ""), getattr(obj, "kind", ""))
    if relation in triggers.roles.values() and all(k in _PLACE_KINDS for k in kinds):
        return  # "Japan joined the US in sanctioning A": no state is a member of another
    proposal = _proposal(proposals, sentence, subject, relation, obj)
    proposal.rule = found
    proposal.features |= {RULE_FEATURE, f"{relation}|rule", f"{relation}|rule|{found.trigger.pos_}"}


def add_support(proposals: list[Proposal]) -> None:
    """How often the article proposes the same relation, and the same two actors at all:
    a relation a story states is often stated twice, a chance pairing seldom."""
    same = Counter((id(p.subject), id(p.object), p.type) for p in proposals)
    pair = Counter(frozenset((id(p.subject), id(p.object))) for p in proposals)
    for p in proposals:
        n = same[(id(p.subject), id(p.object), p.type)]
        m = pair[frozenset((id(p.subject), id(p.object)))]
        p.features |= {
            f"support={_bucket(n)}",
            f"{p.type}|support={_bucket(n)}",
            f"pair={_bucket(m)}",
        }
