"""The language of an article, detected offline (py3langid and its bundled model).

The extractor reads English; an article in another language is skipped rather
than mis-extracted. A short text is too little to judge, so it is taken as the
source says (a feed's or page's language) or as English; a longer one is judged
by the model, and only a confident other language counts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

ENGLISH = "en"
MIN_CHARS = 200  # below this the model guesses; trust the source's word instead
MIN_CONFIDENCE = 0.9
_SAMPLE = 5000  # characters judged: the start of a long article says enough


@cache
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _hinted(hint: Any) -> str | None:
    """A language code from metadata ('en-GB', 'fr_FR', 'de') reduced to two letters."""
    code = str(hint or "").strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


def detect_language(text: str, hint: Any = None) -> str:
    """The two-letter language of ``text``: the model's when the text is long enough and the
    model is sure, else the source's ``hint``, else English."""
    if len(text.strip()) >= MIN_CHARS:
        language, confidence = _identifier().classify(text[:_SAMPLE])
        if confidence >= MIN_CONFIDENCE:
            return str(language)
    return _hinted(hint) or ENGLISH
