"""A synthetic graph shaped like the sample corpus's, at any size, written through store.write.

    python bench/synth.py --edges 100000 [--store URL] [--batch 500]
    python bench/synth.py --refresh     # recount bench/proportions.json from the sample corpus

Actor kinds, relation types, modalities, claims and actors per article come in the
proportions the extractor finds in the bundled sample corpus (bench/proportions.json,
recounted with --refresh). Who appears in a claim follows a power law: an actor's chance
falls with its rank as rank**-ALPHA, so degrees are heavy-tailed (a few hubs, like a
government every other article names, and a long tail seen once). Articles are generated
until the graph has the asked number of distinct typed edges, then written in large
batches through the same `store.write` an ingest uses.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from queue import Queue
from threading import Thread
from typing import TypeVar

from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, vocabulary

T = TypeVar("T")
PROPORTIONS = Path(__file__).with_name("proportions.json")
SAMPLES = Path(__file__).resolve().parents[1] / "actorgraph" / "samples"
ALPHA = 0.75  # rank exponent: degree distribution P(k) ~ k**-(1 + 1/ALPHA), about k**-2.3
BATCH = 500  # articles per store.write (one transaction)
# Distinct actors per distinct edge at scale. Twenty sample articles name mostly actors seen
# once (proportions.json's actors_per_edge); an archive names the same ones again and again,
# so the pool is smaller than that ratio would make it, and the power law reuses it.
ACTORS_PER_EDGE = 0.25


def count_proportions(folder: Path = SAMPLES) -> dict[str, object]:
    """The shares the bench generator reproduces, counted from the extractor's output."""
    from actorgraph.loaders import Extractor, ReadFailure, read_sources

    articles = [a for a in read_sources([folder]) if not isinstance(a, ReadFailure)]
    extractions = list(Extractor().extract_many(articles))
    actors = [a for e in extractions for a in e.actors]
    claims = [c for e in extractions for c in e.claims]
    edges = {(c.subject, c.type, c.object) for c in claims}

    def shares(counter: Counter[str]) -> dict[str, float]:
        total = sum(counter.values())
        return {k: round(v / total, 4) for k, v in counter.most_common()}

    return {
        "source": "the extractor on actorgraph/samples (bench/synth.py --refresh)",
        "articles": len(extractions),
        "kinds": shares(Counter(a.kind for a in actors)),
        "types": shares(Counter(c.type for c in claims)),
        "modalities": shares(Counter(c.modality for c in claims)),
        "claims_per_article": round(len(claims) / len(extractions), 2),
        "actors_per_article": round(len(actors) / len(extractions), 2),
        "aliases_per_actor": round(sum(len(a.aliases) for a in actors) / len(actors), 2),
        "actors_per_edge": round(len({a.id for a in actors}) / len(edges), 3),
    }


def load_proportions() -> dict[str, object]:
    return json.loads(PROPORTIONS.read_text(encoding="utf-8"))


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


@dataclass
class PowerLaw:
    """Ranks 0..n-1, rank r drawn with probability about (r+1)**-ALPHA (inverse CDF)."""

    n: int
    alpha: float = ALPHA
    _top: float = field(init=False)

    def __post_init__(self) -> None:
        self._top = (self.n + 1) ** (1 - self.alpha) - 1

    def draw(self, rng: random.Random) -> int:
        rank = (1 + self._top * rng.random()) ** (1 / (1 - self.alpha)) - 1
        return min(self.n - 1, int(rank))


class Synth:
    """Extractions of a synthetic corpus with ``edges`` distinct typed edges."""

    def __init__(self, edges: int, seed: int = 7, props: dict | None = None) -> None:
        self.edges = edges
        self.props = props or load_proportions()
        self.rng = random.Random(seed)
        n = max(50, round(edges * ACTORS_PER_EDGE))
        kinds: dict[str, float] = self.props["kinds"]
        self.kinds = self.rng.choices(list(kinds), weights=list(kinds.values()), k=n)
        self.places = [i for i, k in enumerate(self.kinds) if k == "Place"] or [0]
        self.anyone, self.somewhere = PowerLaw(n), PowerLaw(len(self.places))
        vocab = vocabulary()
        self.locative = {t for t in vocab.relations if vocab.relation(t).object_kinds}
        self.n_types = len(vocab.relations)
        self.type_index = {t: i for i, t in enumerate(vocab.relations)}

    def actor(self, i: int) -> Actor:
        kind = self.kinds[i]
        aliases = (f"A{i}",) if self.rng.random() < float(self.props["aliases_per_actor"]) else ()
        wikidata = f"Q{1000 + i}" if i % 10 == 0 else None
        return Actor(f"{kind} {i}", kind, aliases, wikidata, f"{kind.lower()}-synth-{i}")

    def _claim_count(self) -> int:
        mean = float(self.props["claims_per_article"])
        return max(1, round(self.rng.expovariate(1 / mean)))

    def extractions(self) -> Iterator[Extraction]:
        """Articles in order until the graph has ``edges`` distinct typed edges."""
        seen: set[int] = set()
        n = len(self.kinds)
        number = 0
        while len(seen) < self.edges:
            ends: list[tuple[int, str, int]] = []
            for _ in range(self._claim_count()):
                type_ = _pick(self.rng, self.props["types"])
                s = self.anyone.draw(self.rng)
                if type_ in self.locative:
                    o = self.places[self.somewhere.draw(self.rng)]
                else:
                    o = self.anyone.draw(self.rng)
                if s == o:
                    continue
                ends.append((s, type_, o))
                seen.add((s * self.n_types + self.type_index[type_]) * n + o)
                if len(seen) >= self.edges:
                    break
            if ends:
                yield self._article(number, ends)
                number += 1

    def _article(self, number: int, ends: list[tuple[int, str, int]]) -> Extraction:
        sentences = [f"{self.kinds[s]} {s} {t.lower()} {self.kinds[o]} {o}." for s, t, o in ends]
        text = " ".join(sentences)
        year = 2010 + number % 15
        article = Article(text, f"Synthetic article {number}", source=f"synth/{number}.txt",
                          publisher=f"Wire {number % 40}",
                          published=f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                          url=f"https://example.org/synth/{number}")  # fmt: skip
        wanted = round(float(self.props["actors_per_article"]))
        named = list(dict.fromkeys([e for s, _, o in ends for e in (s, o)]))
        while len(named) < wanted:  # actors an article names without a claim about them
            named = list(dict.fromkeys([*named, self.anyone.draw(self.rng)]))
        actors = {i: self.actor(i) for i in named}
        claims, start = [], 0
        for (s, type_, o), sentence in zip(ends, sentences, strict=True):
            evidence = Evidence(sentence, start, start + len(sentence))
            modality = _pick(self.rng, self.props["modalities"])
            confidence = round(0.5 + 0.4 * self.rng.random(), 2)
            claims.append(Claim(type_, actors[s].id, actors[o].id, evidence, modality, confidence))
            start += len(sentence) + 1
        return Extraction(article, tuple(actors.values()), tuple(claims), extractor="synth")


def batches(items: Iterator[Extraction], size: int) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def prefetch(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """The items, made by a thread ahead of the consumer: generating the next batch overlaps
    writing this one (the store's server works meanwhile, without the GIL)."""
    queue: Queue[tuple[bool, T | None]] = Queue(maxsize=depth)

    def fill() -> None:
        for item in items:
            queue.put((True, item))
        queue.put((False, None))

    Thread(target=fill, daemon=True).start()
    while True:
        more, item = queue.get()
        if not more:
            return
        yield item  # type: ignore[misc]


def write(
    store, edges: int, batch: int = BATCH, seed: int = 7
) -> tuple[float, list[tuple[int, float]]]:
    """Write a synthetic graph of ``edges`` edges through ``store.write``: the seconds from
    first to last write, and each batch's claims and seconds."""
    times = []
    started = time.perf_counter()
    for chunk in prefetch(batches(Synth(edges, seed).extractions(), batch)):
        start = time.perf_counter()
        store.write(chunk)
        times.append((sum(len(e.claims) for e in chunk), time.perf_counter() - start))
    return time.perf_counter() - started, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=10_000)
    parser.add_argument("--store", help="store URL (an empty one); default a temporary folder")
    parser.add_argument("--batch", type=int, default=BATCH, help="articles per transaction")
    parser.add_argument("--refresh", action="store_true", help="recount proportions.json")
    args = parser.parse_args()
    if args.refresh:
        props = count_proportions()
        PROPORTIONS.write_text(json.dumps(props, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(props, indent=2))
        return
    import tempfile

    from actorgraph.graph import open_store

    url = args.store or f"falkordb://{tempfile.mkdtemp(prefix='ag-synth-', dir='/tmp')}"
    with open_store(url) as store:
        if store.stats().articles:
            sys.exit(f"the store at {store.url} is not empty; use an empty one")
        seconds, _ = write(store, args.edges, args.batch)
        stats = store.stats()
    print(f"{stats.edges} edges, {stats.actors} actors, {stats.claims} claims in {url}")
    print(f"written in {seconds:.1f} s: {stats.edges / seconds:,.0f} edges/s")


if __name__ == "__main__":
    main()
