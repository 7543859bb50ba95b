"""Run polypact's benchmarks and compare them with pact-python 4.2.0 in the same run.

Every ``bench/<name>_bench.py`` module with a ``run() -> list[Result]`` function is
discovered and run in turn (``consumer``, ``verify``, ``startup``, ``matching`` first,
then the others alphabetically). Prints a table of figures and ratios and writes
``bench/results.json`` (a build output, not committed).

    python bench/run.py                     # everything
    python bench/run.py --only verify grpc  # some modules
    python bench/run.py --quick             # fewer iterations (a smoke run)
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("PACT_DO_NOT_TRACK", "true")

from bench import common  # noqa: E402
from bench.common import Result, format_value  # noqa: E402

ORDER = ("consumer", "verify", "startup", "matching")


def discover(folder: Path = BENCH) -> list[str]:
    """Names (without ``_bench``) of the benchmark modules in ``folder``, in run order."""
    names = [p.stem[: -len("_bench")] for p in folder.glob("*_bench.py")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def run_module(name: str) -> tuple[list[Result], str | None, float]:
    """Import ``bench.<name>_bench`` and call its ``run()``; (results, error, seconds)."""
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.{name}_bench")
        results = list(module.run())
        error = None
    except Exception as exc:  # one broken benchmark must not hide the others
        traceback.print_exc()
        results, error = [], f"{type(exc).__name__}: {exc}"
    return results, error, time.perf_counter() - started


def table(results: list[Result]) -> str:
    """The results as an aligned text table."""
    rows = [("benchmark", "polypact", "pact-python", "ratio", "target", "met")]
    for r in results:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        met = {True: "yes", False: "NO", None: "-"}[r.met]
        rows.append((r.name, format_value(r.polypact, r.unit),
                     format_value(r.reference, r.unit), ratio, r.target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def environment() -> dict[str, str]:
    """Versions and machine facts recorded with the results."""
    info = {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": str(os.cpu_count())}
    for dist in ("polypact", "pact-python", "pact-python-ffi"):
        try:
            from importlib.metadata import version

            info[dist] = version(dist)
        except Exception:
            info[dist] = "not installed"
    return info


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 1 when a benchmark module crashed (not for missed
    targets: those are reported in the table and the JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these modules")
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    parser.add_argument("--output", type=Path, default=BENCH / "results.json")
    args = parser.parse_args(argv)
    common.QUICK = args.quick
    names = discover()
    if args.only:
        unknown = set(args.only) - set(names)
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(sorted(unknown))}; "
                         f"available: {', '.join(names)}")
        names = [n for n in names if n in args.only]
    all_results: list[Result] = []
    errors: dict[str, str] = {}
    timings: dict[str, float] = {}
    for name in names:
        print(f"running {name} ...", flush=True)
        results, error, seconds = run_module(name)
        timings[name] = round(seconds, 2)
        all_results.extend(results)
        if error:
            errors[name] = error
        print(f"  done in {seconds:.1f}s", flush=True)
    print()
    print(table(all_results))
    for result in all_results:
        if result.method:
            print(f"\n* {result.name}: {result.method}")
    for name, error in errors.items():
        print(f"\n! {name} failed: {error}")
    report = {"environment": environment(), "quick": args.quick, "seconds": timings,
              "results": [r.to_json() for r in all_results], "errors": errors}
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults written to {args.output}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
