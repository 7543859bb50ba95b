"""Where the examples' modules are found, and a check that their names do not clash.

Each example folder (``examples/<proto>/``) is put on ``sys.path`` so that its client and
provider packages import by name (``import users_provider``). The demo (and
``pytest examples``) imports several examples in one process, so two folders must never
hold a module of the same name: the first on ``sys.path`` would silently win.
``conftest.py``, ``demo.py`` and ``tests/`` are left out of the check: pytest and
``run_demo.py`` load them by path, never by name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["EXAMPLES", "check_distinct", "example_folders", "module_names", "put_on_path"]

EXAMPLES = Path(__file__).resolve().parent
LOADED_BY_PATH = frozenset({"conftest", "demo", "tests"})


def example_folders(root: Path = EXAMPLES) -> list[Path]:
    """The example folders under ``root``: those with a ``demo.py`` or a ``tests/``."""
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and ((p / "demo.py").is_file() or (p / "tests").is_dir()))


def module_names(folder: Path) -> set[str]:
    """The top-level modules ``folder`` provides on ``sys.path`` (``*.py`` files and
    packages), without those loaded by path."""
    names = {p.stem for p in folder.glob("*.py")}
    names |= {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    return names - LOADED_BY_PATH


def check_distinct(folders: Iterable[Path]) -> None:
    """Raise ``ImportError`` naming the module and the folders when two ``folders`` hold a
    module of the same name."""
    seen: dict[str, Path] = {}
    for folder in folders:
        for name in sorted(module_names(folder)):
            if name in seen and seen[name] != folder:
                raise ImportError(
                    f"examples: module {name!r} is in both {seen[name]} and {folder}; "
                    "example modules share one sys.path, so give them distinct names")
            seen[name] = folder


def put_on_path(folders: Iterable[Path]) -> None:
    """Check that ``folders`` hold distinct modules (and none named like the shared ones of
    ``examples/``), then put each on ``sys.path``."""
    folders = list(folders)
    check_distinct([EXAMPLES, *folders])
    for folder in folders:
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
