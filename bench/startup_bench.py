"""(iii) CLI start-up: ``polypact --help`` and ``polypact plugins`` in a fresh process.

Median wall-clock time of N subprocess runs of the installed console script (Python
interpreter start-up included, as a user experiences it). Target: under 200 ms each. No
peer figure: pact-python 4.2.0 ships no equivalent command; the bare interpreter's start-up
is shown in the details as the floor.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Result, iterations, median_ms

TARGET_MS = 200.0


def _command() -> list[str]:
    script = Path(sys.executable).with_name("polypact")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from polypact.cli.main import main; "
            "sys.exit(main())"]


def time_command(command: list[str], runs: int) -> tuple[list[float], int]:
    """Wall-clock seconds of ``runs`` runs of ``command`` (after one warm-up run), and
    the last exit code."""
    env = {**os.environ, "NO_COLOR": "1"}
    subprocess.run(command, capture_output=True, env=env)
    timings, code = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        code = subprocess.run(command, capture_output=True, env=env).returncode
        timings.append(time.perf_counter() - started)
    return timings, code


def run() -> list[Result]:
    """Time ``polypact --help`` and ``polypact plugins``."""
    runs = iterations(15, 5)
    floor, _ = time_command([sys.executable, "-c", "pass"], runs)
    results = []
    for args in (["--help"], ["plugins"]):
        timings, code = time_command([*_command(), *args], runs)
        figure = median_ms(timings)
        results.append(Result(
            name="polypact " + " ".join(args),
            polypact=figure,
            unit="ms",
            target=f"< {TARGET_MS:.0f} ms",
            met=code == 0 and figure < TARGET_MS,
            method=f"subprocess, median of {runs} runs after a warm-up",
            details={"exit_code": code, "python_startup_ms": median_ms(floor)},
        ))
    return results
