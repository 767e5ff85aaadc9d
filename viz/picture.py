"""The current view as a picture (SVG and PNG), drawn here from the same Subgraph as the screen.

The browser's component (cytoscape) draws on a canvas the server never sees, so the files
are drawn server-side, at the positions the screen uses (viz.placement, kept by the page),
fitted to the picture as cytoscape fits them to its box: the vocabulary's colour and shape
per kind, the size the page chose, edge width by claims, draw.LINE_STYLES per modality,
one caption per pair of actors (draw.pair_captions). A title, the filter and a legend
(draw.legend) go around the graph, so the file can go in a report as it is. Every shape
is a polygon from :func:`outline`, so the SVG and the PNG (Pillow, already a dependency
of Streamlit) are the same drawing.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

from actorgraph.graph import Subgraph
from actorgraph.schema import Vocabulary
from actorgraph.viz import draw, placement

WIDTH, HEIGHT, MARGIN = 1200, 900, 50  # px
HEADER, FOOTER = 70, 64  # px: the title and filter above the graph, the legend below it
MAX_ZOOM = 1.5  # a view of two actors is not blown up to the whole picture
GREY, TEXT, LABEL_GREY = "#999999", "#222222", "#555555"
DASHES = {"dashed": (6, 4), "dotted": (2, 3)}  # on, off px for draw.LINE_STYLES
SWATCH = 7  # px, the radius of a kind's shape in the legend
LINE_SAMPLE = 34  # px, the length of a line style's sample in the legend


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Drawing:
    """How the page drew the view: its positions (placed afresh when None), what sizes the
    actors, and the title and caption (the filter) to print above it."""

    positions: Mapping[str, Point] | None = None
    size_by: str | None = None
    title: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything to draw, in pixels: the same for the SVG and the PNG."""

    width: int
    height: int
    nodes: list[dict]  # id, name, kind, colour, points (outline), x, y, radius, centre
    edges: list[dict]  # id, type, start, end, width, dash, arrow (points or None), caption, title
    title: str = ""
    caption: str = ""
    legend: draw.Legend = field(default_factory=lambda: draw.Legend([], [], []))


def fit(where: Mapping[str, Point], box: tuple[float, float, float, float]) -> dict[str, Point]:
    """Positions scaled and centred into ``box`` (left, top, right, bottom), as cytoscape's
    fit does: one scale for both axes, at most :data:`MAX_ZOOM`."""
    if not where:
        return {}
    left, top, right, bottom = box
    xs, ys = [p[0] for p in where.values()], [p[1] for p in where.values()]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = max(xs) - low_x, max(ys) - low_y
    scale = min(
        (right - left) / span_x if span_x else MAX_ZOOM,
        (bottom - top) / span_y if span_y else MAX_ZOOM,
        MAX_ZOOM,
    )
    dx = left + ((right - left) - span_x * scale) / 2 - low_x * scale
    dy = top + ((bottom - top) - span_y * scale) / 2 - low_y * scale
    return {i: (x * scale + dx, y * scale + dy) for i, (x, y) in where.items()}


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
    drawing: Drawing | None = None,
    size: tuple[int, int] = (WIDTH, HEIGHT),
) -> Scene:
    """The view laid out in pixels, with each node's outline and each edge's line and arrow,
    between the title above and the legend below."""
    drawing = drawing or Drawing()
    width, height = size
    where = drawing.positions
    if where is None or any(n.id not in where for n in sub.nodes):
        where = placement.place(
            [n.id for n in sub.nodes], [(e.subject, e.object) for e in sub.edges], where
        )
    elements = draw.elements(sub, vocab, where, drawing.size_by)
    # room above for the biggest actor, below for a caption under the lowest one, and on
    # the sides for half the longest caption (at about 5.5 px a character)
    top = HEADER + draw.LARGEST / 2
    side = MARGIN + min(160.0, max((len(n.name) for n in sub.nodes), default=0) * 2.75)
    px = fit(
        {n.id: where[n.id] for n in sub.nodes},
        (side, top, width - side, height - FOOTER - draw.LARGEST / 2 - 20),
    )
    nodes = []
    for element in elements["nodes"]:
        data = element["data"]
        kind = vocab.kinds.get(data["label"])
        radius = data.get("size", draw.NODE_SIZE) / 2
        x, y = px[data["id"]]
        nodes.append(
            {
                "id": data["id"],
                "name": data["name"],
                "kind": data["label"],
                "colour": kind.color if kind else GREY,
                "points": outline(kind.shape if kind else "ellipse", x, y, radius),
                "x": x,
                "y": y,
                "radius": radius,
                "centre": data["id"] == centre,
            }
        )
    radius_of = {n["id"]: n["radius"] for n in nodes}
    edges = []
    for element in elements["edges"]:
        data = element["data"]
        if data["source"] not in px or data["target"] not in px:
            continue
        relation = vocab.relations.get(data["label"])
        directed = not (relation and relation.symmetric)
        width_px = edge_width(data["claims"])
        start, end = px[data["source"]], px[data["target"]]
        arrow = None
        if directed and start != end:
            end, arrow = _arrow(start, end, radius_of[data["target"]] + 1, 6 + width_px * 1.5)
        edges.append(
            {
                "id": data["id"],
                "type": data["label"],
                "start": start,
                "end": end,
                "width": width_px,
                "dash": DASHES.get(draw.LINE_STYLES.get(data["modality"], "solid")),
                "arrow": arrow,
                "caption": data["caption"],
                "title": data["title"],
            }
        )
    return Scene(
        width,
        height,
        nodes,
        edges,
        drawing.title,
        drawing.caption,
        draw.legend(sub, vocab, drawing.size_by),
    )


@dataclass(frozen=True, slots=True)
class Mark:
    """One entry of the legend, at its place: a kind's shape or a line style, then text."""

    x: float
    y: float
    text: str
    kind: tuple[str, str] | None = None  # colour, shape
    dash: tuple[int, int] | None = None
    line: bool = False


def legend_marks(s: Scene) -> list[Mark]:
    """The legend laid out in the footer: the kinds on one row, the line styles and the
    notes on the next; text widths estimated at 6.5 px a character of 11 px type."""
    marks: list[Mark] = []
    row1, row2 = s.height - FOOTER + 18, s.height - FOOTER + 44
    x = float(MARGIN)
    for label, colour, shape in s.legend.kinds:
        marks.append(Mark(x, row1, label, kind=(colour, shape)))
        x += 2 * SWATCH + 10 + 6.5 * len(label) + 18
    x = float(MARGIN)
    for modality, style in s.legend.lines:
        marks.append(Mark(x, row2, f"{modality} ({style})", dash=DASHES.get(style), line=True))
        x += LINE_SAMPLE + 8 + 6.5 * len(f"{modality} ({style})") + 18
    marks.append(Mark(x - 2 * SWATCH - 10, row2, " · ".join(s.legend.notes)))
    return marks


# -- SVG ---------------------------------------------------------------------------------------


def _pts(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _svg_shape(mark: Mark) -> str:
    """A legend entry's sample: the kind's shape, or a line in its style."""
    if mark.line:
        dash = f' stroke-dasharray="{mark.dash[0]} {mark.dash[1]}"' if mark.dash else ""
        return (
            f'<line x1="{mark.x:.1f}" y1="{mark.y:.1f}" x2="{mark.x + LINE_SAMPLE:.1f}" '
            f'y2="{mark.y:.1f}" stroke="{GREY}" stroke-width="2"{dash}/>'
        )
    if mark.kind:
        colour, shape = mark.kind
        points = outline(shape, mark.x + SWATCH, mark.y, SWATCH)
        return f'<polygon points="{_pts(points)}" fill="{colour}"/>'
    return ""


def _text_x(mark: Mark) -> float:
    return mark.x + (LINE_SAMPLE + 8 if mark.line else 2 * SWATCH + 10)


def _svg_header_and_legend(s: Scene) -> list[str]:
    out = []
    if s.title:
        out.append(
            f'<text class="title" x="{MARGIN}" y="30" font-size="18" font-weight="bold" '
            f'fill="{TEXT}">{escape(s.title)}</text>'
        )
    if s.caption:
        out.append(
            f'<text class="caption" x="{MARGIN}" y="54" font-size="12" '
            f'fill="{LABEL_GREY}">{escape(s.caption)}</text>'
        )
    out.append(
        f'<g class="legend"><line x1="{MARGIN}" y1="{s.height - FOOTER}" '
        f'x2="{s.width - MARGIN}" y2="{s.height - FOOTER}" stroke="#dddddd"/>'
    )
    for mark in legend_marks(s):
        out.append(
            _svg_shape(mark) + f'<text x="{_text_x(mark):.1f}" y="{mark.y + 4:.1f}" '
            f'font-size="11" fill="{TEXT}">{escape(mark.text)}</text>'
        )
    out.append("</g>")
    return out


def svg(
    sub: Subgraph, vocab: Vocabulary, centre: str | None = None, drawing: Drawing | None = None
) -> bytes:
    """The view as an SVG file: one ``<g class="edge">`` per edge (its relations in a
    ``<title>``), one ``<g class="node">`` per actor, each with its id, under a white
    background; the title and filter above, the legend (``<g class="legend">``) below."""
    s = scene(sub, vocab, centre, drawing)
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
            f'<g class="edge" data-id={quoteattr(e["id"])}><title>{escape(e["title"])}</title>',
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{GREY}" '
            f'stroke-width="{e["width"]:.2f}"{dash}/>',
        ]
        if e["arrow"]:
            parts.append(f'<polygon points="{_pts(e["arrow"])}" fill="{GREY}"/>')
        if e["caption"]:
            parts.append(
                f'<text x="{mid[0]:.1f}" y="{mid[1]:.1f}" font-size="9" fill="{LABEL_GREY}" '
                'stroke="#ffffff" stroke-width="3" paint-order="stroke" '
                f'text-anchor="middle">{escape(e["caption"])}</text>'
            )
        out.append("".join(parts) + "</g>")
    for n in s.nodes:
        border = ' stroke="#333333" stroke-width="3"' if n["centre"] else ""
        out.append(
            f'<g class="node" data-id={quoteattr(n["id"])} data-kind={quoteattr(n["kind"])}>'
            f'<polygon points="{_pts(n["points"])}" fill="{n["colour"]}"{border}/>'
            f'<text x="{n["x"]:.1f}" y="{n["y"] + n["radius"] + 11:.1f}" font-size="10" '
            f'fill="{TEXT}" text-anchor="middle">{escape(n["name"])}</text></g>'
        )
    out += _svg_header_and_legend(s)
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


def _png_legend(canvas: ImageDraw.ImageDraw, s: Scene, scale: int) -> None:
    """The title, the filter and the legend, as :func:`svg` draws them."""
    big = ImageFont.load_default(size=18 * scale)
    middle = ImageFont.load_default(size=12 * scale)
    font = ImageFont.load_default(size=11 * scale)
    if s.title:
        canvas.text((MARGIN * scale, 30 * scale), s.title, fill=TEXT, font=big, anchor="ls")
    if s.caption:
        canvas.text((MARGIN * scale, 54 * scale), s.caption, fill=LABEL_GREY, font=middle,
                    anchor="ls")  # fmt: skip
    rule = (s.height - FOOTER) * scale
    canvas.line([(MARGIN * scale, rule), ((s.width - MARGIN) * scale, rule)], fill="#dddddd")
    for mark in legend_marks(s):
        x, y = mark.x * scale, mark.y * scale
        if mark.line:
            end = (x + LINE_SAMPLE * scale, y)
            if mark.dash:
                _dashed(canvas, (x, y), end, (mark.dash[0] * scale, mark.dash[1] * scale),
                        2 * scale)  # fmt: skip
            else:
                canvas.line([(x, y), end], fill=GREY, width=2 * scale)
        elif mark.kind:
            colour, shape = mark.kind
            points = outline(shape, mark.x + SWATCH, mark.y, SWATCH)
            canvas.polygon([(px * scale, py * scale) for px, py in points], fill=colour)
        canvas.text((_text_x(mark) * scale, y), mark.text, fill=TEXT, font=font, anchor="lm")


def png(
    sub: Subgraph,
    vocab: Vocabulary,
    centre: str | None = None,
    drawing: Drawing | None = None,
    scale: int = 1,
) -> bytes:
    """The view as a PNG file, the same drawing as :func:`svg` rasterised by Pillow."""
    s = scene(sub, vocab, centre, drawing)
    image = Image.new("RGB", (s.width * scale, s.height * scale), "#ffffff")
    canvas = ImageDraw.Draw(image)
    small = ImageFont.load_default(size=9 * scale)
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
        if e["caption"]:
            mid = at(((e["start"][0] + e["end"][0]) / 2, (e["start"][1] + e["end"][1]) / 2))
            canvas.text(mid, e["caption"], fill=LABEL_GREY, font=small, anchor="mm",
                        stroke_width=2 * scale, stroke_fill="#ffffff")  # fmt: skip
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
    _png_legend(canvas, s, scale)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (for the tests and a caption)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
