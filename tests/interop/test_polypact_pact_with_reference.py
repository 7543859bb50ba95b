"""Interop (b): a pact written by polypact verifies with pact-python 4.2.0's verifier.

polypact's consumer test (:mod:`tests.interop.polypact_consumer`) writes the pact;
pact-python's ``Verifier`` (the Rust core) replays it against the interop provider, with
provider states through the provider's state-change URL and, separately, through
pact-python's Python state-handler API. Against the broken provider, the reference
reports the paths polypact's rules point at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.interop.peer import reference_verifier, reference_verify_http, run_reference_verifier
from tests.interop.polypact_consumer import PROVIDER, write_polypact_pact
from tests.interop.provider import STATE_PATH, UsersProvider

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def polypact_pact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pact file polypact's consumer test wrote."""
    return write_polypact_pact(tmp_path_factory.mktemp("polypact-pacts"))


def test_polypact_pact_has_the_interop_features(polypact_pact: Path) -> None:
    """Guard: the pact polypact wrote holds what these tests claim to cover."""
    doc = json.loads(polypact_pact.read_text())
    assert doc["metadata"]["pactSpecification"]["version"] == "4.0"
    by_name = {i["description"]: i for i in doc["interactions"]}
    first = by_name["a request for user 1 as JSON"]
    assert first["providerStates"] == [{"name": "user exists", "params": {"name": "Ann"}}]
    assert first["request"]["generators"]["path"]["type"] == "ProviderState"
    assert first["request"]["query"] == {"fields": ["name,email"]}
    body_rules = first["response"]["matchingRules"]["body"]
    assert {"$.id", "$.name", "$.tags", "$.created", "$.email"} <= set(body_rules)
    created = by_name["a request to create a user"]
    assert created["request"]["generators"]["body"]["$.age"]["type"] == "RandomInt"
    xml = by_name["a request for user 1 as XML"]
    assert xml["response"]["body"]["contentType"].startswith("application/xml")
    assert set(xml["response"]["matchingRules"]["body"]) == {
        "$.user.id['#text']", "$.user.name['#text']"}


def test_reference_verifies_polypact_pact_with_state_change_url(
        pact_python: None, polypact_pact: Path, provider_app: UsersProvider,
        serve_provider) -> None:
    """pact-python's verifier accepts the provider; states arrive with their params and
    the ProviderState generator reaches the id the state-change call returned."""
    with serve_provider(provider_app) as url:
        ok, output = reference_verify_http(PROVIDER, polypact_pact, url, url + STATE_PATH)
    assert ok, output
    assert {"state": "user exists", "params": {"name": "Ann"}, "action": "setup"} \
        in provider_app.state_calls
    paths = [r["path"] for r in provider_app.requests]
    assert any(p.startswith("/users/100") for p in paths), paths
    posted = [r for r in provider_app.requests if r["method"] == "POST"]
    assert posted and isinstance(posted[0]["body"]["age"], int)


def test_reference_verifies_polypact_pact_with_python_state_handlers(
        pact_python: None, polypact_pact: Path, provider_app: UsersProvider,
        serve_provider) -> None:
    """The same through pact-python's Python state-handler API (its callback server is
    on 127.0.0.1). Handlers return nothing there, so the interaction whose path comes from
    a ProviderState generator is checked with its state's explicit id instead."""
    calls: list[tuple[str, str, dict]] = []

    def handler(state: str, action: str, parameters: dict | None) -> None:
        calls.append((state, action, dict(parameters or {})))
        params = dict(parameters or {})
        if state == "user exists" and "id" not in params:
            params["id"] = 1  # the example path's id, since no values flow back
        provider_app.change_state(state, params, action)

    with serve_provider(provider_app) as url:
        verifier = (reference_verifier(PROVIDER, url).add_source(polypact_pact)
                    .state_handler(handler, teardown=True))
        ok, output = run_reference_verifier(verifier)
    assert ok, output
    assert ("user exists", "setup", {"id": 2, "name": "Cy"}) in calls
    assert ("no users", "setup", {}) in calls


def test_reference_fails_polypact_pact_against_broken_provider(
        pact_python: None, polypact_pact: Path, broken_app: UsersProvider,
        serve_provider) -> None:
    """Against the broken provider the reference verifier fails and names ``$.name``."""
    with serve_provider(broken_app) as url:
        ok, output = reference_verify_http(PROVIDER, polypact_pact, url, url + STATE_PATH)
    assert not ok
    assert "$.name" in output
    assert "$.user.id" in output
    assert "a request for user 1 as JSON" in output
