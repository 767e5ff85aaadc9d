"""The app's first render of each page on a 2,000-actor / 10,000-edge store (target < 2 s).

    python bench/app_speed.py [--actors 2000] [--edges 10000] [--runs 3] [--store URL]
                              [--pages Timeline,Analytics]

Generates articles whose claims make the wanted number of distinct typed edges (a few
hub actors, several publishers, dates over 15 years), writes them through the store's
own write path (``Store.write``, in ingest-sized batches) into a temporary embedded
store, then runs each page with Streamlit's AppTest as ``actorgraph serve`` would and
times the script run. "cold" clears the app's caches first (only the opened store is
kept, as on a running server); "warm" is the next run with them. Each page opens as a
newcomer's would: no query parameters, so Explore and Paths start from the most
connected actors (the biggest views).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from actorgraph.graph import Store, open_store
from actorgraph.graph.open import STORE_ENV
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, vocabulary

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "viz" / "app.py"
BATCH = 16  # articles per transaction, as `actorgraph ingest` writes them
CLAIMS_PER_ARTICLE = 4
PUBLISHERS = [f"Desk {n}" for n in range(1, 7)]
PAGES = {
    "Explore": "views/explore.py",
    "Paths": "views/paths.py",
    "Timeline": "views/timeline.py",
    "Analytics": "views/analytics.py",
    "Overview": "views/overview.py",
    "Cypher": "views/cypher.py",
    "SPARQL": "views/sparql.py",
    "Ingest": "views/ingest.py",
    "Review": "views/review.py",
}
TARGET_S = 2.0


def pages(store: Store, only: list[str] | None = None) -> dict[str, tuple[str, dict[str, str]]]:
    """Each page as a newcomer opens it, then two heavier views: the biggest hub at depth 2
    under a publisher filter, and every path up to 4 hops between the two biggest hubs
    (``only``: just the pages so named)."""
    if only:
        return {name: (PAGES[name], {}) for name in only}
    first, second = (a.id for a, _ in store.top_actors(2))
    heavy = {
        "Explore+": ("views/explore.py", {"actor": first, "depth": "2", "publisher": "Desk 1"}),
        "Paths+": ("views/paths.py", {"from": first, "to": second, "mode": "all", "max": "4"}),
    }
    return {name: (page, {}) for name, page in PAGES.items()} | heavy


def generate(actors: int, edges: int, seed: int = 11) -> list[Extraction]:
    """Articles of a few claims each whose claims make ``edges`` distinct typed edges."""
    rng = random.Random(seed)
    vocab = vocabulary()
    kinds, types = list(vocab.kinds), list(vocab.relations)
    pool = [Actor(f"Actor {i:05d}", rng.choice(kinds)) for i in range(actors)]

    def someone() -> Actor:
        """Mostly anyone; sometimes one of the first few dozen (the hubs news keeps naming)."""
        if rng.random() < 0.25:
            return pool[min(int(rng.paretovariate(1.0)) - 1, actors - 1)]
        return rng.choice(pool)

    seen: set[tuple[str, str, str]] = set()
    triples: list[tuple[Actor, str, Actor]] = []
    while len(triples) < edges:
        # every actor in at least one edge first, then anyone (hubs more often)
        s = pool[len(triples)] if len(triples) < actors else someone()
        o, t = someone(), rng.choice(types)
        if s.id != o.id and (s.id, t, o.id) not in seen:
            seen.add((s.id, t, o.id))
            triples.append((s, t, o))
    out = []
    for n in range(0, len(triples), CLAIMS_PER_ARTICLE):
        group = triples[n : n + CLAIMS_PER_ARTICLE]
        text = f"Generated article {n}. " + " ".join(
            f"{s.name} and {o.name} were in the news." for s, _, o in group
        )
        day = f"{2010 + rng.randrange(15)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        article = Article(
            text=text,
            title=f"Article {n // CLAIMS_PER_ARTICLE}",
            publisher=rng.choice(PUBLISHERS),
            published=day,
        )
        named = {a.id: a for s, _, o in group for a in (s, o)}
        claims = tuple(
            Claim(t, s.id, o.id, Evidence(text[:20], 0, 20), rng.choice(["asserted", "hedged"]),
                  round(rng.uniform(0.5, 0.95), 2))
            for s, t, o in group
        )  # fmt: skip
        out.append(Extraction(article, tuple(named.values()), claims, extractor="bench"))
    return out


def fill(store: Store, extractions: list[Extraction]) -> float:
    start = time.perf_counter()
    for i in range(0, len(extractions), BATCH):
        store.write(extractions[i : i + BATCH])
    return time.perf_counter() - start


def clear_caches() -> None:
    """Every cache of the app but the opened store (a running server keeps that open)."""
    import streamlit as st

    from actorgraph.viz import analytics, ingest_page, sparql_console

    st.cache_data.clear()
    for cached in (analytics.core_graph, sparql_console.rdf_view):
        cached.clear()
    del ingest_page  # its extractor loads on Preview only: no part of a first render


def render(page: str, query: dict[str, str] | None = None) -> tuple[float, AppTest]:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(query or {})
    at.switch_page(page)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return elapsed, at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", help="an existing store to measure instead of a new one")
    parser.add_argument("--pages", help="only these pages, comma-separated (e.g. Timeline)")
    args = parser.parse_args()
    folder = None
    if args.store:
        url = args.store
    else:
        folder = tempfile.mkdtemp(prefix="ag-speed-", dir="/tmp")
        url = f"falkordb://{folder}"
    os.environ[STORE_ENV] = url
    store = open_store(url)
    try:
        if not args.store:
            extractions = generate(args.actors, args.edges)
            took = fill(store, extractions)
            print(f"wrote {len(extractions)} articles in {took:.1f} s")
        stats = store.stats()
        print(f"store: {stats.actors} actors, {stats.edges} typed edges, {stats.claims} claims")
        from actorgraph.viz.connect import open_cached

        open_cached(url)  # the server's store, opened once
        print(f"{'page':10} {'cold (s)':>9} {'warm (s)':>9}  target {TARGET_S:.0f} s")
        slow = []
        only = args.pages.split(",") if args.pages else None
        for name, (page, query) in pages(store, only).items():
            cold, warm = [], []
            for _ in range(args.runs):
                clear_caches()
                cold.append(render(page, query)[0])
                warm.append(render(page, query)[0])
            c, w = statistics.median(cold), statistics.median(warm)
            flag = "" if c < TARGET_S else "  SLOW"
            if flag:
                slow.append(name)
            print(f"{name:10} {c:>9.2f} {w:>9.2f}{flag}", flush=True)
        print("every page under target" if not slow else f"over target: {', '.join(slow)}")
        open_cached.clear()
    finally:
        store.close()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
