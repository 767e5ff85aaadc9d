"""The current view as a picture (SVG and PNG), drawn here from the same Subgraph as the screen.

The browser's component (cytoscape) draws on a canvas the server never sees, so the files
are drawn server-side: one layout (a seeded force-directed layout, so the same view gives
the same picture), the vocabulary's colour and shape per kind, edge width by claims,
dashes for hedged and dots for negated edges, as draw.py asks of cytoscape. Every shape
is a polygon from :func:`outline`, so the SVG and the PNG (Pillow, already a dependency
of Streamlit) are the same drawing. The positions are not the browser's: cytoscape's
fcose layout runs in the page.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from actorgraph.graph import Subgraph
from actorgraph.schema import Vocabulary
from actorgraph.viz import draw

WIDTH, HEIGHT, MARGIN = 1200, 900, 60  # px
NODE_RADIUS, CENTRE_RADIUS = 13, 20  # px, as draw.node_styles' 26 and 40 px
GREY, TEXT, LABEL_GREY = "#999999", "#222222", "#555555"
DASHES = {"hedged": (6, 4), "negated": (2, 3)}
ITERATIONS = 120


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything to draw, in pixels: the same for the SVG and the PNG."""

    width: int
    height: int
    nodes: list[dict]  # id, name, colour, points (outline), x, y, radius
    edges: list[dict]  # id, type, start, end, width, dash, arrow (points or None)


def _seed(sub: Subgraph) -> int:
    """A seed from the ids, so a view always gets the same layout."""
    ids = "|".join(sorted(n.id for n in sub.nodes))
    return int.from_bytes(hashlib.sha1(ids.encode()).digest()[:4], "big")


def layout(sub: Subgraph) -> dict[str, Point]:
    """Fruchterman-Reingold positions in [0, 1]², seeded by the ids (numpy, no scipy)."""
    ids = [n.id for n in sub.nodes]
    count = len(ids)
    if count == 0:
        return {}
    if count == 1:
        return {ids[0]: (0.5, 0.5)}
    index = {i: k for k, i in enumerate(ids)}
    pos = np.random.default_rng(_seed(sub)).random((count, 2))
    adjacent = np.zeros((count, count))
    for e in sub.edges:
        if e.subject in index and e.object in index:
            a, b = index[e.subject], index[e.object]
            adjacent[a, b] = adjacent[b, a] = 1.0
    k = 1.0 / math.sqrt(count)
    temperature = 0.1
    for _ in range(ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - adjacent * distance / k
        shift = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(shift, axis=-1), 0.01)
        pos += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature * 0.96, 0.002)
    low, high = pos.min(axis=0), pos.max(axis=0)
    pos = (pos - low) / np.maximum(high - low, 1e-9)
    return {i: (float(pos[k][0]), float(pos[k][1])) for i, k in index.items()}


def outline(shape: str, x: float, y: float, r: float) -> list[Point]:
    """A kind's shape (cytoscape's names) as a polygon around (x, y) of radius ``r``."""

    def ring(corners: int, turn: float = -90.0, radii: tuple[float, ...] = (1.0,)) -> list[Point]:
        step = 360.0 / corners
        return [
            (
                x + r * radii[i % len(radii)] * math.cos(math.radians(turn + i * step)),
                y + r * radii[i % len(radii)] * math.sin(math.radians(turn + i * step)),
            )
            for i in range(corners)
        ]

    if shape == "star":
        return ring(10, radii=(1.0, 0.45))
    if shape == "diamond":
        return ring(4)
    if shape == "hexagon":
        return ring(6, turn=0.0)
    if shape == "triangle":
        return ring(3)
    if shape == "rhomboid":
        return [(x - r * 0.6, y - r * 0.7), (x + r, y - r * 0.7),
                (x + r * 0.6, y + r * 0.7), (x - r, y + r * 0.7)]  # fmt: skip
    if shape == "tag":
        return [(x - r, y - r * 0.7), (x + r * 0.4, y - r * 0.7), (x + r, y),
                (x + r * 0.4, y + r * 0.7), (x - r, y + r * 0.7)]  # fmt: skip
    if shape in ("round-rectangle", "rectangle"):
        c = r * 0.25 if shape == "round-rectangle" else 0.0
        h = r * 0.8
        top = [(x - r + c, y - h), (x + r - c, y - h), (x + r, y - h + c), (x + r, y + h - c)]
        return [
            *top,
            (x + r - c, y + h),
            (x - r + c, y + h),
            (x - r, y + h - c),
            (x - r, y - h + c),
        ]
    return ring(24)  # ellipse, and any shape not listed


def _arrow(start: Point, end: Point, gap: float, size: float) -> tuple[Point, list[Point]]:
    """Where a line stops short of its target's outline, and the arrowhead there."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip = (end[0] - ux * gap, end[1] - uy * gap)
    base = (tip[0] - ux * size, tip[1] - uy * size)
    wing = (-uy * size * 0.5, ux * size * 0.5)
    return base, [
        tip,
        (base[0] + wing[0], base[1] + wing[1]),
        (base[0] - wing[0], base[1] - wing[1]),
    ]


def edge_width(claims: int) -> float:
    """draw.py's ``mapData(claims, 1, WIDE_AT_CLAIMS, 1.5, 6)``."""
    share = (min(max(claims, 1), draw.WIDE_AT_CLAIMS) - 1) / (draw.WIDE_AT_CLAIMS - 1)
    return 1.5 + share * 4.5


def scene(
    sub: Subgraph,
    vocab: Vocabulary,
    centre: str | None = None,
    size: tuple[int, int] = (WIDTH, HEIGHT),
) -> Scene:
    """The view laid out in pixels, with each node's outline and each edge's line and arrow."""
    width, height = size
    where = layout(sub)
    px = {
        i: (MARGIN + x * (width - 2 * MARGIN), MARGIN + y * (height - 2 * MARGIN))
        for i, (x, y) in where.items()
    }
    nodes = []
    for n in sub.nodes:
        kind = vocab.kinds.get(n.kind)
        radius = CENTRE_RADIUS if n.id == centre else NODE_RADIUS
        x, y = px[n.id]
        nodes.append(
            {
                "id": n.id,
                "name": n.name,
                "kind": n.kind,
                "colour": kind.color if kind else GREY,
                "points": outline(kind.shape if kind else "ellipse", x, y, radius),
                "x": x,
                "y": y,
                "radius": radius,
                "centre": n.id == centre,
            }
        )
    radius_of = {n["id"]: n["radius"] for n in nodes}
    edges = []
    for e in sub.edges:
        if e.subject not in px or e.object not in px:
            continue
        relation = vocab.relations.get(e.type)
        directed = not (relation and relation.symmetric)
        width_px = edge_width(e.claims)
        start, end = px[e.subject], px[e.object]
        arrow = None
        if directed and start != end:
            end, arrow = _arrow(start, end, radius_of[e.object] + 1, 6 + width_px * 1.5)
        edges.append(
            {
                "id": draw.edge_id(e),
                "type": e.type,
                "start": start,
                "end": end,
                "width": width_px,
                "dash": DASHES.get(e.modality),
                "arrow": arrow,
            }
        )
    return Scene(width, height, nodes, edges)


# -- SVG ---------------------------------------------------------------------------------------


def _pts(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def svg(sub: Subgraph, vocab: Vocabulary, centre: str | None = None) -> bytes:
    """The view as an SVG file: one ``<g class="edge">`` per edge, one ``<g class="node">`` per
    actor, each with its id, under a white background."""
    s = scene(sub, vocab, centre)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{s.width}" height="{s.height}" '
        f'viewBox="0 0 {s.width} {s.height}" font-family="sans-serif">',
        f'<rect width="{s.width}" height="{s.height}" fill="#ffffff"/>',
    ]
    for e in s.edges:
        (x1, y1), (x2, y2) = e["start"], e["end"]
        dash = f' stroke-dasharray="{e["dash"][0]} {e["dash"][1]}"' if e["dash"] else ""
        mid = ((x1 + x2) / 2, (y1 + y2) / 2)
        parts = [
            f'<g class="edge" data-id={quoteattr(e["id"])}>',
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{GREY}" '
            f'stroke-width="{e["width"]:.2f}"{dash}/>',
        ]
        if e["arrow"]:
            parts.append(f'<polygon points="{_pts(e["arrow"])}" fill="{GREY}"/>')
        parts.append(
            f'<text x="{mid[0]:.1f}" y="{mid[1]:.1f}" font-size="8" fill="{LABEL_GREY}" '
            f'text-anchor="middle">{escape(e["type"])}</text></g>'
        )
        out.append("".join(parts))
    for n in s.nodes:
        border = ' stroke="#333333" stroke-width="3"' if n["centre"] else ""
        out.append(
            f'<g class="node" data-id={quoteattr(n["id"])} data-kind={quoteattr(n["kind"])}>'
            f'<polygon points="{_pts(n["points"])}" fill="{n["colour"]}"{border}/>'
            f'<text x="{n["x"]:.1f}" y="{n["y"] + n["radius"] + 11:.1f}" font-size="10" '
            f'fill="{TEXT}" text-anchor="middle">{escape(n["name"])}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")


# -- PNG ---------------------------------------------------------------------------------------


def _dashed(
    canvas: ImageDraw.ImageDraw, start: Point, end: Point, dash: tuple[int, int], width: int
) -> None:
    """Pillow draws no dashes: short lines along the segment."""
    length = math.dist(start, end)
    if length == 0:
        return
    on, off = dash
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    at = 0.0
    while at < length:
        stop = min(at + on, length)
        canvas.line(
            [
                (start[0] + ux * at, start[1] + uy * at),
                (start[0] + ux * stop, start[1] + uy * stop),
            ],
            fill=GREY,
            width=width,
        )
        at = stop + off


def png(sub: Subgraph, vocab: Vocabulary, centre: str | None = None, scale: int = 1) -> bytes:
    """The view as a PNG file, the same drawing as :func:`svg` rasterised by Pillow."""
    s = scene(sub, vocab, centre)
    image = Image.new("RGB", (s.width * scale, s.height * scale), "#ffffff")
    canvas = ImageDraw.Draw(image)
    small = ImageFont.load_default(size=8 * scale)
    font = ImageFont.load_default(size=10 * scale)

    def at(p: Point) -> Point:
        return (p[0] * scale, p[1] * scale)

    for e in s.edges:
        width = max(1, round(e["width"] * scale))
        if e["dash"]:
            _dashed(
                canvas,
                at(e["start"]),
                at(e["end"]),
                (e["dash"][0] * scale, e["dash"][1] * scale),
                width,
            )
        else:
            canvas.line([at(e["start"]), at(e["end"])], fill=GREY, width=width)
        if e["arrow"]:
            canvas.polygon([at(p) for p in e["arrow"]], fill=GREY)
        mid = at(((e["start"][0] + e["end"][0]) / 2, (e["start"][1] + e["end"][1]) / 2))
        canvas.text(mid, e["type"], fill=LABEL_GREY, font=small, anchor="mm")
    for n in s.nodes:
        outline_colour = "#333333" if n["centre"] else None
        canvas.polygon(
            [at(p) for p in n["points"]],
            fill=n["colour"],
            outline=outline_colour,
            width=3 * scale if n["centre"] else 0,
        )
        canvas.text(
            at((n["x"], n["y"] + n["radius"] + 8)), n["name"], fill=TEXT, font=font, anchor="mt"
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (for the tests and a caption)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
