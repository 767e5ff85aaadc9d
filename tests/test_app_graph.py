"""The drawn graph as a reader sees it (#23): one caption per pair of actors, sizes by degree
or mentions kept in the URL, a legend of what is drawn, positions kept when a view grows,
the Timeline's "as of" graph drawn as Explore's, and the same in the downloaded pictures.

Every expectation is recomputed from the store (``ego``, ``iter_edges``) or from the
vocabulary, not copied from the page.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from typing import Any

from PIL import Image
from streamlit.testing.v1 import AppTest
from test_app import APP, actor, graph_args, run_app

from actorgraph.graph import EdgeView
from actorgraph.graph.open import STORE_ENV
from actorgraph.schema import vocabulary
from actorgraph.viz import draw, edge_filters, picture, placement

pytest_plugins = ["app_fixtures"]

SVG = "{http://www.w3.org/2000/svg}"
THERMO, RUBIO = "Thermo Fisher Scientific", "Marco Rubio"
COMMERCE = "U.S. Department of Commerce"


def elements(at: AppTest) -> dict[str, list[dict[str, Any]]]:
    return graph_args(at)["elements"]


def legend_html(at: AppTest) -> str:
    [found] = [m.value for m in at.markdown if "graph-legend" in m.value]
    return found


def pairs(edges: list[EdgeView]) -> Counter[frozenset[str]]:
    return Counter(frozenset((e.subject, e.object)) for e in edges)


# -- one caption per pair of actors ------------------------------------------------------------


def test_parallel_edges_share_one_caption_and_list_their_relations_on_hover(
    monkeypatch, app_sample_store, parallel_actor
):
    store = app_sample_store
    ego = store.ego([parallel_actor])
    parallel = [p for p, n in pairs(ego.edges).items() if n > 1]
    assert parallel
    at = run_app(monkeypatch, store, actor=parallel_actor)

    drawn = [e["data"] for e in elements(at)["edges"]]
    for pair, count in pairs(ego.edges).items():
        group = [d for d in drawn if frozenset((d["source"], d["target"])) == pair]
        captions = [d["caption"] for d in group if d["caption"]]
        types = sorted(e.type for e in ego.edges if frozenset((e.subject, e.object)) == pair)
        if count == 1:
            assert captions == types
        else:
            assert captions == [f"{count} relations"]
        for d in group:  # every edge of the pair names all of its relations on hover
            assert sorted(t for t in types if f"-{t}->" in d["title"]) == types
            assert len(d["title"].splitlines()) == count
    styles = graph_args(at)["style"]
    assert all(
        s["style"].get("label") == "data(caption)"
        for s in styles
        if s["selector"].startswith("edge[label=")
    )


def test_the_pictures_caption_a_pair_once_and_title_each_edge(app_sample_store, parallel_actor):
    sub = app_sample_store.ego([parallel_actor])
    root = ET.fromstring(picture.svg(sub, vocabulary(), parallel_actor))
    edges = root.findall(f"{SVG}g[@class='edge']")
    captions = [t.text for g in edges for t in g.findall(f"{SVG}text")]
    assert len(captions) == len(pairs(sub.edges))
    many = {n for n in pairs(sub.edges).values() if n > 1}
    assert many and {f"{n} relations" for n in many} <= set(captions)
    assert all(g.find(f"{SVG}title").text for g in edges)


# -- sizes -------------------------------------------------------------------------------------


def test_actors_are_sized_by_degree_by_default_and_by_mentions_from_the_url(
    monkeypatch, app_sample_store
):
    store = app_sample_store
    thermo = actor(store, THERMO)
    sub = store.ego([thermo.id], depth=2)
    degree = Counter(end for e in sub.edges for end in (e.subject, e.object))
    at = run_app(monkeypatch, store, actor=thermo.id, depth="2")

    assert at.radio(key="size_by").value == "degree"
    assert at.query_params["size"] == "degree"
    size = {n["data"]["id"]: n["data"]["size"] for n in elements(at)["nodes"]}
    most, least = max(degree, key=degree.get), min(degree, key=degree.get)
    assert size[most] == draw.LARGEST and size[least] == draw.SMALLEST
    for a in degree:
        for b in degree:
            if degree[a] > degree[b]:
                assert size[a] > size[b]

    at = run_app(monkeypatch, store, actor=thermo.id, depth="2", size="mentions")
    assert at.radio(key="size_by").value == "mentions"
    mentions = {n.id: n.mentions for n in sub.nodes}
    size = {n["data"]["id"]: n["data"]["size"] for n in elements(at)["nodes"]}
    for a in mentions:
        for b in mentions:
            if mentions[a] > mentions[b]:
                assert size[a] > size[b]
            if mentions[a] == mentions[b]:
                assert size[a] == size[b]

    at.radio(key="size_by").set_value("degree").run()
    assert at.query_params["size"] == "degree"


def test_an_unknown_size_in_the_url_is_degree(monkeypatch, app_sample_store):
    thermo = actor(app_sample_store, THERMO)
    at = run_app(monkeypatch, app_sample_store, actor=thermo.id, size="nonsense")

    assert not at.exception
    assert at.radio(key="size_by").value == "degree"
    assert at.query_params["size"] == "degree"


# -- the legend --------------------------------------------------------------------------------


def test_the_legend_names_the_kinds_and_line_styles_drawn(monkeypatch, app_sample_store):
    store, vocab = app_sample_store, vocabulary()
    ministry = actor(store, "China's Foreign Ministry")
    sub = store.ego([ministry.id])
    assert {e.modality for e in sub.edges} >= {"asserted", "hedged"}
    at = run_app(monkeypatch, store, actor=ministry.id)

    shown = legend_html(at)
    kinds = {n.kind for n in sub.nodes}
    for name, kind in vocab.kinds.items():
        assert (f">{kind.label}</span>" in shown) == (name in kinds)
    for modality, style in draw.LINE_STYLES.items():
        drawn = modality in {e.modality for e in sub.edges}
        assert (f"{modality} ({style})" in shown) == drawn
    assert 'stroke-dasharray="6 4"' in shown  # the hedged line is drawn dashed
    assert "size: edges in the view" in shown


def test_the_svg_download_has_a_title_the_filter_and_a_legend(app_sample_store):
    store, vocab = app_sample_store, vocabulary()
    ministry = actor(store, "China's Foreign Ministry")
    chosen = edge_filters.EdgeFilter(modalities=("hedged",))
    sub = edge_filters.apply(store.ego([ministry.id]), chosen, keep=[ministry.id])
    drawing = picture.Drawing(
        None, "mentions", "China's Foreign Ministry", "Filter: " + edge_filters.describe(chosen)
    )
    root = ET.fromstring(picture.svg(sub, vocab, ministry.id, drawing))

    assert root.find(f"{SVG}text[@class='title']").text == "China's Foreign Ministry"
    assert root.find(f"{SVG}text[@class='caption']").text == "Filter: modality hedged"
    [legend] = root.findall(f"{SVG}g[@class='legend']")
    words = [t.text for t in legend.iter(f"{SVG}text")]
    labels = [vocab.kinds[k].label for k in vocab.kinds if k in {n.kind for n in sub.nodes}]
    assert words[: len(labels)] == labels
    assert "hedged (dashed)" in words and "asserted (solid)" not in words
    assert "size: articles naming the actor · line width: claims" in words


def test_the_png_download_draws_the_legend_under_the_graph(app_sample_store):
    """The legend's band holds each drawn kind's colour; without a legend it is blank."""
    store, vocab = app_sample_store, vocabulary()
    thermo = actor(store, THERMO)
    sub = store.ego([thermo.id], depth=2)
    image = Image.open(io.BytesIO(picture.png(sub, vocab, thermo.id))).convert("RGB")
    band = image.crop((0, picture.HEIGHT - picture.FOOTER, picture.WIDTH, picture.HEIGHT))
    colours = {c for _, c in band.getcolors(maxcolors=1 << 20)}
    for kind in {n.kind for n in sub.nodes}:
        hex_colour = vocab.kinds[kind].color
        assert tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) in colours


# -- positions kept when the view grows -------------------------------------------------------


def positions(at: AppTest) -> dict[str, tuple[float, float]]:
    return {
        n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in elements(at)["nodes"]
    }


def test_expanding_an_actor_keeps_the_others_where_they_were(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, RUBIO)
    at = run_app(monkeypatch, store, actor=thermo.id)
    before = positions(at)
    assert graph_args(at)["layout"]["name"] == "preset"

    at.session_state["expanded"] = [rubio.id]  # what a double-click on Rubio does
    at.run()

    after = positions(at)
    grown = {n.id for n in store.ego([thermo.id]).nodes} | {
        n.id for n in store.ego([rubio.id]).nodes
    }
    assert set(after) == grown and set(after) > set(before)
    assert all(after[i] == before[i] for i in before)
    for new in set(after) - set(before):  # the newcomers are not drawn on top of anyone
        assert min(math.dist(after[new], after[i]) for i in after if i != new) > 20


def test_placement_moves_only_the_newcomers():
    ids = [f"a{i}" for i in range(8)]
    links = [("a0", i) for i in ids[1:]]
    first = placement.place(ids, links)
    assert first == placement.place(ids, links)  # the same view, the same picture
    grown = placement.place([*ids, "b1", "b2"], [*links, ("a3", "b1"), ("a3", "b2")], first)
    assert all(grown[i] == first[i] for i in ids)
    assert math.dist(grown["b1"], grown["a3"]) < math.dist(grown["b1"], grown["a0"]) * 2


# -- the Timeline's "as of" graph is drawn as Explore's ---------------------------------------


def test_the_timelines_graph_is_drawn_like_explores(monkeypatch, app_sample_store):
    store = app_sample_store
    monkeypatch.setenv(STORE_ENV, store.url)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update({"size": "mentions"})
    at.switch_page("views/timeline.py").run()

    args = graph_args(at)
    assert args["layout"]["name"] == "preset"
    nodes = args["elements"]["nodes"]
    assert all("position" in n and "size" in n["data"] for n in nodes)
    assert all("caption" in e["data"] for e in args["elements"]["edges"])
    assert at.radio(key="tl_size").value == "mentions"
    assert "line width: claims" in legend_html(at)


def test_the_timelines_actors_keep_their_places_as_the_date_moves(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    days = sorted({e.first_seen for e in store.ego([thermo.id], depth=2).edges if e.first_seen})
    assert len(days) > 1
    monkeypatch.setenv(STORE_ENV, store.url)
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params.update({"actor": thermo.id})
    at.switch_page("views/timeline.py").run()
    at.slider(key="tl_depth").set_value(2).run()
    last = positions(at)

    at.slider(key="tl_asof").set_value(date.fromisoformat(days[0])).run()

    first = positions(at)
    assert set(first) < set(last)  # fewer edges then, and the same places for their actors
    assert all(first[i] == last[i] for i in first)
