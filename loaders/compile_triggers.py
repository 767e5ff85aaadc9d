"""Compile loaders/triggers.yaml, a broad trigger lexicon, from public lexical resources.

The hand-written triggers in schema/vocabulary.yaml cover a quarter of the evidence
sentences. This module widens them with words other people already sorted by meaning:

- PETRARCH2's CAMEO verb dictionary (openeventdata/petrarch2, MIT): WordNet-derived verb
  synsets and verb + object patterns, each under a CAMEO event code. The tables below
  say which CAMEO codes mean which of our relation types; codes that fit none are dropped.
- PropBank frame files (propbank/propbank-frames, CC BY-SA 4.0), optionally: the noun
  aliases of a verb's rolesets ("investigate" -> "investigation") become noun triggers.

Lemmas are written as spaCy's en_core_web_sm lemmatises them in running text, so the
extractor can look a token's lemma up directly. The module only reads local files: run
it by hand when a source changes, and commit the YAML it writes.

    python -m actorgraph.loaders.compile_triggers --petrarch CAMEO.2.0.txt \
        [--propbank propbank-frames/frames] -o loaders/triggers.yaml
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

# --- what CAMEO codes mean in our vocabulary ------------------------------------------


@dataclass(frozen=True, slots=True)
class CodeRule:
    """What one CAMEO code (and its subcodes) means in our vocabulary.

    `verbs` narrows which bare verbs take the type: several CAMEO synsets put broad
    WordNet neighbours under a code ("hope", "hint" under 020 appeal), and a bare verb
    must carry the relation on its own. Patterns (verb + object noun) are not narrowed:
    the noun carries the meaning there.
    """

    types: tuple[str, ...]
    note: str
    verbs: frozenset[str] | None = None  # None: every verb coded so; empty: patterns only
    frames: bool = True  # False: the code's patterns are attitudes, not acts on the object


def _rule(types: str, note: str, verbs: str | None = None, frames: bool = True) -> CodeRule:
    """A CodeRule from space-separated types and a comma-separated verb list."""
    allowed = None if verbs is None else frozenset(v.strip() for v in verbs.split(",") if v.strip())
    return CodeRule(tuple(types.split()), note, allowed, frames)


def _words(text: str) -> frozenset[str]:
    """A word set from a space-separated list (the tables below read as prose)."""
    return frozenset(text.split())


UNMAPPED = ""

# CAMEO code (or code prefix: the longest listed prefix wins) -> our relation types.
# A code not listed here, or listed with no type, fits none of our types and is dropped:
# 01 public statements, 03 intentions, 041-045 calls/visits/hosting/mediation,
# 054-056 recognition/apology/forgiveness, 060 unspecified material cooperation,
# 063-064 judicial/intelligence cooperation, 074-075 peacekeeping/asylum, 08 yield,
# 12 reject, 13 threaten (a modality, not a relation), 14 protest (by lemma only),
# 15 force posture, 160-161 and 164-166 reduced relations other than aid, 170-171
# unspecified coercion and seizures (by lemma only), 1723-1724 curfews and martial law,
# 174 expulsion, 176 cyber attacks, 18-20 assaults, fighting and mass violence
# (by lemma only: torture, abuse, kidnapping).
CAMEO_RULES: dict[str, CodeRule] = {
    "02": _rule(
        "REQUESTED",
        "020-028 make an appeal or request (for aid, cooperation, reform, talks ...)",
        "ask, petition, request, appeal, beg, implore, plead, solicit, call on, call upon",
    ),
    "040": _rule(
        "COLLABORATED_WITH",
        "040 consult: only consulting and meeting with (the synsets add gather, travel, think)",
        "consult, confer, confer with, consult with, meet with",
    ),
    "046": _rule(
        "COLLABORATED_WITH",
        "046 engage in negotiation (talks are collaboration); bare verbs: holding talks",
        "confer with, consult with, discuss with, talk with, huddle with, negotiate with",
    ),
    "050": _rule(
        "COLLABORATED_WITH",
        "050 engage in diplomatic cooperation: the cooperating verbs (the synsets add "
        "admit, reveal, influence, rejoice)",
        "bargain, collaborate, cooperate, coordinate, ally, negotiate with, cooperate with",
    ),
    "051": _rule(
        "SUPPORTED",
        "051 praise or endorse",
        "endorse, acclaim, admire, applaud, commend, compliment, congratulate, extol, "
        "felicitate, hail, honor, honour, praise, salute, welcome, cheer, laud, legitimise, "
        "legitimize, glorify, exalt, thank, favor, favour, appreciate",
    ),
    "052": _rule("SUPPORTED", "052 defend verbally"),
    "053": _rule("SUPPORTED", "053 rally support on behalf of"),
    "057": _rule("COLLABORATED_WITH", "057 sign formal agreement"),
    "061": _rule(
        "COLLABORATED_WITH",
        "061 cooperate economically (deals, joint companies); its verbs go by lemma: "
        "finance/fund/invest -> FUNDED, buy/purchase -> OWNS",
        "",
    ),
    "062": _rule(
        "COLLABORATED_WITH",
        "062 cooperate militarily (joint exercises); arm/equip go by lemma -> SUPPLIED",
        "",
    ),
    "070": _rule("SUPPLIED", "070 provide aid (goods sent or delivered)", ""),
    "071": _rule("FUNDED", "071 provide economic aid (money, loans, credit)", ""),
    "072": _rule("SUPPLIED", "072 provide military aid (weapons, aircraft)", ""),
    "073": _rule("SUPPLIED", "073 provide humanitarian aid (food, relief supplies)", ""),
    "09": _rule(
        "INVESTIGATED",
        "090-094 investigate (crime, human rights abuses, military action, war crimes)",
        "interrogate, reexamine, audit, examine, inspect, investigate, probe, scrutinize, "
        "scrutinise, probe into",
    ),
    "10": _rule(
        "REQUESTED",
        "100-108 demand (an order to do something is a request)",
        "order, adjure, demand, entreat, exhort, press",
    ),
    "110": _rule(
        "CRITICIZED",
        "110 disapprove: the public-criticism verbs only (the synsets add grieve, regret, claim);"
        " no frames: its patterns voice fear, doubt or unease",
        "decry, disapprove, grill",
        frames=False,
    ),
    "111": _rule("CRITICIZED", "111 criticize or denounce"),
    "112": _rule("CRITICIZED", "112 accuse (of crime, abuses, aggression, war crimes, espionage)"),
    "113": _rule("CRITICIZED", "113 rally opposition against"),
    "114": _rule("CRITICIZED", "114 complain officially", "complain"),
    "115": _rule("SUED", "115 bring lawsuit against"),
    "116": _rule("CRITICIZED", "116 find guilty or liable (a finding that one broke the law)"),
    "162": _rule(
        "STOPPED_SUPPLYING",
        "162 reduce or stop material aid (economic, military, humanitarian)",
        "",
    ),
    "163": _rule("SANCTIONED", "163 impose embargo, boycott or sanctions", ""),
    "172": _rule(
        "BANNED",
        "172 impose administrative sanctions: bans and prohibitions (fine, sentence by lemma)",
        "bar, ban, forbid, outlaw, prohibit, proscribe, interdict, disallow, criminalise, "
        "criminalize, illegalise, illegalize",
    ),
    "1721": _rule("REPRESSED", "1721 restrict political freedoms (censorship)"),
    "1722": _rule("BANNED", "1722 ban political parties or politicians"),
    "1723": _rule(UNMAPPED, "1723 impose curfew"),
    "1724": _rule(UNMAPPED, "1724 impose state of emergency or martial law"),
    "173": _rule(
        "DETAINED",
        "173 arrest, detain or charge with legal action (legal action -> SUED, see splits)",
    ),
    "175": _rule("REPRESSED", "175 use tactics of violent repression"),
    "181": _rule("DETAINED", "181 abduct, hijack or take hostage (holding someone)"),
    "1822": _rule("REPRESSED", "1822 torture"),
}

# CAMEO codes that lump two of our types together: within the code, these verbs or
# object nouns take the second type (export controls and restrictions are sanctions in
# our vocabulary; CAMEO files them with bans and with curbs on political freedoms).
CODE_SPLITS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "173": (
        frozenset(
            {"sue", "indict", "prosecute", "charge", "lawsuit", "suit", "case", "trial"}
            | {"indictment", "legal action", "prosecution"}
        ),
        ("SUED",),
    ),
    "172": (
        frozenset({"fine", "penalty", "control", "restriction", "visa rule", "entry condition"}),
        ("SANCTIONED",),
    ),
    "1721": (frozenset({"restriction"}), ("SANCTIONED",)),
}

# Lemmas whose own sense decides the type wherever CAMEO lists them: CAMEO files them by
# the event they report ("buy" under economic cooperation, "urge" only in patterns,
# "sell" in an uncoded block), our vocabulary by what the subject does to the object.
LEMMA_TYPES: dict[str, tuple[str, ...]] = {
    # money given
    **dict.fromkeys(
        ["finance", "fund", "invest", "pay", "pay for", "sponsor", "underwrite", "bankroll"],
        ("FUNDED",),
    ),
    **dict.fromkeys(["donate", "lend", "loan"], ("FUNDED",)),
    # goods given
    **dict.fromkeys(
        ["supply", "provide", "sell", "export", "ship", "deliver", "arm", "equip", "furnish"],
        ("SUPPLIED",),
    ),
    **dict.fromkeys(["outfit", "transfer"], ("SUPPLIED",)),
    # ownership
    **dict.fromkeys(
        ["buy", "purchase", "acquire", "take over", "nationalize", "nationalise", "control"],
        ("OWNS",),
    ),
    # membership and leadership
    **dict.fromkeys(["join", "enlist", "enroll", "head", "lead"], ("MEMBER_OF",)),
    # backing (not money)
    **dict.fromkeys(["back", "support", "side with", "defend"], ("SUPPORTED",)),
    # talks
    "negotiate": ("COLLABORATED_WITH",),
    # pressing someone to act
    **dict.fromkeys(["urge", "pressure", "compel"], ("REQUESTED",)),
    # legal action
    **dict.fromkeys(["sue", "indict", "prosecute", "charge"], ("SUED",)),
    # holding people
    **dict.fromkeys(
        ["incarcerate", "cage", "capture", "nab", "sentence", "kidnap", "abduct"], ("DETAINED",)
    ),
    **dict.fromkeys(["round up", "lock up"], ("DETAINED",)),
    # repression
    **dict.fromkeys(
        ["crack down", "clamp down", "repress", "suppress", "subdue", "quell", "censor"],
        ("REPRESSED",),
    ),
    **dict.fromkeys(
        ["torture", "abuse", "mistreat", "harass", "persecute", "terrorize", "segregate"],
        ("REPRESSED",),
    ),
    # bans and sanctions
    "block": ("BANNED",),
    "blacklist": ("BANNED", "SANCTIONED"),
    **dict.fromkeys(
        ["embargo", "penalize", "penalise", "punish", "restrict", "fine"], ("SANCTIONED",)
    ),
    # public criticism
    **dict.fromkeys(["protest", "blast", "slam"], ("CRITICIZED",)),
}

# Verbs that would fire everywhere: never a trigger on their own (they may head a frame).
GENERIC_VERBS: frozenset[str] = _words(
    "say make be have take get give go come do see put set keep hold show use find "
    "know call tell add move run bring send carry pass issue serve free clear open "
    "close cut leave look seem become let begin start continue want need help work"
)

# Verbs that turn a frame around or leave its act undone: "received aid", "sought the
# detention of", "pledged aid" - the noun's act is not what the subject did to the object.
FRAME_VERB_STOP: frozenset[str] = _words(
    "receive accept get gain obtain win want need seek ask request demand urge call "
    "plan prepare propose suggest recommend hope intend pledge promise offer threaten "
    "consider debate expect deny refuse reject avoid welcome evacuate use apply "
    "arrive return identify believe regard view describe link suspect fail recover "
    "force hijack snatch summit hear trace warn chant quash"
)

# Verbs of a mapped code that do not carry its type on their own: a private feeling
# (abhor), a slight (snub), an outcome rather than the act (convict), or a pattern's
# preposition that is not where the object sits ("defend from", "request against").
EXCLUDED_VERBS: frozenset[str] = frozenset(
    {"snub", "abhor", "chasten", "convict", "hunt down", "defend from", "request against"}
    | {"reach out", "kick off", "ask for", "count on"}
)
# Misspelt object nouns in the dictionary's patterns.
NOUN_TYPOS: frozenset[str] = frozenset(
    {"aggrement", "memoradum", "penalt", "evidennce", "clothiing", "offenc", "democratisaton"}
)
EXCLUDED_FRAMES: frozenset[tuple[str, str]] = frozenset(
    {("file", "appeal"), ("lodge", "appeal"), ("put", "final touch"), ("prevent", "ship")}
    | {("find", "guilty"), ("withdraw", "offer"), ("withhold", "support"), ("raise", "money")}
    | {("raise", "cash"), ("raise", "currency"), ("tighten", "grip"), ("submit", "torture")}
    | {("submit", "arrest"), ("prevent", "freeing"), ("boost", "prospect"), ("say", "mistrust")}
    | {("increase", "budget"), ("postpone", "payment"), ("stabilise", "economy")}
    | {("hold", "rioting"), ("claim", "kidnapping"), ("pass", "bill support")}
    | {("impose", "solution")}
)

# For these types the object is whom the act addresses (the one asked, backed, partnered,
# supplied, investigated), and CAMEO's patterns mostly name what was asked for or talked
# about ("present * PLAN", "organise * MEETING"). A frame of such a type is kept only when
# its head noun names the act itself; for SUPPLIED also the goods of CAMEO's weapon,
# aircraft and food synsets (see frame_heads).
FRAME_HEADS: dict[str, frozenset[str]] = {
    "REQUESTED": _words("appeal call plea petition order demand request pressure ultimatum"),
    "SUPPORTED": _words(
        "support backing endorsement solidarity approval blessing praise congratulation "
        "gratitude thanks confidence honor honour medal prize"
    ),
    "INVESTIGATED": _words(
        "investigation inquiry enquiry probe examination search hunt audit review tribunal"
    ),
    "COLLABORATED_WITH": _words(
        "talk negotiation dialogue discussion meeting summit conference consultation "
        "agreement accord pact treaty deal memorandum protocol alliance tie relation "
        "relationship cooperation partnership venture company exercise maneuver manoeuvre "
        "contract coalition"
    ),
    "SUPPLIED": _words(
        "aid assistance supply relief equipment vaccine medicine shipment arms tonne gift "
        "vehicle airlift delivery export product"
    ),
}

PARTICLES: frozenset[str] = _words(
    "up down out off in on over back away forward aside through into with for to "
    "about against at from upon"
)
ADVERBS: frozenset[str] = _words("up down out off over back away forward aside")

# --- reading the CAMEO verb dictionary ------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerbLine:
    """One verb of a synonym block, with the code it carries on its own (None: no event)."""

    phrase: str  # "CRACK_DOWN" style, the '+' and inflections removed
    code: str | None
    block: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """A verb pattern line: the verbs it was written for, its code, what follows the verb."""

    verbs: tuple[str, ...]
    code: str | None
    pre: tuple[str, ...]
    post: tuple[str, ...]


@dataclass(slots=True)
class CameoDictionary:
    """The parts of the verb dictionary the compiler reads."""

    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    notice: tuple[str, ...] = ()


_CODE = re.compile(r"\[([^\]]*)\]")


def active_code(raw: str) -> str | None:
    """The code an event takes with the subject as actor: "042:043" -> "042"; "---" -> None.

    CAMEO writes `[active:passive]`; a pattern with only a passive meaning ("[:173]",
    appear in court) says nothing about what the subject did.
    """
    code = raw.split(":", 1)[0].strip()
    return code if code.isdigit() else None


def _strip_comment(line: str) -> tuple[str, str]:
    """Split a line at its comment (PETRARCH writes '#', a few old lines ';')."""
    body, _, comment = line.partition("#")
    if ";" in body and "{" not in body.split(";", 1)[1]:
        body, _, more = body.partition(";")
        comment = comment or more
    return body, comment.strip()


def _comment_verbs(comment: str) -> tuple[str, ...]:
    """The verbs a pattern's comment names ("GIVE , PROVIDE"), or () if it names none."""
    parts = [p.strip() for p in comment.split(",")]
    if parts and all(re.fullmatch(r"[A-Z][A-Z_-]*( [A-Z]+)?", p) for p in parts):
        return tuple(p.replace(" ", "_") for p in parts)
    return ()


def read_notice(lines: Sequence[str]) -> tuple[str, ...]:
    """The licence notice in the file's leading comment, from 'The MIT License' on."""
    head: list[str] = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line.lstrip("#").rstrip()[1:] if line.startswith("# ") else "")
    start = next((i for i, text in enumerate(head) if "MIT License" in text), None)
    if start is None:
        return ()
    end = next((i for i in range(start, len(head)) if "DEALINGS IN THE SOFTWARE" in head[i]), None)
    return tuple(head[start : (end if end is not None else len(head) - 1) + 1])


def parse_cameo(text: str) -> CameoDictionary:
    """Read synsets, verb synonym blocks and patterns; transformations (~) are skipped."""
    lines = text.splitlines()
    found = CameoDictionary(notice=read_notice(lines))
    in_verbs, synset, block, block_code = False, "", "", None
    block_verbs: list[str] = []
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not line.strip() or line.startswith(("#", "~", "<!")):
            continue
        if not in_verbs:
            if line.startswith("&"):
                synset = line.split()[0]
            elif line.startswith("+") and synset:
                member = _strip_comment(line)[0].strip()[1:]
                found.synsets[synset] = (*found.synsets.get(synset, ()), member)
            continue
        if line.startswith("---"):
            fields = line.strip("- \t").split()
            codes = _CODE.findall(line)
            block = fields[0] if fields else ""
            block_code = active_code(codes[0]) if codes else None
            block_verbs = []
        elif line.startswith("-"):
            body, comment = _strip_comment(line[1:])
            codes = _CODE.findall(body)
            body = _CODE.sub(" ", body)
            pre, star, post = body.partition("*")
            if not star:
                continue
            # uncommented patterns belong to the block's head verb, which names the block
            head = (block,) if block in block_verbs else tuple(block_verbs)
            verbs = _comment_verbs(comment) or head
            found.patterns.append(
                Pattern(
                    verbs, active_code(codes[-1]) if codes else None, _tokens(pre), _tokens(post)
                )
            )
        else:
            body, _ = _strip_comment(line)
            codes = _CODE.findall(body)
            head = _CODE.sub(" ", body).split("{")[0].split()
            if not head:
                continue
            phrase = head[0]
            code = active_code(codes[0]) if codes else block_code
            found.verbs.append(VerbLine(phrase.lstrip("+"), code, block))
            block_verbs.append(phrase.lstrip("+"))
    return found


def _tokens(text: str) -> tuple[str, ...]:
    """Pattern tokens, with '(' ')' '{' '}' split off as tokens of their own."""
    return tuple(re.sub(r"([(){}])", r" \1 ", text).split())


# --- lemmas ---------------------------------------------------------------------------


class Lemmatizer(Protocol):
    """Turns dictionary words into the lemmas spaCy gives the same words in text."""

    def verbs(self, words: Iterable[str]) -> dict[str, str]: ...

    def nouns(self, phrases: Iterable[str]) -> dict[str, str]: ...  # non-nouns left out


class SpacyLemmatizer:
    """Lemmatises through the project's pipeline inside a carrier sentence.

    spaCy's rule lemmatiser needs the tagger's verb form: out of context "press" and
    "bless" lose their final s. "They press it." gives the lemma spaCy gives in news text.
    """

    def __init__(self) -> None:
        from actorgraph.loaders.nlp import pipeline

        self._nlp = pipeline()

    def verbs(self, words: Iterable[str]) -> dict[str, str]:
        """word -> lemma, for single lowercase verbs."""
        words = sorted(set(words))
        docs = self._nlp.pipe(f"They {w} it." for w in words)
        return {
            w: (doc[1].lemma_.lower() if len(doc) == 4 and doc[1].pos_ == "VERB" else w)
            for w, doc in zip(words, docs, strict=True)
        }

    def nouns(self, phrases: Iterable[str]) -> dict[str, str]:
        """phrase -> phrase with its last word (the head) lemmatised; phrases whose head
        is not a noun ("responsible", "guilty") are left out."""
        phrases = sorted(set(phrases))
        docs = self._nlp.pipe(f"They saw the {p}." for p in phrases)
        found = {}
        for phrase, doc in zip(phrases, docs, strict=True):
            words = phrase.split()
            head = doc[-2]
            if head.pos_ != "NOUN":
                continue
            if head.text.lower() == words[-1]:
                words[-1] = head.lemma_.lower()
            found[phrase] = " ".join(words)
        return found


# --- compiling ------------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """One trigger's types and where they came from."""

    types: set[str] = field(default_factory=set)
    cameo: set[str] = field(default_factory=set)


def rule_for(code: str | None) -> CodeRule | None:
    """The rule of the longest listed prefix of a code (None: the code fits no type)."""
    if code is None:
        return None
    for size in range(len(code), 1, -1):
        rule = CAMEO_RULES.get(code[:size])
        if rule is not None:
            return rule if rule.types else None
    return None


def split_types(code: str, word: str) -> tuple[str, ...] | None:
    """The second type of a lumped code, when the word (a noun phrase, a verb, or the verb
    of a phrasal verb: "sue for") belongs to it. The longest listed code prefix decides."""
    for size in range(len(code), 1, -1):
        split = CODE_SPLITS.get(code[:size])
        if split is not None:
            words, types = split
            return types if word in words or word.split()[0] in words else None
    return None


def verb_phrase(raw: str) -> tuple[str, str] | None:
    """'CRACK_DOWN' -> ('crack', 'down'); 'ASK' -> ('ask', ''); None when not a verb
    with at most one particle ('SET_IN_MOTION', 'KILLED_AND', 'WIRE_+TAP', 'RE-ARREST').
    """
    if "+" in raw or "-" in raw:
        return None
    words = raw.lower().split("_")
    if not words[0].isalpha():
        return None
    if len(words) == 1:
        return words[0], ""
    if len(words) == 2 and words[1] in PARTICLES:
        return words[0], words[1]
    return None


def _lemma(parts: tuple[str, str], lemmas: dict[str, str]) -> str:
    """'crack down' from ('cracking', 'down'), through the verb lemmas."""
    verb, particle = parts
    verb = lemmas.get(verb, verb)
    return f"{verb} {particle}" if particle else verb


def _verb_types(lemma: str, code: str | None) -> tuple[str, ...]:
    """The types a bare verb takes from its CAMEO code (lemma senses are applied later)."""
    rule = rule_for(code)
    if rule is None or code is None:
        return ()
    if rule.verbs is not None and lemma not in rule.verbs:
        return ()
    return split_types(code, lemma) or rule.types


def _pattern_phrasal(pattern: Pattern) -> str | None:
    """The particle or preposition of a pattern that is only 'verb + particle' ('* (ON)')."""
    post = [t for t in pattern.post if t not in ("(", ")")]
    if len(post) == 1 and post[0].lower() in PARTICLES:
        return post[0].lower()
    return None


@dataclass(frozen=True, slots=True)
class FrameShape:
    """What a pattern says after its verb: an optional particle, one object noun phrase
    (words or a synset), and where the object actor sits ('against' in '(AGAINST)')."""

    particle: str
    noun: tuple[str, ...]
    object_prep: str


def frame_shape(post: Sequence[str]) -> FrameShape | None:
    """Read '* [PARTICLE] NOUN|{MOD NOUN}|&SET [(PREP)|(PREP +)|(PREP ^)]...'; None for
    anything else: a second noun or a prepositional phrase with a noun constrains the
    match in a way a verb + noun frame cannot say ('CUT * LEVEL (OF AID)')."""
    tokens = list(post)
    particle = ""
    if tokens and tokens[0].lower() in PARTICLES:
        if len(tokens) == 1 or tokens[1] in ("(", ")") or tokens[0].lower() not in ADVERBS:
            return None  # a phrasal verb ("* OUT") or a bare preposition ("* FOR DAY")
        particle = tokens.pop(0).lower()
    if not tokens:
        return None
    if tokens[0] == "{":
        if "}" not in tokens:
            return None
        end = tokens.index("}")
        noun, tokens = tokens[1:end], tokens[end + 1 :]
    elif tokens[0] in ("(", ")", "$", "+", "^", "%"):
        return None
    else:
        noun, tokens = [tokens[0]], tokens[1:]
    if not noun or not all(re.fullmatch(r"&[A-Z_]+|[A-Z][A-Z'-]*", w) for w in noun):
        return None
    object_prep = ""
    while tokens:
        if tokens[0] != "(" or ")" not in tokens:
            return None
        end = tokens.index(")")
        inside, tokens = tokens[1:end], tokens[end + 1 :]
        if not inside or not inside[0].isalpha():
            return None
        if any(w not in ("+", "^", "$") for w in inside[1:]):
            return None
        if not object_prep and (len(inside) == 1 or "+" in inside):
            object_prep = inside[0].lower()
    return FrameShape(particle, tuple(noun), object_prep)


# Synsets expanded into their members when they head a pattern's noun phrase: sets of
# kinds of one thing (weapons, inquiries). Other synsets stand for their own name: their
# members mix senses (&OPPOSITION lists "opposition" with "enemy" and "rival").
# A tuple keeps only the members it lists: &CURRENCY also names the world's currencies,
# &INVESTIGATION also lists "research" and "analysis".
SYNSET_EXPANDED: dict[str, tuple[str, ...] | None] = {
    "&WEAPON": None,
    "&AIRCRAFT": None,
    "&WMD": None,
    "&DETENTION": None,
    "&TREATY": None,
    "&NEGOTIATION": None,
    "&CEASEFIRE": None,
    "&FOOD": None,
    "&HOSTAGE": None,
    "&CURRENCY": ("MONEY", "CURRENCY", "CASH_"),
    "&INVESTIGATION": ("INVESTIGATION", "INQUIRY", "ENQUIRY", "PROBE", "EXAMINATION"),
}


def expand_noun(noun: Sequence[str], synsets: dict[str, tuple[str, ...]]) -> list[str]:
    """Object nouns of a pattern's noun phrase, the head synset (&WEAPON) replaced by its
    one-word members, a modifier synset by its own name ({&DETENTION TERM} -> "detention
    term"); empty for a plain modifier on a synset head ({SPY &AIRCRAFT}), whose cross
    product says nothing a frame on the head would not."""
    *modifiers, head = noun
    words = [_synset_word(m, synsets) if m.startswith("&") else m.lower() for m in modifiers]
    if not head.startswith("&"):
        return [" ".join([*words, head.lower()])]
    if head not in SYNSET_EXPANDED:
        return [" ".join([*words, _synset_word(head, synsets)])]
    if any(not m.startswith("&") for m in modifiers):
        return []
    chosen = SYNSET_EXPANDED[head]
    members = [m for m in synsets.get(head, ()) if chosen is None or m in chosen]
    heads = [m.rstrip("_").lower() for m in members]
    return [" ".join([*words, h]) for h in dict.fromkeys(heads) if re.fullmatch(r"[a-z]+", h)]


def _synset_word(name: str, synsets: dict[str, tuple[str, ...]]) -> str:
    """The word a synset stands for: its own name when a member, else its first member."""
    members = [m.rstrip("_").lower() for m in synsets.get(name, ())]
    word = name.lstrip("&").lower()
    return word if word in members or not members else members[0].replace("_", " ")


def frame_heads(synsets: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """FRAME_HEADS, with the kinds of goods CAMEO lists (weapons, aircraft, food) as
    supplies."""
    goods = {
        m.rstrip("_").lower()
        for name in ("&WEAPON", "&AIRCRAFT", "&WMD", "&FOOD")
        for m in synsets.get(name, ())
    }
    return {**FRAME_HEADS, "SUPPLIED": FRAME_HEADS["SUPPLIED"] | goods}


def frame_noun(verb: str, noun: str) -> bool:
    """Whether a pattern's object noun can head a frame: two words at most ("fight crime
    charge" is two synsets run together), no adverb ("react * ANGRILY"), no source typo."""
    words = noun.split()
    return (
        len(words) <= 2
        and not words[-1].endswith("ly")
        and words[-1] not in NOUN_TYPOS
        and (verb, noun) not in EXCLUDED_FRAMES
    )


@dataclass(slots=True)
class Lexicon:
    """The compiled lexicon, before it is written out."""

    verbs: dict[str, Entry] = field(default_factory=dict)
    nouns: dict[str, dict[str, Any]] = field(default_factory=dict)
    frames: dict[tuple[str, str, str], Entry] = field(default_factory=dict)


def compile_verbs(cameo: CameoDictionary, lemmas: dict[str, str]) -> dict[str, Entry]:
    """Bare verb triggers: the synonym blocks' verbs and the 'verb + particle' patterns."""
    found: dict[str, Entry] = {}
    seen: set[str] = set()  # every lemma CAMEO lists, in a block or a pattern
    listed: dict[str, set[str]] = {}  # lemma -> the event codes it is listed under

    def add(lemma: str, code: str | None) -> None:
        seen.add(lemma)
        if code is not None:
            listed.setdefault(lemma, set()).add(code)
        types = _verb_types(lemma, code)
        if types and lemma not in GENERIC_VERBS and lemma not in EXCLUDED_VERBS:
            entry = found.setdefault(lemma, Entry())
            entry.types.update(types)
            entry.cameo.add(code or "")

    for line in cameo.verbs:
        parts = verb_phrase(line.phrase)
        if parts:
            add(_lemma(parts, lemmas), line.code)
    for pattern in cameo.patterns:
        particle = _pattern_phrasal(pattern)
        for raw in pattern.verbs:
            parts = verb_phrase(raw)
            if not parts:
                continue
            lemma = _lemma(parts, lemmas)
            seen.add(lemma)
            # "* (FOR)": for introduces a reason or a goal ("slammed X for"), not the object
            if particle and particle != "for" and not parts[1] and not pattern.pre:
                add(f"{lemma} {particle}", pattern.code)
    for lemma, types in LEMMA_TYPES.items():
        if lemma in seen:  # a sense we assign, to a word CAMEO lists
            entry = found.setdefault(lemma, Entry())
            entry.types = set(types)
            entry.cameo = set(listed.get(lemma, ()))
    for entry in found.values():
        entry.cameo.discard("")
    return add_spellings(found)


_NOT_IZE = frozenset({"seize", "capsize", "prize", "size"})


def add_spellings(verbs: dict[str, Entry]) -> dict[str, Entry]:
    """British -ise spellings of -ize verbs ("scrutinize" -> "scrutinise"): spaCy keeps the
    spelling of the text in the lemma, and CAMEO lists only some of them."""
    found = dict(verbs)
    for lemma, entry in verbs.items():
        if lemma.endswith("ize") and len(lemma) > 5 and lemma not in _NOT_IZE:
            found.setdefault(lemma[:-3] + "ise", Entry(set(entry.types), set(entry.cameo)))
    return found


def compile_frames(
    cameo: CameoDictionary,
    verbs: dict[str, Entry],
    verb_lemmas: dict[str, str],
    noun_lemmas: Callable[[Iterable[str]], dict[str, str]],
) -> dict[tuple[str, str, str], Entry]:
    """Verb + object noun triggers from patterns whose code maps to a type.

    A frame is left out when its verb already triggers a relation on its own (the verb
    decides then), or turns the act around or leaves it undone (FRAME_VERB_STOP).
    """
    raw: list[tuple[str, str, str, str]] = []  # verb, noun phrase, object prep, code
    for pattern in cameo.patterns:
        rule = rule_for(pattern.code)
        if pattern.pre or pattern.code is None or rule is None or not rule.frames:
            continue
        shape = frame_shape(pattern.post)
        if shape is None:
            continue
        for verb_raw in pattern.verbs:
            parts = verb_phrase(verb_raw)
            if not parts or (parts[1] and shape.particle):
                continue
            verb = _lemma((parts[0], parts[1] or shape.particle), verb_lemmas)
            if verb in verbs or verb.split()[0] in FRAME_VERB_STOP:
                continue
            for noun in expand_noun(shape.noun, cameo.synsets):
                raw.append((verb, noun, shape.object_prep, pattern.code))
    lemmas = noun_lemmas(noun for _, noun, _, _ in raw)
    heads = frame_heads(cameo.synsets)
    frames: dict[tuple[str, str, str], Entry] = {}
    for verb, phrase, prep, code in raw:
        noun = lemmas.get(phrase)
        if noun is None or not frame_noun(verb, noun):
            continue
        rule = rule_for(code)
        assert rule is not None
        types = split_types(code, noun) or rule.types
        if any(t in heads and noun.split()[-1] not in heads[t] for t in types):
            continue
        entry = frames.setdefault((verb, noun, prep), Entry())
        entry.types.update(types)
        entry.cameo.add(code)
    return frames


# --- PropBank noun aliases -----------------------------------------------------------

# Noun aliases that name something else far more often than the act in news ("the
# press", "a blast", "the Defense Department", "a provision of the bill", "finance
# minister"), or only a consequence of it ("implication").
NOUN_EXCLUDED: frozenset[str] = _words(
    "press head lead control back blast block blockage implication fault exam consult "
    "apprehension bargain cheer finance defense defence provision compulsion "
    "interdict"
)
# Gerunds that are nouns in their own right; other "-ing" aliases ("selling") are the
# verb itself, which spaCy tags and lemmatises as the verb.
NOUN_GERUNDS: frozenset[str] = frozenset(
    {"funding", "financing", "sentencing", "lending", "kidnapping", "bargaining"}
)


def propbank_nouns(frames_dir: Path, verbs: dict[str, Entry]) -> dict[str, dict[str, Any]]:
    """Nouns PropBank lists as aliases of a roleset one of our verbs is an alias of.

    Only rolesets whose verb aliases are all in the lexicon with the same types count, so
    a noun inherits a sense we chose ("detention" from detain.01), not one we left out.
    """
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(frames_dir.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:  # a few frame files in the repository are not well formed
            print(f"skipped {path.name}: {error}", file=sys.stderr)
            continue
        for roleset in root.iter("roleset"):
            aliases = roleset.find("aliases")
            if aliases is None:
                continue
            verb_aliases = [
                (a.text or "").strip().replace("_", " ")
                for a in aliases.findall("alias")
                if a.get("pos") == "v"
            ]
            nouns = [
                (a.text or "").strip().replace("_", " ")
                for a in aliases.findall("alias")
                if a.get("pos") == "n"
            ]
            if not verb_aliases or not nouns:
                continue
            if not all(v in verbs for v in verb_aliases):
                continue
            types = {t for v in verb_aliases for t in verbs[v].types}
            if any(verbs[v].types != types for v in verb_aliases):
                continue
            for noun in nouns:
                if not re.fullmatch(r"[a-z]+", noun) or noun in NOUN_EXCLUDED:
                    continue
                if noun.endswith("ing") and noun not in NOUN_GERUNDS:
                    continue
                entry = found.setdefault(noun, {"types": set(), "rolesets": set()})
                entry["types"].update(types)
                entry["rolesets"].add(roleset.get("id", ""))
    return found


# --- writing --------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z_' -]*[A-Za-z]|[A-Za-z]")
_YAML_WORDS = _words("y n yes no on off true false null")


def scalar(text: str) -> str:
    """A YAML scalar: plain when it reads back as the same string, else double-quoted."""
    if _PLAIN.fullmatch(text) and text not in _YAML_WORDS:
        return text
    return json.dumps(text)


def _flow_list(items: Iterable[str], quote: bool = False) -> str:
    return "[" + ", ".join(json.dumps(i) if quote else scalar(i) for i in items) + "]"


def _type_order(types: Iterable[str], order: Sequence[str]) -> list[str]:
    return sorted(types, key=lambda t: order.index(t) if t in order else len(order))


def render(lexicon: Lexicon, header: Sequence[str], order: Sequence[str]) -> str:
    """The YAML text: header comment, then verbs, nouns and frames, sorted."""
    out = [f"# {line}".rstrip() for line in header]
    out.append("")
    out.append("verbs:")
    for lemma in sorted(lexicon.verbs):
        entry = lexicon.verbs[lemma]
        types = _flow_list(_type_order(entry.types, order))
        cameo = _flow_list(sorted(entry.cameo), quote=True)
        out.append(f"  {scalar(lemma)}: {{types: {types}, cameo: {cameo}}}")
    out.append("nouns:" if lexicon.nouns else "nouns: {}")
    for noun in sorted(lexicon.nouns):
        entry = lexicon.nouns[noun]
        types = _flow_list(_type_order(entry["types"], order))
        rolesets = _flow_list(sorted(entry["rolesets"]), quote=True)
        out.append(f"  {scalar(noun)}: {{types: {types}, source: propbank, rolesets: {rolesets}}}")
    out.append("frames:" if lexicon.frames else "frames: []")
    for (verb, noun, prep), entry in sorted(lexicon.frames.items()):
        fields = [f"verb: {scalar(verb)}", f"noun: {scalar(noun)}"]
        if prep:
            fields.append(f"object: {scalar(prep)}")
        fields.append(f"types: {_flow_list(_type_order(entry.types, order))}")
        fields.append(f"cameo: {_flow_list(sorted(entry.cameo), quote=True)}")
        out.append("  - {" + ", ".join(fields) + "}")
    return "\n".join(out) + "\n"


def header_lines(
    petrarch: Path,
    petrarch_commit: str,
    notice: Sequence[str],
    propbank: Path | None,
    propbank_commit: str,
) -> list[str]:
    """Where the data came from, under which licences, and how to regenerate it."""
    lines = [
        "Trigger lexicon: words that introduce a relation of schema/vocabulary.yaml.",
        "GENERATED by actorgraph.loaders.compile_triggers - do not edit by hand; rerun it:",
        "  python -m actorgraph.loaders.compile_triggers --petrarch CAMEO.2.0.txt \\",
        "      --propbank propbank-frames/frames -o loaders/triggers.yaml",
        "",
        "verbs:  lemma (or 'lemma particle') -> relation types, with the CAMEO codes it is",
        "        listed under. nouns: lemma -> types. frames: a verb that means the types",
        "        together with an object noun ('impose' + 'sanction'); object: the",
        "        preposition that introduces the object actor, when the pattern names one.",
        "",
        "Sources:",
        "- PETRARCH2 CAMEO verb dictionary: github.com/openeventdata/petrarch2,",
        f"  file petrarch2/data/dictionaries/{petrarch.name}, commit {petrarch_commit}.",
        "  Verbs, frames and their CAMEO codes are derived from it under the MIT License:",
    ]
    lines += [f"    {line}".rstrip() for line in notice] or ["    (MIT License)"]
    if propbank is not None:
        lines += [
            "- PropBank frames: github.com/propbank/propbank-frames, directory frames/,",
            f"  commit {propbank_commit}. The entries under nouns (source: propbank) are",
            "  adapted from its roleset noun aliases and are licensed CC BY-SA 4.0",
            "  (https://creativecommons.org/licenses/by-sa/4.0/); changes: filtered to the",
            "  rolesets of our verbs and mapped to our relation types.",
        ]
    lines += [
        "Lemmas are spaCy en_core_web_sm lemmas; the -ise spelling of each -ize verb is",
        "added with its codes. cameo: [] marks a word CAMEO lists only in an uncoded block",
        "or a pattern, typed by its own sense. The type mapping is actorgraph's own (see",
        "CAMEO_RULES, CODE_SPLITS and LEMMA_TYPES in the compiler).",
    ]
    return lines


def git_commit(path: Path) -> str:
    """The commit of the work tree a source file sits in, if any (recorded in the header)."""
    folder = path if path.is_dir() else path.parent
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unrecorded"
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and len(commit) == 40 else "unrecorded"


def build(
    cameo_text: str,
    lemmatizer: Lemmatizer,
    propbank: Path | None = None,
) -> tuple[Lexicon, CameoDictionary]:
    """Compile the lexicon from the CAMEO dictionary text (and PropBank frames)."""
    cameo = parse_cameo(cameo_text)
    words = {
        parts[0]
        for raw in [v.phrase for v in cameo.verbs] + [v for p in cameo.patterns for v in p.verbs]
        if (parts := verb_phrase(raw))
    }
    verb_lemmas = lemmatizer.verbs(words)
    lexicon = Lexicon()
    lexicon.verbs = compile_verbs(cameo, verb_lemmas)
    lexicon.frames = compile_frames(cameo, lexicon.verbs, verb_lemmas, lemmatizer.nouns)
    if propbank is not None:
        lexicon.nouns = propbank_nouns(propbank, lexicon.verbs)
    return lexicon, cameo


def summary(lexicon: Lexicon, order: Sequence[str]) -> list[str]:
    """Entries per type and section, for the person who runs the compiler."""
    sections = (
        [e.types for e in lexicon.verbs.values()],
        [n["types"] for n in lexicon.nouns.values()],
        [e.types for e in lexicon.frames.values()],
    )
    lines = [f"{'type':20} {'verbs':>5} {'nouns':>5} {'frames':>6}"]
    for t in order:
        v, n, f = (sum(t in types for types in section) for section in sections)
        lines.append(f"{t:20} {v:5} {n:5} {f:6}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: read the sources, write the YAML, print the counts per type."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, required=True, help="CAMEO verb dictionary")
    parser.add_argument("--propbank", type=Path, help="PropBank frames/ directory (optional)")
    parser.add_argument("--petrarch-commit", help="commit id of the petrarch2 checkout")
    parser.add_argument("--propbank-commit", help="commit id of the propbank-frames checkout")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)

    from actorgraph.schema import vocabulary

    order = list(vocabulary().relations)
    lexicon, cameo = build(
        args.petrarch.read_text(encoding="utf-8", errors="replace"),
        SpacyLemmatizer(),
        args.propbank,
    )
    header = header_lines(
        args.petrarch,
        args.petrarch_commit or git_commit(args.petrarch),
        cameo.notice,
        args.propbank,
        args.propbank_commit or (git_commit(args.propbank) if args.propbank else ""),
    )
    args.output.write_text(render(lexicon, header, order), encoding="utf-8")
    for line in summary(lexicon, order):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
