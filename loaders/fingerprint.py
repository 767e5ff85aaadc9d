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


# A band's number goes above the low bits of its value, so every band's keys share one
# sorted array (two values that agree on those bits only add a candidate to compare).
_BANDS = PERMUTATIONS // ROWS
_BAND_BITS = 58
_VALUE_MASK = np.uint64((1 << _BAND_BITS) - 1)
_BAND_NUMBERS = np.arange(_BANDS, dtype=np.uint64) << np.uint64(_BAND_BITS)
# Articles added before the sorted keys are rebuilt: this many, or a 32nd of those sorted
# (a rebuild sorts them all; the dict costs about 9 KB an article until then).
MERGE_MIN = 4096
MERGE_SHARE = 32


def _vector(signature: str) -> np.ndarray | None:
    """A hex signature as its PERMUTATIONS 32-bit values; None for one not of that form."""
    try:
        data = bytes.fromhex(signature)
    except ValueError:
        return None
    if len(data) != PERMUTATIONS * 4:
        return None
    return np.frombuffer(data, dtype=">u4").astype(np.uint32)


def similarity(a: str, b: str) -> float:
    """The estimated share of shingles two texts have in common (0..1)."""
    va, vb = _vector(a), _vector(b)
    return 0.0 if va is None or vb is None else float((va == vb).mean())


def _band_keys(vectors: np.ndarray) -> np.ndarray:
    """Each signature's band keys, shape (signatures, bands): ROWS values, then the band."""
    grouped = vectors.astype(np.uint64).reshape(len(vectors), _BANDS, ROWS)
    value = np.zeros(grouped.shape[:2], dtype=np.uint64)
    for row in range(ROWS):
        value = (value << np.uint64(32)) | grouped[:, :, row]
    return _BAND_NUMBERS | (value & _VALUE_MASK)


class FingerprintIndex:
    """Fingerprints of the articles seen so far, to find the one a new article repeats.

    Compact, for an archive of hundreds of thousands: the signatures are one array of
    32-bit values, and the band keys of all but the newest articles one sorted array,
    searched by bisection (about 1.3 KB an article; a dict of band strings took 18 KB).
    The newest are filed in a dict until there are MERGE_MIN of them or a 32nd of the
    rest, then all are sorted again, so adding stays cheap as the index grows.
    """

    def __init__(self, known: Iterable[tuple[str, str]] = ()) -> None:
        self._ids: list[str] = []
        self._signatures = np.empty((0, PERMUTATIONS), dtype=np.uint32)
        self._keys = np.empty(0, dtype=np.uint64)  # sorted band keys of the first _merged
        self._rows = np.empty(0, dtype=np.int32)  # the article (row) of each key
        self._merged = 0
        self._recent: dict[int, list[int]] = {}  # band key -> rows added since
        vectors = [(i, v) for i, s in known if (v := _vector(s)) is not None]
        if vectors:
            self._ids = [i for i, _ in vectors]
            self._signatures = np.stack([v for _, v in vectors])
            self._merge()

    def add(self, article_id: str, signature: str) -> None:
        vector = _vector(signature)
        if vector is None:
            return
        row = len(self._ids)
        self._ids.append(article_id)
        if row == len(self._signatures):  # room for as many again
            grown = np.empty((max(2 * row, 64), PERMUTATIONS), dtype=np.uint32)
            grown[:row] = self._signatures[:row]
            self._signatures = grown
        self._signatures[row] = vector
        for key in _band_keys(vector[None])[0].tolist():
            self._recent.setdefault(key, []).append(row)
        if row + 1 - self._merged >= max(MERGE_MIN, self._merged // MERGE_SHARE):
            self._merge()

    def _merge(self) -> None:
        """Sort the band keys of every article again; the dict of the newest empties."""
        count = len(self._ids)
        keys = _band_keys(self._signatures[:count]).ravel()
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._rows = (order // _BANDS).astype(np.int32)
        self._merged = count
        self._recent.clear()

    def find(self, signature: str, exclude: str = "") -> str | None:
        """The id of the most similar known article at SIMILAR or above (the first added
        of equals), or None."""
        vector = _vector(signature)
        if vector is None or not self._ids:
            return None
        keys = _band_keys(vector[None])[0]
        left = np.searchsorted(self._keys, keys, side="left")
        right = np.searchsorted(self._keys, keys, side="right")
        found = {r for lo, hi in zip(left, right, strict=True) for r in self._rows[lo:hi].tolist()}
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        rows = sorted(r for r in found if self._ids[r] != exclude)
        if not rows:
            return None
        scores = (self._signatures[rows] == vector).mean(axis=1)
        best = int(np.argmax(scores))
        return self._ids[rows[best]] if scores[best] >= SIMILAR else None
