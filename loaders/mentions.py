"""Find the actors an article mentions, and resolve mentions to one actor each.

Mentions come from three places: spaCy's named entities, noun phrases whose
head noun names a body ("Xinjiang police", "the Chinese regime"), and words that
refer back ("the company", "the senator", "it"). Things are no actors: laws,
treaties, orders and lists ("the Secure Networks Act"), products and apps, party
tags ("D-Mich."), titles ("Deputy Head of Protocol"), ticker codes and datelines.

Resolution then groups mentions: the same name, a shorter form of a name ("Thermo
Fisher", "Rubio"), an acronym ("HRW", or one given in parentheses), a gazetteer
alias ("Beijing" for China), a name given as another's ("formerly known as"), a
variant spelling of a person's name, or the nearest earlier actor of the right kind
for a description or pronoun. An actor's kind is voted by its mentions, each weighed
by what says it: the gazetteer decides, a head noun ("Bureau", "AG") outweighs the
words beside a name, which outweigh spaCy's label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
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
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Legal forms an acronym's initials leave out ('Acme Holdings Pte. Ltd. (AH)').
_LEGAL_WORDS = frozenset(
    {"co", "corp", "inc", "ltd", "llc", "plc", "pte", "pty", "gmbh", "ag", "sa", "nv", "bv",
     "limited", "bhd", "sdn", "jsc", "pjsc", "spa", "srl"}
)  # fmt: skip
# Words inside a name that its acronym may skip ("Bureau of Industry and Security": BIS).
_LINK_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "&", "'s", "’s", "de", "du", "des"})
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
# Nouns of containers whose coordinated names are one place ("the X and Y province").
_CONTAINERS = frozenset({"province", "region", "state", "county", "district", "governorate"})
# Modifiers that make "government" a city's or a province's, one body of its state.
_LOCAL = frozenset(
    {"city", "municipal", "provincial", "province", "regional", "local", "county", "district"}
)
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
# "(D-Mich.)", "R-Fla.", "D-N.Y.": a lawmaker's party and state, no actor.
_PARTY_TAG = re.compile(
    r"(?<![\w-])[DRI]-(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.|[A-Z]{2}\b"
    r"|Texas|Utah|Iowa|Ohio|Idaho|Maine|Alaska|Hawaii|Guam)"
)  # not 'D-Wave', a firm
# A byline or credit line names its people and outlet, however it capitalises them.
_BYLINE = re.compile(r"^\s*By\s|\b(?:Reporting|Editing|Writing|[Rr]eporting)\s+by\b")
# Ticker codes: "[RIC:RIC:HWT.UL]", "(002415.SZ)", "(NYSE: BA)".
_TICKER = re.compile(
    r"\[[^\]\n]{0,40}:[^\]\n]{0,40}\]"
    r"|\(\s*(?:[A-Za-z]+\s?:\s?)?[A-Z0-9]{1,8}(?:\.[A-Z]{1,3})+\s*\)"
    r"|\(\s*(?:NYSE|NASDAQ|Nasdaq|LSE|HKEX|TSE|SSE|SZSE|OTC)\s?:\s?[A-Z0-9.]{1,8}\s*\)"
)
# Cues that give a second name of the actor just named: "Acme, formerly known as Globex".
_ALSO_KNOWN = (
    ("also", "known", "as"),
    ("formerly", "known", "as"),
    ("officially", "known", "as"),
    ("previously", "known", "as"),
    ("now", "known", "as"),
    ("better", "known", "as"),
    ("known", "as"),
    ("formerly", "called"),
    ("formerly",),
    ("aka",),
    ("a.k.a.",),
    ("(", "or"),
)
# Words of saying whose "on" names the platform it was said on ('said on Twitter').
_SAYING = frozenset(
    {"say", "post", "write", "tweet", "announce", "publish", "share", "comment", "statement",
     "message", "video", "livestream", "broadcast", "reply", "respond", "appear"}
)  # fmt: skip
# Verbs whose subject is a firm when spaCy took its name for a place.
_INVESTING = frozenset({"invest", "acquire", "buy", "fund", "finance", "hire", "employ"})
# How much each source of a kind counts in an actor's vote.
_WEIGHTS = {"known": 8.0, "head": 4.0, "rule": 3.0, "noun": 3.0, "guess": 0.5}


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
    source: str = "label"  # what said its kind: known, head, rule, noun, label or guess
    label: str = ""  # spaCy's entity label, if any
    aliases: tuple[str, ...] = ()  # other names it gives: its acronym in parentheses
    same_as: int | None = None  # start of the mention it renames ("formerly known as")
    definite: bool = False  # "the" stood before it ("the Cluster")
    owned: tuple[str, str] = ("", "")  # the state its name names, and the rest of the name
    listed: int = -1  # the first token of the list it is in ("Boeing, Acme and Globex")

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

    @property
    def key(self) -> str:
        return name_key(self.name)

    def vote(self, kind: str, weight: float) -> None:
        self.votes[kind] = self.votes.get(kind, 0.0) + weight


@dataclass(slots=True)
class _Page:
    """What the whole document says about its tokens before mentions are read."""

    doc: Doc
    lexicon: Lexicon
    banned: set[int]  # tokens of party tags, ticker codes and datelines
    headlines: set[int]  # first tokens of headline sentences
    acronyms: dict[int, tuple[int, int, str]]  # "(" token -> (start, end) of the name, acronym
    things: set[str] = field(default_factory=set)  # name keys of things' acronyms ('GDPR')


# ---------------------------------------------------------------------------------------
# The page: headlines, datelines, tags, tickers and acronyms in parentheses
# ---------------------------------------------------------------------------------------


def _headlines(doc: Doc) -> set[int]:
    """First tokens of the sentences on headline lines: a line without a closing full stop
    whose words are mostly capitalised, so that its capitals say nothing. spaCy may cut
    such a line into several sentences; a paragraph cut mid-line is no headline."""
    starts: set[int] = set()
    offset = 0
    for line in doc.text.split("\n"):
        span = doc.char_span(offset, offset + len(line), alignment_mode="contract")
        offset += len(line) + 1
        if span is None or _BYLINE.search(line) or not _title_case(span):
            continue
        starts.update(s.start for s in doc.sents if span.start <= s.start < span.end)
    return starts


def _title_case(words: Span) -> bool:
    """No closing full stop and most words capitalised."""
    ending = [t for t in words if not t.is_space]
    last = ending[-1].text if ending else ""
    if last in (".", "!", "?", '"', "\u201d") or last.lower().rstrip(".") in _LEGAL_WORDS:
        return False  # a full stop, also the one of 'Acme Corp.', ends a sentence
    alpha = [t for t in words if t.is_alpha and len(t) > 3]
    return len(alpha) >= 3 and sum(t.text[0].isupper() for t in alpha) / len(alpha) > 0.6


def _tokens_in(doc: Doc, pattern: re.Pattern[str]) -> set[int]:
    """The tokens a pattern's matches in the text touch."""
    out: set[int] = set()
    for match in pattern.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _dateline(doc: Doc) -> set[int]:
    """Places opening a paragraph as a dateline ('LONDON, August 20.', 'London. ...',
    'GENEVA (20 June 2024) -'): where the story was filed, no actor of it."""
    out: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.end >= len(doc):
            continue
        before = doc.text[: ent.start_char].rstrip(" \t")
        if before and not before.endswith("\n"):
            continue
        after = doc[ent.end]
        dated = any(e.label_ == "DATE" and 0 <= e.start - ent.end <= 3 for e in doc.ents)
        shouting = ent.text.isupper() and after.text in (",", "(", "\u2014", "\u2013", "-")
        if after.text == "." or (after.text == "," and dated) or shouting:
            out.update(range(ent.start, ent.end))
    return out


def _spells(acronym: str, tokens: list[Token]) -> bool:
    """The words spell the acronym by their initials: every capitalised word gives its
    letter, a linking word may or may not ('Bureau of Industry and Security': BIS;
    'Ministry of Defense and Armed Forces Logistics': MODAFL)."""
    words = [t.text for t in tokens if t.is_alpha or t.text[:1].isalnum()]
    letters = acronym.upper()

    def spell(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        optional = word.lower() in _LINK_WORDS or not word[:1].isupper()
        takes = j < len(letters) and word[0].upper() == letters[j] and spell(i + 1, j + 1)
        return takes or (optional and spell(i + 1, j))

    return len(words) <= 14 and spell(0, 0)


def _acronym_text(token: Token) -> str | None:
    letters = token.text.replace(".", "").replace("&", "").replace("-", "")
    if len(letters) < 2 or not letters.isalnum() or not any(ch.isalpha() for ch in letters):
        return None
    return letters.upper() if letters.upper() == letters else None


def _entity_around(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the named entity it ends, less a leading 'the' and any possessor, so
    that 'DPA' names 'the Dutch Data Protection Authority', not 'Data Protection Authority',
    and 'BIS' of 'the Commerce Department's Bureau of Industry and Security' the bureau."""
    for ent in doc.ents:
        if ent.start <= start < ent.end and ent.end in (end, end + 1):
            first = ent.start + (doc[ent.start].lower_ in _DETERMINERS)
            owners = [t.i + 1 for t in doc[first:start] if t.tag_ == "POS"]
            return min(max([first, *owners]), start), end
    return start, end


def _legal_tail(doc: Doc, end: int) -> bool:
    """The word before ``end`` is a company's legal form ('Ltd.', 'PTE.', 'Co.')."""
    word = doc[end - 1].text.lower().rstrip(".")
    return word in _LEGAL_WORDS


def _acronyms(doc: Doc) -> dict[int, tuple[int, int, str]]:
    """'the Ruritania Digital Rights Foundation (RDRF)': the name each acronym in
    parentheses stands for, found by its initials in the words just before."""
    found: dict[int, tuple[int, int, str]] = {}
    for paren in doc:
        if paren.text != "(" or paren.i + 2 >= len(doc) or doc[paren.i + 2].text != ")":
            continue
        acronym = _acronym_text(doc[paren.i + 1])
        if acronym is None:
            continue
        end = paren.i
        while end > paren.sent.start and (doc[end - 1].text == "," or _legal_tail(doc, end)):
            end -= 1  # 'Globex Consultancy Pte. Ltd. (GC)': the initials stop at the name
        for start in range(end - 1, max(end - 12, paren.sent.start) - 1, -1):
            words = list(doc[start:end])
            if not words[0].text[:1].isupper() or "\n" in doc[start:end].text:
                continue
            if _spells(acronym, words):
                first, last = _entity_around(doc, start, paren.i)
                found[paren.i] = (first, last, acronym)
                break
    return found


def _page(doc: Doc, lexicon: Lexicon) -> _Page:
    headlines = _headlines(doc)
    banned = _tokens_in(doc, _PARTY_TAG) | _tokens_in(doc, _TICKER) | _dateline(doc)
    return _Page(doc, lexicon, banned, headlines, _acronyms(doc))


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------


def _strip_determiner(span: Span) -> Span:
    while len(span) > 1 and (span[0].lower_ in _DETERMINERS or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].tag_ == "POS" or span[-1].is_space):
        span = span[:-1]
    return span


def _is_title(token: Token, lexicon: Lexicon) -> bool:
    """A word of a person's title: 'Secretary', 'Deputy', 'Sen.', 'CEO'."""
    lower = token.lower_.rstrip(".")
    return (
        lower in lexicon.title_words
        or token.lower_ in lexicon.titles
        or lexicon.anaphors.get(lower) == "Person"
    )


def _office_title(token: Token, lexicon: Lexicon) -> bool:
    """A government office holder's title, whose 'of' names a portfolio ('Minister of')."""
    return token.lower_ in lexicon.office_titles


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


def _is_thing(span: Span, lexicon: Lexicon) -> bool:
    """A law, treaty, order, list or app by its last word ('the Secure Networks Act',
    'Executive Order 13553', 'the Entity List')."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or words[-1].lower_ not in lexicon.things:
        return False
    of = next((t for t in span if t.lower_ in ("of", "for")), None)
    headed = of is not None and of.i > span.start and lexicon.heads.get(of.nbor(-1).lower_)
    return not headed  # 'the Government of Popular Accord' is a body, not an accord


def _whole_name(span: Span, lexicon: Lexicon) -> Span:
    """Grow an entity to the whole proper name it is part of: spaCy often tags 'Thermo Fisher' of
    'Thermo Fisher Scientific', or 'the Congressional-Executive Commission' without 'on China'.
    A title after a name is not part of it ('Acme Chief Operating Officer')."""
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
        if any(_is_title(t, lexicon) for t in grown):
            break
        span = doc[span.start : head.i + 1]
    root = span.root
    for prep in root.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.i == span.end and prep.lower_ in ("on", "of", "for") and objects:
            obj = objects[0]
            if obj.pos_ == "PROPN" and obj.right_edge.i == obj.i and not _is_title(root, lexicon):
                span = doc[span.start : obj.i + 1]
    return span


def _grown_left(span: Span, page: _Page) -> Span:
    """'Frontier Foundation' of 'Electronic Frontier Foundation criticized ...': spaCy cuts a
    name whose first word opens the sentence. Grow it back over capitalised words when the
    longer name is well known (also over 'to' of 'Committee to Protect ...') or written
    again in the article; a person's name over its unlabelled first names ('Karim' before
    'bin Rashid Al Farsi'), but not over a title ('Sheikh')."""
    doc, lexicon = page.doc, page.lexicon
    person = span.root.ent_type_ == "PERSON"
    best = start = span.start
    while start > span.sent.start and span.end - start < 8:
        before = doc[start - 1]
        if not before.is_alpha or before.ent_type_ or before.lower_ in _DETERMINERS:
            break
        if _is_title(before, lexicon):
            break
        start -= 1
        if not doc[start].text[:1].isupper():
            continue
        candidate = doc[start : span.end].text
        capitalised = all(t.text[:1].isupper() for t in doc[start : span.start] if t.is_alpha)
        named = person and all(t.pos_ == "PROPN" for t in doc[start : span.start])
        if lexicon.known_actor(candidate) or (
            capitalised and (named or _written_twice(candidate, doc))
        ):
            best = start
    return doc[best : span.end]


def _written_twice(name: str, doc: Doc) -> bool:
    return len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text)) > 1


def _noun_beside(root: Token, lexicon: Lexicon) -> str | None:
    """The kind a common noun beside a name gives it: 'lawyer Shashi Nathan', 'a Myanmar
    national Tun Min Latt', 'the firm Zorvex', 'DeepSeek, the Chinese company'. Only
    lowercase words count: 'Executive' in 'Congressional-Executive Commission' is a name.
    A 'group' is a firm only when a business word says so ('a human rights group')."""
    beside = [c for c in root.lefts if c.dep_ in ("compound", "amod")]
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
        return noun == "office" or lexicon.heads.get(noun) not in _ACTING_KINDS
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


def _first_conjunct(token: Token) -> Token:
    """The first of the words a word is listed with ('Swedish' of 'French and Swedish')."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


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
    first = _first_conjunct(root)
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


def _named(span: Span, label: str, page: _Page) -> Mention | None:
    """A mention for a proper name of a given entity label, kind from gazetteer or words."""
    lexicon = page.lexicon
    span = _strip_determiner(span)
    name = span.text.strip()
    if not name or not any(ch.isupper() for ch in name) or "\n" in name:
        return None  # 'iris' of 'iris scans' is no name
    if name.lower().startswith(("ex-", "former-")):
        name = name.split("-", 1)[1]
    root = span.root
    known = lexicon.known_actor(name) or _government_of(name, lexicon)
    if label == "NORP" and not known:
        return _named_org_of_demonym(span, lexicon) or _people(span, lexicon)
    adjective = _first_conjunct(root).dep_ in ("amod", "compound", "nmod") or root.pos_ == "ADJ"
    if label == "NORP" and adjective:
        return _people(span, lexicon)
    if known and known.is_capital(name) and _locative(span, lexicon):
        return Mention(span.start, span.end, name, "Place", source="rule")  # the city
    if known:
        return Mention(span.start, span.end, name, known.kind, known, source="known")
    if lexicon.is_term(name) or _is_thing(span, lexicon) or name_key(name) in page.things:
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


def _kind_of_name(span: Span, name: str, label: str, page: _Page) -> Mention | None:
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
    if label in ("GPE", "LOC", "FAC", "PERSON") and _company_cue(root, lexicon):
        return Mention(span.start, span.end, name, "Company", source="noun")
    if label == "ORG":
        # no word says what it is: the kind is a guess, which a locative role may correct
        return Mention(span.start, span.end, name, "Company", guessed=True, source="guess")
    kind = _label_kind(span, label, lexicon)
    if kind is None:
        return None
    return Mention(span.start, span.end, name, kind[0], source=kind[1])


def _split(span: Span, cuts: list[int]) -> list[Span]:
    """The named parts of ``span`` between the cut tokens."""
    pieces, start = [], span.start
    for cut in [*cuts, span.end]:
        if cut > start:
            pieces.append(span.doc[start:cut])
        start = cut + 1
    return [p for p in pieces if any(t.pos_ == "PROPN" for t in p)]


def _one_listed_name(part: Span, lexicon: Lexicon) -> bool:
    """'Bureau of Trade, Energy, and Labor', 'Foreign, Commonwealth and Development
    Office': commas inside one name, either after its 'of' or before its head noun."""
    first_comma = next(t.i for t in part if t.text == ",")
    if any(t.lower_ in ("of", "for") for t in part.doc[part.start : first_comma]):
        return True
    last = lexicon.heads.get(part[-1].lower_)
    listed = [t for t in part[:-1] if t.is_alpha and t.lower_ not in ("and", "or")]
    return last in ("GovernmentBody", "Organization") and not any(
        lexicon.heads.get(t.lower_) for t in listed
    )


def _entity_pieces(ent: Span, lexicon: Lexicon) -> list[Span]:
    """An entity split where spaCy ran names together: 'the U.S. Treasury's Office of Foreign
    Assets' (a possessor and what it owns) and lists ('Dell, Super Micro and HP'). An 'and'
    without a list is part of the name: 'Bureau of Industry and Security'; so is a list
    inside one ('Foreign, Commonwealth and Development Office'), and 'People's'."""
    cuts = [t.i for t in ent if t.tag_ == "POS" and t.i > ent.start and _owner_cut(t, lexicon)]
    owned = _split(ent, cuts)
    pieces: list[Span] = []
    for part in owned or [ent]:
        commas = [t.i for t in part if t.text == ","]
        if commas and _one_listed_name(part, lexicon):
            pieces.append(part)
            continue
        ands = [t.i for t in part if t.lower_ in ("and", "or") and t.i > part.start]
        listed = _split(part, sorted(commas + ands)) if commas else []
        pieces += _legal_forms_joined(listed, lexicon) if len(listed) > 1 else [part]
    return pieces


def _owner_cut(pos: Token, lexicon: Lexicon) -> bool:
    """A possessive between two names ('the Treasury's Office of ...'), not one inside a
    name: 'People's Liberation Army', 'the U.S. Attorney's Office', 'Commissioner's Office'."""
    before = pos.nbor(-1)
    return before.lower_ not in ("people", "peoples") and not _is_title(before, lexicon)


def _legal_forms_joined(pieces: list[Span], lexicon: Lexicon) -> list[Span]:
    """'Acme Co., Ltd.': a piece that is only a legal form belongs to the name before it."""
    out: list[Span] = []
    for piece in pieces:
        words = [t.text for t in piece]
        if out and lexicon.legal_form(["_", *words]) and len(words) <= 2:
            out[-1] = piece.doc[out[-1].start : piece.end]
        else:
            out.append(piece)
    return out


def _joined_list_end(ent: Span) -> Span:
    """'the Bureau of Trade, Energy' + ', and Labor': spaCy ends a name at the
    'and' of the list inside it; a capitalised last item after it belongs to the name."""
    doc = ent.doc
    if not any(t.lower_ in ("of", "for") for t in ent) or not any(t.text == "," for t in ent):
        return ent
    i = ent.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "and" and doc[i + 1].text[:1].isupper():
        end = i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        return doc[ent.start : end]
    return ent


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


def _in_title(span: Span, lexicon: Lexicon) -> bool:
    """The name follows an office holder's title and its 'of' ('Minister of Culture',
    'Secretary of State for ...'), or is a country's office before a title ('UAE National
    Security Adviser'): a portfolio, not an actor of its own."""
    doc, i = span.doc, span.start
    while i > 0 and doc[i - 1].lower_ in _DETERMINERS:
        i -= 1
    listed = i  # 'Under Secretary for Ports and Maritime Affairs'
    while (
        listed > 0
        and i - listed < 6
        and (doc[listed - 1].lower_ in ("and", ",") or doc[listed - 1].is_title)
    ):
        listed -= 1
    for at in {i, listed}:
        if at >= 2 and doc[at - 1].lower_ in ("of", "for") and _office_title(doc[at - 2], lexicon):
            return True
    if span.end >= len(doc) or not doc[span.end].is_title or not _is_title(doc[span.end], lexicon):
        return False
    portfolio = not any(lexicon.heads.get(t.lower_) for t in span)
    if _office_title(doc[span.end], lexicon) and portfolio and not lexicon.known_actor(span.text):
        return True  # 'Defence Minister Jane Doe': a portfolio
    country = lexicon.known_actor(span[0].text)
    whole = lexicon.known_actor(span.text)
    return len(span) > 1 and country is not None and country.kind == "Government" and not whole


def _title_body(span: Span, page: _Page) -> list[Mention]:
    """The body a title names, when a head noun says it is one ('Prosecutor of the
    International Criminal Court'); a department or subject named only in a title ('Minister
    of Culture') is none. A person's name run into the body is its holder
    ('Secretary of Trade for Customs Administration Jane Doe')."""
    lexicon = page.lexicon
    span = _strip_determiner(span)
    heads = [t for t in span if lexicon.heads.get(t.lower_) and t.text[:1].isupper()]
    found: list[Mention] = []
    known = lexicon.known_actor(span.text)
    if known and known.kind in ("GovernmentBody", "Organization", "Media", "Company"):
        return [Mention(span.start, span.end, span.text, known.kind, known, source="known")]
    body = heads and lexicon.heads.get(heads[-1].lower_) != "Government" and len(span) > 1
    if body and heads[-1].i == span.end - 1:
        mention = _named(span, "ORG", page)
        return [mention] if mention else []
    if heads and 2 <= span.end - heads[-1].i - 1 <= 3:
        tail = span.doc[heads[-1].i + 1 : span.end]
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail):
            found.append(Mention(tail.start, tail.end, tail.text, "Person", source="rule"))
    return found


def _strip_title(ent: Span, lexicon: Lexicon) -> tuple[Span, bool] | None:
    """'Prosecutor of the International Criminal Court' -> 'International Criminal Court',
    and whether the title was an office holder's, whose 'of' names a portfolio; None when
    the entity does not open with a title and its 'of'."""
    words = _strip_determiner(ent)
    i = words.start
    while i < words.end and _is_title(ent.doc[i], lexicon):
        i += 1
    if i == words.start or i >= words.end - 1 or ent.doc[i].lower_ not in ("of", "for"):
        return None
    rest = _strip_determiner(ent.doc[i + 1 : words.end])
    return rest, _office_title(ent.doc[i - 1], lexicon)


def _through_parenthesis(ent: Span) -> Span:
    """An entity with the words after a parenthesis inside it: 'the Customer Data (Security)
    Ordinance', of which spaCy may tag only 'the Customer Data (Security'."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and doc[end].text != "." and end - ent.end < 4:
        if doc[end].text == ")":
            end += 1
            while end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1
            return doc[ent.start : end]
        end += 1
    return ent


def _entity_label(ent: Span, lexicon: Lexicon) -> str:
    """spaCy's label, but ORG for an event, law or work whose last word names a body or a
    firm ('Ruritania's Border Defence Forces' tagged an event, 'Acme Metals Ltd' a work)."""
    label = ent.label_
    head = lexicon.heads.get(ent[-1].lower_.rstrip("."))
    firm = lexicon.legal_form([t.text for t in ent])
    named = firm or head in ("GovernmentBody", "Organization", "Media", "Company")
    return "ORG" if label in _THING_LABELS and named else label


def _entity_mentions(ent: Span, page: _Page) -> list[Mention]:
    """The mentions an entity holds: one, or one per name spaCy ran together."""
    lexicon = page.lexicon
    if any(t.i in page.banned for t in ent):
        return []
    label = _entity_label(ent, lexicon)
    paren = next((t.i for t in ent if t.text == "("), None)
    if paren is not None and paren > ent.start:
        if _is_thing(_through_parenthesis(ent), lexicon):
            return []  # 'the Customer Data (Security) Ordinance'
        ent = ent.doc[ent.start : paren]  # 'Office of Foreign Assets Control (OFAC'
    if label in ("LAW", "WORK_OF_ART") and len(ent) > 1:
        known = lexicon.known_actor(_strip_determiner(ent).text)  # 'The Wall Street Journal'
        span = _strip_determiner(ent)
        return (
            [Mention(span.start, span.end, span.text, known.kind, known, source="known")]
            if known
            else []
        )
    if label == "PERSON":
        person, title, role_of = _person_after_title(ent, lexicon)
        mention = _named(person, "PERSON", page) if title is not None else None
        if mention:
            mention.title = title.lower_ if title.lower_ in lexicon.titles else None
            mention.role_of = role_of
            return [mention]
    whole = _strip_determiner(ent)
    known = lexicon.known_actor(whole.text) if label != "NORP" and len(whole) > 1 else None
    if known and not known.is_capital(whole.text):
        mention = Mention(whole.start, whole.end, whole.text, known.kind, known, source="known")
        mention.label = label
        return [mention]  # 'the Information Commissioner's Office'
    titled = _strip_title(ent, lexicon)
    if titled is not None and titled[1]:
        return _title_body(titled[0], page)
    if titled is not None:
        ent = titled[0]  # 'Prosecutor of the International Criminal Court'
    elif label == "ORG" and _in_title(ent, lexicon):
        return _title_body(ent, page)
    found = []
    ent = _joined_list_end(ent) if label == "ORG" else ent
    for piece in _entity_pieces(ent, lexicon):
        span = piece
        if label in ("ORG", "PERSON", "FAC", "GPE"):
            span = _grown_left(_whole_name(piece, lexicon), page)
        grown = (span.start, span.end) != (piece.start, piece.end)
        piece_label = "ORG" if grown and label in ("FAC", "GPE") else label
        mention = _named(span, piece_label, page)
        if mention:
            mention.label = label
            found.append(mention)
    return found


# Labels spaCy gives actors' names by mistake ("DeepSeek" as a LAW); dates never are.
_THING_LABELS = frozenset({"LAW", "PRODUCT", "WORK_OF_ART", "EVENT"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "poss"})


def _unlabelled_name(token: Token, page: _Page) -> Mention | None:
    """A proper noun in an argument position that spaCy gave no entity label: 'banned Hikvision'.

    In news about companies and states such a name is most often a company, unless a
    person noun stands beside it ('lawyer Shashi Nathan'). Capitals in a headline, and a
    capital opening a sentence, are no evidence of a name; nor is a title ('Director').
    """
    lexicon = page.lexicon
    # "Hikvision cameras", "Huawei equipment": a maker's name on its goods
    names_a_thing = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.goods
    if token.pos_ != "PROPN" or not (token.dep_ in _ARGUMENTS or names_a_thing):
        return None
    if token.ent_type_ and token.ent_type_ not in _THING_LABELS:
        return None
    if token.i in page.banned or _is_title(token, lexicon):
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
    if (len(span) == 1 and span.start == token.sent.start) or token.sent.start in page.headlines:
        return None
    if lexicon.is_term(span.text) or _in_title(span, lexicon):
        return None
    if token.ent_type_ in ("LAW", "WORK_OF_ART") and token.ent_iob_ == "I":
        return None  # a word inside a law's or work's title ('Eastern Route')
    return _named(_grown_left(span, page), "ORG", page)


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


# ---------------------------------------------------------------------------------------
# Bodies named by their head noun
# ---------------------------------------------------------------------------------------


def _listed_bodies(token: Token, span: Span, kind: str) -> list[Mention]:
    """'the Norwegian interior and defence ministries': one body per listed word, each named
    with the singular head ('Norwegian interior ministry', 'Norwegian defence ministry')."""
    if token.tag_ != "NNS":
        return []
    words = [c for c in token.lefts if c.dep_ in ("amod", "nmod", "compound") and c.is_lower]
    for word in words:
        listed = [c for c in word.children if c.dep_ == "conj" and c.is_lower]
        if listed and word.i > span.start and listed[0].i < token.i:
            doc, single = token.doc, token.lemma_.lower()
            naming = doc[span.start : word.i].text
            first = doc[span.start : word.i + 1]
            second = doc[listed[0].i : token.i + 1]
            return [
                Mention(first.start, first.end, f"{naming} {word.text} {single}", kind),
                Mention(second.start, second.end, f"{naming} {listed[0].text} {single}", kind),
            ]
    return []


def _describes(token: Token, span: Span) -> bool:
    """A description, not a name: three or more lowercase words between the name and the
    head ('the French national data protection regulator'); 'Xinjiang public security
    bureau' is still a name."""
    inner = [t for t in span if t.i != token.i and t.is_lower and t.is_alpha]
    return len([t for t in inner if t.lower_ not in ("and", "or")]) > 2


def _body_phrase(token: Token, lexicon: Lexicon) -> list[Mention]:
    """Noun phrases headed by a body noun and naming its state or place: 'Xinjiang police',
    'police in Xinjiang', 'the parliament of Ruritania', 'the Chinese regime', 'the Lanmoor
    city government'. A firm's office is none ('its Strelsau office', 'Acme Daily offices')."""
    kind = lexicon.heads.get(token.lower_) or lexicon.heads.get(token.lemma_.lower())
    if kind not in _ACTING_KINDS or token.pos_ not in ("NOUN", "PROPN"):
        return []
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    naming = [m for m in modifiers if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP")]
    doc = token.doc
    if token.lemma_.lower() == "office" and not _government_office(token, naming, lexicon):
        return []
    if any(_a_body_itself(m, lexicon) for m in naming):
        return []  # 'the RSS service': a unit of a body already named
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
            return []
        span = doc[token.i : places[0].i + 1]
        of = doc[token.i + 1].lower_ == "of"  # "the parliament of Ruritania" is its name
        name = span.text if of else f"{places[0].text} {token.text}"
    if "\n" in span.text or _describes(token, span):
        return []
    if kind == "GovernmentBody" and naming:
        listed = _listed_bodies(token, span, kind)
        if listed:
            return listed
    possessors = [m for m in naming if m.dep_ == "poss"]
    if any(m.ent_type_ != "GPE" for m in possessors):
        return []  # "Rubio's office" names no body; "Myanmar's military junta" does
    if kind == "Government":
        mention = _government_phrase(token, span, naming, lexicon)
        return [mention] if mention else []
    known = lexicon.known_actor(name) or _known_of_state(name, lexicon)
    return [Mention(span.start, span.end, name, kind, known, source="head")]


def _a_body_itself(token: Token, lexicon: Lexicon) -> bool:
    """The word names a well-known body or organization ('NATO'), not a state or place."""
    known = lexicon.known_actor(token.text)
    return known is not None and known.kind in ("GovernmentBody", "Organization", "Company")


def _known_of_state(name: str, lexicon: Lexicon) -> KnownActor | None:
    """'Russia's Federal Security Service': a well-known body named with its state."""
    owner, rest = _owned_name(name, lexicon)
    known = lexicon.known_actor(rest) if owner else None
    return known if known is not None and known.kind != "Government" else None


def _government_office(token: Token, naming: list[Token], lexicon: Lexicon) -> bool:
    """An 'office' is a body only as a state's, named by its country ('the British Foreign
    office'); not in the plural, nor owned ('its Strelsau office')."""
    if token.tag_ == "NNS" or any(c.lower_ in _POSSESSIVES for c in token.lefts):
        return False
    return any(
        (known := lexicon.known_actor(m.text)) is not None and known.kind == "Government"
        for m in naming
    )


def _government_phrase(
    token: Token, span: Span, naming: list[Token], lexicon: Lexicon
) -> Mention | None:
    """'the Chinese regime' and 'the Russian government' are the state itself; 'the Trump
    administration' a government named for its leader; 'the Lanmoor city government' one
    body of its state."""
    for modifier in naming:
        known = lexicon.known_actor(modifier.text)
        if known and known.kind == "Government":
            return Mention(span.start, span.end, span.text, "Government", known, source="known")
    if token.lemma_.lower() == "administration" and any(
        m.ent_type_ == "PERSON" or (m.pos_ == "PROPN" and not m.ent_type_) for m in naming
    ):
        return Mention(span.start, span.end, span.text, "Government", source="head")
    local = any(t.lower_ in _LOCAL for t in span)
    if token.lemma_.lower() == "government" and naming and local:
        return Mention(span.start, span.end, span.text, "GovernmentBody", source="head")
    return None


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


def _listed_places(doc: Doc) -> list[Mention]:
    """'the Lanmoor and Westvale province': names listed before a container noun are one
    place's name."""
    found = []
    for token in doc:
        if token.lemma_.lower() not in _CONTAINERS or not token.is_lower:
            continue
        i = token.i - 1
        while i >= 0 and doc[i].pos_ == "PROPN":
            i -= 1
        if i < 1 or doc[i].lower_ != "and" or i + 1 == token.i:
            continue
        start = i - 1
        while start > 0 and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if doc[start].pos_ == "PROPN" and doc[start].text[:1].isupper():
            span = doc[start : token.i]
            found.append(Mention(span.start, span.end, span.text, "Place", source="rule"))
    return found


# ---------------------------------------------------------------------------------------
# Mentions of a document
# ---------------------------------------------------------------------------------------


def _repeated_names(doc: Doc, found: list[Mention], lexicon: Lexicon) -> list[Mention]:
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
                span = _whole_name(doc[i : i + size], lexicon)
                name = mention.name if len(span) == size else span.text
                repeats.append(
                    Mention(
                        span.start, span.end, name, mention.kind, mention.known,
                        source=mention.source, label=mention.label, guessed=mention.guessed,
                    )
                )  # fmt: skip
                break
    return repeats


def _known_prefix(doc: Doc, mention: Mention, lexicon: Lexicon) -> Mention | None:
    """The well-known actor a run-together headline name starts with ('U.S. Sanctions ...')."""
    for end in range(mention.end - 1, mention.start, -1):
        known = lexicon.known_actor(doc[mention.start : end].text)
        if known:
            text = doc[mention.start : end].text
            return Mention(mention.start, end, text, known.kind, known, source="known")
    return None


def _drop_headline_only(doc: Doc, found: list[Mention], page: _Page) -> list[Mention]:
    """A headline capitalises every word, so an unknown name seen only in headlines
    ('US Company to Stop Sales of Genetic Tech') is no evidence of an actor; a well-known
    actor at its start still is."""
    lexicon = page.lexicon

    def in_headline(m: Mention) -> bool:
        return doc[m.start].sent.start in page.headlines

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


def _acronym_mentions(page: _Page) -> list[Mention]:
    """The names that acronyms in parentheses stand for, each giving its acronym as an
    alias; the acronym of a law or list ('GDPR') is no actor either."""
    found = []
    for start, end, acronym in page.acronyms.values():
        span = page.doc[start:end]
        if _is_thing(span, page.lexicon):
            page.things.add(name_key(acronym))
            continue
        mention = _named(span, "ORG", page)
        if mention is not None:
            mention.aliases = (acronym,)
            found.append(mention)
    return found


def _also_known(doc: Doc, mentions: list[Mention]) -> None:
    """'Acme, formerly known as Globex', 'Jan Novak (also known, according to the court, as
    Ivan Novy)', 'Zhang Wei (J.W. Zhang)': the second name is the first actor's."""
    by_start = {m.start: m for m in mentions if not m.anaphor}
    by_end = {m.end: m for m in mentions if not m.anaphor}
    for mention in mentions:
        if mention.anaphor:
            continue
        before = by_end.get(mention.start - 1)
        closed = mention.end < len(doc) and doc[mention.end].text == ")"
        people = before is not None and before.kind == mention.kind == "Person"
        if people and doc[mention.start - 1].text == "(" and closed:
            mention.same_as = before.start
            continue
        window = [t.lower_ for t in doc[max(0, mention.start - 9) : mention.start]]
        for cue in _ALSO_KNOWN:
            at = _ends_with_cue(window, cue)
            if at is None:
                continue
            cue_start = mention.start - len(window) + at
            earlier = [m for m in by_start.values() if m.end <= cue_start]
            if earlier:
                first = max(earlier, key=lambda m: m.end)
                gap = doc[first.end : cue_start]
                if len(gap) <= 2 and all(t.is_punct for t in gap):
                    mention.same_as = first.start
            break


def _ends_with_cue(window: list[str], cue: tuple[str, ...]) -> int | None:
    """Where a cue opens in the words before a name: right before it, or with a short
    aside before its last word ('also known, according to London, as')."""
    n = len(cue)
    if tuple(window[-n:]) == cue:
        return len(window) - n
    if n > 1 and window and window[-1] == cue[-1]:
        for at in range(len(window) - n, -1, -1):
            if tuple(window[at : at + n - 1]) == cue[:-1]:
                return at
    return None


def find_mentions(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Every mention in the document, in text order, without overlaps (longer wins)."""
    page = _page(doc, lexicon)
    found: list[Mention] = _acronym_mentions(page) + _listed_places(doc)
    for ent in doc.ents:
        for mention in _entity_mentions(ent, page):
            mention.title = mention.title or _title_before(doc, mention.start, lexicon)
            if mention.kind == "Person":
                mention.role_of = mention.role_of or _role_before(doc, mention, lexicon)
            found.append(mention)
    for token in doc:
        bodies = _body_phrase(token, lexicon)
        mention = None if bodies else _unlabelled_name(token, page) or _anaphor(token, lexicon)
        found += bodies or ([mention] if mention else [])
    found = [m for m in found if name_key(m.name) not in page.things or m.anaphor]
    found += _repeated_names(doc, found, lexicon)
    found = _drop_headline_only(doc, found, page)
    for mention in found:
        root = doc[mention.start : mention.end].root
        mention.subject = root.dep_ in ("nsubj", "nsubjpass")
        mention.sentence = root.sent.start
        mention.definite = mention.start > 0 and doc[mention.start - 1].lower_ == "the"
        mention.listed = _first_conjunct(root).i
        if not mention.anaphor and mention.kind in ("GovernmentBody", "Organization"):
            mention.owned = _owned_name(mention.name, lexicon)
    kept: list[Mention] = []
    taken: set[int] = set()
    for mention in sorted(found, key=lambda m: -(m.end - m.start)):
        tokens = set(range(mention.start, mention.end))
        if not tokens & taken:
            kept.append(mention)
            taken |= tokens
    kept.sort(key=lambda m: m.start)
    _also_known(doc, kept)
    return kept


# ---------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------


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
    return (
        letters.isalpha()
        and letters.isupper()
        and len(letters) > 1
        and any(_acronym(n) == letters for n in names)
    )


def _similar_word(a: str, b: str) -> bool:
    """Two spellings of one name's word: equal, one the other's start ('Jon', 'Jonathan'),
    or one letter apart in a long word ('Smyth', 'Smythe'; 'Alexey', 'Alexei')."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    return _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _person_words(key: str) -> list[str]:
    """A person's name without middle initials ('john a doe' -> ['john', 'doe'])."""
    words = key.split()
    return [w for w in words if len(w) > 1] if len(words) > 2 else words


def _same_person(key: str, other: str) -> bool:
    """'John A. Doe' and 'John Doe'; 'Jon Smyth' and 'Jonathan Smythe': the same words in
    the same order, but for initials and spelling; a first name alone is not enough."""
    a, b = _person_words(key), _person_words(other)
    if len(a) != len(b) or len(a) < 2:
        return False
    if a[-1] != b[-1] and not _similar_word(a[-1], b[-1]):
        return False
    return all(_similar_word(x, y) for x, y in zip(a, b, strict=True))


def _abbreviated(short: str, long: str) -> bool:
    """'Foreign Office' of 'Foreign, Commonwealth and Development Office': the same first
    and last words, the rest left out."""
    s, l_ = short.split(), long.split()
    if len(s) < 2 or len(s) >= len(l_) or s[0] != l_[0] or s[-1] != l_[-1]:
        return False
    rest = iter(l_[1:-1])
    return all(word in rest for word in s[1:-1])


def _head_word(mention: Mention, cluster: Cluster, generic: bool) -> bool:
    """'the Forum' for 'the Westvale Tech Forum', 'Police' for 'Lanmoor police': the
    last word of a longer name, when 'the' stands before it or it is a body's noun."""
    if " " in mention.name or cluster.kind in ("Person", "Place", "Government"):
        return False
    names = [cluster.name, *cluster.names] if not cluster.known else cluster.names
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        if mention.definite and not cluster.known and words[-1] == mention.name:
            return True
        if generic and words[-1].lower() == mention.name.lower():
            return True
    return False


def _named_by_acronym(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    """A well-known acronym ('ACLU') of a name the gazetteer spells otherwise ('America
    Civil Liberties Union'): that actor, now known."""
    for cluster in clusters:
        if not cluster.known and _is_acronym(mention.name, [cluster.name, *cluster.names]):
            cluster.known = mention.known
            if cluster.name not in cluster.names:
                cluster.names.append(cluster.name)
            cluster.name = mention.known.name if mention.known else cluster.name
            return cluster
    return None


def _owned_name(name: str, lexicon: Lexicon) -> tuple[str, str]:
    """A body's name split into the state it names and the rest: 'Norway's Coastal Watch' and
    'Norwegian Coastal Watch' -> ('Norway', 'coastal watch'); ('', name) for other names."""
    words = name_key(name).split()
    for size in (3, 2, 1):
        known = lexicon.known_actor(" ".join(words[:size]))
        if known and known.kind == "Government" and len(words) > size:
            return known.name, " ".join(words[size:])
    return "", name_key(name)


def _same_body(mention: Mention, cluster: Cluster) -> bool:
    """'Norway's Coastal Watch', 'the Norwegian Coastal Watch' and 'the Coastal Watch': one
    body, named with or without its state (two states' bodies are two)."""
    owner, rest = mention.owned
    if mention.kind == "Person" or cluster.kind == "Person" or not rest:
        return False
    return any(
        rest == other and (not owner or not their_owner or owner == their_owner)
        for their_owner, other in cluster.owned
    )


def _capital_apart(mention: Mention, cluster: Cluster) -> bool:
    """'its Oslo office': a capital where something is stays the city, apart from the
    government it stands for elsewhere ('Oslo said')."""
    return (
        mention.kind == "Place"
        and mention.known is None
        and cluster.known is not None
        and cluster.known.is_capital(mention.name)
    )


def _find_cluster(mention: Mention, clusters: list[Cluster]) -> Cluster | None:
    key = name_key(mention.known.name if mention.known else mention.name)
    for cluster in clusters:
        if _capital_apart(mention, cluster):
            continue
        if key == cluster.key or key in (name_key(n) for n in cluster.names):
            return cluster
    if mention.known:
        return _named_by_acronym(mention, clusters)
    generic = mention.source == "head" and " " not in mention.name
    for cluster in clusters:
        if not cluster.known and _same_body(mention, cluster):
            return cluster
        if cluster.known and cluster.known.kind == "Government":
            continue  # 'Korea' of 'South Korea' is another name
        every = [cluster.name, *cluster.names]
        if _is_acronym(mention.name, every):
            return cluster  # whatever label spaCy gave the acronym
        person_surname = cluster.kind == "Person" and not mention.known
        if _head_word(mention, cluster, generic):
            return cluster
        if not (person_surname or _compatible(mention.kind, cluster.kind)):
            continue
        for raw in every:
            name = name_key(raw)
            if _is_short_form(key, name, cluster.kind):
                return cluster
            acronym = raw.replace(".", "").isupper()  # 'RSS Forensics Institute': a unit
            if not acronym and _is_short_form(name, key, mention.kind):
                return cluster
            if cluster.kind == "Person" and mention.kind == "Person" and _same_person(key, name):
                return cluster
            if cluster.kind != "Person" and _abbreviated(key, name):
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


def _new_cluster(mention: Mention) -> Cluster:
    known = mention.known
    return Cluster(known.name if known else mention.name, mention.kind, known)


def _add(cluster: Cluster, mention: Mention) -> None:
    """A name mention joins a cluster: its name and aliases, and its vote unless it is an
    acronym, which says nothing of its kind."""
    for name in (mention.name, *mention.aliases):
        if name not in cluster.names:
            cluster.names.append(name)
    if mention.owned[1] and mention.owned not in cluster.owned:
        cluster.owned.append(mention.owned)
    cluster.sure = cluster.sure or mention.source in ("known", "head", "noun", "rule")
    if not (mention.name.replace(".", "").isalpha() and mention.name.replace(".", "").isupper()):
        cluster.vote(mention.kind, mention.weight)


def _merge(into: Cluster, other: Cluster) -> None:
    """Fold a cluster found to be another's second name into it; its votes count little."""
    for name in [other.name, *other.names]:
        if name not in into.names:
            into.names.append(name)
    for kind, weight in other.votes.items():
        into.vote(kind, weight / 10)


def _settle_votes(cluster: Cluster) -> None:
    """A cluster's kind: the gazetteer's, else the kind with the most weight behind it."""
    if cluster.known:
        cluster.kind = cluster.known.kind
    elif cluster.votes:
        cluster.kind = max(cluster.votes, key=lambda k: cluster.votes[k])


def _distinct(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Each cluster once, in order (clusters compare by value, so by identity here)."""
    return list({id(c): c for c in clusters}.values())


def _cluster_names(mentions: list[Mention]) -> dict[int, Cluster]:
    """Cluster the name mentions, fullest names first so that 'Rubio' finds 'Marco Rubio'
    wherever it stands; returns the cluster of each mention (by index)."""
    clusters: list[Cluster] = []
    of: dict[int, Cluster] = {}
    order = sorted(
        (i for i, m in enumerate(mentions) if not m.anaphor and m.same_as is None),
        key=lambda i: (-(mentions[i].end - mentions[i].start), i),
    )
    for i in order:
        mention = mentions[i]
        cluster = _find_cluster(mention, clusters)
        if cluster is None:
            cluster = _new_cluster(mention)
            clusters.append(cluster)
        _add(cluster, mention)
        of[i] = cluster
    _join_second_names(mentions, clusters, of)
    for cluster in _distinct(of.values()):
        _settle_votes(cluster)
    return of


def _join_second_names(
    mentions: list[Mention], clusters: list[Cluster], of: dict[int, Cluster]
) -> None:
    """Mentions given as another's name ('formerly known as') join that actor, and so does
    every other mention of the same name."""
    at = {m.start: i for i, m in enumerate(mentions)}
    for i, mention in enumerate(mentions):
        if mention.same_as is None or at.get(mention.same_as) not in of:
            continue
        target = of[at[mention.same_as]]
        own = _find_cluster(mention, [c for c in clusters if c is not target])
        if own is not None and own.known is None and (target.known is None or own.kind == "Person"):
            _merge(target, own)
            for j, cluster in list(of.items()):
                if cluster is own:
                    of[j] = target
            clusters[:] = [c for c in clusters if c is not own]
        elif own is not None:
            of[i] = own
            continue
        if mention.name not in target.names:
            target.names.append(mention.name)
        of[i] = target


def _list_members(mentions: list[Mention], of: dict[int, Cluster]) -> list[list[int]]:
    """The name mentions listed together ('Acme, Lockwood Martin and Globex AG'), by the
    first conjunct their words hang on."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i in of:
        groups[mentions[i].listed].append(i)
    return [members for key, members in groups.items() if key >= 0 and len(members) >= 3]


def _agree_in_lists(mentions: list[Mention], of: dict[int, Cluster]) -> None:
    """A name listed among names that words say are of one kind is of that kind too, when
    only spaCy's label said otherwise: 'Acme, Lockwood Martin and Globex AG' (a firm
    tagged a person). A person listed with states stays a person ('the UAE, the US and
    Smith said')."""
    for members in _list_members(mentions, of):
        for i in members:
            cluster = of[i]
            if cluster.known or cluster.sure:
                continue
            others = _distinct(of[j] for j in members if of[j] is not cluster)
            kinds = {c.kind for c in others}
            sure = [c for c in others if c.known or c.sure] or len(others) >= 3
            kind = others[0].kind if others else cluster.kind
            if len(kinds) != 1 or len(others) < 2 or not (sure or cluster.kind == "Place"):
                continue
            if cluster.kind == "Person" and len(others) < 3:
                continue  # 'J.T. Doe and Acme Co., Ltd.'
            if kind in ("Company", "Organization", "Media") or cluster.kind == "Place":
                cluster.kind = kind


def _units_of_bodies(clusters: Iterable[Cluster]) -> None:
    """'RSS Forensics Institute', 'DRA of Westvale': a unit named after a state's
    body is a body of it; one named after an organization is one, unless words say else."""
    clusters = list(clusters)
    for unit in clusters:
        if unit.known or unit.kind == "Person":
            continue
        for parent in clusters:
            if parent is unit or parent.kind not in ("GovernmentBody", "Organization"):
                continue
            names = {parent.name, *parent.names}
            if not any(unit.name.startswith(n + " ") for n in names):
                continue
            if parent.kind == "GovernmentBody" or not unit.sure:
                unit.kind = parent.kind
                break


def resolve(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into actors; an anaphor joins the nearest earlier actor of its kinds."""
    named = _cluster_names(mentions)
    _agree_in_lists(mentions, named)
    _units_of_bodies(_distinct(named.values()))
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
