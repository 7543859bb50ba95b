"""pact-python 4.2.0's verifier (the Rust reference verifier) against ``polypact broker``:
broker source with consumer version selectors, pending pacts, WIP pacts and publishing
verification results."""

from __future__ import annotations

import pytest

from tests.broker.helpers import call, make_pact, provider_app
from tests.interop.server import serve_wsgi

pytestmark = pytest.mark.interop


def publish(broker: str, consumer: str, version: str, branch: str, pact: dict) -> None:
    import base64
    import json

    status, body = call("POST", broker + "/contracts/publish", {
        "pacticipantName": consumer, "pacticipantVersionNumber": version, "branch": branch,
        "contracts": [{"consumerName": consumer, "providerName": pact["provider"]["name"],
                       "specification": "pact", "contentType": "application/json",
                       "content": base64.b64encode(json.dumps(pact).encode()).decode()}]})
    assert status == 200, body


def reference_verifier(broker: str, provider_url: str, *, branch: str, version: str,
                       selectors: list[dict], wip_since: str | None = None):
    from pact import Verifier

    builder = (Verifier("users", host="127.0.0.1").add_transport(url=provider_url)
               .broker_source(broker, selector=True, use_env=False))
    for sel in selectors:
        builder = builder.consumer_version(**sel)
    builder = builder.include_pending().provider_branch(branch)
    if wip_since:
        builder = builder.include_wip_since(wip_since)
    return builder.build().set_publish_options(version=version, branch=branch)


def verifications(broker: str, consumer: str, provider: str, version: str) -> list[dict]:
    status, pact = call("GET", f"{broker}/pacts/provider/{provider}/consumer/{consumer}/version/{version}")
    assert status == 200, pact
    status, results = call("GET", pact["_links"]["pb:publish-verification-results"]["href"])
    assert status == 200, results
    return results["_embedded"]["verificationResults"]


def test_verifies_main_branch_pacts_and_publishes_results(pact_python, broker):
    assert call("PUT", broker + "/pacticipants/web", {"mainBranch": "main"})[0] in (200, 201)
    publish(broker, "web", "1.0.0", "main", make_pact("web", "users", "a greeting"))
    publish(broker, "web", "1.1.0-feat", "feat", make_pact("web", "users", "other", greeting="bye"))
    with serve_wsgi(provider_app("hello")) as provider_url:
        reference_verifier(broker, provider_url, branch="main", version="2.0.0",
                           selectors=[{"main_branch": True}]).verify()
    [result] = verifications(broker, "web", "users", "1.0.0")
    assert result["success"] is True
    assert result["providerApplicationVersion"] == "2.0.0"
    # the provider version was put on its branch through pb:provider -> pb:branch-version
    status, version = call("GET", broker + "/pacticipants/users/versions/2.0.0")
    assert [b["name"] for b in version["_embedded"]["branchVersions"]] == ["main"]
    # the feature-branch pact was not selected, so it has no result
    assert verifications(broker, "web", "users", "1.1.0-feat") == []


def test_a_failing_pending_pact_does_not_fail_the_build_but_is_published(pact_python, broker):
    publish(broker, "web", "3.0.0", "feat-x", make_pact("web", "users", "new greeting", greeting="hey"))
    with serve_wsgi(provider_app("hello")) as provider_url:
        # pending (never verified on branch main): the reference verifier must not raise
        reference_verifier(broker, provider_url, branch="main", version="2.1.0",
                           selectors=[{"branch": "feat-x"}]).verify()
    [result] = verifications(broker, "web", "users", "3.0.0")
    assert result["success"] is False


def test_a_failing_verified_pact_fails_the_build(pact_python, broker):
    publish(broker, "web", "4.0.0", "main", make_pact("web", "users", "a greeting", greeting="hey"))
    with serve_wsgi(provider_app("hey")) as provider_url:
        reference_verifier(broker, provider_url, branch="main", version="5.0.0",
                           selectors=[{"branch": "main"}]).verify()
    with serve_wsgi(provider_app("hello")) as provider_url, pytest.raises(Exception, match="(?i)verif|fail"):
        reference_verifier(broker, provider_url, branch="main", version="5.0.1",
                           selectors=[{"branch": "main"}]).verify()
    results = verifications(broker, "web", "users", "4.0.0")
    assert [(r["providerApplicationVersion"], r["success"]) for r in results] == [
        ("5.0.0", True), ("5.0.1", False)]


def test_wip_pacts_are_verified_as_pending(pact_python, broker):
    publish(broker, "web", "6.0.0", "main", make_pact("web", "users", "a greeting"))
    publish(broker, "web", "6.1.0", "feat-wip", make_pact("web", "users", "wip", greeting="hey"))
    with serve_wsgi(provider_app("hello")) as provider_url:
        reference_verifier(broker, provider_url, branch="main", version="7.0.0",
                           selectors=[{"branch": "main"}], wip_since="2000-01-01").verify()
    assert [r["success"] for r in verifications(broker, "web", "users", "6.0.0")] == [True]
    assert [r["success"] for r in verifications(broker, "web", "users", "6.1.0")] == [False]
