"""The pytest plugin: pact_dir/pact_factory fixtures and one test item per interaction."""

from __future__ import annotations

import json

import pytest

pytest_plugins = ["pytester"]

CONSUMER_TESTS = """
import json
import urllib.request

import pytest


@pytest.mark.parametrize("uid", [1, 2, 3, 4])
def test_user(pact_factory, uid):
    pact = pact_factory("web", "users")
    (pact.upon_receiving(f"a request for user {uid}")
        .with_request("GET", f"/users/{uid}")
        .will_respond_with(200, body={"id": uid, "name": "Ann"}))
    with pact.serve() as mock:
        assert json.load(urllib.request.urlopen(mock.url + f"/users/{uid}"))["id"] == uid
"""

PROVIDER_TESTS = """
from polypact.pytest_plugin import polypact_verify
from polypact.testing import FakeProvider

APP = FakeProvider({
    "GET /users/1": (200, {"id": 1, "name": "Ann"}),
    "GET /users/2": (200, {"id": 2, "name": "WRONG"}),
    "GET /users/3": (200, {"id": 3, "name": "Ann"}),
})
STATES = []


@polypact_verify(pacts="pacts", provider="users")
def test_users(interaction_case):
    interaction_case.verify(APP, state_handlers={"user exists": lambda id: STATES.append(id)})
"""


def _interaction(uid, *, pending=False, state=False):
    out = {
        "type": "Synchronous/HTTP", "description": f"a request for user {uid}",
        "request": {"method": "GET", "path": f"/users/{uid}"},
        "response": {"status": 200, "body": {"contentType": "application/json", "encoded": False,
                                             "content": {"id": uid, "name": "Ann"}}},
    }
    if pending:
        out["pending"] = True
    if state:
        out["providerStates"] = [{"name": "user exists", "params": {"id": uid}}]
    return out


def _write_pact(directory, consumer, interactions):
    directory.mkdir(exist_ok=True)
    doc = {"consumer": {"name": consumer}, "provider": {"name": "users"}, "interactions": interactions,
           "metadata": {"pactSpecification": {"version": "4.0"}}}
    (directory / f"{consumer}-users.json").write_text(json.dumps(doc))


@pytest.fixture
def provider_project(pytester):
    _write_pact(pytester.path / "pacts", "web", [_interaction(1, state=True), _interaction(2)])
    _write_pact(pytester.path / "pacts", "app", [_interaction(3, pending=True), _interaction(2, pending=True)])
    pytester.makepyfile(test_provider=PROVIDER_TESTS)
    return pytester


def test_pact_factory_writes_into_the_pact_dir_option(pytester):
    pytester.makepyfile(test_consumer=CONSUMER_TESTS)
    result = pytester.runpytest("--pact-dir", "out/pacts")
    result.assert_outcomes(passed=4)
    doc = json.loads((pytester.path / "out" / "pacts" / "web-users.json").read_text())
    assert sorted(i["description"] for i in doc["interactions"]) == [
        f"a request for user {n}" for n in (1, 2, 3, 4)
    ]


def test_each_interaction_is_its_own_item(provider_project):
    result = provider_project.runpytest("-v")
    result.stdout.fnmatch_lines([  # pact files in name order, interactions in file order
        "*test_users?app: a request for user 3? PASSED*",
        "*test_users?app: a request for user 2? XFAIL*",
        "*test_users?web: a request for user 1? PASSED*",
        "*test_users?web: a request for user 2? FAILED*",
    ])
    result.assert_outcomes(passed=2, failed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*web: a request for user 2 failed verification*", "*WRONG*"])


def test_k_and_x_work_on_interaction_items(provider_project):
    result = provider_project.runpytest("-k", "user and 1")
    result.assert_outcomes(passed=1)
    result = provider_project.runpytest("-x", "-k", "web")
    result.assert_outcomes(passed=1, failed=1)
    result = provider_project.runpytest("-k", "app")
    result.assert_outcomes(passed=1, xfailed=1)


def test_consumer_and_provider_items_under_xdist(provider_project):
    """Consumer tests merge into one pact safely and provider items spread over workers."""
    provider_project.makepyfile(test_consumer=CONSUMER_TESTS)
    result = provider_project.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider", "--pact-dir", "written")
    result.assert_outcomes(passed=6, failed=1, xfailed=1)
    doc = json.loads((provider_project.path / "written" / "web-users.json").read_text())
    assert len(doc["interactions"]) == 4


def test_filters_on_the_decorator(pytester):
    _write_pact(pytester.path / "pacts", "web", [_interaction(1), _interaction(3)])
    pytester.makepyfile(test_provider="""
from polypact.pytest_plugin import polypact_verify
from polypact.testing import FakeProvider

APP = FakeProvider({"GET /users/1": (200, {"id": 1, "name": "Ann"})})

@polypact_verify(pacts="pacts", provider="users", description="user 1$")
def test_users(interaction_case):
    assert interaction_case.id == "web: a request for user 1"
    interaction_case.verify(APP)
""")
    pytester.runpytest().assert_outcomes(passed=1)


def test_unloadable_pacts_give_one_failing_item(pytester):
    pytester.makepyfile(test_provider="""
from polypact.pytest_plugin import polypact_verify

@polypact_verify(pacts="no-such-dir", provider="users")
def test_users(interaction_case):
    interaction_case.verify("http://127.0.0.1:9")
""")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*polypact could not load 'no-such-dir'*no such pact file or directory*"])


def test_parametrize_interactions_from_a_hook_with_a_shared_verifier(pytester):
    _write_pact(pytester.path / "pacts", "web", [_interaction(1), _interaction(3)])
    pytester.makeconftest("""
import pytest
from polypact.pytest_plugin import parametrize_interactions
from polypact.testing import FakeProvider
from polypact.verifier import Verifier

APP = FakeProvider({"GET /users/1": (200, {"id": 1, "name": "Ann"}),
                    "GET /users/3": (200, {"id": 3, "name": "Ann"})})

def pytest_generate_tests(metafunc):
    if "interaction_case" in metafunc.fixturenames:
        parametrize_interactions(metafunc, "pacts", provider="users")

@pytest.fixture(scope="session")
def verifier():
    with Verifier("users").provider_base_url(APP) as v:
        yield v
""")
    pytester.makepyfile(test_provider="""
def test_users(interaction_case, verifier):
    result = interaction_case.verify(verifier)
    assert result.ok
""")
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
