"""The mentions in spaCy's named entities, and in proper nouns it gave no label.

An entity may hold one name, several run together, a title and its portfolio, or a
law's title; a proper noun spaCy left unlabelled ("banned Hikvision") may still name an
actor. This is where names.py (cutting an entity into names, stripping titles) and kinds.py
(what each name is) meet, one entity or token at a time, so that each of those modules
stays about one question.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.kinds import is_thing, mention_of_name
from actorgraph.loaders.lexicon import Lexicon
from actorgraph.loaders.mention_records import Mention
from actorgraph.loaders.names import (
    entity_pieces,
    grown_left,
    in_title,
    is_title,
    joined_list_end,
    person_after_title,
    strip_determiner,
    strip_title,
    through_parenthesis,
    whole_name,
)
from actorgraph.loaders.page import Page

# Labels spaCy gives actors' names by mistake ("DeepSeek" as a LAW); dates never are.
_THING_LABELS = frozenset({"LAW", "PRODUCT", "WORK_OF_ART", "EVENT"})
# Dependencies by which a word is an argument of its clause (subject, object, ...).
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "poss"})


def _entity_label(ent: Span, lexicon: Lexicon) -> str:
    """spaCy's label, but ORG for an event, law or work whose last word names a body or a
    firm ('Ruritania's Border Defence Forces' tagged an event, 'Acme Metals Ltd' a work)."""
    label = ent.label_
    head = lexicon.heads.get(ent[-1].lower_.rstrip("."))
    firm = lexicon.legal_form([t.text for t in ent])
    named = firm or head in ("GovernmentBody", "Organization", "Media", "Company")
    return "ORG" if label in _THING_LABELS and named else label


def _title_body(span: Span, page: Page) -> list[Mention]:
    """The body a title names, when a head noun says it is one ('Prosecutor of the
    International Criminal Court'); a department or subject named only in a title ('Minister
    of Culture') is none. A person's name run into the body is its holder
    ('Secretary of Trade for Customs Administration Jane Doe')."""
    lexicon = page.lexicon
    span = strip_determiner(span)
    heads = [t for t in span if lexicon.heads.get(t.lower_) and t.text[:1].isupper()]
    found: list[Mention] = []
    known = lexicon.known_actor(span.text)
    if known and known.kind in ("GovernmentBody", "Organization", "Media", "Company"):
        return [Mention(span.start, span.end, span.text, known.kind, known, source="known")]
    body = heads and lexicon.heads.get(heads[-1].lower_) != "Government" and len(span) > 1
    if body and heads[-1].i == span.end - 1:
        mention = mention_of_name(span, "ORG", page)
        return [mention] if mention else []
    if heads and 2 <= span.end - heads[-1].i - 1 <= 3:
        tail = span.doc[heads[-1].i + 1 : span.end]
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail):
            found.append(Mention(tail.start, tail.end, tail.text, "Person", source="rule"))
    return found


def entity_mentions(ent: Span, page: Page) -> list[Mention]:
    """The mentions an entity holds: one, or one per name spaCy ran together."""
    lexicon = page.lexicon
    if any(t.i in page.banned for t in ent):
        return []
    label = _entity_label(ent, lexicon)
    paren = next((t.i for t in ent if t.text == "("), None)
    if paren is not None and paren > ent.start:
        if is_thing(through_parenthesis(ent), lexicon):
            return []  # 'the Customer Data (Security) Ordinance'
        ent = ent.doc[ent.start : paren]  # 'Office of Foreign Assets Control (OFAC'
    whole = strip_determiner(ent)
    if label in ("PERSON", "PRODUCT", "WORK_OF_ART") and _goods_handed(whole.root):
        return []  # "sell Predator to governments": a product spaCy took for a name
    if label != "PERSON" and is_thing(whole, lexicon):
        # 'Executive Order 13553' is no actor, nor is its 'Order' once a title is stripped;
        # 'the U.S. Entity List' names its maker
        mention = mention_of_name(whole, label, page)
        return [mention] if mention else []
    if label in ("LAW", "WORK_OF_ART") and len(ent) > 1:
        known = lexicon.known_actor(strip_determiner(ent).text)  # 'The Wall Street Journal'
        span = strip_determiner(ent)
        return (
            [Mention(span.start, span.end, span.text, known.kind, known, source="known")]
            if known
            else []
        )
    if label == "PERSON" and not lexicon.known_actor(whole.text):  # not 'Citizen Lab'
        person, title, role_of = person_after_title(ent, lexicon)
        mention = mention_of_name(person, "PERSON", page) if title is not None else None
        if mention:
            mention.title = title.lower_ if title.lower_ in lexicon.titles else None
            mention.role_of = role_of
            return [mention]
    whole = strip_determiner(ent)
    known = lexicon.known_actor(whole.text) if label != "NORP" and len(whole) > 1 else None
    if known and not known.is_capital(whole.text):
        mention = Mention(whole.start, whole.end, whole.text, known.kind, known, source="known")
        mention.label = label
        return [mention]  # 'the Information Commissioner's Office'
    titled = strip_title(ent, lexicon)
    if titled is not None and titled[1]:
        return _title_body(titled[0], page)
    if titled is not None:
        ent = titled[0]  # 'Prosecutor of the International Criminal Court'
    elif label == "ORG" and in_title(ent, lexicon):
        return _title_body(ent, page)
    found = []
    ent = joined_list_end(ent) if label == "ORG" else ent
    for piece in entity_pieces(ent, lexicon):
        span = piece
        if label in ("ORG", "PERSON", "FAC", "GPE"):
            span = grown_left(whole_name(piece, lexicon), page)
        grown = (span.start, span.end) != (piece.start, piece.end)
        piece_label = "ORG" if grown and label in ("FAC", "GPE") else label
        mention = mention_of_name(span, piece_label, page)
        if mention:
            mention.label = label
            found.append(mention)
    return found


def _name_parts(token: Token) -> list[Token]:
    """The capitalised proper nouns compounded before a name's last word, at any depth
    ('Tech' of 'Tech Transparency Project' hangs on 'Transparency'): 'the Finnish Nokia':
    a demonym is no part of the name; nor a lowercase word."""
    parts = []
    for child in token.lefts:
        if (
            child.dep_ == "compound"
            and child.pos_ == "PROPN"
            and not child.ent_type_
            and child.text[:1].isupper()
        ):
            parts += [child, *_name_parts(child)]
    return parts


def _heads_a_list_line(token: Token) -> bool:
    """A name a line without a verb opens and is about ('- Acme Ltd, a Hong Kong firm that
    shipped parts'): an item of a list, its name the line's root."""
    return (
        token.dep_ == "ROOT"
        and any(c.dep_ == "appos" for c in token.children)
        and not any(t.pos_ in ("VERB", "AUX") and t.head.i == token.i for t in token.sent)
    )


def unlabelled_name(token: Token, page: Page) -> Mention | None:
    """A proper noun in an argument position that spaCy gave no entity label: 'banned Hikvision'.

    In news about companies and states such a name is most often a company, unless a
    person noun stands beside it ('lawyer Shashi Nathan'). Capitals in a headline, and a
    capital opening a sentence, are no evidence of a name unless it is a well-known
    actor's or company's; nor is a title ('Director').
    """
    lexicon = page.lexicon
    # "Hikvision cameras", "Huawei equipment": a maker's name on its goods
    names_a_thing = token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.goods
    # a company's name is one though spaCy took it for a common noun ("Tencent holds a stake")
    company = token.text[:1].isupper() and lexicon.is_company(token.text)
    if (token.pos_ != "PROPN" and not company) or not (
        token.dep_ in ARGUMENTS or names_a_thing or _heads_a_list_line(token)
    ):
        return None
    if token.ent_type_ and token.ent_type_ not in _THING_LABELS:
        return None
    if token.i in page.banned or is_title(token, lexicon) or _goods_handed(token):
        return None
    parts = _name_parts(token)
    start = min((c.i for c in parts), default=token.i)
    span = token.doc[start : token.i + 1]
    if any(t.ent_type_ and t.ent_type_ not in _THING_LABELS for t in span):
        return None
    if not token.text[:1].isupper():
        return None
    opening = (
        len(span) == 1 and span.start == token.sent.start
    ) or token.sent.start in page.headlines
    known = lexicon.is_company(span.text) or lexicon.known_actor(span.text) is not None
    if opening and not known:  # a well-known name is one anywhere
        return None
    if lexicon.is_term(span.text) or in_title(span, lexicon):
        return None
    if token.ent_type_ in _THING_LABELS and token.ent_iob_ == "I":
        return None  # a word inside a law's, work's or product's name ('Eastern Route')
    return mention_of_name(grown_left(span, page), "ORG", page)


# Verbs that hand goods to someone: what they hand over to a named recipient is a product
# ("sell Predator to governments"), not an actor.
_HANDING_OVER = frozenset({"sell", "supply", "provide", "export", "ship", "deliver", "license"})


def _goods_handed(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ == "dobj"
        and head.lemma_.lower() in _HANDING_OVER
        and any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in head.children)
    )


# How many title words may stand between a body's name and a person's ("Acme chief
# executive officer Jane Roe").
_MAX_TITLE_GAP = 4


def bodies_before_titles(doc: Doc, page: Page) -> list[Mention]:
    """'Cellebrite chief executive Yossi Carmil': the capitalised name before a person's
    title names the body the person holds the post in, though spaCy gave it no label and
    it opens the sentence (where a capital is otherwise no evidence of a name)."""
    lexicon = page.lexicon
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        gap_start = ent.start
        while gap_start > ent.sent.start and _post_word(doc[gap_start - 1], lexicon):
            gap_start -= 1
        if not 0 < ent.start - gap_start <= _MAX_TITLE_GAP:
            continue
        start = gap_start
        while start > ent.sent.start and _unlabelled_proper(doc[start - 1], page):
            start -= 1
        if start == gap_start:
            continue
        span = doc[start:gap_start]
        mention = mention_of_name(span, "ORG", page)
        if mention is not None:
            found.append(mention)
    return found


def _post_word(token: Token, lexicon: Lexicon) -> bool:
    """A word of a post written as a common noun ('chief executive', 'CEO'): a capitalised
    one belongs to a formal title whose other words name no body ('Prime Minister')."""
    written = token.text.islower() or token.text.isupper()
    return written and token.lower_ in lexicon.title_words


def _unlabelled_proper(token: Token, page: Page) -> bool:
    """A capitalised word spaCy left unlabelled, read as a name: a proper noun, or inside a
    sentence any word (spaCy tags unknown names adjectives: 'the Cellebrite chief')."""
    inside = not token.is_sent_start and token.pos_ in ("ADJ", "NOUN")
    return (
        (token.pos_ == "PROPN" or inside)
        and token.text[:1].isupper()
        and not token.ent_type_
        and token.i not in page.banned
        and not is_title(token, page.lexicon)
    )
