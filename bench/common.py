"""What a benchmark reports, and small timing helpers shared by the ``*_bench`` modules.

A benchmark module is ``bench/<name>_bench.py`` with ``run() -> list[Result]``. Keep each
module under about 40 seconds; ``bench/run.py`` discovers, runs and tabulates them and
writes ``bench/results.json``.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

#: Set by ``run.py --quick``: benchmarks should use fewer iterations.
QUICK = False


@dataclass
class Result:
    """One benchmark figure.

    ``polypact`` and ``reference`` (pact-python 4.2.0, or ``None`` when there is no peer
    figure) are in ``unit`` (lower is better). ``target`` states the goal in words, and
    ``met`` whether this run met it (``None``: no target). ``method`` says honestly how
    the figures were obtained.
    """

    name: str
    polypact: float
    unit: str
    reference: float | None = None
    target: str = ""
    met: bool | None = None
    method: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """How many times faster polypact is than the reference (>1: polypact faster)."""
        if self.reference is None or self.polypact <= 0:
            return None
        return self.reference / self.polypact

    def to_json(self) -> dict[str, Any]:
        """The result as a JSON-ready dict (with the ratio)."""
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def iterations(full: int, quick: int) -> int:
    """``full`` iterations normally, ``quick`` under ``run.py --quick``."""
    return quick if QUICK else full


def sample(function: Callable[[], Any], count: int, warmup: int = 3) -> list[float]:
    """Wall-clock seconds of ``count`` calls of ``function`` (after ``warmup`` calls),
    with the garbage collector paused during each call."""
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(count):
        gc.disable()
        started = time.perf_counter()
        try:
            function()
        finally:
            elapsed = time.perf_counter() - started
            gc.enable()
        timings.append(elapsed)
    return timings


def median_ms(timings: list[float]) -> float:
    """The median of ``timings`` (seconds) in milliseconds."""
    return statistics.median(timings) * 1000.0


def format_value(value: float | None, unit: str) -> str:
    """A figure with its unit, in a compact form."""
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.3g} {unit}"
