"""The demo: example consumers write pacts, example providers are verified, results printed.

Each protocol contributes a demo step, ``examples/<proto>/demo.py``, with a function
``run(pact_dir: pathlib.Path) -> bool`` (and optionally a ``TITLE``). This script finds
every such module, runs them in order (``http`` first, then alphabetically) with a fresh
pact folder each, and prints a summary. Exit status 0 when every step succeeded, 1
otherwise.

    python examples/run_demo.py                # every protocol
    python examples/run_demo.py http grpc      # only these
    python examples/run_demo.py --pact-dir out # keep the pacts in ./out/<proto>/
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

EXAMPLES = Path(__file__).resolve().parent
FIRST = ("http",)


@dataclass
class DemoStep:
    """One protocol's demo: its name, title and ``run(pact_dir) -> bool``."""

    name: str
    title: str
    run: Callable[[Path], bool]


def discover(root: Path = EXAMPLES) -> list[DemoStep]:
    """Every ``<root>/<proto>/demo.py`` with a ``run`` function, ``http`` first. Raises
    ``ImportError`` when two of the folders hold modules of the same name."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    found = sorted(root.glob("*/demo.py"),
                   key=lambda p: (p.parent.name not in FIRST, p.parent.name))
    from example_paths import check_distinct

    check_distinct([root, *(path.parent for path in found)])  # all of them join sys.path
    return [_load(path) for path in found]


def _load(path: Path) -> DemoStep:
    name = path.parent.name
    spec = importlib.util.spec_from_file_location(f"polypact_demo_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path}: cannot be imported")
    module: ModuleType = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # a broken step must not hide the others
        return DemoStep(name, f"{name} (failed to import: {error})", _failing(error))
    run = getattr(module, "run", None)
    if not callable(run):
        error = AttributeError(f"{path} defines no run(pact_dir) -> bool function")
        return DemoStep(name, name, _failing(error))
    return DemoStep(name, str(getattr(module, "TITLE", name)), run)


def _failing(error: BaseException) -> Callable[[Path], bool]:
    def run(pact_dir: Path) -> bool:
        print(f"    {type(error).__name__}: {error}")
        return False

    return run


def run_steps(steps: list[DemoStep], pact_root: Path) -> list[tuple[DemoStep, bool, float]]:
    """Run each step with its own ``pact_root/<name>`` folder; collect outcomes."""
    outcomes = []
    for demo in steps:
        print(f"\n=== {demo.title}", flush=True)
        started = time.perf_counter()
        try:
            ok = bool(demo.run(pact_root / demo.name))
        except Exception:  # report and go on with the next protocol
            traceback.print_exc()
            ok = False
        outcomes.append((demo, ok, time.perf_counter() - started))
    return outcomes


def print_summary(outcomes: list[tuple[DemoStep, bool, float]]) -> None:
    """One line per protocol, then the verdict."""
    print("\n=== Summary")
    for demo, ok, seconds in outcomes:
        print(f"  {'PASS' if ok else 'FAIL'}  {demo.name:<10} {seconds:6.2f}s  {demo.title}")
    failed = [demo.name for demo, ok, _ in outcomes if not ok]
    if failed:
        print(f"\n{len(failed)} of {len(outcomes)} demo(s) failed: {', '.join(failed)}")
    else:
        print(f"\nAll {len(outcomes)} demo(s) passed: pacts written and providers verified.")


def _print_plugins() -> None:
    try:
        from polypact.plugins import plugin_statuses
        from polypact.registry import get_registry

        statuses = plugin_statuses(get_registry().pm)
    except Exception as error:  # the demo itself will show what is wrong
        print(f"plugins: could not be listed ({error})")
        return
    listed = ", ".join(f"{s.name} ({s.status})" for s in statuses)
    print(f"polypact plugins: {listed}")


def main(argv: list[str] | None = None) -> int:
    """Run the demo; the exit status says whether everything passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("protocols", nargs="*", help="run only these demos (default: all)")
    parser.add_argument("--pact-dir", type=Path, help="keep pacts here (default: a temp dir)")
    args = parser.parse_args(argv)
    os.environ.setdefault("PACT_DO_NOT_TRACK", "true")
    try:
        steps = discover()
    except ImportError as error:
        print(error)
        return 1
    if args.protocols:
        unknown = set(args.protocols) - {s.name for s in steps}
        if unknown:
            parser.error(f"no demo for {', '.join(sorted(unknown))} "
                         f"(available: {', '.join(s.name for s in steps)})")
        steps = [s for s in steps if s.name in args.protocols]
    if not steps:
        print("no demos found (examples/<proto>/demo.py)")
        return 1
    _print_plugins()
    if args.pact_dir:
        outcomes = run_steps(steps, args.pact_dir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="polypact-demo-") as tmp:
            outcomes = run_steps(steps, Path(tmp))
    print_summary(outcomes)
    return 0 if all(ok for _, ok, _ in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
