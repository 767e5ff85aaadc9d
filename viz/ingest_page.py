"""The Ingest page: upload files or paste text, preview the extraction, then write it.

Nothing is written until "Write to the graph": "Preview" reads and extracts, and keeps
the extractions in ``st.session_state`` so the write is of exactly what was shown. The
reading, the screening and the write are actorgraph.pipeline's, the steps ``actorgraph
ingest`` takes: uploads are read from memory by the reader for their suffix; an article
not in English, a near-duplicate of a stored article or of another upload (the same wire
story), and one the store already holds by the same extractor are skipped before
extraction, and the page says so; the write resolves actors onto the graph's, writes
article by article where the store refuses a batch, and adds a near-duplicate's source to
the article that holds its story.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from actorgraph.graph import Store
from actorgraph.loaders import Extractor, ReadFailure
from actorgraph.loaders.readers import READERS
from actorgraph.pipeline import (
    IngestReport,
    pasted_article,
    read_uploads,
    screen_against,
    write_extractions,
)
from actorgraph.schema import Article, Extraction, vocabulary
from actorgraph.viz.connect import open_or_stop
from actorgraph.viz.present import MODALITY_COLORS, dated, mark_terms, md_escape

UPLOADS, TEXT, TITLE = "ingest_files", "ingest_text", "ingest_title"
PREVIEW, WRITE = "ingest_preview", "ingest_write"
PREVIEWED, WRITTEN = "ingest_previewed", "ingest_written"  # plain session state
BATCH = 8  # extractions per store transaction (and progress step)


@dataclass(slots=True)
class Preview:
    """What "Preview" read: the extractions to write, and the sources that could not be read."""

    extractions: list[Extraction] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    skipped: list[Article] = field(default_factory=list)  # already in the store
    screened: IngestReport = field(default_factory=IngestReport)  # languages, near-duplicates
    sources: dict[str, list[str]] = field(default_factory=dict)  # id -> near-duplicates' sources


@st.cache_resource(show_spinner="Loading the extractor…")
def extractor() -> Extractor:
    """One extractor per server process (loading its language model is the slow part)."""
    return Extractor()


def render() -> None:
    """Draw the page: the inputs, the preview, the write and its report."""
    store, _ = open_or_stop()
    st.subheader("Ingest")
    st.caption("Upload files or paste text; preview what is extracted, then write it.")
    files = st.file_uploader(
        "Files",
        type=[suffix.lstrip(".") for suffix in READERS],
        accept_multiple_files=True,
        key=UPLOADS,
        help="One article per .txt/.md/.html file; one or many per .json/.jsonl file.",
    )
    st.text_input("Title of the pasted text (optional)", key=TITLE)
    st.text_area("Or paste text", key=TEXT, height=160, placeholder="Acme Corp sold radios to …")
    preview_col, write_col, _ = st.columns([1, 1, 4])
    if preview_col.button("Preview", key=PREVIEW, type="primary"):
        uploads = [(f.name, f.getvalue()) for f in files or []]
        st.session_state[PREVIEWED] = read_preview(
            uploads, st.session_state[TEXT], st.session_state[TITLE], store
        )
        st.session_state.pop(WRITTEN, None)
    preview: Preview | None = st.session_state.get(PREVIEWED)
    can_write = bool(preview and (preview.extractions or preview.screened.duplicates))
    if write_col.button("Write to the graph", key=WRITE, disabled=not can_write) and preview:
        report = write(preview, store)  # an article the store refuses is a failure too
        st.session_state[WRITTEN] = (report, preview.failures + report.failures)
        st.session_state.pop(PREVIEWED, None)
        preview = None
    if WRITTEN in st.session_state:
        report, failures = st.session_state[WRITTEN]
        show_failures(failures)
        show_report(report)
    if preview is not None:
        show_failures(preview.failures)
        show_skipped(preview)
        show_preview(preview.extractions)


def read_preview(uploads: list[tuple[str, bytes]], text: str, title: str, store: Store) -> Preview:
    """Read the uploads and the pasted text, screen them as ``actorgraph ingest`` does, and
    extract every article left (nothing is written)."""
    articles, failures = read_uploads(uploads)
    if text.strip():
        articles.append(pasted_article(text, title))
    if not articles and not failures:
        st.info("Upload a file or paste some text first.")
    screened = screen_against(articles, store, extractor().name)
    with st.spinner("Extracting…"):
        extractions = list(extractor().extract_many(screened.todo))
    return Preview(extractions, failures, screened.skipped, screened.report, screened.sources)


def show_skipped(preview: Preview) -> None:
    """One line for each kind of article skipped: held already, not in English, a copy."""
    if preview.skipped:
        titles = ", ".join(f"“{md_escape(a.title or a.source)}”" for a in preview.skipped)
        st.info(
            f"Skipped {len(preview.skipped)} article(s) the store already holds (the same "
            f"text): {titles}.",
            icon="♻️",
        )
    languages = preview.screened.skipped_language
    if languages:
        by = ", ".join(f"{n} {lang}" for lang, n in sorted(languages.items()))
        st.info(
            f"Skipped {sum(languages.values())} article(s) not in English ({by}): the "
            "extractor reads English only.",
            icon="🌐",
        )
    if preview.screened.duplicates:
        st.info(
            f"{preview.screened.duplicates} near-duplicate(s) of another article (the same "
            "story): their sources will be added to it rather than stored again.",
            icon="🔁",
        )


def write(preview: Preview, store: Store) -> IngestReport:
    """Resolve and write the previewed extractions in batches, with a progress bar."""
    total = max(len(preview.extractions), 1)
    bar = st.progress(0.0, text=f"Writing {len(preview.extractions)} article(s)…")
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        bar.progress(done / total, text=f"Written {done} of {total} article(s)")

    report = write_extractions(
        preview.extractions, store, sources=preview.sources, batch_size=BATCH, progress=step
    )
    bar.empty()
    return report


def show_failures(failures: list[ReadFailure]) -> None:
    """One line per source that could not be read: the reader's own message."""
    for failure in failures:
        st.error(failure.reason, icon="⚠️")


def show_report(report: IngestReport) -> None:
    """What the write added to the store."""
    added = report.added()
    st.success(
        f"Wrote {report.written} article(s): "
        + ", ".join(f"{count} {name}" for name, count in added.items())
        + " added."
    )


def show_preview(extractions: list[Extraction]) -> None:
    """Each article's actors and claims, the claim's evidence with both actors in bold."""
    if not extractions:
        return
    actors = sum(len(x.actors) for x in extractions)
    claims = sum(len(x.claims) for x in extractions)
    st.markdown(
        f"**Preview:** {len(extractions)} article(s), {actors} actor(s), {claims} claim(s); "
        "nothing is written yet."
    )
    for x in extractions:
        with st.container(border=True):
            show_extraction(x)


def article_line(article: Article) -> str:
    parts = [f"*{md_escape(article.title or 'untitled article')}*", md_escape(article.source)]
    publisher = md_escape(article.publisher or "unknown publisher")
    parts += [publisher, dated(article.published, article.date_origin)]
    return " · ".join(parts)


def show_extraction(x: Extraction) -> None:
    vocab = vocabulary()
    st.markdown(article_line(x.article))
    kinds = {name: k.label for name, k in vocab.kinds.items()}
    st.dataframe(
        [
            {"name": a.name, "kind": kinds.get(a.kind, a.kind), "aliases": ", ".join(a.aliases)}
            for a in x.actors
        ],
        hide_index=True,
        width="stretch",
    )
    if not x.claims:
        st.caption("No claims found in this article.")
    by_id = {a.id: a for a in x.actors}
    for claim in x.claims:
        subject, obj = by_id.get(claim.subject), by_id.get(claim.object)
        terms = [t for a in (subject, obj) if a for t in (a.name, *a.aliases)]
        names = [a.name if a else "?" for a in (subject, obj)]
        color = MODALITY_COLORS.get(claim.modality, "gray")
        st.markdown(
            f"{md_escape(names[0])} **{claim.type}** {md_escape(names[1])} · "
            f":{color}-badge[{claim.modality}] · confidence {claim.confidence:.2f}"
        )
        st.caption(mark_terms(claim.evidence.sentence, terms))
