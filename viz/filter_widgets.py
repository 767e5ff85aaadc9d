"""The edge filter widgets Explore and Paths share: relation types, modalities and a date
range, seeded once from the URL and mirrored back into it (edge_filters holds the rules
and the URL's encoding; each page adds its own widgets beside these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from actorgraph.schema import Vocabulary
from actorgraph.viz import edge_filters
from actorgraph.viz.edge_filters import EARLIEST, LATEST, EdgeFilter


@dataclass(frozen=True, slots=True)
class FilterWidgets:
    """One page's session keys and wording for the shared widgets."""

    types: str
    modalities: str
    start: str
    end: str
    types_label: str
    types_help: str
    modalities_label: str
    start_label: str
    end_label: str
    end_help: str


def from_url(vocab: Vocabulary) -> EdgeFilter:
    """The filter a bookmarked URL names (``?type=SUED&modality=hedged&since=…``)."""
    params = {name: st.query_params.get_all(name) for name in edge_filters.to_params(EdgeFilter())}
    return edge_filters.from_params(params, vocab.relations, vocab.modalities)


def relation_widgets(
    vocab: Vocabulary, w: FilterWidgets, wanted: EdgeFilter, columns: tuple[Any, Any, Any, Any]
) -> tuple[tuple[str, ...], tuple[str, ...], date | None, date | None]:
    """The types, modalities and dates chosen, in four columns; a widget the session has
    not shown yet starts from ``wanted`` (the URL's)."""
    st.session_state.setdefault(w.types, list(wanted.types))
    st.session_state.setdefault(w.modalities, list(wanted.modalities))
    st.session_state.setdefault(w.start, wanted.start)
    st.session_state.setdefault(w.end, wanted.end)
    type_col, modality_col, start_col, end_col = columns
    types = type_col.multiselect(
        w.types_label,
        list(vocab.relations),
        key=w.types,
        placeholder="All relation types",
        help=w.types_help,
    )
    modalities = modality_col.multiselect(
        w.modalities_label,
        list(vocab.modalities),
        key=w.modalities,
        placeholder="All modalities",
        help="; ".join(f"{name}: {text}" for name, text in vocab.modalities.items()),
    )
    bounds: dict[str, Any] = {"min_value": EARLIEST, "max_value": LATEST, "value": None}
    start = start_col.date_input(w.start_label, key=w.start, **bounds)
    end = end_col.date_input(w.end_label, key=w.end, help=w.end_help, **bounds)
    return tuple(types), tuple(modalities), start, end


def keep_in_url(chosen: EdgeFilter) -> None:
    """Mirror a filter into the URL, so that the view can be bookmarked."""
    for name, values in edge_filters.to_params(chosen).items():
        st.query_params[name] = values
