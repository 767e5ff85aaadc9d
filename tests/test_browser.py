"""The app for real: `streamlit run` in a subprocess, driven by Playwright in Debian's chromium.

No browser is downloaded: the test uses /usr/bin/chromium (`apt-get install -y chromium`).
Without it the tests skip, or fail when CI=true so that CI cannot pass without them.
`make screenshot` runs them with ACTORGRAPH_SCREENSHOT=docs/app.png to refresh the
README's picture of the Explore page; otherwise the picture goes to a temporary folder.
"""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image
from playwright.sync_api import Browser, Frame, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from actorgraph.graph import ActorView, Store, curation
from actorgraph.graph.open import STORE_ENV
from actorgraph.schema import vocabulary
from actorgraph.schema.decision import CURATOR_ENV
from actorgraph.viz import canvas, draw, picture
from actorgraph.viz import paths as paths_page

pytestmark = pytest.mark.browser
pytest_plugins = ["app_fixtures"]

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "viz" / "app.py"
SCREENSHOT_ENV = "ACTORGRAPH_SCREENSHOT"
SCREENSHOTS_ENV = "ACTORGRAPH_SCREENSHOTS"  # a folder: one docs/<page>.png per page
SVG_NS = "{http://www.w3.org/2000/svg}"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GRAPH_FRAME = "iframe[title*='st_link_analysis']"
CY = "document.getElementById('cy')?._cyreg?.cy"  # st-link-analysis's cytoscape instance
CRITICIZED_SENTENCE = "Sen. Marco Rubio criticized Thermo Fisher over the sales."
START_TIMEOUT = 30.0  # seconds until streamlit answers HTTP (measured: about 2 s)
WAIT_MS = 20_000  # for any one thing to appear on the page


def require_chromium() -> None:
    """Skip without Debian's chromium, except in CI, where a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"no chromium at {CHROMIUM}: install it with `apt-get install -y chromium`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll Streamlit's health endpoint until it answers; fail early if the process died."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"streamlit did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()}")


@contextmanager
def serve(store: Store, log_dir: Path) -> Iterator[str]:
    """The app served on a free loopback port for the store, terminated on exit."""
    port = free_port()
    log = log_dir / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal",
    ]  # fmt: skip
    env = {**os.environ, STORE_ENV: store.url}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_http(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def app_url(app_sample_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served on a free loopback port, terminated after the module's tests."""
    require_chromium()
    with serve(app_sample_store, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    yield page
    context.close()


def actor(store: Store, name: str) -> ActorView:
    return next(a for a in store.search_actors(name) if a.name == name)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``, brought to the middle of
    the screen first so that its list opens on screen (not below a tall graph's fold)."""
    box = page.get_by_role("combobox", name=label)
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def graph(page: Page, until: str = "cy => cy.edges().length > 0", arg: object = None) -> Frame:
    """The component's frame once it is the only one and its cytoscape instance, drawn into
    its canvas, meets ``until`` (a JavaScript function of cy and ``arg``).

    A rerun mounts the new frame beside the one it replaces for a moment, so the count of
    frames passes through 2 more than once: each look takes all of them and goes on only
    while there is exactly one, and a frame that goes while it is read is looked at again.
    """
    check = f"""([arg]) => {{
        const cy = {CY};
        return !!cy && !!document.querySelector('canvas') && ({until})(cy, arg);
    }}"""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        handles = page.locator(GRAPH_FRAME).element_handles()
        frame = handles[0].content_frame() if len(handles) == 1 else None
        try:
            if frame is not None and frame.evaluate(check, [arg]):
                settled(page)
                return frame
        except PlaywrightError:  # the frame was replaced while it was read
            pass
        assert time.monotonic() < deadline, f"no single graph frame showed {until} ({arg!r})"
        page.wait_for_timeout(100)


def settled(page: Page) -> None:
    """The graph's frame grown to the graph's height: the page below it no longer moves."""
    page.wait_for_function(
        "([frames, height]) => document.querySelector(frames)?.getBoundingClientRect().height"
        " >= height",
        arg=[GRAPH_FRAME, canvas.HEIGHT],
    )


def wait_highlighted(page: Page, edge_id: str) -> None:
    """Wait until the app's style draws ``edge_id`` as the selected edge."""
    graph(
        page,
        f"(cy, id) => cy.getElementById(id).style('width') === '{draw.HIGHLIGHT_WIDTH}px'",
        edge_id,
    )


def click_element(page: Page, element_id: str, clicks: int = 1) -> None:
    """Click a node or an edge of the graph with the mouse, where cytoscape drew it.

    A real click: an event emitted from script reaches Streamlit only seconds later.
    """
    frame = graph(page)
    page.locator(GRAPH_FRAME).scroll_into_view_if_needed()  # the whole graph on screen
    page.wait_for_timeout(300)  # the component settles its frame height after drawing
    point = frame.evaluate(
        f"""id => {{
            const box = document.getElementById('cy').getBoundingClientRect();
            const el = {CY}.getElementById(id);
            const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
            return {{x: p.x + box.left, y: p.y + box.top}};
        }}""",
        element_id,
    )
    frame_box = frame.frame_element().bounding_box()
    assert frame_box is not None
    page.mouse.click(frame_box["x"] + point["x"], frame_box["y"] + point["y"], click_count=clicks)


def shown_text(page: Page, text: str):
    """Text on screen: the search's own list of sentences, folded away under the search box
    once an actor matched, holds the same sentences hidden."""
    return page.get_by_text(text).filter(visible=True)


def test_explore_search_pick_and_read_the_evidence(page, app_url, app_sample_store, tmp_path):
    store = app_sample_store
    thermo, rubio = actor(store, "Thermo Fisher Scientific"), actor(store, "Marco Rubio")
    criticized = f"{rubio.id}|CRITICIZED|{thermo.id}"
    supplied = next(draw.edge_id(e) for e in store.ego([thermo.id]).edges if e.type == "SUPPLIED")
    page.goto(app_url)

    search = page.get_by_label("Search actors")
    search.fill("thermo")
    search.press("Enter")
    choose(page, "Matching actors", "Thermo Fisher Scientific · company")
    expect(page).to_have_url(re.compile(rf"[?&]actor={re.escape(thermo.id)}"))
    edge_list = page.get_by_role("combobox", name="Edge")
    expect(edge_list).not_to_have_value("")  # an edge is chosen at once (the best supported)
    graph(page)  # drawn, so the page below it no longer moves
    choose(page, "Edge", f"{rubio.name} -CRITICIZED-> {thermo.name} (1 claim)")
    expect(edge_list).to_have_value(f"{rubio.name} -CRITICIZED-> {thermo.name} (1 claim)")
    expect(shown_text(page, CRITICIZED_SENTENCE)).to_be_visible()
    wait_highlighted(page, criticized)
    page.evaluate("() => document.activeElement?.blur()")  # no focus ring in the picture
    screenshot = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path / "app.png")
    page.set_viewport_size({"width": 1400, "height": 1500})  # the graph and the evidence
    page.locator(GRAPH_FRAME).evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=screenshot)
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    choose(page, "Edge", f"{thermo.name} -SUPPLIED-> Xinjiang police (1 claim)")
    expect(shown_text(page, "supplied DNA sequencers to police")).to_be_visible()
    expect(shown_text(page, CRITICIZED_SENTENCE)).to_have_count(0)
    wait_highlighted(page, supplied)

    click_element(page, criticized)
    expect(shown_text(page, CRITICIZED_SENTENCE)).to_be_visible()
    expect(shown_text(page, "actorgraph sample desk").first).to_be_visible()
    expect(edge_list).to_have_value(f"{rubio.name} -CRITICIZED-> {thermo.name} (1 claim)")
    wait_highlighted(page, criticized)

    [evidence] = store.evidence(rubio.id, "CRITICIZED", thermo.id)  # its card opens the article
    with page.context.expect_page() as opened:  # Markdown links open in a new tab
        page.get_by_role("link", name="in the article").filter(visible=True).first.click()
    article = opened.value
    expect(article).to_have_url(re.compile(rf"/article\?article={evidence.article}"))
    expect(article.get_by_role("heading", name=evidence.title)).to_be_visible()
    expect(article.get_by_text(CRITICIZED_SENTENCE).first).to_be_visible()
    article.close()


def test_double_click_expands_an_actor_and_its_button_explores_it(page, app_url, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, "Thermo Fisher Scientific"), actor(store, "Marco Rubio")
    grown = {n.id for n in store.ego([thermo.id]).nodes} | {
        n.id for n in store.ego([rubio.id]).nodes
    }
    page.goto(f"{app_url}/?actor={thermo.id}")

    click_element(page, rubio.id, clicks=2)

    expect(page).to_have_url(re.compile(rf"[?&]expand={re.escape(rubio.id)}"))
    graph(page, "(cy, n) => cy.nodes().length === n", len(grown))  # one frame: the wider view
    expect(page.get_by_role("heading", name=thermo.name)).to_be_visible()  # still centred

    page.get_by_role("button", name=f"Explore {rubio.name} →").click()

    expect(page).to_have_url(re.compile(rf"[?&]actor={re.escape(rubio.id)}"))
    expect(page.get_by_role("heading", name=rubio.name)).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"expand="))


def test_double_click_on_a_path_actor_explores_it(page, app_url, app_sample_store):
    store = app_sample_store
    rubio, police = actor(store, "Marco Rubio"), actor(store, "Xinjiang police")
    thermo = actor(store, "Thermo Fisher Scientific")
    page.goto(f"{app_url}/paths?from={rubio.id}&to={police.id}&mode=all")
    expect(page.get_by_text(f"{rubio.name} → {thermo.name} → {police.name}").first).to_be_visible()

    click_element(page, thermo.id, clicks=2)

    expect(page.get_by_role("heading", name=thermo.name)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"[?&]actor={re.escape(thermo.id)}"))


def test_paths_connect_two_actors_through_edges_pointing_either_way(
    page, app_url, app_sample_store
):
    """Two companies in one region: each points at the region, neither at the other."""
    store = app_sample_store
    hik, thermo = actor(store, "Hikvision"), actor(store, "Thermo Fisher Scientific")
    assert not store.paths(hik.id, thermo.id) and not store.paths(thermo.id, hik.id)
    [path, *_] = store.paths(hik.id, thermo.id, directed=False)
    assert True in path.along() and False in path.along()  # the hops point both ways
    names = {i: store.actor(i).name for i in path.actors}
    page.goto(f"{app_url}/paths?from={hik.id}&to={thermo.id}")

    chain = paths_page.path_title(path, names).rsplit(" (", 1)[0]
    expect(page.get_by_text(chain).first).to_be_visible()
    page.get_by_text("Follow edge direction").click()

    none = paths_page.no_path_line(hik.name, thermo.name, 4, directed=True)
    expect(page.get_by_text(none)).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]directed=1"))


def test_overview_shows_the_article_count(page, app_url, app_sample_store):
    page.goto(app_url)
    page.get_by_role("link", name="Overview").click()

    articles = page.get_by_test_id("stMetric").filter(has_text="Articles")
    expect(articles.get_by_test_id("stMetricValue")).to_have_text(
        f"{app_sample_store.stats().articles:,}"
    )
    expect(page.get_by_text("Most connected actors")).to_be_visible()


def test_cypher_console_shows_the_table_of_a_query(browser, app_sample_store, tmp_path):
    """Opened at its own URL on a fresh server, as a bookmark would be, then run from the editor.

    A fresh server, because the first page a server runs decides whether Streamlit reads a
    pages/ folder as an old-style multipage app (the reason the scripts live in views/).
    """
    require_chromium()
    query = "MATCH (a:Actor) RETURN a.name AS name ORDER BY name LIMIT 3"
    names = [row[0] for row in app_sample_store.query(query).rows]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    with serve(app_sample_store, tmp_path) as url:
        page.goto(f"{url}/cypher")
        expect(page.get_by_role("link", name="Explore", exact=True)).to_be_visible()  # app.py ran
        expect(page.get_by_text(f"Store: {app_sample_store.url}")).to_be_visible()

        page.get_by_label("Query").fill(query)
        page.get_by_role("button", name="Run").click()

        expect(page.get_by_text("3 rows")).to_be_visible()
        # the grid draws on a canvas; its cells are also in the canvas's fallback <table>
        cells = page.get_by_test_id("stDataFrame").locator("td[role=gridcell]")
        expect(cells).to_have_text(names)
        expect(page).to_have_url(re.compile(r"/cypher\?q=MATCH"))
    context.close()


def test_explore_downloads_the_filtered_view(page, app_url, app_sample_store, tmp_path):
    """The files the buttons hand out hold the view on screen, the URL's filter applied."""
    store = app_sample_store
    ministry = actor(store, "China's Foreign Ministry")
    hedged = [e for e in store.ego([ministry.id]).edges if e.modality == "hedged"]
    assert hedged
    page.goto(f"{app_url}/?actor={ministry.id}&modality=hedged")
    expect(page.get_by_role("heading", name=ministry.name)).to_be_visible()

    files = {}
    for label in ("Edges as CSV", "Graph as GraphML", "Graph as SVG", "Graph as PNG"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[label] = tmp_path / download.value.suggested_filename
        download.value.save_as(files[label])

    assert files["Edges as CSV"].name == f"{ministry.id}-edges.csv"
    with files["Edges as CSV"].open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["subject_id"], r["type"], r["object_id"]) for r in rows} == {
        (e.subject, e.type, e.object) for e in hedged
    }
    assert {r["modality"] for r in rows} == {"hedged"}
    graph_file = nx.read_graphml(files["Graph as GraphML"])
    assert set(graph_file.nodes) == {ministry.id} | {e.object for e in hedged} | {
        e.subject for e in hedged
    }
    assert graph_file.number_of_edges() == len(hedged)
    svg = ET.parse(files["Graph as SVG"]).getroot()
    assert files["Graph as SVG"].name == f"{ministry.id}.svg"
    assert {g.get("data-id") for g in svg.iter(f"{SVG_NS}g") if g.get("class") == "node"} == set(
        graph_file.nodes
    )
    assert len([g for g in svg.iter(f"{SVG_NS}g") if g.get("class") == "edge"]) == len(hedged)
    png = files["Graph as PNG"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.png_size(png) == (picture.WIDTH, picture.HEIGHT)
    # the title, the filter and the legend of what is drawn travel with the picture
    assert svg.find(f"{SVG_NS}text[@class='caption']").text == "Filter: modality hedged"
    assert ministry.name in svg.find(f"{SVG_NS}text[@class='title']").text
    [legend] = [g for g in svg.iter(f"{SVG_NS}g") if g.get("class") == "legend"]
    assert "hedged (dashed)" in [t.text for t in legend.iter(f"{SVG_NS}text")]
    kinds = {n.kind for n in store.ego([ministry.id]).nodes if n.id in graph_file.nodes}
    band = Image.open(files["Graph as PNG"]).convert("RGB")
    band = band.crop((0, picture.HEIGHT - picture.FOOTER, picture.WIDTH, picture.HEIGHT))
    colours = {c for _, c in band.getcolors(maxcolors=1 << 20)}
    for kind in kinds:  # each kind's swatch is in the legend's band under the graph
        colour = vocabulary().kinds[kind].color
        assert tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) in colours


# -- a graph a researcher can read (#23) ------------------------------------------------------

POSITIONS = f"() => Object.fromEntries({CY}.nodes().map(n => [n.id(), n.position()]))"
EXTENT = f"""() => {{
    const cy = {CY};
    const box = cy.elements().renderedBoundingBox();
    return {{width: cy.width(), height: cy.height(), x1: box.x1, x2: box.x2, y1: box.y1,
             y2: box.y2, full: !!document.fullscreenElement,
             capped: cy.zoom() >= cy.maxZoom() - 1e-6}};
}}"""
# The same test in the page: fitted as below (a drawing at its largest zoom is centred).
FITTED = """(e, pad) => {
    const inside = e.x1 >= -1 && e.y1 >= -1 && e.x2 <= e.width + 1 && e.y2 <= e.height + 1;
    const fills = e.x2 - e.x1 >= 0.9 * (e.width - 2 * pad)
        || e.y2 - e.y1 >= 0.9 * (e.height - 2 * pad);
    const centred = Math.abs((e.x1 + e.x2 - e.width) / 2) <= 2
        && Math.abs((e.y1 + e.y2 - e.height) / 2) <= 2;
    return inside && (fills || (e.capped && centred));
}"""


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    """A 1440 x 900 screen, a researcher's laptop."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    expect.set_options(timeout=WAIT_MS)
    yield page
    context.close()


def fitted(extent: dict, padding: int = 30) -> bool:
    """The drawing inside its box and filling it one way (as cytoscape's fit leaves it), or,
    when a small graph reached the largest zoom the app allows, centred in it."""
    inside = extent["x1"] >= -1 and extent["y1"] >= -1
    inside = inside and extent["x2"] <= extent["width"] + 1
    inside = inside and extent["y2"] <= extent["height"] + 1
    wide = extent["x2"] - extent["x1"] >= 0.9 * (extent["width"] - 2 * padding)
    tall = extent["y2"] - extent["y1"] >= 0.9 * (extent["height"] - 2 * padding)
    centred = abs(extent["x1"] + extent["x2"] - extent["width"]) / 2 <= 2
    centred = centred and abs(extent["y1"] + extent["y2"] - extent["height"]) / 2 <= 2
    return inside and (wide or tall or (extent["capped"] and centred))


def test_the_graph_takes_the_page_width_and_refits_in_fullscreen(wide, app_url, app_sample_store):
    page = wide
    thermo = actor(app_sample_store, "Thermo Fisher Scientific")
    page.goto(f"{app_url}/?actor={thermo.id}&depth=2")
    frame = graph(page)
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    graph_box, table_box = page.locator(GRAPH_FRAME).bounding_box(), table.bounding_box()
    assert graph_box and table_box
    assert graph_box["width"] >= 0.98 * table_box["width"]  # the page's width, as the table
    frame.wait_for_function(f"() => ({EXTENT})().width > 0")
    assert fitted(frame.evaluate(EXTENT))

    frame.locator("#toolbarFullscreen").click()

    frame.wait_for_function("() => !!document.fullscreenElement")
    size = page.viewport_size
    assert size
    frame.wait_for_function(
        f"""([w, h]) => {{
            const e = ({EXTENT})();
            return e.width >= 0.95 * w && e.height >= 0.95 * h && ({FITTED})(e, 30);
        }}""",
        arg=[size["width"], size["height"]],
    )
    extent = frame.evaluate(EXTENT)
    assert extent["full"] and fitted(extent)
    assert extent["x2"] <= size["width"] and extent["y2"] <= size["height"]


def test_expanding_keeps_the_actors_already_shown_in_place(page, app_url, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, "Thermo Fisher Scientific"), actor(store, "Marco Rubio")
    grown = {n.id for n in store.ego([thermo.id]).nodes} | {
        n.id for n in store.ego([rubio.id]).nodes
    }
    page.goto(f"{app_url}/?actor={thermo.id}")
    before = graph(page).evaluate(POSITIONS)

    click_element(page, rubio.id, clicks=2)

    expect(page).to_have_url(re.compile(rf"[?&]expand={re.escape(rubio.id)}"))
    page.wait_for_function(  # the grown view's frame (the first one's is being replaced)
        """([frames, n]) => [...document.querySelectorAll(frames)].some(
            f => f.contentDocument?.getElementById('cy')?._cyreg?.cy?.nodes().length === n)""",
        arg=[GRAPH_FRAME, len(grown)],
    )
    after = graph(page).evaluate(POSITIONS)
    assert set(after) == grown
    for node, where in before.items():
        assert abs(after[node]["x"] - where["x"]) < 0.5, node
        assert abs(after[node]["y"] - where["y"]) < 0.5, node


def test_hovering_an_edge_lists_the_relations_of_its_pair(
    page, app_url, app_sample_store, parallel_actor
):
    store = app_sample_store
    edges = store.ego([parallel_actor]).edges
    by_pair: dict[frozenset[str], set[str]] = {}
    for e in edges:
        by_pair.setdefault(frozenset((e.subject, e.object)), set()).add(e.type)
    twice = next(e for e in edges if len(by_pair[frozenset((e.subject, e.object))]) > 1)
    types = by_pair[frozenset((twice.subject, twice.object))]
    page.goto(f"{app_url}/?actor={parallel_actor}")
    frame = graph(page)
    page.locator(GRAPH_FRAME).scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the component settles its frame height after drawing
    point = frame.evaluate(
        f"""id => {{
            const box = document.getElementById('cy').getBoundingClientRect();
            const p = {CY}.getElementById(id).renderedMidpoint();
            return {{x: p.x + box.left, y: p.y + box.top}};
        }}""",
        draw.edge_id(twice),
    )
    frame_box = page.locator(GRAPH_FRAME).bounding_box()
    assert frame_box
    page.mouse.move(frame_box["x"] + point["x"], frame_box["y"] + point["y"])

    frame.wait_for_function("() => document.getElementById('cy').title !== ''")
    title = frame.evaluate("() => document.getElementById('cy').title")
    assert {t for t in types if f"-{t}->" in title} == types


def test_timeline_draws_the_chart_and_the_graph(page, app_url, app_sample_store):
    page.goto(app_url)
    page.get_by_role("link", name="Timeline").click()

    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    edges = app_sample_store.stats().edges
    graph(page, "(cy, n) => cy.edges().length === n", edges)


def test_ingest_previews_pasted_text_without_writing(page, app_url, app_sample_store):
    """Preview only: the shared sample store is not written to (the writes are in AppTest)."""
    before = app_sample_store.stats()
    page.goto(app_url)
    page.get_by_role("link", name="Ingest").click()

    page.get_by_label("Or paste text").fill("Acme Corp sold radios to Ruritania police.")
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_text("nothing is written yet")).to_be_visible()
    expect(page.get_by_text("SUPPLIED")).to_be_visible()
    expect(page.get_by_text("sold radios to").first).to_be_visible()
    assert app_sample_store.stats() == before


# -- every page, over the sample corpus (and docs/<page>.png with ACTORGRAPH_SCREENSHOTS) -------


def shot(page: Page, name: str) -> None:
    """A picture of the page for docs/ when ACTORGRAPH_SCREENSHOTS names a folder."""
    folder = os.environ.get(SCREENSHOTS_ENV)
    if not folder:
        return
    page.evaluate("() => document.activeElement?.blur()")
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)  # the last component settles its height
    path = Path(folder) / f"{name}.png"
    page.screenshot(path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_page_loads_over_the_sample_corpus(page, app_url, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, "Thermo Fisher Scientific"), actor(store, "Marco Rubio")
    police = actor(store, "Xinjiang police")
    stats = store.stats()

    page.goto(f"{app_url}/?actor={thermo.id}&depth=2")
    expect(page.get_by_role("heading", name=thermo.name)).to_be_visible()
    expect(page.get_by_text("Publisher", exact=True)).to_be_visible()
    graph(page)
    page.locator(GRAPH_FRAME).evaluate("e => e.scrollIntoView({block: 'center'})")
    shot(page, "explore")

    page.goto(f"{app_url}/paths?from={rubio.id}&to={police.id}&mode=all&max=4")
    expect(page.get_by_role("heading", name="Paths")).to_be_visible()
    expect(page.get_by_text(f"{rubio.name} → {thermo.name} → {police.name}").first).to_be_visible()
    graph(page)
    shot(page, "paths")

    page.goto(f"{app_url}/timeline")
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    graph(page, "(cy, n) => cy.edges().length === n", stats.edges)
    shot(page, "timeline")

    page.goto(f"{app_url}/analytics?measure=pagerank")
    expect(page.get_by_role("heading", name="Analytics")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    expect(page.get_by_text("Communities", exact=True)).to_be_visible()
    shot(page, "analytics")

    page.goto(f"{app_url}/overview")
    articles = page.get_by_test_id("stMetric").filter(has_text="Articles")
    expect(articles.get_by_test_id("stMetricValue")).to_have_text(f"{stats.articles:,}")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    shot(page, "overview")

    query = "MATCH (s:Actor)-[r:CRITICIZED]->(o:Actor) RETURN s, r, o LIMIT 100"
    page.goto(f"{app_url}/cypher?q={urllib.parse.quote(query)}")
    expect(page.get_by_text(re.compile(r"^\d+ rows?$"))).to_be_visible()
    graph(page)
    shot(page, "cypher")

    sparql = (REPO / "docs" / "queries" / "who-supplied-whom.rq").read_text(encoding="utf-8")
    page.goto(f"{app_url}/sparql?q={urllib.parse.quote(sparql)}")
    expect(page.get_by_text(re.compile(r"^\d+ rows?"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    shot(page, "sparql")

    page.goto(f"{app_url}/ingest")
    page.get_by_label("Or paste text").fill("Acme Corp sold radios to Ruritania police.")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("nothing is written yet")).to_be_visible()
    shot(page, "ingest")


def test_analytics_row_opens_the_actor_in_explore(page, app_url, app_sample_store):
    """A click on a ranking row (its selection box) switches to Explore on that actor."""
    page.goto(f"{app_url}/analytics")
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    first = table.locator("td[role=gridcell]").nth(1).inner_text()  # Rank, then Actor
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 18)  # the first row's selection box

    expect(page.get_by_role("heading", name=first)).to_be_visible()
    wanted = actor(app_sample_store, first)
    expect(page).to_have_url(re.compile(rf"[?&]actor={re.escape(wanted.id)}"))


def test_text_search_finds_a_sentence_and_opens_its_article_there(page, app_url, app_sample_store):
    """Words in the search box list the evidence sentences that hold them, highlighted; a
    click opens the article with that sentence marked (it waits for each state, not a time)."""
    hit = next(h for h in app_sample_store.search_text("sequencers") if h.kind == "claim")
    page.goto(app_url)
    search = page.get_by_label("Search actors")
    search.fill("sequencers")
    search.press("Enter")
    edge = f"{hit.subject_name} {hit.type} {hit.object_name}"
    link = page.get_by_role("link", name=edge).first
    expect(link).to_be_visible()
    expect(page.locator("span", has_text=re.compile(r"^sequencers$")).first).to_be_visible()
    with page.context.expect_page() as opened:  # Markdown links open in a new tab
        link.click()
    article = opened.value
    expect(article).to_have_url(re.compile(rf"/article\?article={hit.article}&claim={hit.claim}"))
    expect(article.get_by_text("Found here:")).to_be_visible()
    expect(article.get_by_role("heading", name=hit.title)).to_be_visible()
    article.close()


# -- curation (issue #22): each test serves a store of its own, since it changes it ----------


@pytest.fixture
def acme_url(fresh_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Acme Corp and ACME Group (who may be one) served on their own; the curator is ana."""
    from test_curation import TWO, about_group, first, ingest

    require_chromium()
    monkeypatch.setenv(CURATOR_ENV, "ana")  # the server's environment is this one's
    ingest(fresh_store, first(), about_group(TWO))
    with serve(fresh_store, tmp_path) as url:
        yield url


def test_explore_merges_a_searched_actor(page, acme_url, fresh_store):
    page.goto(f"{acme_url}/?actor=acme")
    expect(page.get_by_role("heading", name="Acme Corp")).to_be_visible()
    page.get_by_text("Curate this actor").click()
    search = page.get_by_label("Merge another actor into this one")
    search.fill("ACME Group")
    search.press("Enter")
    page.get_by_role("button", name="Merge ACME Group into Acme Corp").click()

    expect(page.get_by_text("Merged ACME Group into Acme Corp")).to_be_visible()
    expect(page.get_by_text(re.compile(r"also .*ACME Group"))).to_be_visible()
    assert fresh_store.actor("acme-group") == fresh_store.actor("acme")
    [decision] = curation.decisions(fresh_store)
    assert (decision.action, decision.curator) == ("merge", "ana")


def test_explore_rejects_a_claim_of_the_evidence_panel(page, acme_url, fresh_store):
    page.goto(f"{acme_url}/?actor=acme")
    edge_list = page.get_by_role("combobox", name="Edge")
    expect(edge_list).not_to_have_value("")
    chosen = edge_list.input_value()
    sentence = next(
        ev.sentence
        for e in fresh_store.ego(["acme"]).edges
        if chosen.startswith(f"{fresh_store.actor(e.subject).name} -{e.type}->")
        for ev in fresh_store.evidence(e.subject, e.type, e.object)
    )
    expect(page.get_by_text("Status: extracted")).to_be_visible()
    page.get_by_role("button", name="Reject").click()

    expect(page.get_by_text("Rejected the claim")).to_be_visible()
    [decision] = curation.decisions(fresh_store)
    assert decision.action == "reject" and decision.args["sentence"] == sentence
    assert curation.claim(fresh_store, decision.args["claim"]).status == "rejected"
    expect(edge_list).not_to_have_value(chosen)  # its edge is gone from the view


def test_review_page_judges_a_pair_not_the_same_and_undoes_it(page, acme_url, fresh_store):
    page.goto(f"{acme_url}/review")
    expect(page.get_by_role("heading", name="Likely duplicates")).to_be_visible()
    expect(page.get_by_text("Acme sold radios to Ruritania police")).to_be_visible()
    expect(page.get_by_text("ACME Group sold drones to Ruritania police")).to_be_visible()
    expect(page.get_by_role("button", name="Merge into Acme Corp")).to_be_visible()
    shot(page, "review")
    page.get_by_role("button", name="Not the same").click()

    expect(page.get_by_text("No likely duplicates")).to_be_visible()
    expect(page.get_by_text(re.compile(r"ana.*distinct: Acme Corp ≠ ACME Group"))).to_be_visible()
    assert [d.action for d in curation.decisions(fresh_store)] == ["distinct"]

    page.get_by_role("button", name="Undo").first.click()
    expect(page.get_by_role("button", name="Not the same")).to_be_visible()
    assert curation.in_force(curation.decisions(fresh_store)) == []
