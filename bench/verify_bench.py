"""(ii) Verifying a pact of 1,000 HTTP interactions against a fast local provider.

Both tools verify the same pact file (V4 JSON, integer/type/decimal/boolean/min rules, the
provider's values differ from the examples) against the same keep-alive HTTP server
(:mod:`bench.providers`), in-process, from their Python APIs: polypact's
``Verifier(...).verify()`` and pact-python's ``Verifier(...).verify()``. Timed: the
``verify()`` call (pact loading included). Target: polypact at least 5x faster.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench import pacts, providers, reference
from bench.common import Result, iterations

PROVIDER = "bench-items"


def polypact_verify(pact: Path, base_url: str) -> tuple[float, bool]:
    """Seconds polypact's verifier takes for ``pact``, and whether it passed."""
    from polypact import Verifier

    verifier = Verifier(PROVIDER).add_source(str(pact)).transport("http", base_url)
    started = time.perf_counter()
    summary = verifier.verify()
    return time.perf_counter() - started, bool(summary.success)


def run() -> list[Result]:
    """Verify 1,000 interactions with each tool; report ms per interaction."""
    count = iterations(1000, 200)
    with tempfile.TemporaryDirectory(prefix="polypact-bench-") as tmp:
        pact = pacts.write(pacts.items_pact(count), Path(tmp), "bench-items.json")
        with providers.serve() as url:
            polypact_verify(pact, url)  # warm-up: imports, plugin registry
            ours = [polypact_verify(pact, url) for _ in range(iterations(3, 1))]
            theirs = None
            if reference.available():
                seconds, ok, _ = reference.verify(pact, PROVIDER, url)
                theirs = (seconds, ok)
    median = statistics.median(seconds for seconds, _ in ours)
    ours_ok = all(ok for _, ok in ours)
    per_interaction = median / count * 1000
    reference_ms = theirs[0] / count * 1000 if theirs else None
    result = Result(
        name=f"verify {count} HTTP interactions",
        polypact=per_interaction,
        reference=reference_ms,
        unit="ms/interaction",
        target=">= 5x faster than pact-python",
        method=("same pact file and keep-alive provider, in-process Python APIs; polypact: "
                f"median of {len(ours)} runs after a warm-up, pact-python: one run "
                "(its report on stdout sent to /dev/null)"),
        details={"interactions": count, "polypact_passed": ours_ok,
                 "reference_passed": theirs[1] if theirs else None,
                 "polypact_total_s": median,
                 "reference_total_s": theirs[0] if theirs else None},
    )
    if reference_ms is not None:
        result.met = ours_ok and bool(theirs and theirs[1]) and reference_ms / per_interaction >= 5
    return [result]
