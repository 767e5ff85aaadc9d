"""Near-duplicate articles (one wire story on ten sites), found by a text fingerprint.

The fingerprint is a MinHash signature of the article's word 3-shingles: the
share of equal positions in two signatures estimates the share of shingles the
texts have in common (Jaccard). A wire story copied with another headline,
byline, footer or a paragraph cut scores well above SIMILAR; two stories on
the same topic written apart share a few percent. Signatures travel as hex
strings (they are stored on the Article node). The index files each signature
under its bands of ROWS values (locality-sensitive hashing), so a lookup
compares only signatures that agree on a whole band, not all of them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

PERMUTATIONS = 128
ROWS = 2  # values per band: 64 bands find pairs at Jaccard 0.4 with p > 0.9999
SIMILAR = 0.4
MIN_WORDS = 30  # shorter texts say too little to be called the same story
MAX_WORDS = 3000  # the start of a story says which story it is; caps time and memory
_SHINGLE = 3
_WORD = re.compile(r"\w+")
_HEX = 8  # hex digits per value (32 bits)
_SEEDS = np.random.default_rng(20240304).integers(1, 2**63, size=(2, PERMUTATIONS), dtype=np.uint64)
_XOR, _MUL = _SEEDS[0], _SEEDS[1] | np.uint64(1)


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text[: MAX_WORDS * 30].lower())[:MAX_WORDS]
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def fingerprint(text: str) -> str | None:
    """The text's MinHash signature as hex; None for a text too short to judge."""
    if len(_WORD.findall(text[: MIN_WORDS * 50])) < MIN_WORDS:
        return None
    digests = b"".join(
        hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in _shingles(text)
    )
    hashes = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    with np.errstate(over="ignore"):
        mixed = ((hashes[:, None] ^ _XOR) * _MUL) >> np.uint64(32)  # one column per permutation
    return "".join(f"{int(v):08x}" for v in mixed.min(axis=0))


def _values(signature: str) -> list[str]:
    return [signature[i : i + _HEX] for i in range(0, len(signature), _HEX)]


def similarity(a: str, b: str) -> float:
    """The estimated share of shingles two texts have in common (0..1)."""
    va, vb = _values(a), _values(b)
    if len(va) != len(vb):
        return 0.0
    return sum(x == y for x, y in zip(va, vb, strict=True)) / len(va)


def _bands(signature: str) -> list[str]:
    width = ROWS * _HEX
    return [f"{i}:{signature[i : i + width]}" for i in range(0, len(signature), width)]


class FingerprintIndex:
    """Fingerprints of the articles seen so far, to find the one a new article repeats."""

    def __init__(self, known: Iterable[tuple[str, str]] = ()) -> None:
        self._buckets: dict[str, list[tuple[str, str]]] = {}
        for article_id, signature in known:
            self.add(article_id, signature)

    def add(self, article_id: str, signature: str) -> None:
        for band in _bands(signature):
            self._buckets.setdefault(band, []).append((article_id, signature))

    def find(self, signature: str, exclude: str = "") -> str | None:
        """The id of the most similar known article at SIMILAR or above, or None."""
        best: tuple[float, str] | None = None
        seen: set[str] = {exclude}
        for band in _bands(signature):
            for article_id, other in self._buckets.get(band, ()):
                if article_id in seen:
                    continue
                seen.add(article_id)
                score = similarity(signature, other)
                if score >= SIMILAR and (best is None or score > best[0]):
                    best = (score, article_id)
        return best[1] if best else None
