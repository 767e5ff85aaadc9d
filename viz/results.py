"""Query results for the consoles: table cells people can read, and the graph inside a result.

A store's QueryResult holds nodes and relationships as plain dicts (``_id``/``_labels``
for nodes, ``_type``/``_start``/``_end`` for relationships, paths as
``{"nodes": [...], "edges": [...]}``); these functions find them in any cell, however
nested, and turn them into st-link-analysis elements. Pure functions, tested without
a browser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from actorgraph.graph import QueryResult, printable
from actorgraph.schema import Vocabulary

MAX_ROWS = 1000  # rows shown in a table; the caption says when there were more
MAX_NODES = 500  # nodes drawn; more would make the component crawl
CAPTION_KEYS = ("name", "title", "key", "type", "id")
RESERVED = {"id", "label", "source", "target", "text"}  # the component's keys; article bodies


def is_node(value: Any) -> bool:
    return isinstance(value, dict) and "_id" in value and "_labels" in value


def is_relationship(value: Any) -> bool:
    return isinstance(value, dict) and "_type" in value and "_start" in value and "_end" in value


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every node and relationship dict in a cell, depth first (paths, lists, maps)."""
    if is_node(value) or is_relationship(value):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)


def caption(node: dict[str, Any]) -> str:
    """What a node is called on screen: its name, title, key ... or its first label."""
    for key in CAPTION_KEYS:
        if node.get(key) not in (None, ""):
            return str(node[key])
    labels = node.get("_labels") or []
    return str(labels[0]) if labels else str(node["_id"])


def main_label(node: dict[str, Any], vocab: Vocabulary) -> str:
    """An actor's kind when it has one (it is also a label), else its first label."""
    labels = list(node.get("_labels") or [])
    kinds = [label for label in labels if label in vocab.kinds]
    return kinds[0] if kinds else (labels[0] if labels else "node")


def short(value: Any) -> str:
    """A node or relationship in one line, as Cypher writes them."""
    if is_node(value):
        return f"(:{':'.join(value['_labels'])} {caption(value)})"
    if is_relationship(value):
        return f"[:{value['_type']}]"
    return json.dumps(value, default=str, ensure_ascii=False)


def cell(value: Any) -> Any:
    """A value a table can show: scalars as they are, anything else as one line of text
    (lone surrogates, which stored text may hold, as \\uXXXX: a page is UTF-8)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return printable(value)
    if is_node(value) or is_relationship(value):
        return printable(short(value))
    if isinstance(value, list | tuple):
        return printable(
            "[" + ", ".join(short(v) if isinstance(v, dict) else str(cell(v)) for v in value) + "]"
        )
    return printable(json.dumps(value, default=str, ensure_ascii=False))


def table(result: QueryResult, limit: int = MAX_ROWS) -> list[dict[str, Any]]:
    """The first ``limit`` rows as records of display cells (columns in query order)."""
    return [
        {column: cell(value) for column, value in zip(result.columns, row, strict=True)}
        for row in result.rows[:limit]
    ]


def _data(item: dict[str, Any]) -> dict[str, Any]:
    """Properties for the component's side panel: scalars only, no bookkeeping keys."""
    data = {
        k: cell(v)
        for k, v in item.items()
        if not k.startswith("_") and k not in RESERVED and v not in (None, "", [])
    }
    if item.get("id") not in (None, ""):
        data["ref"] = str(item["id"])  # "id" is the component's
    return data


def elements(result: QueryResult, vocab: Vocabulary, max_nodes: int = MAX_NODES) -> dict[str, list]:
    """The nodes and relationships in a result as st-link-analysis elements.

    Node ids are prefixed (``n…``, ``e…``) because the stores' internal ids are numbers on
    FalkorDB and strings on Neo4j. A relationship is drawn only when both its ends are in
    the result; nodes past ``max_nodes`` are left out.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    rels: list[dict[str, Any]] = []
    for row in result.rows:
        for value in row:
            for item in walk(value):
                if is_relationship(item):
                    rels.append(item)
                elif len(nodes) < max_nodes:
                    node_id = f"n{item['_id']}"
                    nodes.setdefault(
                        node_id,
                        {
                            **_data(item),
                            "id": node_id,
                            "label": main_label(item, vocab),
                            "name": caption(item),
                        },
                    )
    for rel in rels:
        source, target = f"n{rel['_start']}", f"n{rel['_end']}"
        if source in nodes and target in nodes:
            edge_id = f"e{rel['_id']}"
            edges.setdefault(
                edge_id,
                {
                    **_data(rel),
                    "id": edge_id,
                    "source": source,
                    "target": target,
                    "label": rel["_type"],
                },
            )
    return {
        "nodes": [{"data": d} for d in nodes.values()],
        "edges": [{"data": d} for d in edges.values()],
    }
