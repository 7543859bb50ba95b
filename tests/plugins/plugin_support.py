"""Helpers shared by the protocol plugins' tests: running Python in a fresh interpreter
(to see what importing a plugin loads, or how it behaves without an optional
dependency), putting an example on ``sys.path`` and loading its demo module."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def example_on_path(name: str) -> Path:
    """``examples/<name>``, put at the front of ``sys.path`` (once) so the example's
    packages import in the tests."""
    folder = EXAMPLES / name
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    return folder


def run_python(code: str) -> str:
    """Run ``code`` with ``python -c`` in a fresh interpreter; assert it succeeded and
    return its standard output."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def hide_module(name: str) -> str:
    """Python source that, run first, makes importing ``name`` (and its submodules) raise
    ``ModuleNotFoundError`` as if the distribution were not installed."""
    return f"""
import importlib.abc, sys
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {name!r} or name.startswith({name + "."!r}):
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Hide())
"""


def load_demo(example: Path, module_name: str) -> ModuleType:
    """Import ``example/demo.py`` under ``module_name`` (a name no other test uses)."""
    spec = importlib.util.spec_from_file_location(module_name, example / "demo.py")
    assert spec is not None and spec.loader is not None, example
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def status_without(module: str, plugin: str) -> tuple[str, str]:
    """``(status, reason)`` that ``plugin_statuses`` reports for ``plugin`` in a fresh
    interpreter where ``module`` cannot be imported."""
    out = run_python(hide_module(module) + "import json\n"
                     "from polypact.plugins import get_plugin_manager, plugin_statuses\n"
                     "s = {p.name: (p.status, p.reason) for p in plugin_statuses(get_plugin_manager())}\n"
                     f"print(json.dumps(s[{plugin!r}]))")
    status, reason = json.loads(out)
    return status, reason
