"""Where each actor sits: one force-directed layout for the screen and the downloads.

The positions are computed here, not in the browser, so that the page and the PNG/SVG
files show the same picture, and so that a view that grows (an actor expanded, a later
day on the Timeline, a filter widened) keeps the actors already drawn where they were:
the positions of the last view are passed back in as fixed, and only the newcomers move.
Fruchterman-Reingold in numpy, seeded by the ids, in model pixels (cytoscape zooms to fit).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

Point = tuple[float, float]

SPACING = 130.0  # model px between linked actors: room for a caption under each
ITERATIONS = 150
BIG = 250  # actors; a view past this many gets fewer steps (a whole graph's 600 edges)
REACH = 3.0  # SPACINGs within which two actors push each other apart
GRAVITY = 0.01  # the pull towards the middle, per px away from it


def seed(ids: Iterable[str]) -> int:
    """A seed from the ids, so a view always gets the same layout."""
    joined = "|".join(sorted(ids))
    return int.from_bytes(hashlib.sha1(joined.encode()).digest()[:4], "big")


def _start(
    ids: Sequence[str],
    links: list[tuple[int, int]],
    fixed: Mapping[str, Point],
    rng: np.random.Generator,
) -> np.ndarray:
    """Fixed actors where they were; a newcomer beside the placed actors it is linked to
    (near the middle when it has none), a little apart from them."""
    count = len(ids)
    spread = SPACING * math.sqrt(count)
    pos = rng.random((count, 2)) * spread
    placed = [k for k, i in enumerate(ids) if i in fixed]
    if not placed:
        return pos
    for k in placed:
        pos[k] = fixed[ids[k]]
    middle = pos[placed].mean(axis=0)
    known = set(placed)
    for k in range(count):
        if k in known:
            continue
        anchors = [b for a, b in links if a == k and b in known]
        anchors += [a for a, b in links if b == k and a in known]
        base = pos[anchors].mean(axis=0) if anchors else middle
        angle = rng.random() * 2 * math.pi
        pos[k] = base + SPACING * np.array([math.cos(angle), math.sin(angle)])
    return pos


def place(
    ids: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    fixed: Mapping[str, Point] | None = None,
) -> dict[str, Point]:
    """Positions in model pixels for ``ids`` linked by ``pairs``; those in ``fixed`` stay put.

    Only the actors not in ``fixed`` move, so a grown view keeps its old actors exactly
    where they were drawn.
    """
    fixed = {i: p for i, p in (fixed or {}).items() if i in set(ids)}
    ids = list(dict.fromkeys(ids))
    count = len(ids)
    if count == 0:
        return {}
    if count == 1:
        return {ids[0]: fixed.get(ids[0], (0.0, 0.0))}
    index = {i: k for k, i in enumerate(ids)}
    links = sorted(
        {
            (min(index[a], index[b]), max(index[a], index[b]))
            for a, b in pairs
            if a in index and b in index and a != b
        }
    )
    rng = np.random.default_rng(seed(ids))
    pos = _start(ids, links, fixed, rng)
    moving = np.array([k for k, i in enumerate(ids) if i not in fixed])
    if moving.size == 0:
        return {i: (float(pos[k][0]), float(pos[k][1])) for i, k in index.items()}
    adjacent = np.zeros((count, count), dtype=np.float32)
    for a, b in links:
        adjacent[a, b] = adjacent[b, a] = 1.0
    pos = _settle(pos.astype(np.float32), moving, adjacent[moving]).astype(float)
    for i, where in fixed.items():  # exactly as given, not as float32 rounded them
        pos[index[i]] = where
    if not fixed:
        pos = lying_down(pos)
    return {i: (float(pos[k][0]), float(pos[k][1])) for i, k in index.items()}


def _settle(pos: np.ndarray, moving: np.ndarray, adjacent: np.ndarray) -> np.ndarray:
    """Fruchterman-Reingold steps for the ``moving`` rows (``adjacent``: their rows of the
    adjacency matrix), the others held still; x and y apart, which numpy does fastest."""
    k = SPACING
    temperature = SPACING * math.sqrt(len(pos)) / 5
    # fewer, longer-cooling steps past BIG actors: each costs their number squared
    steps = ITERATIONS if len(moving) <= BIG else max(50, ITERATIONS * BIG // len(moving))
    cooling = 0.96 ** (ITERATIONS / steps)
    pos = pos.copy()
    for _ in range(steps):
        dx = pos[moving, 0][:, None] - pos[None, :, 0]
        dy = pos[moving, 1][:, None] - pos[None, :, 1]
        distance = np.maximum(np.sqrt(dx * dx + dy * dy), 1.0)
        # actors push apart only when near (Fruchterman and Reingold's grid variant), and
        # a pull to the middle gathers the parts of the view that no edge joins: otherwise
        # a whole graph's small islands drift far off and the fitted view is mostly empty
        force = (distance < REACH * k) * (k * k) / (distance * distance) - adjacent * (distance / k)
        middle = pos.mean(axis=0)
        shift = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1) - GRAVITY * (
            pos[moving] - middle
        )
        length = np.maximum(np.sqrt((shift * shift).sum(axis=1)), 1e-9)
        pos[moving] += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature * cooling, 1.0)
    return pos


def lying_down(pos: np.ndarray) -> np.ndarray:
    """The layout turned so its longest extent runs across: screens and pages are wider than
    tall (a force layout's orientation is arbitrary)."""
    centred = pos - pos.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(centred.T))
    turned = centred @ vectors[:, ::-1]  # the axis of most spread first, as x
    return turned * np.where((turned**3).sum(axis=0) < 0, -1.0, 1.0)  # one way round
