"""The pact-python-cli package's broker client (the Rust ``pact broker`` CLI) against
``polypact broker serve``: publish, environments, record-deployment, can-i-deploy,
record-undeployment, describe-version and list-pacticipants, run as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.broker.helpers import call, make_pact, provider_app
from tests.interop.server import serve_wsgi

pytestmark = pytest.mark.interop

PACT_CLI = Path(sys.executable).with_name("pact")


def pact_broker(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``pact broker ARGS -b URL`` (never its stub server or plugin installer)."""
    if not PACT_CLI.exists():
        pytest.skip("pact-python-cli is a test-only dependency (its `pact` binary is missing)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PACT_BROKER_")}
    env["PACT_DO_NOT_TRACK"] = "true"
    return subprocess.run([str(PACT_CLI), "broker", args[0], "-b", url, *args[1:]],
                          capture_output=True, text=True, env=env, timeout=120)


def verify_and_publish(url: str, provider_version: str, greeting: str = "hello",
                       selectors: list[dict] | None = None) -> None:
    from polypact import Verifier
    from polypact_broker.client.source import verify_with_broker

    with serve_wsgi(provider_app(greeting)) as provider_url:
        verifier = Verifier("users").provider_base_url(provider_url)
        verify_with_broker(verifier, url, provider="users", provider_version=provider_version,
                           provider_branch="main", selectors=selectors or [{"latest": True}],
                           publish=True)
        verifier.verify()


def write_pact(folder: Path, greeting: str = "hello") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "web-users.json").write_text(json.dumps(make_pact("web", "users", "a greeting",
                                                                greeting=greeting)))
    return folder


def test_publish_then_can_i_deploy_then_record_deployment(broker_process, tmp_path):
    url = broker_process.url
    done = pact_broker(url, "publish", str(write_pact(tmp_path / "v1")),
                       "--consumer-app-version", "1.0.0", "--branch", "main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Created web version 1.0.0 with branch main" in done.stdout
    status, pact = call("GET", url + "/pacts/provider/users/consumer/web/version/1.0.0")
    assert status == 200 and pact["interactions"][0]["description"] == "a greeting"

    done = pact_broker(url, "create-environment", "--name", "production", "--production")
    assert done.returncode == 0, done.stdout + done.stderr
    listed = pact_broker(url, "list-environments")
    assert listed.returncode == 0 and "production" in listed.stdout

    # the provider verifies web 1.0.0 and is deployed
    verify_and_publish(url, "2.0.0")
    done = pact_broker(url, "record-deployment", "--pacticipant", "users", "--version", "2.0.0",
                       "--environment", "production")
    assert done.returncode == 0, done.stdout + done.stderr

    ok = pact_broker(url, "can-i-deploy", "--pacticipant", "web", "--version", "1.0.0",
                     "--to-environment", "production")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Computer says yes" in ok.stdout

    # a changed pact nobody verified cannot go to production
    pact_broker(url, "publish", str(write_pact(tmp_path / "v2", greeting="hey")),
                "--consumer-app-version", "1.1.0", "--branch", "main")
    no = pact_broker(url, "can-i-deploy", "--pacticipant", "web", "--version", "1.1.0",
                     "--to-environment", "production")
    assert no.returncode != 0
    assert "Computer says no" in no.stdout
    assert "There is no verified pact between version 1.1.0 of web and version 2.0.0 of users" in no.stdout

    # once web 1.0.0 is in production, the provider's next version must honour it
    assert pact_broker(url, "record-deployment", "--pacticipant", "web", "--version", "1.0.0",
                       "--environment", "production").returncode == 0
    verify_and_publish(url, "2.1.0", greeting="bye",  # breaks the deployed web's pact
                       selectors=[{"deployedOrReleased": True}])
    broken = pact_broker(url, "can-i-deploy", "--pacticipant", "users", "--version", "2.1.0",
                         "--to-environment", "production")
    assert broken.returncode != 0
    assert ("The verification for the pact between version 1.0.0 of web and version 2.1.0 "
            "of users failed") in broken.stdout

    described = pact_broker(url, "describe-version", "--pacticipant", "web")
    assert described.returncode == 0 and "1.1.0" in described.stdout
    pacticipants = pact_broker(url, "list-pacticipants")
    assert "users" in pacticipants.stdout and "web" in pacticipants.stdout

    done = pact_broker(url, "record-undeployment", "--pacticipant", "web", "--environment", "production")
    assert done.returncode == 0, done.stdout + done.stderr
    status, env_list = call("GET", url + "/environments")
    env_uuid = env_list["_embedded"]["environments"][0]["uuid"]
    status, current = call("GET", f"{url}/environments/{env_uuid}/deployed-versions/currently-deployed")
    assert [d["_embedded"]["pacticipant"]["name"] for d in current["_embedded"]["deployedVersions"]] == ["users"]

