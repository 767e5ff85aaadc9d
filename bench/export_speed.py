"""Export speed and peak memory on a generated graph, against rdflib's serializer, in one run.

    python bench/export_speed.py [--edges 100000] [--formats ttl,nt,...] [--no-rdflib]

Generates a graph of EDGES typed edges (one claim each, ten claims an article,
an actor per four edges) and exports it in each format, each in a fresh
process so its peak memory (max RSS) is its own. The reference is rdflib: the
same triples put into an rdflib Graph and serialized with its own Turtle and
N-Triples serializers. Prints triples per second and peak memory per format.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from actorgraph.graph.views import ActorView, EdgeView, Stats
from actorgraph.schema import Actor, Article, Claim, Evidence, Extraction, vocabulary

OURS = ["ttl", "nt", "jsonld", "nq", "trig", "graphml", "csv"]
REFERENCE = ["rdflib-ttl", "rdflib-nt"]
KINDS = ["Company", "GovernmentBody", "Person", "Organization"]


class Generated:
    """A GraphSource of ``edges`` synthetic edges, generated on the fly (nothing held)."""

    def __init__(self, edges: int) -> None:
        self.edges = edges
        self.actors = max(100, edges // 4)
        self.types = [
            r for r in vocabulary().relations if not vocabulary().relation(r).object_kinds
        ]

    def _actor_id(self, i: int) -> str:
        return f"{KINDS[i % len(KINDS)].lower()}-actor-{i}"

    def _edge(self, i: int) -> tuple[int, str, int]:
        subject = i % self.actors
        hop = 1 + (i // self.actors) * 7 + i // (self.actors * len(self.types))
        type_ = self.types[(i // self.actors) % len(self.types)]
        return subject, type_, (subject + hop) % self.actors

    def stats(self) -> Stats:
        articles = (self.edges + 9) // 10
        return Stats(articles, self.actors, self.edges, self.edges)

    def iter_extractions(self, batch_size: int = 200) -> Iterator[Extraction]:
        sentence = "Acme supplied cameras to the city police, the report said."
        for first in range(0, self.edges, 10):
            text = f"Article {first}. " + sentence * 10
            article = Article(text, f"Headline {first}", publisher="Bench Wire",
                              published=f"{2015 + first % 10}-03-0{1 + first % 9}",
                              url=f"https://example.org/news/{first}")  # fmt: skip
            actors: dict[int, Actor] = {}
            claims = []
            for i in range(first, min(first + 10, self.edges)):
                s, type_, o = self._edge(i)
                for end in (s, o):
                    kind = KINDS[end % len(KINDS)]
                    actors[end] = Actor(
                        f"Actor {end}", kind, (f"A{end}",), None, self._actor_id(end)
                    )
                start = (i - first) * len(sentence)
                evidence = Evidence(sentence, start, start + len(sentence))
                claims.append(Claim(type_, self._actor_id(s), self._actor_id(o), evidence,
                                    "asserted", 0.75))  # fmt: skip
            yield Extraction(article, tuple(actors.values()), tuple(claims), extractor="bench")

    def iter_actors(self, batch_size: int = 1000) -> Iterator[ActorView]:
        for i in range(self.actors):
            kind = KINDS[i % len(KINDS)]
            wikidata = f"Q{1000 + i}" if i % 10 == 0 else None
            yield ActorView(self._actor_id(i), f"Actor {i}", kind, (f"A{i}",), 3, wikidata,
                            "2015-03-01", "2024-03-09")  # fmt: skip

    def iter_edges(self, batch_size: int = 1000) -> Iterator[EdgeView]:
        for i in range(self.edges):
            s, type_, o = self._edge(i)
            yield EdgeView(self._actor_id(s), type_, self._actor_id(o), 1, 1, "asserted", 0.75,
                           "2015-03-01", "2015-03-01")  # fmt: skip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(fmt: str, edges: int, folder: Path) -> dict[str, float | int | str]:
    """One export in this process: seconds, triples and peak memory."""
    from actorgraph.graph.export import export
    from actorgraph.graph.rdf import Iris, iter_quads

    source = Generated(edges)
    baseline = _peak_mb()
    out = folder / f"out.{fmt}"
    start = time.perf_counter()
    if fmt.startswith("rdflib-"):
        import rdflib

        graph = rdflib.Graph()
        for q in iter_quads(source, Iris(), named_graphs=False):
            graph.add(tuple(_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
        built = time.perf_counter() - start
        graph.serialize(out, format="turtle" if fmt == "rdflib-ttl" else "nt", encoding="utf-8")
        triples = len(graph)
        extra = {"build_s": round(built, 2)}
    else:
        done = export(source, fmt, out)
        triples = done.triples or 0
        extra = {}
    seconds = time.perf_counter() - start
    return {"format": fmt, "edges": edges, "triples": triples, "seconds": round(seconds, 2),
            "peak_mb": round(_peak_mb()), "baseline_mb": round(baseline), **extra}  # fmt: skip


def _to_rdflib(term: object) -> object:
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    assert isinstance(term, ox.Literal)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(OURS + REFERENCE))
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib reference")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child process: measure one format
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(measure(args.one, args.edges, Path(folder))))
        return
    formats = [f for f in args.formats.split(",") if not (args.no_rdflib and f in REFERENCE)]
    print(f"{args.edges} generated edges; each format in its own process\n")
    print(f"{'format':<12}{'triples':>11}{'seconds':>9}{'triples/s':>12}{'peak MB':>9}")
    for fmt in formats:
        child = subprocess.run(
            [sys.executable, __file__, "--one", fmt, "--edges", str(args.edges)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        r = json.loads(child.stdout)
        rate = r["triples"] / r["seconds"] if r["triples"] else 0
        note = f"  (graph built in {r['build_s']} s)" if "build_s" in r else ""
        rate_text = f"{rate:>12,.0f}" if rate else f"{'-':>12}"
        print(f"{fmt:<12}{r['triples']:>11,}{r['seconds']:>9}{rate_text}{r['peak_mb']:>9}{note}")


if __name__ == "__main__":
    main()
