"""Extraction speed against bare spaCy on the same text, measured in one run.

    python bench/extract_speed.py [FOLDER] [--repeat N]

Prints words per second for spaCy's pipeline alone (the floor any spaCy-based
extractor pays) and for actorgraph's extractor, and their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actorgraph.loaders import Extractor, ReadFailure, read_sources
from actorgraph.loaders.nlp import pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "actorgraph" / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(SAMPLES))
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    args = parser.parse_args()
    articles = [a for a in read_sources([args.folder]) if not isinstance(a, ReadFailure)]
    articles = articles * args.repeat
    words = sum(len(a.text.split()) for a in articles)
    extractor = Extractor()  # loads the pipeline once, outside the timings

    start = time.perf_counter()
    for _ in pipeline().pipe(a.text for a in articles):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    claims = sum(len(e.claims) for e in extractor.extract_many(articles))
    ours = time.perf_counter() - start

    print(f"{len(articles)} articles, {words} words, {claims} claims")
    print(f"bare spaCy     {words / bare:10.0f} words/s")
    print(f"actorgraph     {words / ours:10.0f} words/s")
    print(f"ratio          {ours / bare:10.2f}x the time of bare spaCy")


if __name__ == "__main__":
    main()
