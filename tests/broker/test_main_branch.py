"""Main-branch auto-detection (the Pact Broker's ``auto_detect_main_branch``): a version
put on a branch (or tagged) named ``develop``, ``main`` or ``master`` sets the main branch
of a pacticipant that has none, so the ``mainBranch`` selector of the documented CI
workflow finds the pacts published with ``--branch main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from polypact.cli.main import main
from polypact.errors import UsageError
from polypact_broker.config import BrokerConfig, MainBranchConfig
from polypact_broker.server import running_broker

from tests.broker.conftest import BrokerProcess
from tests.broker.helpers import call, make_pact, provider_app, publish, selected, verify_result
from tests.interop.server import serve_wsgi


def main_branch(broker: str, pacticipant: str) -> str | None:
    """The pacticipant's ``mainBranch`` as the API shows it."""
    status, body = call("GET", f"{broker}/pacticipants/{pacticipant}")
    assert status == 200, body
    return body["mainBranch"]


def test_the_documented_ci_workflow_verifies_main_branch_pacts(any_broker, tmp_path: Path, capsys):
    broker = any_broker
    pacts = tmp_path / "pacts"
    pacts.mkdir()
    (pacts / "web-users.json").write_text(json.dumps(make_pact("web", "users", "a greeting")))
    # consumer build: publish on branch main (no explicit mainBranch anywhere)
    assert main(["publish", str(pacts), "--consumer-app-version", "abc123", "--branch", "main",
                 "--broker-url", broker]) == 0
    assert main(["broker", "create-environment", "--name", "production", "--production",
                 "--broker-url", broker]) == 0
    capsys.readouterr()
    # provider build, with the docs' selectors
    with serve_wsgi(provider_app("hello")) as provider_url:
        code = main(["verify", "--broker-url", broker, "--provider", "users",
                     "--provider-app-version", "def456", "--provider-version-branch", "main",
                     "--consumer-version-selectors",
                     '[{"mainBranch": true}, {"deployedOrReleased": true}]',
                     "--enable-pending", "--include-wip-pacts-since", "2024-01-01",
                     "--publish-verification-results", "--provider-base-url", provider_url,
                     "--no-color"])
    assert code == 0, capsys.readouterr()
    # the pact was selected, verified and its result published
    status, pact = call("GET", broker + "/pacts/provider/users/consumer/web/latest")
    status, results = call("GET", pact["_links"]["pb:publish-verification-results"]["href"])
    [result] = results["_embedded"]["verificationResults"]
    assert result["success"] is True and result["providerApplicationVersion"] == "def456"
    assert main(["record-deployment", "--pacticipant", "users", "--version", "def456",
                 "--environment", "production", "--broker-url", broker]) == 0
    capsys.readouterr()
    assert main(["can-i-deploy", "--pacticipant", "web", "--version", "abc123",
                 "--to-environment", "production", "--broker-url", broker]) == 0
    assert "Computer says yes" in capsys.readouterr().out
    assert main(["record-deployment", "--pacticipant", "web", "--version", "abc123",
                 "--environment", "production", "--broker-url", broker]) == 0
    assert main_branch(broker, "web") == "main" and main_branch(broker, "users") == "main"


def test_the_first_candidate_branch_becomes_the_main_branch_and_stays(any_broker):
    publish(any_broker, "web", "1", make_pact("web", "users"), branch="feat/x")
    assert main_branch(any_broker, "web") is None  # not a candidate
    publish(any_broker, "web", "2", make_pact("web", "users"), branch="master")
    assert main_branch(any_broker, "web") == "master"
    publish(any_broker, "web", "3", make_pact("web", "users"), branch="main")
    assert main_branch(any_broker, "web") == "master"  # never overwritten
    assert selected(any_broker, "users", consumerVersionSelectors=[{"mainBranch": True}]) == [
        ("web", "2")]


def test_an_explicit_main_branch_is_kept(any_broker):
    assert call("PUT", any_broker + "/pacticipants/web", {"mainBranch": "trunk"})[0] == 201
    publish(any_broker, "web", "1", make_pact("web", "users"), branch="main")
    assert main_branch(any_broker, "web") == "trunk"


def test_tags_branch_versions_and_provider_branches_are_detected_too(any_broker):
    publish(any_broker, "web", "1", make_pact("web", "users"), tags=["develop"])
    assert main_branch(any_broker, "web") == "develop"
    assert call("PUT", any_broker + "/pacticipants/app/branches/main/versions/7")[0] == 200
    assert main_branch(any_broker, "app") == "main"
    assert call("PUT", any_broker + "/pacticipants/cli/versions/1", {"tags": ["master"]})[0] == 201
    assert main_branch(any_broker, "cli") == "master"
    assert call("PUT", any_broker + "/pacticipants/job/versions/1/tags/main")[0] == 201
    assert main_branch(any_broker, "job") == "main"
    # a provider's verification on its main branch sets the provider's main branch
    pact_url = any_broker + "/pacts/provider/users/consumer/web/version/1"
    verify_result(any_broker, pact_url, "9", True, branch="main")
    assert main_branch(any_broker, "users") == "main"


def test_detection_can_be_switched_off_or_given_other_candidates(tmp_path: Path):
    off = BrokerConfig(database_url=str(tmp_path / "off.sqlite"),
                       main_branch=MainBranchConfig(auto_detect=False))
    with running_broker(off) as (url, _app):
        publish(url, "web", "1", make_pact("web", "users"), branch="main")
        assert main_branch(url, "web") is None
    trunk = BrokerConfig(database_url=str(tmp_path / "trunk.sqlite"),
                         main_branch=MainBranchConfig(candidates=("trunk",)))
    with running_broker(trunk) as (url, _app):
        publish(url, "web", "1", make_pact("web", "users"), branch="main")
        assert main_branch(url, "web") is None
        publish(url, "web", "2", make_pact("web", "users"), branch="trunk")
        assert main_branch(url, "web") == "trunk"


def test_the_environment_configures_detection():
    assert MainBranchConfig.from_env({}).effective_candidates == ("develop", "main", "master")
    assert MainBranchConfig.from_env(
        {"POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH": "false"}).effective_candidates == ()
    assert MainBranchConfig.from_env(
        {"POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES": " trunk, prod ,"}).effective_candidates == (
        "trunk", "prod")
    with pytest.raises(UsageError, match="POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH.*'maybe'"):
        MainBranchConfig.from_env({"POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH": "maybe"})
    with pytest.raises(UsageError, match="POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES"):
        MainBranchConfig.from_env({"POLYPACT_BROKER_MAIN_BRANCH_CANDIDATES": " , "})


def test_broker_serve_reads_the_switch_from_its_environment(tmp_path: Path):
    proc = BrokerProcess(str(tmp_path / "b.sqlite"), {"POLYPACT_BROKER_AUTO_DETECT_MAIN_BRANCH": "no"})
    url = proc.start()
    try:
        publish(url, "web", "1", make_pact("web", "users"), branch="main")
        assert main_branch(url, "web") is None
    finally:
        proc.stop()
