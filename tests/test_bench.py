"""The benchmarks at a tiny scale, so they keep running: `make bench` must work from a clean
clone. Light on purpose (a few thousand edges, a handful of queries); the numbers are not
checked, only that every script runs and prints its table with the reference beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

BENCH = ROOT / "bench"
pytestmark = pytest.mark.bench  # `pytest -m bench` runs just these; light enough for every run


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_synthetic_graph_keeps_the_sample_proportions() -> None:
    sys.path.insert(0, str(BENCH))
    import synth

    props = json.loads((BENCH / "proportions.json").read_text())
    extractions = list(synth.Synth(3000, seed=3).extractions())
    edges = {(c.subject, c.type, c.object) for e in extractions for c in e.claims}
    assert len(edges) == 3000
    types = [c.type for e in extractions for c in e.claims]
    top = max(props["types"], key=props["types"].get)
    assert abs(types.count(top) / len(types) - props["types"][top]) < 0.05
    degree: dict[str, int] = {}
    for s, _, o in edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] > 20 * ranked[len(ranked) // 2]  # heavy-tailed: hubs and a long tail


@pytest.mark.neo4j
def test_scale_bench_runs_on_both_stores(neo4j_url: str) -> None:
    out = run("scale.py", "--scales", "500,1500", "--neo4j-max", "500", "--neo4j", neo4j_url,
              "--queries", "5")  # fmt: skip
    rows = [line.split()[:2] for line in out.splitlines()]
    assert ["falkordb", "1,500"] in rows and ["neo4j", "500"] in rows
    assert "cost per edge of each run against the smallest run's" in out
    assert "inside the 1,500-edge FalkorDB run" in out and "500: " in out
    assert "ego depth 2 (popular)" in out and "paths <= 3 hops (random)" in out


def test_extract_and_export_benches_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "actorgraph" / "samples").glob("*.txt"))[:4]:
        (corpus / path.name).write_text(path.read_text())
    out = run("extract_speed.py", str(corpus), "--repeat", "1", "--workers", "2")
    assert "bare spaCy" in out and "speed-up" in out
    out = run("export_speed.py", "--edges", "300", "--formats", "nt,rdflib-nt")
    assert "rdflib-nt" in out


def test_run_all_collects_results_with_the_machine(tmp_path: Path) -> None:
    """run_all.py's header and sections (the scripts themselves are run above)."""
    sys.path.insert(0, str(BENCH))
    import run_all

    lines = run_all.machine()
    assert any(line.startswith("- CPU:") for line in lines)
    assert any(line.startswith("- date:") for line in lines)
    assert [script for _, script, _, _ in run_all.RUNS] == [
        "extract_speed.py", "scale.py", "export_speed.py"
    ]  # fmt: skip


def test_run_all_carries_the_hand_measured_section_over(tmp_path: Path) -> None:
    """results.md's hand-measured figures (the code points there) survive a new run."""
    sys.path.insert(0, str(BENCH))
    import run_all

    results = tmp_path / "results.md"
    assert run_all.kept(results) == []  # no file yet
    results.write_text("# Benchmark results\n\n## Scale\n\nold\n")
    assert run_all.kept(results) == []  # every section a script's: none kept
    hand = f"{run_all.KEPT}: figures\n\n| where | measured |\n| x | 5 ms |"
    results.write_text(f"# Benchmark results\n\n## Scale\n\nold\n\n{hand}\n")
    assert run_all.kept(results) == ["", *hand.splitlines()]
    assert run_all.kept(BENCH / "results.md")[1].startswith(run_all.KEPT)


def test_run_all_writes_its_results_into_a_folder_it_makes(tmp_path: Path) -> None:
    """make bench-quick writes build/bench-quick.md, and build/ is absent from a fresh clone."""
    sys.path.insert(0, str(BENCH))
    import run_all

    output = tmp_path / "build" / "bench-quick.md"
    run_all.write_results(output, ["# Benchmark results", "", "## one", "x"])
    assert output.read_text(encoding="utf-8") == "# Benchmark results\n\n## one\nx\n"
