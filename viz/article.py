"""The Article page: one article as a reader sees it, with what actorgraph read in it.

The text with the sentence of every claim highlighted and the actors' names in bold, the
claims listed (each actor a link to Explore), the actors the article names that no
claim links, and its metadata with the source link. Reached from every evidence card,
from Overview's newest articles and from Explore's text search; state: ``?article=ID``
in the URL, and ``&claim=ID`` for the sentence a search found (marked in blue).
"""

from __future__ import annotations

import streamlit as st

from actorgraph.graph import Store
from actorgraph.schema import Actor, Claim, Extraction, Vocabulary, vocabulary
from actorgraph.viz import routes
from actorgraph.viz.connect import require_store
from actorgraph.viz.present import MODALITY_COLORS, chip, dated, mark_terms, md_escape

CHOICES = 50  # the newest articles offered when the URL names none


def render() -> None:
    """The article the URL names (or a choice of the newest), its text and its claims."""
    store = require_store()
    vocab = vocabulary()
    st.title("Article")
    article_id = st.query_params.get(routes.ARTICLE_PARAM) or choose(store)
    if not article_id:
        return
    found = store.extraction(article_id)
    if found is None:
        st.warning(f"No article with id `{article_id}` in this store.")
        return
    st.query_params[routes.ARTICLE_PARAM] = article_id
    show_header(found)
    chosen = found_claim(found)
    text_col, claims_col = st.columns([3, 2], gap="large")
    with text_col:
        st.markdown(marked_text(found, chosen))
    with claims_col:
        show_claims(found, vocab)


def choose(store: Store) -> str | None:
    """A pick list of the newest articles, when the URL names none."""
    newest = store.newest_articles(CHOICES)
    if not newest:
        st.info("The store holds no article yet.")
        return None
    titles = {
        a["id"]: f"{a['title'] or 'untitled'} · {dated(a['published'], a.get('date_origin'))}"
        for a in newest
    }
    return st.selectbox("Article", list(titles), format_func=titles.get, key="article_pick")


def show_header(found: Extraction) -> None:
    """Title, publisher, date, the link to the source and the other sources of its story."""
    article = found.article
    st.subheader(article.title or "untitled article")
    parts = [
        md_escape(article.publisher or "unknown publisher"),
        dated(article.published, article.date_origin),
    ]
    if article.url:
        parts.append(f"[source]({article.url})")
    elif article.source:
        parts.append(md_escape(article.source))
    copies = [s for s in article.sources if s not in (article.url, article.source)]
    if copies:
        parts.append(f"also published at {len(copies)} other source(s)")
    parts.append(f"read by {md_escape(found.extractor or 'an unknown extractor')}")
    st.caption(" · ".join(parts))


def found_claim(found: Extraction) -> Claim | None:
    """The claim the URL names (a text search's hit), shown first and marked in blue."""
    wanted = st.query_params.get(routes.CLAIM_PARAM)
    claim = next((c for c in found.claims if c.id == wanted), None)
    if claim is not None:
        st.info(f"Found here: {md_escape(claim.evidence.sentence)}", icon=":material/search:")
    return claim


def _terms(actors: tuple[Actor, ...]) -> list[str]:
    return [t for a in actors for t in (a.name, *a.aliases) if len(t) > 1]


def marked_text(found: Extraction, chosen: Claim | None = None) -> str:
    """The article's text as Markdown: each claim's sentence highlighted (the ``chosen``
    one's in blue), the actors' names (and aliases) in bold, paragraphs kept."""
    text, terms = found.article.text, _terms(found.actors)
    spans = sorted({(c.evidence.start, c.evidence.end) for c in found.claims})
    chosen_span = (chosen.evidence.start, chosen.evidence.end) if chosen else None
    out, at = [], 0
    for start, end in spans:
        if start < at or end > len(text):
            continue  # overlapping or stale offsets: the sentence stays plain
        out.append(mark_terms(text[at:start], terms))
        sentence = text[start:end]
        color = "blue" if chosen and (start, end) == chosen_span else "orange"
        out.append(f":{color}-background[{mark_terms(sentence.strip(), terms)}]")
        out.append(sentence[len(sentence.rstrip()) :])
        at = end
    out.append(mark_terms(text[at:], terms))
    return "".join(out).replace("\n", "  \n")


def show_claims(found: Extraction, vocab: Vocabulary) -> None:
    """Each claim with its ends linked to Explore, then the actors no claim links."""
    actors = {a.id: a for a in found.actors}
    st.markdown(f"**{len(found.claims)} claim(s)**")
    for claim in sorted(found.claims, key=lambda c: c.evidence.start):
        st.markdown(claim_line(claim, actors, vocab))
    linked = {c.subject for c in found.claims} | {c.object for c in found.claims}
    alone = [a for a in found.actors if a.id not in linked]
    if alone:
        st.markdown("**Named without an edge**")
        st.markdown(
            " ".join(chip(a.name, _kind_color(a, vocab)) for a in alone), unsafe_allow_html=True
        )


def claim_line(claim: Claim, actors: dict[str, Actor], vocab: Vocabulary) -> str:
    """``[Acme](explore) SUPPLIED [Ruritania police](explore) · asserted``."""

    def end(actor_id: str) -> str:
        actor = actors.get(actor_id)
        name = md_escape(actor.name if actor else actor_id)
        return f"[{name}](./?actor={actor_id})"

    relation = vocab.relations.get(claim.type)
    label = relation.label if relation else claim.type
    color = MODALITY_COLORS.get(claim.modality, "gray")
    return (
        f"{end(claim.subject)} **{md_escape(label)}** {end(claim.object)} · "
        f":{color}-badge[{claim.modality}]"
    )


def _kind_color(actor: Actor, vocab: Vocabulary) -> str:
    kind = vocab.kinds.get(actor.kind)
    return kind.color if kind else "#888888"
