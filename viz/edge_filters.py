"""The Explore filters (relation type, modality, confidence, dates, publisher) as pure functions.

Kept apart from Streamlit so the same rules filter the drawn graph, the edge table and
the downloads, and are tested without a browser. Which edges a publisher backs is the
store's answer (Store.edges_from_publishers), handed in as ``sourced``. The URL encoding
lives here too, so a bookmarked view reads back into the very filter that drew it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from actorgraph.graph import EdgeMatch, EdgeView, Subgraph

# URL query parameters; list-valued ones repeat (?type=SUED&type=BANNED)
TYPE_PARAM, MODALITY_PARAM, CONF_PARAM = "type", "modality", "min_conf"
FROM_PARAM, TO_PARAM = "since", "until"  # not from/to: Paths uses those
PUBLISHER_PARAM = "publisher"
# The date pickers' range (date_input's own default is ten years either side of today).
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
EPSILON = 1e-9  # a slider's 0.7 and a stored 0.7 may differ in the last bit


@dataclass(frozen=True, slots=True)
class EdgeFilter:
    """What an edge must satisfy to be shown; the defaults keep every edge."""

    types: tuple[str, ...] = ()  # empty: every type
    modalities: tuple[str, ...] = ()  # empty: every modality
    min_confidence: float = 0.0
    start: date | None = None  # None: open on that side
    end: date | None = None
    publishers: tuple[str, ...] = ()  # empty: every publisher

    @property
    def dated(self) -> bool:
        """Whether a date range is set: then an edge without dates cannot be shown."""
        return self.start is not None or self.end is not None

    def signature(self) -> str:
        """A short text that changes whenever the filter does (for a component key)."""
        return "|".join(
            [
                ",".join(sorted(self.types)),
                ",".join(sorted(self.modalities)),
                f"{self.min_confidence:g}",
                str(self.start or ""),
                str(self.end or ""),
                ",".join(sorted(self.publishers)),
            ]
        )


def parse_day(text: str | None) -> date | None:
    """The day a store's date string starts with (``2021``, ``2021-03``, ``2021-03-04T…``).

    A year or a month alone reads as its first day; anything else as no date.
    """
    if not text:
        return None
    head = text.strip()[:10]
    for candidate in (head, head + "-01", head + "-01-01"):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def edge_span(edge: EdgeView) -> tuple[date, date] | None:
    """The days an edge was seen, first to last; None when the store has no date for it."""
    first, last = parse_day(edge.first_seen), parse_day(edge.last_seen)
    if first is None and last is None:
        return None
    first, last = first or last, last or first
    assert first is not None and last is not None
    return (min(first, last), max(first, last))


def in_range(edge: EdgeView, start: date | None, end: date | None) -> bool:
    """Whether the edge's [first_seen, last_seen] overlaps [start, end] (None: open side).

    An edge with no date only passes an untouched range: nothing says it was seen then.
    """
    if start is None and end is None:
        return True
    span = edge_span(edge)
    if span is None:
        return False
    first, last = span
    return (end is None or first <= end) and (start is None or last >= start)


EdgeKey = tuple[str, str, str]  # (subject, type, object)


def keeps(edge: EdgeView, f: EdgeFilter, sourced: Collection[EdgeKey] = ()) -> bool:
    """Whether one edge passes every part of the filter.

    ``sourced`` holds the edges with a claim from one of ``f.publishers``; unused without them.
    """
    return (
        (not f.publishers or (edge.subject, edge.type, edge.object) in sourced)
        and (not f.types or edge.type in f.types)
        and (not f.modalities or edge.modality in f.modalities)
        and edge.confidence + EPSILON >= f.min_confidence
        and in_range(edge, f.start, f.end)
    )


def apply(
    sub: Subgraph, f: EdgeFilter, keep: Iterable[str] = (), sourced: Collection[EdgeKey] = ()
) -> Subgraph:
    """The edges that pass, and the actors they still connect, plus those in ``keep``.

    ``keep`` holds the centre of an ego network, so a filter never empties the view;
    ``sourced`` is what :func:`keeps` needs for a publisher filter.
    """
    if f == EdgeFilter():
        return sub
    sourced = set(sourced)
    edges = [e for e in sub.edges if keeps(e, f, sourced)]
    wanted = set(keep) | {e.subject for e in edges} | {e.object for e in edges}
    return Subgraph([n for n in sub.nodes if n.id in wanted], edges)


def from_params(
    params: Mapping[str, Sequence[str]], types: Collection[str], modalities: Collection[str]
) -> EdgeFilter:
    """A bookmarked filter from the URL's query parameters; unknown values are dropped.

    ``params`` maps each name to all its values (as ``st.query_params.get_all`` gives).
    """

    def first(name: str) -> str | None:
        values = params.get(name) or []
        return values[0] if values else None

    try:
        conf = min(max(float(first(CONF_PARAM) or 0.0), 0.0), 1.0)
    except ValueError:
        conf = 0.0
    return EdgeFilter(
        types=tuple(t for t in params.get(TYPE_PARAM) or [] if t in types),
        modalities=tuple(m for m in params.get(MODALITY_PARAM) or [] if m in modalities),
        min_confidence=conf,
        start=parse_day(first(FROM_PARAM)),
        end=parse_day(first(TO_PARAM)),
        publishers=tuple(dict.fromkeys(p for p in params.get(PUBLISHER_PARAM) or [] if p)),
    )


def to_params(f: EdgeFilter) -> dict[str, list[str]]:
    """The URL's query parameters for a filter; a part left at its default is left out."""
    params: dict[str, list[str]] = {
        TYPE_PARAM: list(f.types),
        MODALITY_PARAM: list(f.modalities),
        CONF_PARAM: [f"{f.min_confidence:g}"] if f.min_confidence > 0 else [],
        FROM_PARAM: [f.start.isoformat()] if f.start else [],
        TO_PARAM: [f.end.isoformat()] if f.end else [],
        PUBLISHER_PARAM: list(f.publishers),
    }
    return params


def walkable(f: EdgeFilter) -> EdgeMatch:
    """The part of a filter a path search applies to every edge it walks (types,
    modalities, dates), as graph.EdgeMatch takes it."""
    return EdgeMatch(
        f.types,
        f.modalities,
        f.start.isoformat() if f.start else None,
        f.end.isoformat() if f.end else None,
    )


def describe(f: EdgeFilter) -> str:
    """The filter in words for a caption: ``relation types SUED · confidence ≥ 0.70``, or
    ``no filter``."""
    parts = []
    if f.types:
        parts.append("relation types " + ", ".join(f.types))
    if f.modalities:
        parts.append("modality " + ", ".join(f.modalities))
    if f.min_confidence > 0:
        parts.append(f"confidence ≥ {f.min_confidence:.2f}")
    if f.start or f.end:
        start = f.start.isoformat() if f.start else "…"
        end = f.end.isoformat() if f.end else "…"
        parts.append(f"seen {start} – {end}")
    if f.publishers:
        parts.append("publishers " + ", ".join(f.publishers))
    return " · ".join(parts) if parts else "no filter"
