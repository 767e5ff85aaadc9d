"""Small text helpers for the pages: safe Markdown from news text, labels, colour chips."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from actorgraph.graph import ActorView, EvidenceView
from actorgraph.schema import Vocabulary
from actorgraph.viz import routes
from actorgraph.viz.draw import Legend

# Backslash-escaping any ASCII punctuation is valid Markdown; these are the ones that
# change how Streamlit renders a news sentence ($ starts LaTeX, ~ strikes through).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$~{}])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+\.)(\s)")

MODALITY_COLORS = {"asserted": "green", "hedged": "orange", "negated": "red"}


def md_escape(text: str) -> str:
    """Text that Streamlit's Markdown shows exactly as written."""
    return _LINE_START.sub(r"\1\\\2\3", _SPECIAL.sub(r"\\\1", text))


def mark_terms(text: str, terms: Iterable[str]) -> str:
    """Escaped Markdown of ``text`` with every case-insensitive occurrence of ``terms`` in bold."""
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return md_escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [md_escape(text[last : match.start()]), f"**{md_escape(match.group())}**"]
        last = match.end()
    out.append(md_escape(text[last:]))
    return "".join(out)


def actor_terms(actors: Iterable[ActorView | None]) -> list[str]:
    """The names and aliases an evidence sentence may use for these actors."""
    return [t for a in actors if a for t in (a.name, *a.aliases)]


def describe_actor(actor: ActorView, vocab: Vocabulary) -> str:
    """``Thermo Fisher Scientific · company`` for pick lists."""
    kind = vocab.kinds.get(actor.kind)
    return f"{actor.name} · {kind.label if kind else actor.kind}"


# How a date not taken from the source's metadata is marked wherever it is shown.
DATE_MARKS = {"text": "found in the text", "curator": "set by a curator"}


def dated(published: str | None, origin: str | None) -> str:
    """An article's date as shown: ``2021-05-03``, ``2021-05-03 (found in the text)`` when
    it was read from the body (it may be another date the story mentions), or ``undated``."""
    if not published:
        return "undated"
    mark = DATE_MARKS.get(origin or "")
    return f"{published} ({mark})" if mark else published


def source_line(ev: EvidenceView) -> str:
    """Where a sentence comes from, as one Markdown line: title, publisher, date, modality."""
    title = md_escape(ev.title or "untitled article")
    title = f"[{title}]({ev.url})" if ev.url else f"*{title}*"
    publisher = md_escape(ev.publisher or "unknown publisher")
    parts = [title, publisher, dated(ev.published, ev.date_origin)]
    color = MODALITY_COLORS.get(ev.modality, "gray")
    parts += [f":{color}-badge[{ev.modality}]", f"confidence {ev.confidence:.2f}"]
    parts.append(f"[in the article]({routes.article_url(ev.article)})")
    return " · ".join(parts)


def chip(text: str, color: str) -> str:
    """An HTML pill in a kind's colour (Markdown's badges only know named colours)."""
    return (
        f'<span style="background:{html.escape(color)};color:#fff;border-radius:0.6em;'
        f'padding:0.1em 0.6em;font-size:0.8em;white-space:nowrap">{html.escape(text)}</span>'
    )


DASH_ARRAYS = {"solid": "", "dashed": "6 4", "dotted": "2 3"}  # SVG's, for a line sample


def line_sample(style: str) -> str:
    """A short grey line drawn in a cytoscape line style, as inline SVG."""
    dash = DASH_ARRAYS.get(style, "")
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg width="34" height="10" style="vertical-align:middle">'
        f'<line x1="1" y1="5" x2="33" y2="5" stroke="#999999" stroke-width="2"{dashing}/></svg>'
    )


def graph_legend(legend: Legend) -> str:
    """The legend of a drawn graph as one HTML line: a chip per kind, a line sample per
    modality, then what sizes and widths mean."""
    kinds = " ".join(chip(label, color) for label, color, _ in legend.kinds)
    lines = " ".join(
        f'<span style="white-space:nowrap">{line_sample(style)} {html.escape(modality)} '
        f"({style})</span>"
        for modality, style in legend.lines
    )
    notes = html.escape(" · ".join(legend.notes))
    parts = [p for p in (kinds, lines, f'<span style="color:#666">{notes}</span>') if p]
    return '<div class="graph-legend">' + " &nbsp;·&nbsp; ".join(parts) + "</div>"
