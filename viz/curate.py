"""Curation in the app: the buttons of Explore and Review call graph.curation, nothing else.

Each action runs as a button callback (before the page is drawn again), so the page that
follows already shows the store as curated. Its outcome is one line kept in the session
(what it did, with an Undo that calls curation.undo, or the error's one line), drawn by
:func:`feedback`. The pages' caches key on connect.store_version, which holds the newest
decision's id, so every page reads the curated graph afresh. The curator is
graph.curation's default: $ACTORGRAPH_CURATOR, else the OS user, as in the CLI. These are
the app's only writes besides Ingest: the app's store is opened read-write (Ingest writes
through it), and the Cypher console keeps passing ``write=False`` to Store.query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from actorgraph.errors import ActorgraphError
from actorgraph.graph import Store, curation
from actorgraph.schema import Decision

NOTE = "curation_note"  # session state: (page, kind, text, decision id) of the last action
PAGE = "curation_page"  # session state: the page whose buttons were drawn last
REASON = "Reason (optional)"


def act(
    done: str, decide: Callable[..., Decision], store: Store, *args: Any, reason_key: str = ""
) -> bool:
    """Run one curation call (a button callback) and keep one line of its outcome; whether
    it was taken.

    ``done`` says what was done, in the past tense. The reason is read from its widget
    when the button is clicked, not when the button was drawn (an empty one is none), and
    emptied once the decision is taken."""
    reason = (st.session_state.get(reason_key) or "").strip() or None if reason_key else None
    try:
        decision = decide(store, *args, reason=reason)
    except ActorgraphError as error:
        st.session_state[NOTE] = (st.session_state.get(PAGE), "error", str(error), None)
        return False
    if reason_key:
        st.session_state[reason_key] = ""  # the next decision has a reason of its own
    undoable = None if decision.action == "undo" else decision.id
    st.session_state[NOTE] = (st.session_state.get(PAGE), "done", done, undoable)
    return True


def undo(store: Store, decision_id: str, done: str) -> None:
    """Take a decision back (the Undo next to its line, or in the Review page's log)."""
    act(f"Undid: {done}", curation.undo, store, decision_id)


def feedback(store: Store, key: str) -> None:
    """The last action's line: what it did and an Undo, or the error (never a traceback);
    only on the page whose button took it (``key``), not on the next page opened."""
    st.session_state[PAGE] = key
    note = st.session_state.get(NOTE)
    if note is None or note[0] != key:
        return
    _, kind, text, decision_id = note
    if kind == "error":
        st.error(text)
        return
    line, button = st.columns([5, 1])
    line.success(text)
    if decision_id is not None:
        button.button("Undo", key=f"{key}_undo", on_click=undo, args=(store, decision_id, text))


def reason_input(key: str) -> str:
    """One optional reason for the decisions taken in a panel."""
    return st.text_input(REASON, key=key, placeholder="Why, for the curation log")


def describe(decision: Decision, names: dict[str, str]) -> str:
    """A decision's args as a short line for the curation log (ids shown as names)."""
    a = decision.args

    def name(actor_id: str | None) -> str:
        return names.get(actor_id or "", actor_id or "?")

    match decision.action:
        case "merge":
            return f"{a['drop_actor']['name']} into {name(a['keep'])}"
        case "rename":
            return f"{a['before']} → {a['name']}"
        case "kind":
            return f"{name(a['actor'])}: {a['before']} → {a['kind']}"
        case "split":
            return f"{a['alias']} off {name(a['actor'])}"
        case "reject" | "confirm":
            return f"{name(a['subject'])} {a['type']} {name(a['object'])}"
        case "distinct":
            return f"{name(a['a'])} ≠ {name(a['b'])}"
        case "undo":
            return f"decision {a['decision']}"
        case _:
            return ", ".join(f"{k}={v}" for k, v in sorted(a.items()) if isinstance(v, str))
