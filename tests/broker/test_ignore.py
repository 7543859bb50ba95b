"""``ignore[][pacticipant]`` on ``/matrix`` and ``/can-i-deploy`` and ``polypact
can-i-deploy --ignore P [--version V]``: an ignored integration partner does not block
deployment, and the answer says what it ignored."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from polypact.cli.main import main

from tests.broker.helpers import call, make_pact, publish, verify_result


@pytest.fixture
def blocked(broker: str) -> str:
    """``users`` 2 verified ``mobile``'s pact but not ``web``'s: deploying users 2 next
    to the latest consumers is blocked by web alone."""
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    publish(broker, "mobile", "7", make_pact("mobile", "users", "b"))
    verify_result(broker, broker + "/pacts/provider/users/consumer/mobile/latest", "2", True)
    return broker


def _deploy(broker: str, *ignores: tuple[str, str | None], path: str = "/can-i-deploy") -> dict:
    query = [("pacticipant", "users"), ("version", "2")] if path == "/can-i-deploy" else \
        [("q[][pacticipant]", "users"), ("q[][version]", "2"), ("latestby", "cvp"), ("latest", "true")]
    for name, version in ignores:
        query.append(("ignore[][pacticipant]", name))
        if version:
            query.append(("ignore[][version]", version))
    status, answer = call("GET", f"{broker}{path}?{urlencode(query)}")
    assert status == 200, answer
    return answer


@pytest.mark.parametrize("path", ["/can-i-deploy", "/matrix"])
def test_an_ignored_unverified_consumer_does_not_block(blocked, path):
    refused = _deploy(blocked, path=path)
    assert refused["summary"]["deployable"] is False
    assert "version 1 of web" in refused["summary"]["reason"]
    allowed = _deploy(blocked, ("web", None), path=path)
    assert allowed["summary"]["deployable"] is True
    assert "ignoring" in allowed["summary"]["reason"] and "web" in allowed["summary"]["reason"]
    assert allowed["summary"]["ignored"] == 1
    flags = {row["consumer"]["name"]: row.get("ignored", False) for row in allowed["matrix"]}
    assert flags == {"web": True, "mobile": False}
    warnings = [n["text"] for n in allowed["notices"] if n["type"] == "warning"]
    assert any(w.startswith("Ignoring: ") and "web" in w for w in warnings)


def test_ignoring_one_version_ignores_only_that_version(blocked):
    assert _deploy(blocked, ("web", "1"))["summary"]["deployable"] is True
    other = _deploy(blocked, ("web", "9"))
    assert other["summary"]["deployable"] is False
    assert any("No version 9 of web" in n["text"] for n in other["notices"])


def test_ignoring_an_uninvolved_or_unknown_pacticipant_changes_nothing(blocked):
    answer = _deploy(blocked, ("mobile", None), ("ghost", None))
    assert answer["summary"]["deployable"] is False
    assert any("Pacticipant ghost does not exist" in n["text"] for n in answer["notices"])


def test_a_failed_verification_of_an_ignored_provider_does_not_block(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    verify_result(broker, broker + "/pacts/provider/users/consumer/web/latest", "2", False)
    query = "/can-i-deploy?pacticipant=web&version=1"
    assert call("GET", broker + query)[1]["summary"]["deployable"] is False
    answer = call("GET", broker + query + "&ignore[][pacticipant]=users")[1]
    assert answer["summary"]["deployable"] is True and "failed" in answer["summary"]["reason"]


def test_matrix_between_versions_honours_ignore(broker):
    publish(broker, "web", "1", make_pact("web", "users", "a"))
    publish(broker, "users", "2", make_pact("users", "db", "a"))  # creates users 2
    base = broker + "/matrix?q[][pacticipant]=web&q[][version]=1&q[][pacticipant]=users&q[][version]=2"
    assert call("GET", base)[1]["summary"]["deployable"] is False
    assert call("GET", base + "&ignore[][pacticipant]=users")[1]["summary"]["deployable"] is True


@pytest.mark.parametrize("query", ["ignore[][version]=1", "ignore[][pacticipant]=",
                                   "ignore[][colour]=red"])
def test_malformed_ignore_selectors_are_400(broker, query):
    status, answer = call("GET", f"{broker}/can-i-deploy?pacticipant=users&version=2&{query}")
    assert status == 400 and "ignore" in answer["error"]["message"]


def test_cli_ignore(blocked, capsys):
    base = ["can-i-deploy", "--pacticipant", "users", "--version", "2", "--broker-url", blocked]
    assert main(base) == 1
    assert "Computer says no" in capsys.readouterr().out
    assert main([*base, "--ignore", "web"]) == 0
    out = capsys.readouterr().out
    assert "Computer says yes" in out and "(ignored)" in out and "Ignoring: " in out
    assert main([*base, "--ignore", "web", "--version", "9"]) == 1
    capsys.readouterr()
    assert main(["can-i-deploy", "--ignore", "web", "--version", "1", "--pacticipant", "users",
                 "--version", "2", "--broker-url", blocked]) == 0
