"""Extraction speed against bare spaCy on the same texts, measured in one run.

    python bench/extract_speed.py [FOLDER] [--repeat N] [--workers N]

Prints words per second for spaCy's pipeline alone (`nlp.pipe`, the floor any
spaCy-based extractor pays) and for actorgraph's whole extractor, and their ratio;
with --workers N, both again with N processes.
"""

from __future__ import annotations

import argparse
import time
from multiprocessing import Pool
from pathlib import Path

from actorgraph.loaders import Extractor, ReadFailure, read_sources
from actorgraph.loaders.nlp import pipeline
from actorgraph.schema import Article

SAMPLES = Path(__file__).resolve().parents[1] / "actorgraph" / "samples"
_worker: Extractor | None = None


def _start_worker() -> None:
    global _worker
    _worker = Extractor()


def _extract_chunk(articles: list[Article]) -> int:
    assert _worker is not None
    return sum(len(e.claims) for e in _worker.extract_many(articles))


def _chunks(items: list[Article], size: int) -> list[list[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def bare_spacy(texts: list[str], workers: int) -> float:
    """Seconds for spaCy's pipeline alone over the texts."""
    start = time.perf_counter()
    for _ in pipeline().pipe(texts, n_process=workers, batch_size=16):
        pass
    return time.perf_counter() - start


def extractor(articles: list[Article], workers: int) -> tuple[float, int]:
    """Seconds for the whole extractor over the articles, and the claims it found."""
    start = time.perf_counter()
    if workers == 1:
        claims = sum(len(e.claims) for e in Extractor().extract_many(articles))
    else:
        with Pool(workers, initializer=_start_worker) as pool:
            claims = sum(pool.map(_extract_chunk, _chunks(articles, 16)))
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
    for workers in sorted({1, args.workers}):
        bare = bare_spacy(texts, workers)
        ours, claims = extractor(articles, workers)
        print(f"workers={workers}")
        print(f"  bare spaCy   {words / bare:10.0f} words/s")
        print(f"  actorgraph   {words / ours:10.0f} words/s  ({claims} claims)")
        print(f"  ratio        {bare / ours:10.2f} of bare spaCy's speed")


if __name__ == "__main__":
    main()
