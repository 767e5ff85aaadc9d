"""Bodies named by a head noun rather than a proper name, and places named by a list.

"Xinjiang police", "the parliament of Ruritania", "the Chinese regime" (the state
itself), "the Lanmoor city government" (one body of its state), "the Lanmoor and
Westvale province" (one place). Also a body's name split into its state and the rest, by
which "Norway's Coastal Watch" and "the Norwegian Coastal Watch" are one body.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from actorgraph.loaders.kinds import ACTING_KINDS
from actorgraph.loaders.lexicon import KnownActor, Lexicon
from actorgraph.loaders.mention_records import Mention
from actorgraph.schema import name_key

# Possessive pronouns: "its office" is a firm's office, not a state's.
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Nouns of containers whose coordinated names are one place ("the X and Y province").
_CONTAINERS = frozenset({"province", "region", "state", "county", "district", "governorate"})
# Modifiers that make "government" a city's or a province's, one body of its state.
_LOCAL = frozenset(
    {"city", "municipal", "provincial", "province", "regional", "local", "county", "district"}
)


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


def _beside_a_name(token: Token) -> bool:
    """A body noun in apposition with a proper name describes the body the name names
    ("CNIL, the French regulator", "the French regulator, CNIL")."""
    if token.dep_ == "appos" and token.head.pos_ == "PROPN":
        return True
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children)


def _product_name(word: str) -> bool:
    """'iMessage', 'iPhone', 'eSIM': a lowercase letter before a capital opens a product's
    name, never a state's or a place's."""
    return len(word) > 2 and word[0].islower() and word[1].isupper()


def body_phrase(token: Token, lexicon: Lexicon) -> list[Mention]:
    """Noun phrases headed by a body noun and naming its state or place: 'Xinjiang police',
    'police in Xinjiang', 'the parliament of Ruritania', 'the Chinese regime', 'the Lanmoor
    city government'. A firm's office is none ('its Strelsau office', 'Acme Daily offices')."""
    kind = lexicon.heads.get(token.lower_) or lexicon.heads.get(token.lemma_.lower())
    if kind not in ACTING_KINDS or token.pos_ not in ("NOUN", "PROPN"):
        return []
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")]
    naming = [m for m in modifiers if m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "NORP")]
    if any(_product_name(m.text) for m in naming):
        return []  # "the company's iMessage service": a product's, not a state's service
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
            if o.dep_ == "pobj" and o.ent_type_ == "GPE" and o.left_edge.i == p.i + 1
        ]  # "police in Xinjiang", "police in Hong Kong"
        if not places or kind != "GovernmentBody":
            return []
        span = doc[token.i : places[0].i + 1]
        place = doc[places[0].left_edge.i : places[0].i + 1].text
        of = doc[token.i + 1].lower_ == "of"  # "the parliament of Ruritania" is its name
        name = span.text if of else f"{place} {token.text}"
    if "\n" in span.text or _describes(token, span) or _beside_a_name(token):
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
    owner, rest = owned_name(name, lexicon)
    known = lexicon.known_actor(rest) if owner else None
    return known if known is not None and known.kind != "Government" else None


def owned_name(name: str, lexicon: Lexicon) -> tuple[str, str]:
    """A body's name split into the state it names and the rest: 'Norway's Coastal Watch' and
    'Norwegian Coastal Watch' -> ('Norway', 'coastal watch'); ('', name) for other names."""
    words = name_key(name).split()
    for size in (3, 2, 1):
        known = lexicon.known_actor(" ".join(words[:size]))
        if known and known.kind == "Government" and len(words) > size:
            return known.name, " ".join(words[size:])
    return "", name_key(name)


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


def listed_places(doc: Doc) -> list[Mention]:
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


# Words that join a body's name to the cause its name states ("Committee to Protect
# Journalists", "Campaign for Uyghurs"), and the glue inside that cause ("in" is not: "the
# Institute for China Studies in Berlin" is where it is).
_CAUSE_OPENERS = frozenset({"to", "for"})
_CAUSE_GLUE = frozenset({"to", "for", "of", "on", "the", "and", "&"})
# Verbs a cause opens with after "to" ("Committee to Protect Journalists"); after any other
# word "to" is where something goes ("a letter from the Committee to Google"). General English.
_CAUSE_VERBS = frozenset(
    {"end", "protect", "stop", "save", "free", "defend", "ban", "abolish", "support", "fight"}
    | {"prevent", "combat", "promote", "restore", "reform", "advance", "preserve", "close"}
)
# Nouns that head a body's name only with its cause ("Campaign for Uyghurs"; a campaign
# alone is no body: "China's campaign").
_CAUSE_BODIES = {"campaign": "Organization", "fund": "Organization"}
# Entity labels that end a name: "the Committee for Tuesday" is no name.
_NOT_NAME = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


def cause_names(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """Names of bodies that state their cause, which spaCy cuts into pieces: "Coalition to
    End Forced Labour" (not "Forced Labour", a company), "Campaign for Uyghurs": a
    capitalised body noun, then "for", or "to" and a verb, then capitalised words and glue."""
    found = []
    for token in doc:
        kind = lexicon.heads.get(token.lower_) or _CAUSE_BODIES.get(token.lower_)
        if kind not in ("Organization", "GovernmentBody") or not token.text[:1].isupper():
            continue
        opener = token.nbor(1) if token.i + 2 < len(doc) else None
        if opener is None or opener.lower_ not in _CAUSE_OPENERS:
            continue
        if opener.lower_ == "to" and opener.nbor(1).lower_ not in _CAUSE_VERBS:
            continue
        end = _cause_end(doc, opener.i + 1, token.sent.end)
        if end <= opener.i + 1 or (end < len(doc) and doc[end].tag_ == "POS"):
            continue  # ("the European Union for Russia's invasion": no cause of its name)
        start = token.i
        while start > token.sent.start and _name_word(doc[start - 1]):
            if doc[start - 1].pos_ == "DET":
                break
            start -= 1  # "International Campaign for Tibet"
        if lexicon.known_actor(doc[start : token.i + 1].text):
            continue  # a well-known body's name has no cause after it
        span = doc[start:end]
        known = lexicon.known_actor(span.text)  # "Committee to Protect Journalists"
        if known:
            found.append(
                Mention(span.start, span.end, span.text, known.kind, known, source="known")
            )
        else:
            found.append(Mention(span.start, span.end, span.text, kind, source="head"))
    return found


def _cause_end(doc: Doc, at: int, limit: int) -> int:
    """The end of a cause's capitalised words and glue from ``at``: after its last
    capitalised word (at itself when the word there is not capitalised)."""
    end, i = at, at
    while i < limit and (_name_word(doc[i]) or doc[i].lower_ in _CAUSE_GLUE):
        if _name_word(doc[i]):
            end = i + 1
        i += 1
    return end


def _name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.ent_type_ not in _NOT_NAME


# Nouns that a state's demonym makes the state's territory as a place of trade ("the
# Russian market").
_MARKETS = frozenset({"market", "markets"})


def markets(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    """'the Russian market': the country as the place a firm sells in or leaves."""
    found = []
    for token in doc:
        if token.lower_ not in _MARKETS:
            continue
        demonyms = [c for c in token.lefts if c.dep_ == "amod" and c.ent_type_ == "NORP"]
        known = lexicon.known_actor(demonyms[0].text) if len(demonyms) == 1 else None
        if known is None or known.kind != "Government":
            continue
        span = doc[demonyms[0].i : token.i + 1]
        found.append(Mention(span.start, span.end, span.text, "Place", known, source="rule"))
    return found
