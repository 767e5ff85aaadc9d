"""Proper names as spaCy's entities give them, grown, cut and split into actors' names.

spaCy often cuts a name short ("Thermo Fisher" of "Thermo Fisher Scientific"), runs
names together ("the U.S. Treasury's Office of ...", "Dell, Super Micro and HP") or takes
a title into a person's name ("Commerce Secretary Wilbur Ross"). These functions find
the name itself, the title before it, and the portfolios in titles ("Minister of
Culture"), which are no actors. What a name is, is for kinds.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.mention_records import Mention
from actorgraph.loaders.page import DETERMINERS, Page


def strip_determiner(span: Span) -> Span:
    """A name without the words and marks spaCy takes into an entity around it: "the",
    a possessive "'s", quotation marks ('"Acme Corp' opening a quote), and a preposition
    opening the sentence ("Among Acme Corp's clients")."""

    def around(token: Token) -> bool:
        return token.is_space or token.is_quote

    def opening(token: Token) -> bool:
        return token.lower_ in DETERMINERS or (token.pos_ == "ADP" and token.dep_ == "prep")

    while len(span) > 1 and (opening(span[0]) or around(span[0])):
        span = span[1:]
    while len(span) > 1 and (span[-1].tag_ == "POS" or around(span[-1])):
        span = span[:-1]
    return span


def is_title(token: Token, lexicon: Lexicon) -> bool:
    """A word of a person's title: 'Secretary', 'Deputy', 'Sen.', 'CEO', and a title's
    plural before a list of names ('Senators Jane Roe and John Doe'; not 'Journalists' of
    'Committee to Protect Journalists', a word for people but no title)."""
    lower = token.lower_.rstrip(".")
    if lexicon.anaphors.get(lower) == "Person":
        return True
    return any(
        word in lexicon.title_words or word in lexicon.titles or f"{word}." in lexicon.titles
        for word in (lower, lower.removesuffix("s"))
    )


def _office_title(token: Token, lexicon: Lexicon) -> bool:
    """A government office holder's title, whose 'of' names a portfolio ('Minister of')."""
    return token.lower_ in lexicon.office_titles


def whole_name(span: Span, lexicon: Lexicon) -> Span:
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
        if any(is_title(t, lexicon) for t in grown):
            break
        span = doc[span.start : head.i + 1]
    span = _whole_of_phrase(span)
    if label == "PERSON":
        return span  # 'Marco Rubio of Florida': a person's "of" names a place or a body
    root = span.root
    for prep in root.rights:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.i == span.end and prep.lower_ in ("on", "of", "for") and objects:
            obj = objects[0]
            if obj.pos_ == "PROPN" and obj.right_edge.i == obj.i and not is_title(root, lexicon):
                span = doc[span.start : obj.i + 1]
    return span


# Words that may join the capitalised words of one long name ("Office of the United Nations
# High Commissioner for Human Rights", "Bureau of Democracy, Human Rights, and Labor").
_NAME_GLUE = frozenset({"of", "for", "on", "and", "the", "&", ",", "'s", "-"})


def _whole_of_phrase(span: Span) -> Span:
    """A body's name that spaCy cut inside its "of" phrase ("Office of the United Nations"
    of "... United Nations High Commissioner for Human Rights") grows to the phrase's end,
    when every word on the way is capitalised or glue."""
    doc = span.doc
    for prep in span.root.rights:
        if prep.lower_ != "of" or not span.start < prep.i < span.end:
            continue
        end = prep.right_edge.i + 1
        tail = doc[span.end : end]
        if end <= span.end or end - span.start > 16 or not tail[-1].text[:1].isupper():
            continue
        if all(t.text[:1].isupper() or t.lower_ in _NAME_GLUE for t in tail):
            return doc[span.start : end]
    return span


def grown_left(span: Span, page: Page) -> Span:
    """'Frontier Foundation' of 'Electronic Frontier Foundation criticized ...': spaCy cuts a
    name whose first word opens the sentence. Grow it back over capitalised words when the
    longer name is well known (also over 'to' of 'Committee to Protect ...') or written
    again in the article; a person's name over its unlabelled first names ('Karim' before
    'bin Rashid Al Farsi'), but not over a title ('Sheikh')."""
    doc, lexicon = page.doc, page.lexicon
    person = span.root.ent_type_ == "PERSON"
    best = start = span.start
    if len(span) == 1 and span.text.lower().rstrip(".") in lexicon.legal_forms:
        return _name_of_legal_form(span)  # 'Intellexa SA': spaCy took only the 'SA'

    while start > span.sent.start and span.end - start < 8:
        before = doc[start - 1]
        if before.ent_type_ == "NORP" and lexicon.known_actor(doc[start - 1 : span.end].text):
            best = start - 1  # 'Australian' (a demonym to spaCy) of a well-known name
            break
        if not before.is_alpha or before.ent_type_ or before.lower_ in DETERMINERS:
            break
        if is_title(before, lexicon):
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


def _name_of_legal_form(form: Span) -> Span:
    """A legal form alone ('SA', 'PJSC') with the capitalised words of the name before it."""
    doc, start = form.doc, form.start
    while start > form.sent.start and _name_word(doc[start - 1]):
        start -= 1
    return doc[start : form.end]


def _name_word(token: Token) -> bool:
    """A capitalised word of a name, however spaCy tags it ('Rosneft' is a noun to it)."""
    tagged = token.pos_ in ("PROPN", "NOUN", "ADJ")
    return tagged and token.is_alpha and token.text[:1].isupper()


def _written_twice(name: str, doc: Doc) -> bool:
    return len(re.findall(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text)) > 1


def listed_through_titles(person: Token, is_person: Callable[[Token], bool]) -> list[Token]:
    """The people listed after a person whose names the parser hung on the titles between
    them: in "A, chief of the X Institute, B, an employee of the Institute, and C" it reads
    B as A's apposition and C as a conjunct of "Institute"."""
    listed: list[Token] = []
    for title in [c for c in person.children if c.dep_ == "appos"]:
        for token in title.subtree:
            if token.dep_ not in ("conj", "appos") or not is_person(token):
                continue
            if token is title or not is_person(token.head) or token.head in listed:
                listed.append(token)
    return listed


def first_conjunct(token: Token) -> Token:
    """The first of the words a word is listed with ('Swedish' of 'French and Swedish')."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


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


def entity_pieces(ent: Span, lexicon: Lexicon) -> list[Span]:
    """An entity split where spaCy ran names together: 'the U.S. Treasury's Office of Foreign
    Assets' (a possessor and what it owns) and lists ('Dell, Super Micro and HP'). An 'and'
    without a list is part of the name: 'Bureau of Industry and Security'; so is a list
    inside one ('Foreign, Commonwealth and Development Office'), and 'People's'. A verb in
    lower case ends a name: 'The Commerce Department added Hikvision' is two."""
    while len(ent) > 1 and ent[-1].lower_ in ("and", "or", ","):
        ent = ent[:-1]  # 'Acme Ltd and' of 'Acme Ltd and Globex Trading': no name ends so
    verbs = [t.i for t in ent if t.pos_ in ("VERB", "AUX") and t.is_lower]
    if verbs:
        return [piece for part in _split(ent, verbs) for piece in entity_pieces(part, lexicon)]
    cuts = [t.i for t in ent if t.tag_ == "POS" and t.i > ent.start and _owner_cut(t, lexicon)]
    owned = _split(ent, cuts)
    pieces: list[Span] = []
    for part in owned or [ent]:
        commas = [t.i for t in part if t.text == ","]
        if commas and _one_listed_name(part, lexicon):
            pieces.append(part)
            continue
        ands = [t.i for t in part if t.lower_ in ("and", "or") and t.i > part.start]
        listed = (
            _split(part, sorted(commas + ands))
            if commas or _known_pair(part, ands, lexicon)
            else []
        )
        pieces += _legal_forms_joined(listed, lexicon) if len(listed) > 1 else [part]
    return pieces


def _known_pair(part: Span, ands: list[int], lexicon: Lexicon) -> bool:
    """'Positive Technologies and Candiru': an 'and' without a comma lists two names when
    one of them is a well-known company's or actor's ('Bureau of Industry and Security'
    is neither), or when a legal form closes the first ('Acme Ltd and Globex Trading')."""
    if len(ands) != 1:
        return False
    doc = part.doc
    first, second = doc[part.start : ands[0]], doc[ands[0] + 1 : part.end]
    if len(second) and lexicon.legal_form([t.text for t in first]):
        return True
    return any(lexicon.is_company(h.text) or lexicon.known_actor(h.text) for h in (first, second))


def _owner_cut(pos: Token, lexicon: Lexicon) -> bool:
    """A possessive between two names ('the Treasury's Office of ...'), not one inside a
    name: 'People's Liberation Army', 'the U.S. Attorney's Office', 'Commissioner's Office'."""
    before = pos.nbor(-1)
    return before.lower_ not in ("people", "peoples") and not is_title(before, lexicon)


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


def joined_list_end(ent: Span) -> Span:
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


def person_after_title(ent: Span, lexicon: Lexicon) -> tuple[Span, Token | None, str | None]:
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
    before = strip_determiner(ent.doc[ent.start : title.i]) if title.i > ent.start else None
    role_of = before.text if before is not None and before.text.lower() != "the" else None
    return ent.doc[title.i + 1 : ent.end], title, role_of


def in_title(span: Span, lexicon: Lexicon) -> bool:
    """The name follows an office holder's title and its 'of' ('Minister of Culture',
    'Secretary of State for ...'), or is a country's office before a title ('UAE National
    Security Adviser'): a portfolio, not an actor of its own."""
    doc, i = span.doc, span.start
    while i > 0 and doc[i - 1].lower_ in DETERMINERS:
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
    if span.end >= len(doc) or not doc[span.end].is_title or not is_title(doc[span.end], lexicon):
        return False
    portfolio = not any(lexicon.heads.get(t.lower_) for t in span)
    if _office_title(doc[span.end], lexicon) and portfolio and not lexicon.known_actor(span.text):
        return True  # 'Defence Minister Jane Doe': a portfolio
    country = lexicon.known_actor(span[0].text)
    whole = lexicon.known_actor(span.text)
    return len(span) > 1 and country is not None and country.kind == "Government" and not whole


def strip_title(ent: Span, lexicon: Lexicon) -> tuple[Span, bool] | None:
    """'Prosecutor of the International Criminal Court' -> 'International Criminal Court',
    and whether the title was an office holder's, whose 'of' names a portfolio; None when
    the entity does not open with a title and its 'of'."""
    words = strip_determiner(ent)
    i = words.start
    while i < words.end and is_title(ent.doc[i], lexicon):
        i += 1
    if i == words.start or i >= words.end - 1 or ent.doc[i].lower_ not in ("of", "for"):
        return None
    rest = strip_determiner(ent.doc[i + 1 : words.end])
    return rest, _office_title(ent.doc[i - 1], lexicon)


def through_parenthesis(ent: Span) -> Span:
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


def title_before(doc: Doc, start: int, lexicon: Lexicon) -> str | None:
    if start > 0 and doc[start - 1].lower_ in lexicon.titles:
        return doc[start - 1].lower_
    return None


def role_before(doc: Doc, mention: Mention, lexicon: Lexicon) -> str | None:
    """'Commerce Secretary Wilbur Ross': the body named before a person's title."""
    if mention.start < 2:
        return None
    title = doc[mention.start - 1]
    if lexicon.anaphors.get(title.lemma_.lower()) != "Person" or not title.text[:1].isupper():
        return None
    body = next((e for e in doc.ents if e.end == title.i and e.label_ in ("ORG", "GPE")), None)
    if body is not None:
        return strip_determiner(body).text
    return _state_of_title(doc, title.i, lexicon)


def _state_of_title(doc: Doc, title: int, lexicon: Lexicon) -> str | None:
    """'German' of "German Foreign Minister Heiko Maas": the demonym opening a capitalised
    title names the state whose post it is."""
    for i in range(title - 1, max(title - 4, -1), -1):
        word = doc[i]
        if not word.text[:1].isupper():
            return None
        known = lexicon.known_actor(word.text) if word.ent_type_ == "NORP" else None
        if known is not None and known.kind == "Government":
            return word.text
    return None
