"""The Review page: likely duplicate actors to merge or judge "not the same", and the
curation log with an Undo per decision.

The pairs are graph.duplicates.likely_duplicates's, best first; a pair judged "not the
same" (curation.not_same) is proposed no more. Every button calls graph.curation through
actorgraph.viz.curate, which keeps one line of what it did, with an Undo.
"""

from __future__ import annotations

import streamlit as st

from actorgraph.graph import ActorView, Store, curation, duplicates
from actorgraph.schema import Decision, Vocabulary, vocabulary
from actorgraph.viz import curate
from actorgraph.viz.connect import Version, require_store, store_version
from actorgraph.viz.present import chip, md_escape

SHOWN = "review_shown"  # how many pairs are drawn
REASON = "review_reason"
LOG_SHOWN = 50  # newest decisions listed in the log
SENTENCES = 3


@st.cache_data(show_spinner="Looking for likely duplicates…", max_entries=8)
def likely_pairs(_store: Store, key: Version, limit: int) -> list[duplicates.DuplicatePair]:
    """The ranking, once per store version: it asks the store hundreds of look-ups
    (measured: 6-8 s on a 2,000-actor store), and every click on the page reruns it."""
    return duplicates.likely_duplicates(_store, limit=limit)


@st.cache_data(max_entries=512)
def sentences_of(_store: Store, key: Version, actor_id: str) -> list[str]:
    return duplicates.sentences(_store, actor_id, limit=SENTENCES)


def render() -> None:
    """Draw the page: the pairs, then the log."""
    store = require_store()
    vocab = vocabulary()
    st.header("Review")
    curate.feedback(store, key="review")
    pairs_section(store, vocab)
    log_section(store)


def pairs_section(store: Store, vocab: Vocabulary) -> None:
    """The likeliest duplicate pairs, each with its two actors side by side."""
    st.subheader("Likely duplicates")
    shown = int(st.number_input("Pairs shown", 1, 50, value=10, key=SHOWN, help="Best first."))
    version = store_version(store)
    pairs = likely_pairs(store, version, shown)
    if not pairs:
        st.info("No likely duplicates: no two actors have names alike enough.")
        return
    curate.reason_input(key=REASON)
    for rank, pair in enumerate(pairs, start=1):
        with st.container(border=True):
            show_pair(store, version, vocab, rank, pair)


def keep_first(pair: duplicates.DuplicatePair) -> tuple[ActorView, ActorView]:
    """The actor to keep (more mentions; on a tie the lower id) and the one merged into it."""
    a, b = pair.a, pair.b
    return (a, b) if (a.mentions, b.id) >= (b.mentions, a.id) else (b, a)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def show_pair(
    store: Store, version: Version, vocab: Vocabulary, rank: int, pair: duplicates.DuplicatePair
) -> None:
    """One pair: why it is proposed, the two actors, and its buttons."""
    keep, drop = keep_first(pair)
    st.caption(
        f"#{rank} · score {pair.score:.2f} · names alike {pair.name_likeness:.2f}"
        f" · {'same kind' if pair.same_kind else 'different kinds'}"
        f" · {plural(pair.shared_neighbours, 'shared neighbour')}"
        f" · {plural(pair.shared_articles, 'shared article')}"
    )
    for col, actor in zip(st.columns(2), (keep, drop), strict=True):
        with col:
            show_actor(store, version, vocab, actor)
    key = f"{pair.a.id}|{pair.b.id}"
    options = {keep.id: keep, drop.id: drop}
    chosen = st.radio(
        "Keep",
        list(options),
        key=f"keep:{key}",
        format_func=lambda i: options[i].name,
        horizontal=True,
        help="The kept actor's name and id stay; the other's names become its aliases.",
    )
    kept = options[chosen]
    gone = drop if kept is keep else keep
    merge_col, distinct_col = st.columns(2)
    merge_col.button(
        f"Merge into {kept.name}",
        key=f"merge:{key}",
        type="primary",
        on_click=curate.act,
        args=(f"Merged {gone.name} into {kept.name}", curation.merge, store, kept.id, gone.id),
        kwargs={"reason_key": REASON},
    )
    distinct_col.button(
        "Not the same",
        key=f"distinct:{key}",
        on_click=curate.act,
        args=(f"Judged {keep.name} and {drop.name} not the same", curation.not_same, store,
              keep.id, drop.id),
        kwargs={"reason_key": REASON},
    )  # fmt: skip


def show_actor(store: Store, version: Version, vocab: Vocabulary, actor: ActorView) -> None:
    """An actor's name, kind, aliases, mentions and a few of its sentences."""
    kind = vocab.kinds.get(actor.kind)
    badge = chip(kind.label, kind.color) if kind else md_escape(actor.kind)
    st.markdown(f"**{md_escape(actor.name)}** {badge}", unsafe_allow_html=True)
    facts = [f"mentioned in {plural(actor.mentions, 'article')}"]
    if actor.aliases:
        facts.insert(0, "also " + ", ".join(actor.aliases))
    st.caption(md_escape(" · ".join(facts)) + f" · `{actor.id}`")
    said = sentences_of(store, version, actor.id)
    for sentence in said:
        st.markdown(f"> {md_escape(sentence)}")
    if not said:
        st.caption("No claim names it.")


def log_section(store: Store) -> None:
    """The curation log, newest first, with an Undo on each decision still in force."""
    st.subheader("Curation log")
    every = curation.decisions(store)
    if not every:
        st.info("No decisions yet.")
        return
    force = {d.id for d in curation.in_force(every)}
    newest = list(reversed(every))[:LOG_SHOWN]
    names = actor_names(store, newest)
    for d in newest:
        log_line(store, d, names, d.id in force)
    if len(every) > LOG_SHOWN:
        st.caption(f"{len(every) - LOG_SHOWN} older decisions: `actorgraph curation log`.")


ACTOR_ARGS = ("keep", "actor", "subject", "object", "a", "b")


def actor_names(store: Store, shown: list[Decision]) -> dict[str, str]:
    """The names of the actors the listed decisions are about, as the graph shows them now."""
    ids = {d.args[k] for d in shown for k in ACTOR_ARGS if isinstance(d.args.get(k), str)}
    return {i: a.name for i in sorted(ids) if (a := store.actor(i)) is not None}


def log_line(store: Store, d: Decision, names: dict[str, str], undoable: bool) -> None:
    """One decision: when, who, what, why, and its Undo."""
    what = curate.describe(d, names)
    text_col, undo_col = st.columns([6, 1])
    reason = f" — {md_escape(d.reason)}" if d.reason else ""
    state = "" if undoable or d.action == "undo" else " *(undone)*"
    text_col.markdown(
        f"`{d.at[:19]}` **{md_escape(d.curator)}** {d.action}: {md_escape(what)}{reason}{state}"
    )
    if undoable and d.action != "undo":
        undo_col.button(
            "Undo",
            key=f"log_undo:{d.id}",
            on_click=curate.undo,
            args=(store, d.id, f"{d.action} {what}"),
        )
