"""Layers point one way (architecture guide, habit 6), checked by scanning imports (AST).

- the core (``core/polypact``) never imports a plugin package (``polypact_*``);
- plugins never import each other;
- plugins import only public modules of ``polypact`` (no ``_private`` module, not the
  core's own default plugin ``polypact.builtin``);
- inside the core: the model is pure data (imports only the model and errors); matching
  and pact-file I/O never reach up to the consumer DSL, the verifier or the CLI; the
  verifier never imports the CLI.

Every import counts, including those inside functions (lazy imports are still imports).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

CORE = REPO / "core" / "polypact"
PLUGIN_DIRS = sorted(p for p in (REPO / "plugins").glob("*/polypact_*") if p.is_dir())
EXAMPLE_PLUGINS = sorted((REPO / "docs" / "examples").glob("*/polypact_*"))


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports (absolute name, with ``from x import y`` giving both
    ``x`` and ``x.y``), with its line number. Relative imports are resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _package_of(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(p for p in [*parts, base] if p)
            yield node.lineno, base
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{base}.{alias.name}"


def _package_of(path: Path) -> str:
    for root in [CORE.parent, *(p.parent for p in PLUGIN_DIRS), *(p.parent for p in EXAMPLE_PLUGINS)]:
        if path.is_relative_to(root):
            rel = path.relative_to(root).with_suffix("")
            return ".".join(rel.parts[:-1])
    return ""


def _modules(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _top(name: str) -> str:
    return name.split(".", 1)[0]


def _violations(files: list[Path], rule) -> list[str]:
    found = []
    for path in files:
        for line, name in imports_of(path):
            reason = rule(path, name)
            if reason:
                found.append(f"{path.relative_to(REPO)}:{line}: imports {name} ({reason})")
    return found


def test_the_scan_sees_the_tree():
    assert len(_modules(CORE)) > 20
    assert any(p.name == "polypact_http" for p in PLUGIN_DIRS)
    http_plugin = REPO / "plugins" / "http" / "polypact_http" / "plugin.py"
    assert "polypact.hookimpl" in {n for _, n in imports_of(http_plugin)}


def test_the_scan_catches_violations(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from polypact_grpc import plugin\n    import polypact_http.provider\n")
    names = [n for _, n in imports_of(bad)]
    assert "polypact_grpc" in names and "polypact_http.provider" in names


def test_core_never_imports_a_plugin():
    def rule(path: Path, name: str) -> str | None:
        return "the core never imports a plugin" if _top(name).startswith("polypact_") else None

    assert _violations(_modules(CORE), rule) == []


@pytest.mark.parametrize("plugin_dir", PLUGIN_DIRS + EXAMPLE_PLUGINS, ids=lambda p: p.name)
def test_plugins_import_only_themselves_and_public_polypact(plugin_dir: Path):
    own = plugin_dir.name

    def rule(path: Path, name: str) -> str | None:
        top = _top(name)
        if top.startswith("polypact_") and top != own:
            return "plugins never import each other"
        if top == "polypact":
            parts = name.split(".")
            if any(p.startswith("_") and not p.startswith("__") for p in parts):
                return "private polypact module"
            if len(parts) > 1 and parts[1] == "builtin":
                return "polypact.builtin is the core's default plugin, reach it through hooks"
        return None

    assert _violations(_modules(plugin_dir), rule) == []


_CORE_LAYERS = {
    # package: packages it must not import
    "polypact.model": ("polypact.matching", "polypact.pactfile", "polypact.consumer", "polypact.verifier",
                       "polypact.cli", "polypact.generate", "polypact.registry", "polypact.plugins"),
    "polypact.matching": ("polypact.consumer", "polypact.verifier", "polypact.cli", "polypact.pytest_plugin"),
    "polypact.pactfile": ("polypact.consumer", "polypact.verifier", "polypact.cli", "polypact.pytest_plugin"),
    "polypact.generate": ("polypact.consumer", "polypact.verifier", "polypact.cli", "polypact.pytest_plugin"),
    "polypact.verifier": ("polypact.cli", "polypact.consumer", "polypact.pytest_plugin"),
    "polypact.reporters": ("polypact.cli", "polypact.consumer"),
}


@pytest.mark.parametrize("package", sorted(_CORE_LAYERS))
def test_core_layers_point_one_way(package: str):
    root = CORE.parent.joinpath(*package.split("."))
    if not root.exists():
        pytest.skip(f"{package} does not exist yet")
    forbidden = _CORE_LAYERS[package]

    def rule(path: Path, name: str) -> str | None:
        for f in forbidden:
            if name == f or name.startswith(f + "."):
                return f"{package} must not depend on {f}"
        return None

    assert _violations(_modules(root), rule) == []
