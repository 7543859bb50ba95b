"""Interop (a): a pact written by pact-python 4.2.0 verifies with polypact.

The pact comes from a real pact-python consumer test (:mod:`tests.interop.reference_consumer`)
run against the reference mock server; polypact then verifies it through ``polypact verify``
(a subprocess, as a CI job would) and through the Python API, against the interop provider
and against a broken variant of it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.interop.provider import STATE_PATH, UsersProvider, register_states
from tests.interop.reference_consumer import PROVIDER, write_reference_pact

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def reference_pact(pact_python: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pact file pact-python's consumer test wrote."""
    return write_reference_pact(tmp_path_factory.mktemp("reference-pacts"))


def _run_cli(cli: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PACT_DO_NOT_TRACK": "true"}
    return subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120, env=env)


def _verify_cli(cli: list[str], pact: Path, url: str, report: Path
                ) -> subprocess.CompletedProcess[str]:
    return _run_cli(cli, "verify", str(pact), "--provider-base-url", url,
                    "--state-change-url", url + STATE_PATH, "--json", str(report))


def _interactions_in(pact: Path) -> set[str]:
    return {i["description"] for i in json.loads(pact.read_text())["interactions"]}


def test_reference_pact_uses_what_the_interop_issue_lists(reference_pact: Path) -> None:
    """Guard: the reference pact really holds the features the interop tests claim."""
    doc = json.loads(reference_pact.read_text())
    assert doc["metadata"]["pactSpecification"]["version"] == "4.0"
    text = json.dumps(doc)
    for feature in ('"ProviderState"', '"RandomInt"', '"Uuid"', '"match": "integer"',
                    '"match": "datetime"', '"match": "regex"', '"match": "include"',
                    '"match": "boolean"', '"match": "decimal"', '"min": 1',
                    "$.user.id.#text", '"query"', '"params"'):
        assert feature in text, f"reference pact lacks {feature}"


def test_cli_verifies_reference_pact(polypact_cli: list[str], reference_pact: Path,
                                     provider_app: UsersProvider, serve_provider,
                                     tmp_path: Path) -> None:
    """`polypact verify` exits 0 and reports every interaction as passed."""
    report = tmp_path / "report.json"
    with serve_provider(provider_app) as url:
        done = _verify_cli(polypact_cli, reference_pact, url, report)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(report.read_text())
    statuses = _statuses(results)
    assert set(statuses) == _interactions_in(reference_pact)
    assert set(statuses.values()) == {"passed"}


def test_cli_applies_reference_generators_and_states(polypact_cli: list[str],
                                                     reference_pact: Path,
                                                     provider_app: UsersProvider,
                                                     serve_provider, tmp_path: Path) -> None:
    """States reach the provider with their params; ProviderState and RandomInt generators
    shape the requests (the user's id exists only through the state-change answer)."""
    with serve_provider(provider_app) as url:
        done = _verify_cli(polypact_cli, reference_pact, url, tmp_path / "r.json")
    assert done.returncode == 0, done.stdout + done.stderr
    setups = [c for c in provider_app.state_calls if c["action"] == "setup"]
    assert {"state": "user exists", "params": {"name": "Ann"}, "action": "setup"} in setups
    assert {"state": "user exists", "params": {"id": 2, "name": "Cy"},
            "action": "setup"} in setups
    paths = [r["path"] for r in provider_app.requests]
    assert any(p.startswith("/users/100") and p != "/users/1" for p in paths), paths
    created = [r for r in provider_app.requests if r["method"] == "POST"]
    assert created and 18 <= created[0]["body"]["age"] <= 99
    listed = [r for r in provider_app.requests if r["path"] == "/users"]
    assert listed and listed[0]["query"] == {"page": ["1"]}


def test_cli_fails_naming_the_path_against_a_broken_provider(
        polypact_cli: list[str], reference_pact: Path, broken_app: UsersProvider,
        serve_provider, tmp_path: Path) -> None:
    """Against the broken provider, exit 1 and the output names ``$.name`` and the XML id."""
    report = tmp_path / "report.json"
    with serve_provider(broken_app) as url:
        done = _verify_cli(polypact_cli, reference_pact, url, report)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "$.name" in done.stdout
    assert "$.user.id" in done.stdout
    statuses = _statuses(json.loads(report.read_text()))
    assert statuses["a request for user 1 as JSON"] == "failed"
    assert statuses["a request for user 1 as XML"] == "failed"


def test_python_api_verifies_reference_pact_in_process(reference_pact: Path,
                                                       provider_app: UsersProvider) -> None:
    """The Verifier API, against the WSGI app in-process, with Python state handlers."""
    from polypact import Verifier

    verifier = Verifier(PROVIDER).add_source(str(reference_pact)).transport("http", provider_app)
    register_states(verifier, provider_app)
    summary = verifier.verify()
    assert summary.success, [r.to_json() for r in summary.failures]
    assert len(summary.results) == len(_interactions_in(reference_pact))


def test_python_api_reports_mismatch_paths(reference_pact: Path,
                                           broken_app: UsersProvider) -> None:
    """In-process against the broken app: the failures carry the mismatching paths."""
    from polypact import Verifier

    verifier = Verifier(PROVIDER).add_source(str(reference_pact)).transport("http", broken_app)
    register_states(verifier, broken_app)
    summary = verifier.verify()
    assert not summary.success
    paths = {m.path for r in summary.failures for m in r.mismatches}
    assert "$.name" in paths
    assert any(p.startswith("$.user.id") for p in paths), paths


def _statuses(report: object) -> dict[str, str]:
    """Description -> status from polypact's JSON report (a list of results, or a mapping
    holding one under ``results``/``interactions``)."""
    items = report
    if isinstance(report, dict):
        items = report.get("results") or report.get("interactions") or []
    return {item["description"]: item["status"] for item in items}  # type: ignore[union-attr]
