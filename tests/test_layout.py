"""The layout shows the architecture: the app's pages draw what actorgraph.graph's public
names return, and no page reaches into another (shared helpers live in their own modules)."""

from __future__ import annotations

import ast
from pathlib import Path

VIZ = Path(__file__).parent.parent / "viz"


def _imports(path: Path) -> set[str]:
    """Every module a file imports from, by its dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def _pages() -> set[str]:
    """The page modules: those a Streamlit view script renders."""
    return {m for view in (VIZ / "views").glob("*.py") for m in _imports(view)}


def test_the_app_uses_only_the_graph_packages_public_names():
    inside = {
        f"{path.name}: {module}"
        for path in VIZ.rglob("*.py")
        for module in _imports(path)
        if module.startswith("actorgraph.graph.")
    }
    assert not inside


def test_no_page_imports_another_page():
    pages = _pages()
    assert "actorgraph.viz.explore" in pages  # the views are found
    crossing = {
        f"{path.name}: {module}"
        for path in VIZ.glob("*.py")
        for module in _imports(path) & pages
        if module != f"actorgraph.viz.{path.stem}"
    }
    assert not crossing
