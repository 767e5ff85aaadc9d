"""Store speed, Neo4j beside the embedded FalkorDB, on the same generated graph in one run.

    python bench/store_speed.py [--articles N] [--actors N] [--egos N]

Writes the same generated extractions to both stores in ingest-sized batches and
prints typed edges written per second, then the p50/p95 time of a depth-2 ego
network (the app's Explore page) for the same random actors. Neo4j is the server
at NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD), else the test server that
tests/neo4j_server.py starts (Java 17 and Maven).
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from actorgraph.graph import Store, open_store
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, vocabulary

ROOT = Path(__file__).resolve().parents[1]
BATCH = 16  # articles per transaction, as `actorgraph ingest` writes them


def generate(articles: int, actors: int, seed: int = 7) -> list[Extraction]:
    """Articles naming a few actors from a shared pool, each with a few typed claims."""
    rng = random.Random(seed)
    kinds = list(vocabulary().kinds)
    types = list(vocabulary().relations)
    pool = [Actor(f"Actor {i:05d}", rng.choice(kinds)) for i in range(actors)]
    out = []
    for n in range(articles):
        text = f"Generated article {n}. " + "Something happened between actors. " * 5
        article = Article(text=text, title=f"Article {n}", published=f"20{10 + n % 15}-01-01")
        named = rng.sample(pool, 6)
        claims = tuple(
            Claim(rng.choice(types), s.id, o.id, Evidence(text[:20], 0, 20), "asserted", 0.8)
            for s, o in (rng.sample(named, 2) for _ in range(4))
        )
        out.append(Extraction(article, tuple(named), claims, extractor="bench"))
    return out


def write_speed(store: Store, extractions: list[Extraction]) -> tuple[float, int]:
    start = time.perf_counter()
    for i in range(0, len(extractions), BATCH):
        store.write(extractions[i : i + BATCH])
    elapsed = time.perf_counter() - start
    return elapsed, store.stats().edges


def ego_times(store: Store, ids: list[str]) -> list[float]:
    times = []
    for actor_id in ids:
        start = time.perf_counter()
        store.ego([actor_id], depth=2)
        times.append((time.perf_counter() - start) * 1000)
    return times


@contextmanager
def neo4j_url() -> Iterator[str]:
    """NEO4J_URI's server, or a fresh test server for this run."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    sys.path.insert(0, str(ROOT / "tests"))
    import neo4j_server

    running = neo4j_server.start(quick=False)  # the JIT at full speed
    try:
        neo4j_server.wait_for_bolt(running.server)
        yield running.server.url()
    finally:
        running.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--egos", type=int, default=200, help="ego networks to time")
    args = parser.parse_args()
    extractions = generate(args.articles, args.actors)
    ids = sorted({a.id for e in extractions for a in e.actors})
    egos = random.Random(11).sample(ids, min(args.egos, len(ids)))
    folder = Path(tempfile.mkdtemp(prefix="ag-bench-", dir="/tmp"))
    print(f"{args.articles} articles, {len(ids)} actors, {4 * args.articles} claims")
    print(f"{'store':<10}{'edges':>8}{'write s':>10}{'edges/s':>10}{'ego p50 ms':>12}{'p95 ms':>9}")
    try:
        with neo4j_url() as bolt:
            for name, url in (("falkordb", f"falkordb://{folder}"), ("neo4j", bolt)):
                with open_store(url) as store:
                    if store.stats().articles:
                        sys.exit(f"{name} store at {store.url} is not empty; use an empty one")
                    elapsed, edges = write_speed(store, extractions)
                    ego_times(store, egos[:10])  # warm caches and query plans
                    times = ego_times(store, egos)
                    p50 = statistics.median(times)
                    p95 = statistics.quantiles(times, n=20)[-1]
                    print(
                        f"{name:<10}{edges:>8}{elapsed:>10.1f}{edges / elapsed:>10.0f}"
                        f"{p50:>12.1f}{p95:>9.1f}"
                    )
                    if name == "neo4j":  # it was empty: leave it so
                        store.query("MATCH (n) DETACH DELETE n", write=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
