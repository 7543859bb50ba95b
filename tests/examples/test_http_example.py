"""The HTTP example end to end: its consumer tests write a pact, the example provider
verifies against it, and a provider with a bug does not (so the demo cannot silently rot
into verifying nothing)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

EXAMPLES = REPO / "examples"
HTTP = EXAMPLES / "http"


@pytest.fixture(scope="module")
def example_modules() -> Iterator[dict[str, Any]]:
    """The example's demo step and provider, imported the way run_demo imports them."""
    sys.path[:0] = [str(HTTP), str(EXAMPLES)]
    try:
        import run_demo
        import users_provider

        steps = {step.name: step for step in run_demo.discover(EXAMPLES)}
        yield {"http": steps["http"], "provider": users_provider, "run_demo": run_demo}
    finally:
        for folder in (str(HTTP), str(EXAMPLES)):
            if folder in sys.path:
                sys.path.remove(folder)


@pytest.fixture(scope="module")
def example_pact(example_modules: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
                 ) -> Path:
    """Run the HTTP demo step (consumer tests + CLI verification); return its pact."""
    pact_dir = tmp_path_factory.mktemp("http-example-pacts")
    assert example_modules["http"].run(pact_dir) is True
    pacts = sorted(pact_dir.glob("*.json"))
    assert [p.name for p in pacts] == ["users-web-users-service.json"]
    return pacts[0]


def test_consumer_tests_write_every_interaction(example_pact: Path) -> None:
    """All five consumer tests' interactions are in the pact, with states and rules."""
    doc = json.loads(example_pact.read_text())
    descriptions = sorted(i["description"] for i in doc["interactions"])
    assert descriptions == sorted([
        "a request for user 1",
        "a request for a user that does not exist",
        "a search for users named Ann",
        "a request to create a user",
        "a request to create a user without an email",
    ])
    by_name = {i["description"]: i for i in doc["interactions"]}
    first = by_name["a request for user 1"]
    assert first["providerStates"] == [{"name": "a user exists",
                                         "params": {"id": 1, "name": "Ann"}}]
    assert "$.id" in first["response"]["matchingRules"]["body"]
    search = by_name["a search for users named Ann"]
    assert search["request"]["query"] == {"name": ["Ann"], "limit": ["10"]}


def test_verification_fails_against_a_provider_with_a_bug(
        example_modules: dict[str, Any], example_pact: Path) -> None:
    """A provider whose users lack ``email`` fails verification, naming the field (a
    missing key is reported at its parent object, as the reference core does)."""
    from polypact import Verifier

    provider = example_modules["provider"]

    class BuggyService(provider.UsersService):
        def _add(self, user_id: int, name: str) -> dict[str, Any]:
            user = super()._add(user_id, name)
            user.pop("email")
            return user

    service = BuggyService()
    verifier = Verifier("users-service").add_source(str(example_pact)).transport("http", service)
    for state in ("a user exists", "no users exist", "users named Ann exist"):
        verifier.state_handler(state)(_handler(service, state))
    summary = verifier.verify()
    assert not summary.success
    failed = {r.description for r in summary.failures}
    assert "a request for user 1" in failed
    assert "a request for a user that does not exist" not in failed
    mismatches = [m for r in summary.failures for m in r.mismatches]
    assert {"$", "$.users[0]"} <= {m.path for m in mismatches}
    assert all("email" in m.message for m in mismatches), [m.message for m in mismatches]


def test_run_demo_discovers_steps_and_reports_failures(example_modules: dict[str, Any],
                                                      tmp_path: Path, capsys) -> None:
    """run_demo finds demo.py modules, runs each, and fails when one step fails or
    lacks ``run``."""
    run_demo = example_modules["run_demo"]
    (tmp_path / "alpha").mkdir()
    (tmp_path / "alpha" / "demo.py").write_text(
        "TITLE = 'alpha demo'\n"
        "def run(pact_dir):\n"
        "    pact_dir.mkdir(parents=True)\n"
        "    (pact_dir / 'x.json').write_text('{}')\n"
        "    return True\n")
    (tmp_path / "http").mkdir()
    (tmp_path / "http" / "demo.py").write_text("def run(pact_dir):\n    return False\n")
    (tmp_path / "zeta").mkdir()
    (tmp_path / "zeta" / "demo.py").write_text("X = 1\n")
    steps = run_demo.discover(tmp_path)
    assert [s.name for s in steps] == ["http", "alpha", "zeta"]
    outcomes = run_demo.run_steps(steps, tmp_path / "pacts")
    assert [ok for _, ok, _ in outcomes] == [False, True, False]
    assert (tmp_path / "pacts" / "alpha" / "x.json").exists()
    run_demo.print_summary(outcomes)
    out = capsys.readouterr().out
    assert "defines no run(pact_dir)" in out
    assert "2 of 3 demo(s) failed: http, zeta" in out


def _handler(service: Any, state: str) -> Any:
    def handler(params: dict, action: str) -> dict:
        return service.set_state(state, params, action)

    return handler
