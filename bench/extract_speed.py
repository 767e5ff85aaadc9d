"""Extraction speed against bare spaCy on the same texts, measured in one run.

    python bench/extract_speed.py [FOLDER] [--repeat N] [--workers N]

Prints words per second for spaCy's pipeline alone (`nlp.pipe`, the floor any
spaCy-based extractor pays) and for actorgraph's whole extractor, and their ratio;
with --workers N, both again with N processes (spaCy's `n_process`, and
actorgraph.parallel's process pool, as `actorgraph ingest --workers N` runs it), and
the speed-up over one worker (target: at least 1.6x with 2 workers on 2 cores).
The pool's workers are started (and their pipelines loaded) before the clock starts,
as in a long ingest; spaCy's n_process forks its workers inside its timing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actorgraph.loaders import Extractor, ReadFailure, read_sources
from actorgraph.loaders.nlp import pipeline
from actorgraph.parallel import ProcessExtractor
from actorgraph.schema import Article

SAMPLES = Path(__file__).resolve().parents[1] / "actorgraph" / "samples"


def bare_spacy(texts: list[str], workers: int) -> float:
    """Seconds for spaCy's pipeline alone over the texts."""
    start = time.perf_counter()
    for _ in pipeline().pipe(texts, n_process=workers, batch_size=16):
        pass
    return time.perf_counter() - start


def extractor(articles: list[Article], workers: int) -> tuple[float, int]:
    """Seconds for the whole extractor over the articles, and the claims it found."""
    if workers == 1:
        start = time.perf_counter()
        claims = sum(len(e.claims) for e in Extractor().extract_many(articles))
        return time.perf_counter() - start, claims
    with ProcessExtractor(workers) as pool:
        pool.start()
        start = time.perf_counter()
        claims = sum(len(e.claims) for e in pool.extract_many(articles))
        return time.perf_counter() - start, claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(SAMPLES))
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    parser.add_argument("--workers", type=int, default=1, help="processes for the second run")
    args = parser.parse_args()
    articles = [a for a in read_sources([args.folder]) if not isinstance(a, ReadFailure)]
    articles = articles * args.repeat
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    Extractor()  # load the pipeline once, outside the timings
    print(f"{len(articles)} articles, {words} words")
    single = 0.0
    for workers in sorted({1, args.workers}):
        bare = bare_spacy(texts, workers)
        ours, claims = extractor(articles, workers)
        single = single or words / ours
        print(f"workers={workers}")
        print(f"  bare spaCy   {words / bare:10.0f} words/s")
        print(f"  actorgraph   {words / ours:10.0f} words/s  ({claims} claims)")
        print(f"  ratio        {bare / ours:10.2f} of bare spaCy's speed")
        if workers > 1:
            print(f"  speed-up     {words / ours / single:10.2f}x one worker's (target >= 1.6x)")


if __name__ == "__main__":
    main()
