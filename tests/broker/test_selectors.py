"""Pacts for verification: consumer version selectors, de-duplication, pending status per
provider branch and WIP pacts (on SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import pytest

from tests.broker.helpers import call, for_verification, make_pact, publish, selected, verify_result


@pytest.fixture
def world(any_broker: str) -> str:
    """web (main branch ``main``) and app (main branch ``master``) with several versions."""
    b = any_broker
    call("PUT", b + "/pacticipants/web", {"mainBranch": "main"})
    call("PUT", b + "/pacticipants/app", {"mainBranch": "master"})
    publish(b, "web", "1", make_pact("web", "users", "w1"), branch="main")
    publish(b, "web", "2", make_pact("web", "users", "w2"), branch="main")
    publish(b, "web", "3", make_pact("web", "users", "w3"), branch="feat-a")
    publish(b, "web", "4", make_pact("web", "users", "w4"), tags=["prod"])
    publish(b, "web", "5", make_pact("web", "users", "w5"), tags=["prod"])
    publish(b, "app", "1", make_pact("app", "users", "a1"), branch="master")
    publish(b, "app", "2", make_pact("app", "users", "a2"), branch="feat-a")
    publish(b, "app", "3", make_pact("app", "other", "not for users"), branch="master")
    return b


def test_main_branch_picks_each_consumers_latest_main_version(world):
    assert selected(world, "users", consumerVersionSelectors=[{"mainBranch": True}]) == [
        ("app", "1"), ("web", "2")]


def test_consumer_restricts_a_selector(world):
    assert selected(world, "users", consumerVersionSelectors=[{"mainBranch": True, "consumer": "web"}]) == [
        ("web", "2")]


def test_branch_and_all_versions_of_a_branch(world):
    assert selected(world, "users", consumerVersionSelectors=[{"branch": "feat-a"}]) == [
        ("app", "2"), ("web", "3")]
    assert selected(world, "users", consumerVersionSelectors=[{"branch": "main", "latest": False}]) == [
        ("web", "1"), ("web", "2")]


def test_fallback_branch_applies_per_consumer(world):
    assert selected(world, "users", consumerVersionSelectors=[
        {"branch": "feat-b", "fallbackBranch": "main"}]) == [("web", "2")]
    assert selected(world, "users", consumerVersionSelectors=[
        {"branch": "feat-a", "fallbackBranch": "main"}]) == [("app", "2"), ("web", "3")]


def test_matching_branch_uses_the_provider_branch(world):
    assert selected(world, "users", providerVersionBranch="feat-a",
                    consumerVersionSelectors=[{"matchingBranch": True}]) == [("app", "2"), ("web", "3")]


def test_tags_latest_and_all(world):
    assert selected(world, "users", consumerVersionSelectors=[{"tag": "prod", "latest": True}]) == [("web", "5")]
    assert selected(world, "users", consumerVersionSelectors=[{"tag": "prod"}]) == [("web", "4"), ("web", "5")]
    assert selected(world, "users", consumerVersionSelectors=[
        {"tag": "nope", "latest": True, "fallbackTag": "prod"}]) == [("web", "5")]


def test_deployed_released_and_environment(world):
    b = world
    status, env = call("POST", b + "/environments", {"name": "prod", "production": True})
    status, test_env = call("POST", b + "/environments", {"name": "test"})
    call("POST", f"{b}/pacticipants/web/versions/1/deployed-versions/environment/{env['uuid']}", {})
    call("POST", f"{b}/pacticipants/app/versions/1/released-versions/environment/{env['uuid']}", {})
    call("POST", f"{b}/pacticipants/web/versions/3/deployed-versions/environment/{test_env['uuid']}", {})
    assert selected(b, "users", consumerVersionSelectors=[{"deployedOrReleased": True}]) == [
        ("app", "1"), ("web", "1"), ("web", "3")]
    assert selected(b, "users", consumerVersionSelectors=[{"deployed": True}]) == [("web", "1"), ("web", "3")]
    assert selected(b, "users", consumerVersionSelectors=[{"released": True}]) == [("app", "1")]
    assert selected(b, "users", consumerVersionSelectors=[{"environment": "prod"}]) == [("app", "1"), ("web", "1")]
    assert selected(b, "users", consumerVersionSelectors=[{"deployed": True, "environment": "test"}]) == [("web", "3")]
    # a newer deployment replaces the older one in the same environment
    call("POST", f"{b}/pacticipants/web/versions/2/deployed-versions/environment/{env['uuid']}", {})
    assert selected(b, "users", consumerVersionSelectors=[{"environment": "prod"}]) == [("app", "1"), ("web", "2")]


def test_no_selectors_means_the_latest_pact_of_each_consumer(world):
    assert selected(world, "users") == [("app", "2"), ("web", "5")]


def test_same_content_is_one_pact_with_every_reason(any_broker):
    b = any_broker
    call("PUT", b + "/pacticipants/web", {"mainBranch": "main"})
    same = make_pact("web", "users", "same")
    publish(b, "web", "1", same, branch="main")
    publish(b, "web", "2", same, branch="feat")
    status, answer = for_verification(b, "users", consumerVersionSelectors=[
        {"mainBranch": True}, {"branch": "feat"}])
    [pact] = answer["_embedded"]["pacts"]
    assert "main branch" in pact["shortDescription"] and "branch 'feat'" in pact["shortDescription"]
    assert pact["_links"]["self"]["title"] == "Pact between web (1, 2) and users"


def test_pending_per_provider_branch(any_broker):
    b = any_broker
    call("PUT", b + "/pacticipants/users", {"mainBranch": "main"})
    publish(b, "web", "1", make_pact("web", "users", "x"), branch="main")
    body = {"consumerVersionSelectors": [{"branch": "main"}], "includePendingStatus": True}

    def pending(branch: str) -> bool:
        status, answer = for_verification(b, "users", providerVersionBranch=branch, **body)
        [pact] = answer["_embedded"]["pacts"]
        return pact["verificationProperties"]["pending"]

    assert pending("main") is True
    url = for_verification(b, "users", **body)[1]["_embedded"]["pacts"][0]["_links"]["self"]["href"]
    verify_result(b, url, "p1", False, branch="main")
    assert pending("main") is True  # a failed result does not end pending
    verify_result(b, url, "p2", True, branch="main")
    assert pending("main") is False
    # a new provider branch (no versions yet) inherits the main branch's verdict
    assert pending("feat-new") is False
    call("PUT", b + "/pacticipants/users/branches/feat-old/versions/p3", {})
    assert pending("feat-old") is True  # an existing branch that never verified it
    status, answer = for_verification(b, "users", consumerVersionSelectors=[{"branch": "main"}])
    assert "pending" not in answer["_embedded"]["pacts"][0]["verificationProperties"]


def test_wip_pacts_since_a_date(any_broker):
    b = any_broker
    call("PUT", b + "/pacticipants/web", {"mainBranch": "main"})
    publish(b, "web", "1", make_pact("web", "users", "main"), branch="main")
    publish(b, "web", "2", make_pact("web", "users", "feat"), branch="feat")
    publish(b, "web", "3", make_pact("web", "users", "done"), branch="done")
    url = for_verification(b, "users", consumerVersionSelectors=[{"branch": "done"}])[1][
        "_embedded"]["pacts"][0]["_links"]["self"]["href"]
    verify_result(b, url, "p1", True, branch="main")
    body = {"consumerVersionSelectors": [{"mainBranch": True}], "includePendingStatus": True,
            "providerVersionBranch": "main"}
    status, answer = for_verification(b, "users", includeWipPactsSince="2000-01-01", **body)
    wip = [(p["_links"]["self"]["title"], p["verificationProperties"]) for p in answer["_embedded"]["pacts"]
           if p["verificationProperties"].get("wip")]
    assert [t for t, _ in wip] == ["Pact between web (2) and users"]  # "done" is verified: not WIP
    assert wip[0][1]["pending"] is True
    assert "work in progress" in wip[0][1]["notices"][0]["text"]
    status, answer = for_verification(b, "users", includeWipPactsSince="2999-01-01", **body)
    assert not any(p["verificationProperties"].get("wip") for p in answer["_embedded"]["pacts"])
    # WIP needs pending status
    status, answer = for_verification(b, "users", includeWipPactsSince="2000-01-01",
                                      consumerVersionSelectors=[{"mainBranch": True}],
                                      providerVersionBranch="main")
    assert len(answer["_embedded"]["pacts"]) == 1


@pytest.mark.parametrize(("body", "reason"), [
    ({"consumerVersionSelectors": {"branch": "x"}}, "expected a list"),
    ({"consumerVersionSelectors": ["main"]}, "consumerVersionSelectors[0]: expected an object"),
    ({"consumerVersionSelectors": [{"branch": 3}]}, "consumerVersionSelectors[0].branch: expected a non-empty string"),
    ({"consumerVersionSelectors": [{"mainBranch": False}]}, "can only be true"),
    ({"consumerVersionSelectors": [{"latest": "yes"}]}, "expected true or false"),
    ({"consumerVersionSelectors": [{"colour": "red"}]}, "unknown selector property"),
    ({"consumerVersionSelectors": [{"consumer": "web"}]}, "must specify a value"),
    ({"consumerVersionSelectors": [{"matchingBranch": True}]}, "requires providerVersionBranch"),
    ({"consumerVersionSelectors": [{"fallbackBranch": "main"}]}, "must specify"),
    ({"consumerVersionSelectors": [{"branch": "a", "tag": "b"}]}, "cannot be combined"),
    ({"includePendingStatus": "yes"}, "includePendingStatus"),
    ({"includeWipPactsSince": "last tuesday"}, "not an ISO 8601 date"),
    ({"providerVersionTags": "main"}, "providerVersionTags"),
])
def test_bad_selectors_are_400_with_a_reason(broker, body, reason):
    status, answer = for_verification(broker, "users", **body)
    assert status == 400
    assert reason in answer["error"]["message"]
