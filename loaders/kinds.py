"""What a name is: the kind of actor it names, or a thing that is no actor.

A name may be a person, a company, a government or one of its bodies, an organization,
a group or a place; or a law, a list or an app, which are no actors. The gazetteer
decides first, then the name's head noun ("Bureau", "AG"), the noun beside it ("lawyer
Shashi Nathan"), the words around it (a firm's cues, where something is), and spaCy's
label last. Each mention records what said its kind, so that an actor's mentions can
weigh it when they vote (coreference.py).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from actorgraph.loaders.lexicon import KnownActor, Lexicon
from actorgraph.loaders.mention_records import Mention
from actorgraph.loaders.names import first_conjunct, strip_determiner
from actorgraph.loaders.page import Page
from actorgraph.schema import name_key

# spaCy entity labels that can name an actor, with the kind they suggest.
_ENTITY_KINDS = {
    "PERSON": "Person",
    "ORG": "Company",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
# The kinds that act for a state: its government and the government's bodies.
ACTING_KINDS = ("Government", "GovernmentBody")
_GROUP_NOUNS = frozenset({"majority", "minority", "population", "community", "people", "diaspora"})
# Words whose "of" says where: "south of Strelsau", "the outskirts of Beijing".
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "outskirts", "suburbs", "centre", "center", "heart", "streets", "outside"}
)  # fmt: skip
# Nouns whose "of" names a place ("the region of Xinjiang", "the enclave of Lanmoor").
_PLACE_NOUNS = frozenset(
    {"state", "region", "province", "city", "village", "town", "enclave", "territory", "island",
     "islands", "district", "county", "capital", "port", "peninsula", "oblast", "prefecture"}
)  # fmt: skip
# Words before "group" that make a firm of it; any other group beside a name is an
# organization ("a human rights group", "an arms control group").
_BUSINESS = frozenset(
    {"tech", "technology", "media", "industrial", "business", "investment", "equity", "energy",
     "telecom", "telecommunications", "financial", "banking", "insurance", "retail", "chemical",
     "engineering", "defence", "defense", "mining", "shipping", "consumer", "food", "steel",
     "holding", "conglomerate", "hotel", "auto", "pharmaceutical", "software"}
)  # fmt: skip
# What an agency beside a name is, by the word before it ('credit agency Zorvex').
_AGENCIES = {
    "news": "Media", "press": "Media", "credit": "Company", "rating": "Company",
    "ratings": "Company", "advertising": "Company", "ad": "Company", "travel": "Company",
    "talent": "Company", "marketing": "Company", "recruitment": "Company",
}  # fmt: skip
# Nouns a guessed name may modify and still be the actor: its goods, people, parts, deals.
_OWNED = frozenset(
    {"share", "shares", "stock", "executive", "executives", "employee", "employees", "worker",
     "workers", "staff", "headquarters", "plant", "factory", "facility", "office", "offices",
     "subsidiary", "unit", "board", "founder", "investor", "investors", "deal", "investment",
     "stake", "acquisition", "spokesman", "spokeswoman", "spokesperson", "chief", "boss",
     "owner", "customers", "users", "engineers", "researchers", "lawyers", "report", "statement"}
)  # fmt: skip
# Nouns whose name-modifier is a paper, not an actor ("a Public Records Access request").
_PAPERS = frozenset(
    {"request", "requests", "number", "numbers", "card", "cards", "policy", "scheme", "visa",
     "visas", "account", "accounts", "route", "strategy", "case", "rules", "program", "programme"}
)  # fmt: skip
# Words of saying whose "on" names the platform it was said on ('said on Twitter').
_SAYING = frozenset(
    {"say", "post", "write", "tweet", "announce", "publish", "share", "comment", "statement",
     "message", "video", "livestream", "broadcast", "reply", "respond", "appear"}
)  # fmt: skip
# Verbs whose subject is a firm when spaCy took its name for a place.
_INVESTING = frozenset({"invest", "acquire", "buy", "fund", "finance", "hire", "employ"})


def _kind_from_heads(words: list[str], lexicon: Lexicon, default: str) -> str:
    """The kind a name's words point to: a legal form ('AG', 'Pty Ltd') or its last word
    first, then the word its 'of' hangs on ('Government of Popular Unity'), then any
    other word but a government's ('State' of 'State Security Prosecution' says
    nothing); 'Administration' ending a name is one body of a state ('Drug Enforcement
    Administration'), not its government."""
    if lexicon.legal_form(words):
        return "Company"
    of = next((i for i, w in enumerate(words) if w in ("of", "for")), 0)
    headed = lexicon.heads.get(words[of - 1].lower()) if of > 0 else None
    if headed in ("Government", "GovernmentBody", "Organization"):
        return headed  # 'Government of Popular Accord', 'Ministry of ... Logistics'
    last = lexicon.heads.get(words[-1].lower().rstrip("."))
    if last == "Government" and len(words) > 1 and words[-1][:1].isupper():
        return "GovernmentBody"
    if last or headed:
        return last or headed
    for word in reversed(words[:-1]):
        kind = lexicon.heads.get(word.lower().rstrip("."))
        if kind and kind != "Government":
            return kind
    return default


def is_thing(span: Span, lexicon: Lexicon) -> bool:
    """A law, treaty, order, list or app by its last word ('the Secure Networks Act',
    'Executive Order 13553', 'the Entity List')."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or words[-1].lower_ not in lexicon.things:
        return False
    of = next((t for t in span if t.lower_ in ("of", "for")), None)
    headed = of is not None and of.i > span.start and lexicon.heads.get(of.nbor(-1).lower_)
    return not headed  # 'the Government of Popular Accord' is a body, not an accord


def _maker_of_thing(span: Span, lexicon: Lexicon) -> Mention | None:
    """The state or body whose name opens a law's or list's ('the U.S. Entity List', 'the
    EU Digital Services Act'): it made the thing, and is an actor though the thing is not."""
    for end in range(span.end - 2, span.start, -1):
        opening = span.doc[span.start : end]
        known = lexicon.known_actor(opening.text)
        if known and known.kind in ("Government", "GovernmentBody", "Organization"):
            return Mention(
                opening.start, opening.end, opening.text, known.kind, known, source="known"
            )
    return None


def _noun_beside(root: Token, lexicon: Lexicon) -> str | None:
    """The kind a common noun beside a name gives it: 'lawyer Shashi Nathan', 'a Myanmar
    national Tun Min Latt', 'the firm Zorvex', 'DeepSeek, the Chinese company'. Only
    lowercase words count: 'Executive' in 'Congressional-Executive Commission' is a name.
    A 'group' is a firm only when a business word says so ('a human rights group')."""
    beside = [c for c in root.lefts if c.dep_ in ("compound", "amod")]
    first = root.left_edge.i
    if (
        first > 0
        and root.doc[first - 1].head.i == root.head.i
        and root.doc[first - 1].i != root.head.i
    ):
        beside.append(root.doc[first - 1])  # 'the regulator Ofcom', parsed as two subjects
    apposed = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        apposed.append(root.head)
    if any(w.lower_ in lexicon.office_titles for w in apposed):
        return "Person"  # 'The Home Secretary, Jane Doe, said'
    beside += apposed
    for word in beside:
        kind = lexicon.anaphors.get(word.lemma_.lower())
        if kind and word.text.islower() and word.pos_ in ("NOUN", "ADJ"):
            modifiers = {c.lower_ for c in word.lefts if c.dep_ in ("compound", "amod")}
            if word.lemma_.lower() == "group":
                return "Company" if modifiers & _BUSINESS else "Organization"
            if word.lemma_.lower() == "agency" and modifiers:
                return _AGENCIES.get(next(iter(sorted(modifiers & set(_AGENCIES))), ""), kind)
            return kind
    return None


def _company_cue(root: Token, lexicon: Lexicon) -> bool:
    """Words that only a firm or body takes: 'X is based in', 'manager at X', 'X's
    subsidiary'. A place tagged on a firm's name ('Zorvexia') is none then."""
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in ("base", "headquarter"):
        return True
    if root.dep_ == "nsubj" and head.lemma_ in _INVESTING:
        return True  # 'Crystal Lake invested': a lake invests in nothing
    if root.dep_ == "pobj" and head.lower_ in ("at", "of") and head.head.pos_ == "NOUN":
        holder = head.head.lemma_.lower()
        return lexicon.anaphors.get(holder) == "Person" or holder in lexicon.title_words
    return root.dep_ == "poss" and head.lemma_.lower() in _OWNED


def _channel(root: Token) -> bool:
    """'said on Twitter', 'in a post on WeChat': the platform a statement was made on."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("on", "via"):
        return False
    return prep.head.lemma_.lower() in _SAYING


def _locative(span: Span, lexicon: Lexicon) -> bool:
    """The name is where something is: 'in Beijing', 'Tehran-based', 'Moscow's suburbs',
    'its Strelsau office'."""
    root, doc = span.root, span.doc
    after = doc[span.end : span.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ == "based":
        return True
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.text.islower():
        noun = root.head.lemma_.lower()  # 'a Beijing plant', 'its Strelsau office'
        return noun == "office" or lexicon.heads.get(noun) not in ACTING_KINDS
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "from":  # 'flew from Moscow'; but 'pressure from Washington' acts
        return prep.head.pos_ in ("VERB", "AUX")
    if prep.lower_ == "of":  # 'south of Strelsau', 'the outskirts of Beijing'
        return prep.head.lower_ in _DIRECTIONS
    return prep.lower_ in ("in", "at", "near", "outside")


def _in_container(root: Token) -> bool:
    """'the northern state of Kachin', 'the region of Xinjiang': the name is a place."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS


def _group_phrase(span: Span, head: Token) -> Mention:
    """'the Han Chinese majority', 'Lanmoori rebels': a name and the group noun it modifies."""
    start = span.start
    while start > 0 and span.doc[start - 1].ent_type_ == "NORP":
        start -= 1  # "Han" of "Han Chinese"
    group = span.doc[start : head.i + 1]
    return Mention(group.start, group.end, group.text, "Group", source="rule")


def _people(span: Span, lexicon: Lexicon) -> Mention | None:
    """A demonym or group name is a group ('Uyghurs', 'the Rohingya'), or names one with
    the group noun it modifies ('the Han Chinese majority', 'Lanmoori rebels'); a counted
    plural ('seven Russians') is so many people, and an adjective ('the German Siemens',
    'French and Swedish labs', 'is mainly Muslim') no actor."""
    root = span.root
    first = first_conjunct(root)
    if first.dep_ in ("amod", "compound", "nmod"):
        head = first.head
        if head.lemma_.lower() in _GROUP_NOUNS or head.lower_ in lexicon.group_nouns:
            return _group_phrase(span, head) if head.i >= span.end else None
        return None
    if first.dep_ in ("attr", "acomp") or any(c.dep_ == "nummod" for c in root.children):
        return None
    return Mention(span.start, span.end, span.text, "Group", source="rule")


def _named_org_of_demonym(span: Span, lexicon: Lexicon) -> Mention | None:
    """'the Westvalian hospital': a demonym-like word spaCy does not know heading an
    organization's noun is that organization's name."""
    head = span.root.head
    kind = lexicon.heads.get(head.lemma_.lower())
    if span.root.dep_ not in ("amod", "compound", "nmod") or kind is None or head.i < span.end:
        return None
    if kind in ("Government",) or lexicon.known_actor(span.text):
        return None
    if head.i != span.end:
        return None
    name = span.doc[span.start : head.i + 1]
    return Mention(name.start, name.end, name.text, kind, source="head")


def _label_kind(span: Span, label: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The kind spaCy's label suggests, corrected by a head noun ('Thalestris Limited' as a
    person, 'Bloomberg' as a place) or by an all-capital acronym (no person's name)."""
    base = _ENTITY_KINDS.get(label)
    if base is None:
        return None
    head = lexicon.heads.get(span[-1].lower_.rstrip("."))
    if head and (len(span) > 1 or label != "GPE" or head == "Media"):
        return head, "head"
    if lexicon.legal_form([t.text for t in span]):
        return "Company", "head"
    letters = span.text.replace(".", "")
    if label == "PERSON" and len(span) == 1 and letters.isalpha() and letters.isupper():
        return "Company", "guess"
    if label == "PERSON" and span.start > 0 and span.doc[span.start - 1].lower_ == "in":
        return "Place", "label"  # 'at his home in Lan Kwai Mo'
    return base, "label"


def _government_of(name: str, lexicon: Lexicon) -> KnownActor | None:
    """'the Government of Norway' is Norway."""
    match = re.match(r"(?:the\s+)?government\s+of\s+(.+)$", name, re.IGNORECASE)
    known = lexicon.known_actor(match.group(1)) if match else None
    return known if known is not None and known.kind == "Government" else None


def _without_full_stop(name: str, lexicon: Lexicon) -> str:
    """'SpaceX' of 'according to SpaceX.': the tokenizer leaves a sentence's full stop on
    an unknown word; an abbreviation keeps its dot ('Acme Corp.', 'U.S.', 'Jr.')."""
    last = name.split()[-1] if name else ""
    if not last.endswith(".") or "." in last[:-1] or len(last) <= 4:
        return name
    return name if last[:-1].lower() in lexicon.legal_forms else name[:-1]


def mention_of_name(span: Span, label: str, page: Page) -> Mention | None:
    """A mention for a proper name of a given entity label, kind from gazetteer or words."""
    lexicon = page.lexicon
    span = strip_determiner(span)
    name = _without_full_stop(span.text.strip(), lexicon)
    if not name or not any(ch.isupper() for ch in name) or "\n" in name:
        return None  # 'iris' of 'iris scans' is no name
    if sum(ch.isalnum() for ch in name) < 2:
        return None  # a letter cut from a longer name ('O' of 'Tseung Kwan O')
    if name.lower().startswith(("ex-", "former-")):
        name = name.split("-", 1)[1]
    root = span.root
    known = lexicon.known_actor(name) or _government_of(name, lexicon)
    if label == "NORP" and not known:
        return _named_org_of_demonym(span, lexicon) or _people(span, lexicon)
    adjective = first_conjunct(root).dep_ in ("amod", "compound", "nmod") or root.pos_ == "ADJ"
    if label == "NORP" and adjective:
        return _people(span, lexicon)
    if known and known.is_capital(name) and _locative(span, lexicon):
        return Mention(span.start, span.end, name, "Place", source="rule")  # the city
    if known:
        return Mention(span.start, span.end, name, known.kind, known, source="known")
    if is_thing(span, lexicon):
        return _maker_of_thing(span, lexicon)  # 'the U.S. Entity List': the United States
    if lexicon.is_term(name) or name_key(name) in page.things:
        return None
    attribute = root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.is_lower
    if label == "LOC" and attribute and root.head.lower_ not in lexicon.heads:
        return None  # 'the Westvale kingdom': a region as an attribute
    if label == "GPE" and root.tag_ in ("NNPS", "NNS"):
        return Mention(span.start, span.end, name, "Group", source="rule")  # "Kazakhs"
    if _in_container(root):
        return Mention(span.start, span.end, name, "Place", source="rule")
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in lexicon.group_nouns:
        return _group_phrase(span, root.head)  # "Lanmoori rebels"
    return _kind_of_name(span, name, label, page)


def _kind_of_name(span: Span, name: str, label: str, page: Page) -> Mention | None:
    """The kind of an unknown name: its head noun, the noun beside it, a firm's cues, then
    spaCy's label; a name only modifying a paper or a product is none ('a Public Records
    Information request', 'the Zorvex spyware')."""
    lexicon, root = page.lexicon, span.root
    words = [t.text for t in span]
    heads = _kind_from_heads(words, lexicon, "")
    if heads and (lexicon.legal_form(words) or lexicon.heads.get(words[-1].lower().rstrip("."))):
        return Mention(span.start, span.end, name, heads, source="head")
    beside = _noun_beside(root, lexicon) if label in ("ORG", "PERSON") else None
    if beside:
        return Mention(span.start, span.end, name, beside, source="noun")
    if heads:
        return Mention(span.start, span.end, name, heads, source="head")
    attribute = root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"
    if attribute and label in ("ORG", "PRODUCT", "PERSON", ""):
        head = root.head.lower_
        if head in lexicon.products or head in lexicon.things or head in _PAPERS:
            return None
        if lexicon.anaphors.get(head) == "Government":
            return None  # 'its fellow Lanmoori country': an adjective
    if _channel(root):
        return None  # 'said on Twitter': where it was said, no actor of the story
    if lexicon.is_company(name):  # 'Ericsson', 'Dahua', which spaCy takes for people
        return Mention(span.start, span.end, name, "Company", source="head")
    if label in ("GPE", "LOC", "FAC", "PERSON") and _company_cue(root, lexicon):
        return Mention(span.start, span.end, name, "Company", source="noun")
    if label == "ORG":
        # no word says what it is: the kind is a guess, which a locative role may correct
        return Mention(span.start, span.end, name, "Company", guessed=True, source="guess")
    kind = _label_kind(span, label, lexicon)
    if kind is None:
        return None
    return Mention(span.start, span.end, name, kind[0], source=kind[1])
