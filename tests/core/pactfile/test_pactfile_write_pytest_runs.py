"""The pytest plugin's write session: each run starts its pacts fresh, xdist workers of one
run merge, and ``POLYPACT_PACT_SESSION`` joins several runs."""

from __future__ import annotations

import json

import pytest
from polypact import write_session as sessions

pytest_plugins = ["pytester"]

CONSUMER_TESTS = """
import json
import urllib.request

import pytest
from polypact import Pact

NAMES = {names!r}


@pytest.mark.parametrize("name", NAMES)
def test_user(request, pact_factory, pact_dir, name):
    # half the tests use the fixture, half a Pact made directly: both join the run's session
    if NAMES.index(name) % 2:
        pact = pact_factory("web", "users")
    else:
        pact = Pact("web", "users", pact_dir=pact_dir)
    worker = getattr(request.config, "workerinput", {{}}).get("workerid", "main")
    (pact.upon_receiving(f"{{name}} from {{worker}}")
        .with_request("GET", f"/users/{{name}}")
        .will_respond_with(200, body={{"name": name}}))
    with pact.serve() as mock:
        assert json.load(urllib.request.urlopen(mock.url + f"/users/{{name}}"))["name"] == name
"""


def _consumer_tests(pytester: pytest.Pytester, *names: str) -> None:
    pytester.makepyfile(test_consumer=CONSUMER_TESTS.format(names=list(names)))


def _written(pytester: pytest.Pytester) -> list[str]:
    doc = json.loads((pytester.path / "pacts" / "web-users.json").read_text())
    return sorted(i["description"] for i in doc["interactions"])


@pytest.fixture
def no_session_env(monkeypatch):
    monkeypatch.delenv(sessions.SESSION_ENV, raising=False)


def test_rerun_after_a_rename_drops_the_old_interaction(pytester, no_session_env):
    before = sessions.write_session()
    _consumer_tests(pytester, "ann", "bob")
    pytester.runpytest().assert_outcomes(passed=2)
    assert _written(pytester) == ["ann from main", "bob from main"]
    _consumer_tests(pytester, "ann", "robert")  # bob renamed
    pytester.runpytest().assert_outcomes(passed=2)
    assert _written(pytester) == ["ann from main", "robert from main"]
    assert sessions.write_session() == before  # an in-process run does not leak its session
    hidden = sorted(p.name for p in (pytester.path / "pacts").iterdir())
    assert hidden == [".web-users.json.lock", ".web-users.json.session", "web-users.json"]


def test_xdist_workers_of_one_run_merge_into_a_fresh_pact(pytester, no_session_env):
    pacts = pytester.path / "pacts"
    pacts.mkdir()
    stale = {"consumer": {"name": "web"}, "provider": {"name": "users"},
             "interactions": [{"type": "Synchronous/HTTP", "description": "stale",
                               "request": {"method": "GET", "path": "/old"},
                               "response": {"status": 200}}],
             "metadata": {"pactSpecification": {"version": "4.0"}}}
    (pacts / "web-users.json").write_text(json.dumps(stale))
    (pacts / ".web-users.json.session").write_text("an earlier run\n")
    names = ["n1", "n2", "n3", "n4", "n5", "n6"]
    _consumer_tests(pytester, *names)
    result = pytester.runpytest_subprocess("-n", "2", "--dist", "load", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=6)
    written = _written(pytester)
    assert sorted(d.split(" from ")[0] for d in written) == names  # "stale" is gone
    assert {d.split(" from ")[1] for d in written} == {"gw0", "gw1"}  # both workers wrote


def test_a_shared_session_env_joins_two_runs(pytester, monkeypatch):
    monkeypatch.setenv(sessions.SESSION_ENV, "ci-build-42")
    _consumer_tests(pytester, "ann")
    pytester.runpytest().assert_outcomes(passed=1)
    _consumer_tests(pytester, "bob")
    pytester.runpytest().assert_outcomes(passed=1)
    assert _written(pytester) == ["ann from main", "bob from main"]
    marker = pytester.path / "pacts" / ".web-users.json.session"
    assert marker.read_text().strip() == "ci-build-42"
    monkeypatch.setenv(sessions.SESSION_ENV, "ci-build-43")  # the next build starts fresh
    pytester.runpytest().assert_outcomes(passed=1)
    assert _written(pytester) == ["bob from main"]
