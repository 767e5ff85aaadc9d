"""Write speed and query latency as the graph grows, Neo4j beside the embedded FalkorDB.

    python bench/scale.py [--scales 10000,100000,1000000] [--neo4j-max 100000] [--neo4j URL]

For each scale, a synthetic graph of that many typed edges (bench/synth.py: the sample
corpus's proportions, power-law degrees) is written to an empty store through
`store.write`, in batches of 500 articles. Printed per store and scale: edges written per
second and the cost per edge, with its ratio to the smallest scale's, and, inside the
largest run, the cost of the batches written when the graph had reached each scale: the
same generator throughout, so their ratio is the growth the store itself causes (the
target's measure; separate runs differ in how often a batch names an actor again). Then,
on the same graph, the latency (p50, p95) of the app's queries: an ego network (depth 2,
at most 500 actors), the shortest paths of at most 3 hops, name search (a whole name, and
part of one starting mid-word), search over text (20 articles and 20 sentences with an
actor's words, or a common word) and the store's statistics, for actors drawn at random
(most are peripheral) and drawn by the same power law as the graph (popular ones, as a
reader picks them), against the targets beside them.

Neo4j is the server at --neo4j (a store URL with credentials), else NEO4J_URI's, else the
test server tests/neo4j_server.py starts (Java 17 and Maven); only for scales up to
--neo4j-max (0: none).
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth
from store_speed import neo4j_url

from actorgraph.graph import Store, open_store
from actorgraph.graph.falkordb_store import FalkorDBStore

TARGETS = {"ego": 50.0, "paths": 500.0}  # p95 ms at 1M edges (issue #9)
TARGET_GROWTH = 1.5  # cost per edge at 1M over that at 10k


@contextmanager
def fresh_falkordb() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="ag-bench-", dir="/tmp"))
    try:
        yield f"falkordb://{folder}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _empty(store: Store) -> None:
    if store.stats().articles:
        sys.exit(f"the store at {store.url} is not empty; use an empty one")


def marginal(times: list[tuple[int, float]], at: int, window: int) -> float:
    """Microseconds per claim of the batches written around the ``at``-th claim."""
    done, claims, seconds = 0, 0, 0.0
    for n, s in times:
        done += n
        if done >= at - window // 2:
            claims, seconds = claims + n, seconds + s
        if claims >= window:
            break
    return seconds / max(claims, 1) * 1e6


def percentiles(times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        return (times[0], times[0]) if times else (0.0, 0.0)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def timed(calls: list[Callable[[], object]]) -> list[float]:
    """Milliseconds of each call, after a few warm-up calls (caches, query plans)."""
    for call in calls[:5]:
        call()
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def sample_actors(store: Store, gen: synth.Synth, n: int, popular: bool, seed: int) -> list[str]:
    """Ids of stored actors: uniformly drawn, or by the graph's power law."""
    rng = random.Random(seed)
    ids: list[str] = []
    for _ in range(n * 20):
        i = gen.anyone.draw(rng) if popular else rng.randrange(len(gen.kinds))
        actor_id = f"{gen.kinds[i].lower()}-synth-{i}"
        if store.actor(actor_id) is not None:
            ids.append(actor_id)
        if len(ids) >= n:
            break
    return ids


def query_rows(store: Store, edges: int, queries: int) -> list[tuple[str, float, float, str]]:
    """(query, p50 ms, p95 ms, target) of the app's queries on this store."""
    gen = synth.Synth(edges)  # the same actors the written graph has
    rows = []
    for popular in (False, True):
        who = "popular" if popular else "random"
        ids = sample_actors(store, gen, queries, popular, seed=11)
        targets = sample_actors(store, gen, queries, popular, seed=13)
        ego = timed([lambda i=i: store.ego([i], depth=2, limit=500) for i in ids])
        paths = timed(
            [
                lambda s=s, t=t: store.paths(s, t, max_length=3)
                for s, t in zip(ids, targets, strict=False)
            ]
        )
        target = edges >= 1_000_000
        rows.append((f"ego depth 2 ({who})", *percentiles(ego),
                     f"p95 < {TARGETS['ego']:.0f}" if target else ""))  # fmt: skip
        rows.append((f"paths <= 3 hops ({who})", *percentiles(paths),
                     f"p95 < {TARGETS['paths']:.0f}" if target else ""))  # fmt: skip
    step = max(1, len(gen.kinds) // queries)
    picked = range(len(gen.kinds) // 10, len(gen.kinds), step)
    for what, words in (
        ("search (name)", [f"{gen.kinds[i]} {i}" for i in picked][:queries]),
        ("search (part of a name)", [f"{gen.kinds[i][-3:]} {i}"[:-1] for i in picked][:queries]),
    ):
        rows.append((what, *percentiles(timed([lambda w=w: store.search_actors(w)
                                               for w in words])), ""))  # fmt: skip
    for what, words in (  # search over text: a rare word with a kind, and a common word
        ("search text (an actor's words)", [f"{gen.kinds[i]} {i}" for i in picked][:queries]),
        ("search text (a common word)", ["supplied", "criticized", "funded"] * 3),
    ):
        rows.append((what, *percentiles(timed([lambda w=w: store.search_text(w)
                                               for w in words])), ""))  # fmt: skip
    rows.append(("stats", *percentiles(timed([store.stats] * 10)), ""))
    return rows


def _wipe(store: Store) -> None:
    """Empty a user's Neo4j in small slices: one transaction's memory is bounded."""
    wipe = "MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*) AS n"
    while store.query(wipe, write=True).rows[0][0]:
        pass


def run(
    name: str, url: str, edges: int, queries: int, batch: int, url_given: bool = False
) -> tuple[float, list[tuple[int, float]], list]:
    with open_store(url) as store:
        _empty(store)
        seconds, times = synth.write(store, edges, batch)
        if isinstance(store, FalkorDBStore):  # as an ingest ends: queries then find the
            store.server.rewrite_log()  # server quiet, not forked for a background rewrite
        stats = store.stats()
        rows = query_rows(store, edges, queries) if queries else []
        if name == "neo4j" and (os.environ.get("NEO4J_URI") or url_given):
            _wipe(store)  # it was empty: leave it so
    print(
        f"{name:<9}{edges:>10,}{stats.edges:>10,}{stats.actors:>9,}{stats.claims:>10,}"
        f"{seconds:>9.1f}{stats.edges / seconds:>10,.0f}{seconds / stats.edges * 1e6:>9.0f}",
        flush=True,
    )
    return seconds / stats.edges, times, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000,1000000", help="edges, comma-separated")
    parser.add_argument("--neo4j-max", type=int, default=100_000, help="largest Neo4j scale")
    parser.add_argument("--neo4j", help="Neo4j store URL (default NEO4J_URI or a test server)")
    parser.add_argument("--queries", type=int, default=100, help="queries timed per kind")
    parser.add_argument("--batch", type=int, default=synth.BATCH, help="articles per write")
    args = parser.parse_args()
    scales = sorted(int(s) for s in args.scales.split(","))
    neo4j_scales = [s for s in scales if s <= args.neo4j_max]
    print(f"synthetic graphs of {', '.join(f'{s:,}' for s in scales)} typed edges "
          f"(bench/synth.py), {args.batch} articles a transaction\n")  # fmt: skip
    print(f"{'store':<9}{'scale':>10}{'edges':>10}{'actors':>9}{'claims':>10}"
          f"{'write s':>9}{'edges/s':>10}{'us/edge':>9}")  # fmt: skip
    costs: dict[str, dict[int, float]] = {}
    queries: dict[tuple[str, int], list] = {}
    largest: list[tuple[int, float]] = []
    for name in ("falkordb", "neo4j"):
        for edges in scales if name == "falkordb" else neo4j_scales:
            if name == "falkordb":
                url_context = fresh_falkordb()
            else:  # a fresh test server per scale (or the user's, emptied after each)
                url_context = nullcontext(args.neo4j) if args.neo4j else neo4j_url()
            with url_context as url:
                cost, times, rows = run(
                    name, url, edges, args.queries, args.batch, url_given=bool(args.neo4j)
                )
            costs.setdefault(name, {})[edges] = cost
            queries[(name, edges)] = rows
            for query, p50, p95, target in rows:  # now, so a later failure loses nothing
                print(f"  {query:<26}{p50:>8.1f}{p95:>9.1f} ms  {target}", flush=True)
            if name == "falkordb" and edges == scales[-1]:
                largest = times
    print("\ncost per edge of each run against the smallest run's (a small graph's batches name "
          "the same actors again and again: cheaper per edge than a big graph's)")  # fmt: skip
    for name, by_scale in costs.items():
        first = by_scale[min(by_scale)]
        print(f"  {name:<9}" + "  ".join(f"{s:,}: {c / first:.2f}x" for s, c in by_scale.items()))
    if largest:
        window = max(1000, scales[0] // 2)
        base = marginal(largest, scales[0], window)
        print(f"\ninside the {scales[-1]:,}-edge FalkorDB run: us per claim of the batches written "
              f"when the graph reached (the same batches' shape throughout: the growth the store "
              f"causes; target at 1M: within {TARGET_GROWTH}x of 10k)")  # fmt: skip
        print("  " + "  ".join(f"{s:,}: {marginal(largest, s, window):.0f} us "
                               f"({marginal(largest, s, window) / base:.2f}x)"
                               for s in scales))  # fmt: skip
    print(f"\nquery latency, {args.queries} queries each (ms)")
    print(f"{'store':<9}{'scale':>10}  {'query':<26}{'p50':>8}{'p95':>9}  target")
    for (name, edges), rows in queries.items():
        for query, p50, p95, target in rows:
            print(f"{name:<9}{edges:>10,}  {query:<26}{p50:>8.1f}{p95:>9.1f}  {target}")


if __name__ == "__main__":
    main()
