"""The Pact Specification's own matching test cases (V1 to V4), every one of them.

Each JSON file under ``pact-spec-testcases/<version>/<request|response|message>/<aspect>/``
holds ``expected``, ``actual`` and the verdict ``match``; the engine must agree. Cases
where the reference core decided otherwise are listed in :data:`REFERENCE_DIFFERS` with
the reason (strict xfail, so a case that starts passing is noticed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from polypact.matching import match_message, match_request, match_response, render_mismatches
from polypact.pactfile.parse import parse_http_request, parse_http_response, parse_message_contents

from tests.conftest import SPEC_CASES

VERSIONS = {"v1": "1.0", "v1.1": "1.1", "v2": "2.0", "v3": "3.0", "v4": "4.0"}

#: Cases where the reference core (pact_matching) decides differently from the file's
#: verdict, with the reason. Keys are paths relative to the test-case folder.
REFERENCE_DIFFERS: dict[str, str] = {
    "v1/request/query/different param order.json": (
        "the reference core parses a V1 query string into a multimap, so parameter order "
        "between different keys does not matter (its V1.1 and later cases say so too)"
    ),
    "v1/request/query/trailing amperand.json": (
        "the reference core parses a V1 query string into a multimap, where a trailing '&' "
        "adds no parameter"
    ),
}


def _cases() -> list[Path]:
    return sorted(SPEC_CASES.rglob("*.json")) if SPEC_CASES.is_dir() else []


def _id(path: Path) -> str:
    return str(path.relative_to(SPEC_CASES))


def _params():
    out = []
    for path in _cases():
        rel = _id(path)
        marks = []
        if rel in REFERENCE_DIFFERS:
            marks.append(pytest.mark.xfail(reason=REFERENCE_DIFFERS[rel], strict=True))
        out.append(pytest.param(path, id=rel, marks=marks))
    return out


CASES = _params()


def test_all_cases_are_collected():
    """The shared folder holds the 803 upstream cases; none is silently skipped."""
    if not SPEC_CASES.is_dir():
        pytest.skip(f"shared test cases not found at {SPEC_CASES}")
    assert len(CASES) == 803
    assert len(REFERENCE_DIFFERS) <= 20


@pytest.mark.parametrize("case_path", CASES)
def test_spec_case(case_path: Path):
    """The engine's verdict equals the case's ``match``."""
    case = json.loads(case_path.read_text(encoding="utf-8-sig"))
    rel = case_path.relative_to(SPEC_CASES)
    spec_version = VERSIONS[rel.parts[0]]
    kind = rel.parts[1]
    source = str(case_path)
    if kind == "request":
        expected = parse_http_request(case["expected"], spec_version, source=source, path="$.expected")
        actual = parse_http_request(case["actual"], spec_version, source=source, path="$.actual", strict=False)
        mismatches = match_request(expected, actual)
    elif kind == "response":
        expected = parse_http_response(case["expected"], spec_version, source=source, path="$.expected")
        actual = parse_http_response(case["actual"], spec_version, source=source, path="$.actual", strict=False)
        mismatches = match_response(expected, actual)
    else:
        expected = parse_message_contents(case["expected"], spec_version, source=source, path="$.expected")
        actual = parse_message_contents(case["actual"], spec_version, source=source, path="$.actual", strict=False)
        mismatches = match_message(expected, actual)
    if case["match"]:
        assert mismatches == [], f"{case.get('comment')}: expected a match, got\n{render_mismatches(mismatches)}"
    else:
        assert mismatches, f"{case.get('comment')}: expected a mismatch, but the engine found none"
