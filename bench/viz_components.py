"""Which graph component draws a 500-node view smoothly: candidates side by side in chromium.

Each candidate gets the same generated graph (500 actors, 1,000 typed edges, colours from
the vocabulary) in a one-page Streamlit app of its own, served by ``streamlit run`` and
opened in Debian's headless chromium (/usr/bin/chromium, through Playwright's
``executable_path``; no browser is downloaded). Two numbers per run:

- first draw: from navigation to the first canvas draw call of the component (2D or
  WebGL calls, counted by a script added to every frame), and *settled*: the last draw
  call before the canvas stays still for 1.5 s (a physics layout keeps drawing while
  it moves);
- frame time during interaction: on a second load, once settled, 2 s of wheel zooms and
  2 s of dragging across the graph, timing requestAnimationFrame in the component's
  frame (the median and 95th percentile interval; 16.7 ms is a smooth 60 Hz).

st-link-analysis is the project's; the others are NOT project dependencies. Install them
somewhere throwaway and point the bench at it::

    .venv/bin/python -m pip install --no-deps --target /tmp/vizbench-pkgs \\
        streamlit-agraph pyvis neo4j-viz jsonpickle
    .venv/bin/python -m pip install --target /tmp/vizbench-deps \\
        ipython enum-tools anywidget pydantic-extra-types
    .venv/bin/python bench/viz_components.py --packages /tmp/vizbench-pkgs \\
        --deps /tmp/vizbench-deps

(``--packages`` goes before the venv's site-packages, ``--deps`` after it, so nothing
the project pins is shadowed by the deps.) A candidate that does not import is reported
and skipped. The numbers go in docs/components.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page, sync_playwright

from actorgraph.graph import ActorView, EdgeView, Subgraph
from actorgraph.schema import vocabulary

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
NODES, EDGES = 500, 1000
HEIGHT = 700
QUIET_MS = 1500
SETTLE_CAP_S = 60.0

HOOK = """
(() => {
  if (window.__vb) return;
  const rec = window.__vb = {first: null, last: null, calls: 0};
  const mark = () => {
    const t = performance.timeOrigin + performance.now();
    if (rec.first === null) rec.first = t;
    rec.last = t; rec.calls++;
  };
  const wrap = (proto, names) => {
    if (!proto) return;
    for (const name of names) {
      const orig = proto[name];
      if (typeof orig !== 'function') continue;
      proto[name] = function (...args) { mark(); return orig.apply(this, args); };
    }
  };
  wrap(window.CanvasRenderingContext2D?.prototype, ['fill', 'stroke', 'fillText', 'drawImage']);
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    wrap(gl?.prototype, ['drawArrays', 'drawElements', 'drawArraysInstanced',
                         'drawElementsInstanced']);
  }
})();
"""

RAF_START = """
() => {
  window.__frames = [];
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t;
                        if (!window.__stopFrames) requestAnimationFrame(tick); };
  window.__stopFrames = false;
  requestAnimationFrame(tick);
}
"""

# -- the graph --------------------------------------------------------------------------------


def generated(seed: int = 5) -> Subgraph:
    """500 actors of every kind and 1,000 typed edges, a few hubs (as news graphs have)."""
    vocab = vocabulary()
    rng = random.Random(seed)
    kinds, types = list(vocab.kinds), list(vocab.relations)
    nodes = [
        ActorView(f"a{i}", f"Actor {i}", rng.choice(kinds), mentions=rng.randint(1, 20))
        for i in range(NODES)
    ]
    edges: dict[tuple[str, str, str], EdgeView] = {}
    while len(edges) < EDGES:
        s = int(rng.paretovariate(1.2)) % NODES if rng.random() < 0.3 else rng.randrange(NODES)
        o = rng.randrange(NODES)
        if s == o:
            continue
        t = rng.choice(types)
        edges[(f"a{s}", t, f"a{o}")] = EdgeView(
            f"a{s}", t, f"a{o}", rng.randint(1, 12), 1, "asserted", 0.8, "2021-01-01"
        )
    return Subgraph(nodes, list(edges.values()))


def plain_graph(sub: Subgraph) -> dict[str, Any]:
    """Nodes and edges with colours, for the candidates that are not st-link-analysis."""
    vocab = vocabulary()
    return {
        "nodes": [
            {"id": n.id, "name": n.name, "color": vocab.kinds[n.kind].color} for n in sub.nodes
        ],
        "edges": [
            {"source": e.subject, "target": e.object, "type": e.type, "claims": e.claims}
            for e in sub.edges
        ],
    }


# -- one app per candidate ------------------------------------------------------------------------

PRELUDE = """
import json, sys
import streamlit as st
sys.path[:0] = [p for p in {packages!r} if p]
sys.path += [p for p in {deps!r} if p]
st.set_page_config(layout="wide")
graph = json.load(open({data!r}))
"""

APPS = {
    "st-link-analysis": """
import pickle
from st_link_analysis import st_link_analysis
from actorgraph.viz import draw
from actorgraph.schema import vocabulary
sub = pickle.load(open({sub!r}, "rb"))
vocab = vocabulary()
st_link_analysis(draw.elements(sub, vocab), layout=draw.LAYOUT,
                 node_styles=draw.node_styles(vocab), edge_styles=draw.edge_styles(vocab),
                 height={height}, key="g")
""",
    "streamlit-agraph": """
from streamlit_agraph import Config, Edge, Node, agraph
nodes = [Node(id=n["id"], label=n["name"], color=n["color"], size=12) for n in graph["nodes"]]
edges = [Edge(source=e["source"], target=e["target"], label=e["type"]) for e in graph["edges"]]
agraph(nodes=nodes, edges=edges, config=Config(width=1200, height={height}, directed=True,
                                               physics=True))
""",
    "pyvis": """
import streamlit.components.v1 as components
from pyvis.network import Network
net = Network(height="{height}px", width="100%", directed=True, cdn_resources="in_line")
for n in graph["nodes"]:
    net.add_node(n["id"], label=n["name"], color=n["color"])
for e in graph["edges"]:
    net.add_edge(e["source"], e["target"], label=e["type"])
components.html(net.generate_html(notebook=False), height={height} + 20)
""",
    "neo4j-viz": """
from neo4j_viz import Node, Relationship, VisualizationGraph
from neo4j_viz.streamlit import display_widget
vg = VisualizationGraph(
    nodes=[Node(id=n["id"], caption=n["name"], color=n["color"]) for n in graph["nodes"]],
    relationships=[Relationship(source=e["source"], target=e["target"], caption=e["type"])
                   for e in graph["edges"]])
display_widget(vg.render_widget(height="{height}px"), key="g")
""",
}

IMPORTS = {
    "st-link-analysis": "st_link_analysis",
    "streamlit-agraph": "streamlit_agraph",
    "pyvis": "pyvis.network",
    "neo4j-viz": "neo4j_viz.streamlit",
}


def importable(name: str, packages: list[str], deps: list[str]) -> str | None:
    """None when the candidate imports with these paths, else the error line."""
    code = f"import sys; sys.path[:0]={packages!r}; sys.path+={deps!r}; import {IMPORTS[name]}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return None if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script),
               "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]  # fmt: skip
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")


# -- measuring ----------------------------------------------------------------------------------


def draw_records(page: Page) -> list[tuple[Frame, dict[str, Any]]]:
    found = []
    for frame in page.frames:
        try:
            rec = frame.evaluate("() => window.__vb || null")
        except Exception:  # a frame gone or not ready
            continue
        if rec and rec["calls"]:
            found.append((frame, rec))
    return found


def first_draw(page: Page, url: str) -> dict[str, float]:
    """Load the page; the first draw call and the moment drawing stopped, in ms from nav."""
    page.goto(url)
    start = page.evaluate("() => performance.timeOrigin")
    deadline = time.monotonic() + SETTLE_CAP_S
    quiet_since, last_calls = None, -1
    while time.monotonic() < deadline:
        records = draw_records(page)
        calls = sum(r["calls"] for _, r in records)
        if records and calls == last_calls:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= QUIET_MS / 1000:
                break
        else:
            quiet_since, last_calls = None, calls
        time.sleep(0.1)
    records = draw_records(page)
    if not records:
        raise RuntimeError("nothing was drawn")
    first = min(r["first"] for _, r in records) - start
    last = max(r["last"] for _, r in records) - start
    return {"first_draw_ms": first, "settled_ms": last}


def graph_box(page: Page) -> tuple[Frame, dict[str, float]]:
    """The component's frame and its box on the page (an iframe, or the page's largest canvas)."""
    frames = page.locator("iframe")
    if frames.count():
        box = frames.first.bounding_box()
        frame = frames.first.element_handle().content_frame()
        assert box is not None and frame is not None
        return frame, box
    canvases = page.locator("canvas")
    boxes = [b for i in range(canvases.count()) if (b := canvases.nth(i).bounding_box())]
    return page.main_frame, max(boxes, key=lambda b: b["width"] * b["height"])


def interaction(page: Page, url: str, settle_s: float) -> dict[str, float]:
    """Zoom with the wheel for 2 s, drag for 2 s; requestAnimationFrame intervals meanwhile."""
    page.goto(url)
    page.wait_for_timeout(settle_s * 1000)
    frame, box = graph_box(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    frame.evaluate(RAF_START)
    for step in range(40):  # in, then out again
        page.mouse.wheel(0, -120 if step < 20 else 120)
        page.wait_for_timeout(50)
    page.mouse.move(x - 150, y - 100)
    page.mouse.down()
    for step in range(40):
        page.mouse.move(x - 150 + step * 8, y - 100 + step * 5)
        page.wait_for_timeout(50)
    page.mouse.up()
    frames = frame.evaluate("() => { window.__stopFrames = true; return window.__frames; }")
    frames = sorted(frames[1:]) or [0.0]
    return {
        "frame_median_ms": statistics.median(frames),
        "frame_p95_ms": frames[int(0.95 * (len(frames) - 1))],
        "frames": float(len(frames)),
    }


def measure(name: str, app: Path, runs: int, log_dir: Path) -> dict[str, float]:
    process, url = serve(app, log_dir / f"{name}.log")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            draws, moves = [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.add_init_script(HOOK)
                draws.append(first_draw(context.new_page(), url))
                context.close()
            settle = statistics.median(d["settled_ms"] for d in draws) / 1000 + 1.0
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                moves.append(interaction(context.new_page(), url, settle))
                context.close()
            browser.close()
    finally:
        process.terminate()
        process.wait(10)
    out = {k: statistics.median(d[k] for d in draws) for k in draws[0]}
    out.update({k: statistics.median(m[k] for m in moves) for k in moves[0]})
    return out


def write_apps(folder: Path, packages: list[str], deps: list[str]) -> dict[str, Path]:
    import pickle

    sub = generated()
    data, pickled = folder / "graph.json", folder / "graph.pickle"
    data.write_text(json.dumps(plain_graph(sub)))
    pickled.write_bytes(pickle.dumps(sub))
    apps = {}
    for name, body in APPS.items():
        script = folder / f"{name}.py"
        text = PRELUDE.format(packages=packages, deps=deps, data=str(data))
        text += textwrap.dedent(body).format(sub=str(pickled), height=HEIGHT)
        script.write_text(text)
        apps[name] = script
    return apps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--packages", default="", help="the candidates' throwaway --target")
    parser.add_argument("--deps", default="", help="their dependencies' throwaway --target")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=list(APPS))
    args = parser.parse_args()
    packages = [p for p in [args.packages] if p]
    deps = [p for p in [args.deps] if p]
    if not Path(CHROMIUM).exists():
        sys.exit(f"no chromium at {CHROMIUM}: apt-get install -y chromium")
    folder = Path(tempfile.mkdtemp(prefix="vizbench-"))
    apps = write_apps(folder, packages, deps)
    print(f"{NODES} nodes, {EDGES} edges; median of {args.runs} runs; logs in {folder}")
    header = (
        f"{'component':18} {'first draw':>11} {'settled':>9} {'frame p50':>10} {'frame p95':>10}"
    )
    print(header)
    for name in args.only:
        problem = importable(name, packages, deps)
        if problem:
            print(f"{name:18} not measured: {problem}")
            continue
        try:
            r = measure(name, apps[name], args.runs, folder)
        except Exception as error:  # one candidate failing does not stop the others
            print(f"{name:18} failed: {str(error).splitlines()[0]}")
            continue
        print(
            f"{name:18} {r['first_draw_ms']:>9.0f}ms {r['settled_ms']:>7.0f}ms "
            f"{r['frame_median_ms']:>8.1f}ms {r['frame_p95_ms']:>8.1f}ms",
            flush=True,
        )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
