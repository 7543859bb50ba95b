"""(iv) Matching a response body of 10,000 objects under an ``each_like`` rule.

polypact: ``polypact.match_response(expected, actual)`` in-process, where ``expected`` is
the interaction read from the pact file and ``actual`` a response whose body is the raw
JSON bytes (so JSON parsing is included), median of several runs.

pact-python exposes no matching function, so its figure is derived from its verifier:
the median time to verify one interaction whose provider returns the 10,000-object body,
minus the median time for the same interaction when the provider returns a one-object
body (same rules, same server). The difference is what the 10,000 objects cost the Rust
core: receiving, parsing and matching them. The same subtraction is shown for polypact's
verifier in the details, so both methods can be compared like for like.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from bench import pacts, providers, reference
from bench.common import Result, iterations, median_ms, sample

OBJECTS = 10_000
PROVIDER = "bench-matching"


def _documents(big: bytes) -> tuple[dict, dict]:
    example = {"items": [providers.item(0)]}
    rules = pacts.each_like_rules()
    large = pacts.pact_document(PROVIDER, [pacts.http_interaction(
        "a request for many items", "/many", example, rules)])
    small = pacts.pact_document(PROVIDER, [pacts.http_interaction(
        "a request for many items", "/one", example, rules)])
    return large, small


def polypact_match(pact: Path, raw: bytes) -> tuple[float, int, int]:
    """Median ms of ``match_response`` on the 10k body, its mismatch count, and the
    mismatch count for the same body with its last object broken (a sanity check that
    the whole array is really matched)."""
    from polypact import match_response, read_pact
    from polypact.model import Body, HttpResponse

    expected = read_pact(pact).interactions[0].response
    actual = HttpResponse(status=200, headers={"Content-Type": ["application/json"]},
                          body=Body.from_bytes(raw, "application/json"))
    mismatches = match_response(expected, actual)
    timings = sample(lambda: match_response(expected, actual), iterations(7, 3), warmup=1)
    broken = json.loads(raw)
    broken["items"][-1]["name"] = 42
    broken_actual = HttpResponse(status=200, headers=actual.headers,
                                 body=Body.from_bytes(json.dumps(broken).encode(),
                                                      "application/json"))
    return median_ms(timings), len(mismatches), len(match_response(expected, broken_actual))


def _verify_ms(verify, pact: Path, url: str, runs: int) -> tuple[float, bool]:
    times, passed = [], True
    for _ in range(runs):
        seconds, ok = verify(pact, url)
        times.append(seconds)
        passed = passed and ok
    return statistics.median(times) * 1000, passed


def _polypact_verify(pact: Path, url: str) -> tuple[float, bool]:
    from polypact import Verifier

    verifier = Verifier(PROVIDER).add_source(str(pact)).transport("http", url)
    started = time.perf_counter()
    summary = verifier.verify()
    return time.perf_counter() - started, bool(summary.success)


def _reference_verify(pact: Path, url: str) -> tuple[float, bool]:
    seconds, ok, _ = reference.verify(pact, PROVIDER, url)
    return seconds, ok


def run() -> list[Result]:
    """Match 10k objects in polypact; derive the reference's cost from its verifier."""
    big = json.dumps({"items": [providers.item(n) for n in range(OBJECTS)]}).encode()
    one = json.dumps({"items": [providers.item(1)]}).encode()
    runs = iterations(5, 2)
    with tempfile.TemporaryDirectory(prefix="polypact-bench-") as tmp:
        large, small = _documents(big)
        large_path = pacts.write(large, Path(tmp), "large.json")
        small_path = pacts.write(small, Path(tmp), "small.json")
        ours, mismatch_count, broken_count = polypact_match(large_path, big)
        details: dict = {"objects": OBJECTS, "body_bytes": len(big),
                         "polypact_mismatches": mismatch_count,
                         "polypact_mismatches_last_object_broken": broken_count}
        with providers.serve({"/many": big, "/one": one}) as url:
            _polypact_verify(small_path, url)  # warm-up
            ours_large, ok1 = _verify_ms(_polypact_verify, large_path, url, runs)
            ours_small, ok2 = _verify_ms(_polypact_verify, small_path, url, runs)
            details["polypact_verifier_difference_ms"] = ours_large - ours_small
            details["polypact_verifier_passed"] = ok1 and ok2
            theirs = None
            if reference.available():
                ref_large, ok3 = _verify_ms(_reference_verify, large_path, url, runs)
                ref_small, ok4 = _verify_ms(_reference_verify, small_path, url, runs)
                theirs = ref_large - ref_small
                details.update(reference_large_ms=ref_large, reference_small_ms=ref_small,
                               reference_passed=ok3 and ok4)
    result = Result(
        name=f"match {OBJECTS:,} objects (each_like)",
        polypact=ours,
        reference=theirs,
        unit="ms",
        target="<= pact-python",
        method=("polypact: match_response on raw JSON bytes, median; pact-python: "
                f"verifier(10k body) - verifier(1-object body), medians of {runs} runs"),
        details=details,
    )
    if theirs is not None:
        result.met = mismatch_count == 0 and broken_count > 0 and ours <= theirs
    return [result]
