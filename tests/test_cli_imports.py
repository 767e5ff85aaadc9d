"""The CLI package imports without a circle, and the source tree needs no import or
attribute excuses.

The command modules register on the Typer app of ``actorgraph.cli.app``; the package
``actorgraph.cli`` imports them. A command module that imported the package back (as
the old ``cli_*.py`` modules imported ``actorgraph.cli``) would close a circle that only
works while the imports run in one lucky order, hence the late imports it needed.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import networkx as nx
from conftest import ROOT

import actorgraph

PACKAGE = "actorgraph.cli"
# Built from parts so this file does not hold the markers it looks for.
MARKERS = ("noqa: " + "E402", "type: ignore" + "[attr-defined]")
SOURCE_DIRS = ("actorgraph", "graph", "loaders", "schema", "viz", "tests", "bench", "docs")


def cli_modules() -> list[str]:
    """Every module of the CLI: the package and its modules, and any ``actorgraph.cli_*``
    module beside it (where the old layout kept its command groups)."""
    names = [PACKAGE]
    package = importlib.import_module(PACKAGE)
    if hasattr(package, "__path__"):
        names += [m.name for m in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")]
    names += [
        f"actorgraph.{m.name}"
        for m in pkgutil.iter_modules(actorgraph.__path__)
        if m.name.startswith("cli_")
    ]
    return sorted(names)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The imports that run when the module loads (not those in functions or under
    ``if TYPE_CHECKING:``, which never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody
            for handler in node.handlers:
                pending += handler.body
    return found


def imported_by(name: str) -> set[str]:
    """The ``actorgraph.*`` modules ``name`` imports as it loads. ``from P import x`` imports
    ``P`` (x is read off it, whatever P has bound so far) and also ``P.x`` when that is a
    module; a package importing its own modules this way is no circle."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"), spec.origin)
    is_package = spec.submodule_search_locations is not None
    here = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _top_level_imports(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
            continue
        base = node.module or ""
        if node.level:
            parent = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
            base = f"{parent}.{base}" if base else parent
        found.add(base)
        found |= {f"{base}.{a.name}" for a in node.names if _is_module(f"{base}.{a.name}")}
    found.discard(name)
    return {m for m in found if m == "actorgraph" or m.startswith("actorgraph.")}


def import_graph(start: list[str]) -> nx.DiGraph:
    """Modules as nodes, imports as edges, from ``start`` to every actorgraph module reached."""
    graph = nx.DiGraph()
    pending, seen = list(start), set(start)
    while pending:
        name = pending.pop()
        graph.add_node(name)
        for target in imported_by(name):
            graph.add_edge(name, target)
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return graph


def test_the_cli_modules_import_without_a_circle():
    modules = cli_modules()
    graph = import_graph(modules)
    cycles = [c for c in nx.simple_cycles(graph) if any(m in modules for m in c)]
    assert cycles == [], f"import circles through the CLI: {cycles}"


def test_no_command_module_imports_the_cli_package_back():
    back = {m for m in cli_modules() if m != PACKAGE and PACKAGE in imported_by(m)}
    assert back == set(), f"these import {PACKAGE} itself (import {PACKAGE}.app): {back}"


def test_the_cli_is_a_package_of_command_modules_on_one_app():
    package = importlib.import_module(PACKAGE)
    app_module = importlib.import_module(f"{PACKAGE}.app")
    assert hasattr(package, "__path__")
    assert package.app is app_module.app
    commands = [m for m in cli_modules() if m not in (PACKAGE, f"{PACKAGE}.app")]
    registering = {m for m in commands if f"{PACKAGE}.app" in imported_by(m)}
    assert registering, "no command module registers on actorgraph.cli.app"
    assert registering <= imported_by(PACKAGE), "a command module the package does not import"


def python_sources() -> list[Path]:
    """The project's Python files (not the virtualenv's, not node_modules')."""
    return sorted(
        path
        for folder in SOURCE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if not {".venv", "node_modules"} & set(path.relative_to(ROOT).parts)
    )


def test_no_late_imports_or_attribute_excuses_remain():
    sources = python_sources()
    assert len(sources) > 50  # the walk found the tree
    found = [
        f"{path.relative_to(ROOT)}:{number}: {marker}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for marker in MARKERS
        if marker in line
    ]
    assert found == []
