"""The newer views of the app, run headless with AppTest: the publisher filter, the pictures
of the view (SVG and PNG), all paths up to a length, expanding actors in place, the
Cypher graph's actors, and Ingest skipping what the store already holds.

Each check compares what a page shows with what the store answers for the same question.
"""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from datetime import date

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest
from test_app import THERMO, actor, drawn, plain, run_app
from test_app_pages import PATHS, graph_data, open_page
from test_paths_all import ACME, BETA, DOE, POLICE

from actorgraph.graph import ego
from actorgraph.graph.cypher import MAX_ALL_PATHS_LENGTH
from actorgraph.schema import vocabulary
from actorgraph.viz import draw, edge_filters, ingest_page, picture, results
from actorgraph.viz.connect import open_cached
from actorgraph.viz.cypher_console import actor_nodes
from actorgraph.viz.explore import depth_from_url, neighbourhood

pytest_plugins = ["app_fixtures"]

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module", autouse=True)
def _release_app_stores() -> Iterator[None]:
    yield
    open_cached.clear()


def keys(edges) -> set[tuple[str, str, str]]:
    return {(e.subject, e.type, e.object) for e in edges}


# -- publisher filter ----------------------------------------------------------------------------


def test_publisher_filter_keeps_edges_with_a_claim_from_that_publisher(
    monkeypatch, app_publishers_store
):
    store = app_publishers_store
    ego = store.ego([DOE.id], depth=1)
    herald = store.edges_from_publishers(ego.edges, ["The Herald"])
    assert herald and herald != keys(ego.edges)  # the filter has something to remove
    at = run_app(monkeypatch, store, actor=DOE.id, publisher="The Herald")

    assert not at.exception
    assert at.multiselect(key="publishers").options == ["The Daily", "The Herald"]
    assert at.multiselect(key="publishers").value == ["The Herald"]
    edges = drawn(at)[1]
    assert edges == {"|".join(k) for k in herald}
    table = at.dataframe[0].value
    assert set(zip(table["Relation"], table["Object"], strict=True)) == {
        (t, name) for s, t, o in herald for name in [next(n.name for n in ego.nodes if n.id == o)]
    }
    assert at.query_params["publisher"] == "The Herald"

    at.multiselect(key="publishers").set_value([]).run()
    assert drawn(at)[1] == {draw.edge_id(e) for e in ego.edges}
    assert "publisher" not in at.query_params


def test_evidence_under_a_publisher_filter_shows_that_publishers_sentences(
    monkeypatch, app_publishers_store
):
    """Acme -SUPPLIED-> police has a claim from each publisher; the filter shows one."""
    store = app_publishers_store
    supplied = f"{ACME.id}|SUPPLIED|{POLICE.id}"
    at = run_app(monkeypatch, store, actor=ACME.id, publisher="The Daily")
    at.selectbox(key="edge_pick").select(supplied).run()

    shown = [plain(m.value) for m in at.markdown]
    every = store.evidence(ACME.id, "SUPPLIED", POLICE.id)
    assert {ev.publisher for ev in every} == {"The Daily", "The Herald"}
    for ev in every:
        assert (ev.sentence in shown) == (ev.publisher == "The Daily")
    captions = [c.value for c in at.caption]
    assert any("1 more claim(s) from other publishers" in c for c in captions)


def test_an_unknown_publisher_in_the_url_is_dropped(monkeypatch, app_publishers_store):
    at = run_app(monkeypatch, app_publishers_store, actor=DOE.id, publisher="Nobody's Gazette")
    assert not at.exception
    assert at.multiselect(key="publishers").value == []
    assert drawn(at)[1] == {draw.edge_id(e) for e in app_publishers_store.ego([DOE.id]).edges}


def test_the_publisher_rule_without_streamlit():
    sub = edge_filters.Subgraph([], [])
    f = edge_filters.EdgeFilter(publishers=("The Daily",))
    edge = edge_filters.EdgeView("a", "SUED", "b", 1, 1, "asserted", 0.7)
    assert edge_filters.keeps(edge, f, {("a", "SUED", "b")})
    assert not edge_filters.keeps(edge, f, set())
    assert edge_filters.keeps(edge, edge_filters.EdgeFilter(), set())
    assert edge_filters.apply(sub, f) == sub
    assert f.signature() != edge_filters.EdgeFilter().signature()


# -- pictures of the view --------------------------------------------------------------------------


def png_chunks(data: bytes) -> list[bytes]:
    """The chunk types of a PNG, each chunk's CRC checked."""
    assert data[:8] == PNG_SIGNATURE
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc
        found.append(kind)
        at += 12 + length
    return found


def test_svg_has_one_element_per_actor_and_edge_in_the_kinds_colours(app_sample_store):
    store, vocab = app_sample_store, vocabulary()
    thermo = actor(store, THERMO)
    sub = store.ego([thermo.id], depth=2)
    root = ET.fromstring(picture.svg(sub, vocab, thermo.id))

    assert root.tag == f"{SVG}svg"
    nodes = root.findall(f"{SVG}g[@class='node']")
    edges = root.findall(f"{SVG}g[@class='edge']")
    assert sorted(g.get("data-id") for g in nodes) == sorted(n.id for n in sub.nodes)
    assert sorted(g.get("data-id") for g in edges) == sorted(draw.edge_id(e) for e in sub.edges)
    by_id = {n.id: n for n in sub.nodes}
    for g in nodes:
        shape = g.find(f"{SVG}polygon")
        assert shape.get("fill") == vocab.kinds[by_id[g.get("data-id")].kind].color
        assert g.find(f"{SVG}text").text == by_id[g.get("data-id")].name
    directed = [e for e in sub.edges if not vocab.relations[e.type].symmetric]
    arrows = [g for g in edges if g.find(f"{SVG}polygon") is not None]
    assert len(arrows) == len(directed)


def test_png_is_a_valid_image_of_the_declared_size(app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    data = picture.png(store.ego([thermo.id]), vocabulary(), thermo.id)

    assert png_chunks(data)[0] == b"IHDR" and png_chunks(data)[-1] == b"IEND"
    assert picture.png_size(data) == (picture.WIDTH, picture.HEIGHT)
    image = Image.open(io.BytesIO(data))
    image.verify()
    pixels = Image.open(io.BytesIO(data)).convert("RGB")
    colours = {c for _, c in pixels.getcolors(maxcolors=1 << 20)}
    company = tuple(int(vocabulary().kinds["Company"].color[i : i + 2], 16) for i in (1, 3, 5))
    assert company in colours  # Thermo Fisher, a company, is drawn in its kind's colour


def test_the_picture_layout_is_stable_and_inside_the_frame(app_publishers_store):
    sub = app_publishers_store.ego([DOE.id], depth=2)
    assert picture.svg(sub, vocabulary()) == picture.svg(sub, vocabulary())
    drawn = picture.scene(sub, vocabulary())
    for node in drawn.nodes:
        assert picture.MARGIN <= node["x"] <= picture.WIDTH - picture.MARGIN
        assert picture.HEADER <= node["y"] <= picture.HEIGHT - picture.FOOTER
    empty = picture.svg(edge_filters.Subgraph([], []), vocabulary())
    assert [g.get("class") for g in ET.fromstring(empty).findall(f"{SVG}g")] == ["legend"]
    assert picture.edge_width(1) == 1.5 and picture.edge_width(50) == 6.0


# -- all paths up to a length ---------------------------------------------------------------------


def test_all_paths_mode_lists_every_path_with_the_evidence_of_each_hop(
    monkeypatch, app_publishers_store
):
    store = app_publishers_store
    query = {"from": DOE.id, "to": POLICE.id, "max": "3", "mode": "all", "directed": "1"}
    at = open_page(monkeypatch, store, PATHS, **query)

    assert not at.exception
    found = store.all_paths(DOE.id, POLICE.id, max_length=3)
    assert len(found) == 3 and len(at.expander) == 3
    assert [e.label for e in at.expander] == [
        "1. Jane Doe → Ruritania police (1 hop)",
        "2. Jane Doe → Acme Corp → Ruritania police (2 hops)",
        "3. Jane Doe → Beta Ltd → Acme Corp → Ruritania police (3 hops)",
    ]
    shown = [plain(m.value) for m in at.markdown]
    for path in found:
        for edge in path.edges:
            for ev in store.evidence(edge.subject, edge.type, edge.object):
                assert f"> {ev.sentence}" in shown
    nodes, edges = graph_data(at)
    assert {n["id"] for n in nodes} == {DOE.id, ACME.id, BETA.id, POLICE.id}
    assert len(edges) == len({e for p in found for e in p.edges})
    assert at.query_params["mode"] == "all"

    at.radio(key="path_mode").set_value("shortest").run()
    assert [e.label for e in at.expander] == ["1. Jane Doe → Ruritania police (1 hop)"]


def test_connect_mode_joins_more_actors_by_the_smallest_tree(monkeypatch, app_publishers_store):
    store = app_publishers_store
    query = {"from": BETA.id, "to": POLICE.id, "mode": "connect", "also": DOE.id}
    at = open_page(monkeypatch, store, PATHS, **query)

    assert not at.exception and not at.warning
    assert at.multiselect(key="connect_also").value == [DOE.id]
    assert "3 actors joined by 3 edges" in " ".join(c.value for c in at.caption)
    shown = [plain(m.value) for m in at.markdown]
    assert "Jane Doe -FUNDED-> Beta Ltd (1 claim)" in shown
    assert "Jane Doe -SUED-> Ruritania police (1 claim)" in shown
    assert "Ruritania police -DETAINED-> Jane Doe (1 claim)" in shown
    nodes, _ = graph_data(at)
    assert {n["id"] for n in nodes} == {BETA.id, POLICE.id, DOE.id}

    at.multiselect(key="connect_also").set_value([]).run()  # From and To alone: Beta-?-police
    assert at.query_params["also"] == ""
    assert "actors joined by" in " ".join(c.value for c in at.caption)


def test_all_paths_mode_caps_the_length_slider(monkeypatch, app_publishers_store):
    query = {"from": DOE.id, "to": POLICE.id, "max": "6", "mode": "all"}
    at = open_page(monkeypatch, app_publishers_store, PATHS, **query)
    assert at.slider(key="max_length").value == MAX_ALL_PATHS_LENGTH
    assert at.slider(key="max_length").max == MAX_ALL_PATHS_LENGTH
    assert at.query_params["max"] == str(MAX_ALL_PATHS_LENGTH)


# -- expanding actors in place ---------------------------------------------------------------------


def test_expanded_actors_add_their_neighbours_to_the_view(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo, rubio = actor(store, THERMO), actor(store, "Marco Rubio")
    ego = store.ego([thermo.id])
    more = store.ego([rubio.id])
    assert {n.id for n in more.nodes} - {n.id for n in ego.nodes}  # Rubio brings new actors
    at = run_app(monkeypatch, store, actor=thermo.id, expand=rubio.id)

    assert not at.exception
    nodes, edges = drawn(at)
    assert nodes == {n.id for n in ego.nodes} | {n.id for n in more.nodes}
    assert edges == {draw.edge_id(e) for e in [*ego.edges, *more.edges]}
    assert "Collapse all (1)" in [b.label for b in at.button]

    at.button(key="expand_none").click().run()
    assert drawn(at)[0] == {n.id for n in ego.nodes}
    assert "expand" not in at.query_params


def test_neighbourhood_merges_without_duplicates(app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    sub = neighbourhood(
        store, thermo.id, 1, [thermo.id, *[n.id for n in store.ego([thermo.id]).nodes]]
    )
    assert len({n.id for n in sub.nodes}) == len(sub.nodes)
    assert len({draw.edge_id(e) for e in sub.edges}) == len(sub.edges)
    assert keys(store.ego([thermo.id], depth=2).edges) <= keys(sub.edges)


def test_the_cypher_graph_knows_which_nodes_are_actors(app_sample_store):
    result = app_sample_store.query("MATCH (s:Actor)-[r:CRITICIZED]->(o:Actor) RETURN s, r, o")
    elements = results.elements(result, vocabulary())
    found = actor_nodes(elements, vocabulary())
    assert found and set(found.values()) == {
        n for row in result.rows for n in (row[0]["id"], row[2]["id"])
    }
    articles = app_sample_store.query("MATCH (a:Article) RETURN a LIMIT 2")
    assert actor_nodes(results.elements(articles, vocabulary()), vocabulary()) == {}


# -- Ingest skips what the store holds -------------------------------------------------------------


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key=ingest_page.TEXT).input(text)
    return at.button(key=ingest_page.PREVIEW).click().run()


def test_ingest_skips_an_article_the_store_already_holds(monkeypatch, fresh_store):
    text = "Acme Corp sold radios to Ruritania police."
    at = run_app(monkeypatch, fresh_store).switch_page("views/ingest.py").run()
    at = paste(at, text)
    at = at.button(key=ingest_page.WRITE).click().run()
    assert fresh_store.stats().articles == 1

    at = paste(at, text)

    assert not at.exception
    assert any("Skipped 1 article(s) the store already holds" in i.value for i in at.info)
    assert at.button(key=ingest_page.WRITE).disabled
    assert fresh_store.stats().articles == 1


def test_screening_skips_stored_articles_and_reads_a_repeat_once(fresh_store, extractor):
    from actorgraph.pipeline import pasted_article, screen_against

    old, new = pasted_article("Acme Corp sold radios."), pasted_article("Beta Ltd sued Acme.")
    fresh_store.write(list(extractor.extract_many([old])))
    screened = screen_against([old, new, new], fresh_store, extractor.name)
    assert [a.id for a in screened.todo] == [new.id]
    assert [a.id for a in screened.skipped] == [old.id]
    screened = screen_against([old], fresh_store, "another-extractor")
    assert ([a.id for a in screened.todo], screened.skipped) == ([old.id], [])


def test_the_depth_is_read_from_and_kept_in_the_url(monkeypatch, app_sample_store):
    store = app_sample_store
    thermo = actor(store, THERMO)
    at = run_app(monkeypatch, store, actor=thermo.id, depth="2")
    assert at.slider(key="depth").value == 2
    assert drawn(at)[0] == {n.id for n in store.ego([thermo.id], depth=2).nodes}
    at.slider(key="depth").set_value(1).run()
    assert at.query_params["depth"] == "1"
    assert [depth_from_url(t) for t in ("9", "0", "x", None)] == [3, 1, 1, 1]


def test_a_capped_view_says_the_busiest_neighbours_are_left_out(monkeypatch, app_sample_store):
    """With no edges to spare for walking, the ego network keeps its expanded actors, drops
    the neighbours it would have to walk, and Explore says so."""
    store = app_sample_store
    thermo = actor(store, THERMO)
    full = store.ego([thermo.id], depth=2)
    monkeypatch.setattr(ego, "HUBS_LOOKED_UP", 1)
    monkeypatch.setattr(ego, "EDGE_WALK_BUDGET", 0)
    small = store.ego([thermo.id], depth=2)
    assert small.capped and not full.capped
    assert {n.id for n in small.nodes} < {n.id for n in full.nodes}
    at = run_app(monkeypatch, store, actor=thermo.id, depth="2")
    assert not at.exception
    assert any("busiest neighbours are left out" in c.value for c in at.caption)
    assert drawn(at)[0] == {n.id for n in small.nodes}


def test_paths_walk_only_the_relation_types_and_dates_chosen(monkeypatch, app_publishers_store):
    query = {"from": DOE.id, "to": POLICE.id, "max": "3", "mode": "all", "directed": "1"}
    at = open_page(monkeypatch, app_publishers_store, PATHS, **query)
    assert len(at.expander) == 3  # every type: three paths

    at.multiselect(key="walk_types").set_value(["CRITICIZED", "SUPPLIED"]).run()

    assert not at.exception
    assert [e.label for e in at.expander] == ["1. Jane Doe → Acme Corp → Ruritania police (2 hops)"]
    assert at.query_params["type"] == ["CRITICIZED", "SUPPLIED"]
    at.multiselect(key="walk_types").set_value([]).run()
    at.date_input(key="walk_since").set_value(date(2022, 5, 1)).run()  # the Herald's edges
    assert [e.label for e in at.expander] == [
        "1. Jane Doe → Beta Ltd → Acme Corp → Ruritania police (3 hops)"
    ]
    at.multiselect(key="walk_modalities").set_value(["negated"]).run()
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("No path of at most 3 hops from Jane Doe to Ruritania police")
    assert "Only edges of modality negated" in warning
