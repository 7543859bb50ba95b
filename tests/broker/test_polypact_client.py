"""polypact's own client against its own broker: ``polypact publish``, ``polypact broker
verify``, ``polypact can-i-deploy``, ``polypact record-deployment`` and
``polypact broker create-environment`` (in-process through ``polypact.cli.main``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from polypact.cli.main import main

from tests.broker.helpers import call, make_pact, provider_app
from tests.interop.server import serve_wsgi


def write_pacts(folder: Path, greeting: str = "hello") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "web-users.json").write_text(json.dumps(make_pact("web", "users", "a greeting", greeting=greeting)))
    (folder / "web-orders.json").write_text(json.dumps(make_pact("web", "orders", "an order")))
    return str(folder)


def test_ci_workflow_publish_verify_can_i_deploy_record_deployment(broker, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("POLYPACT_BROKER_TOKEN", raising=False)
    assert main(["publish", write_pacts(tmp_path / "p1"), "--consumer-app-version", "1.0.0",
                 "--branch", "main", "--tag", "rc", "--broker-url", broker]) == 0
    out = capsys.readouterr().out
    assert "Pact published for web version 1.0.0 and provider users" in out
    assert "Pact published for web version 1.0.0 and provider orders" in out
    assert main(["broker", "create-environment", "--name", "production", "--production",
                 "--broker-url", broker]) == 0
    capsys.readouterr()

    # the consumer's pact is not verified yet: can-i-deploy says no (exit 1)
    assert main(["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0",
                 "--to-environment", "production", "--broker-url", broker]) == 1
    assert "Computer says no" in capsys.readouterr().out

    with serve_wsgi(provider_app("hello")) as provider_url:
        code = main(["verify", "--broker-url", broker, "--provider", "users",
                     "--provider-app-version", "2.0.0", "--provider-version-branch", "main",
                     "--consumer-version-selectors", '[{"branch": "main"}]',
                     "--publish-verification-results", "--provider-base-url", provider_url,
                     "--no-color"])
    assert code == 0, capsys.readouterr()
    assert main(["record-deployment", "--pacticipant", "users", "--version", "2.0.0",
                 "--environment", "production", "--broker-url", broker]) == 0
    capsys.readouterr()
    # orders has no version in production: still no
    assert main(["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0",
                 "--to-environment", "production", "--broker-url", broker]) == 1
    assert "the version of orders currently in production" in capsys.readouterr().out

    with serve_wsgi(provider_app("hello")) as provider_url:
        assert main(["verify", "--broker-url", broker, "--provider", "orders",
                     "--provider-app-version", "9", "--provider-base-url", provider_url,
                     "--publish-verification-results", "--no-color"]) == 0
    assert main(["record-deployment", "--pacticipant", "orders", "--version", "9",
                 "--environment", "production", "--broker-url", broker]) == 0
    capsys.readouterr()
    assert main(["can-i-deploy", "--pacticipant", "web", "--version", "1.0.0",
                 "--to-environment", "production", "--broker-url", broker, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["summary"]["deployable"] is True
    assert sorted((r["provider"]["name"], r["provider"]["version"]["number"]) for r in answer["matrix"]) == [
        ("orders", "9"), ("users", "2.0.0")]


def test_broker_verify_fails_for_a_broken_provider_and_publishes_the_failure(broker, tmp_path, capsys):
    assert main(["publish", write_pacts(tmp_path / "p"), "--consumer-app-version", "1",
                 "--broker-url", broker]) == 0
    with serve_wsgi(provider_app("bye")) as provider_url:
        code = main(["verify", "--broker-url", broker, "--provider", "users",
                     "--provider-app-version", "3", "--provider-base-url", provider_url,
                     "--publish-verification-results", "--no-color"])
    assert code == 1
    status, pact = call("GET", broker + "/pacts/provider/users/consumer/web/latest")
    status, results = call("GET", pact["_links"]["pb:publish-verification-results"]["href"])
    [result] = results["_embedded"]["verificationResults"]
    assert result["success"] is False and result["providerApplicationVersion"] == "3"
    assert result["testResults"][0]["interactionDescription"] == "a greeting"
    assert result["testResults"][0]["mismatches"]


def test_pending_pacts_from_the_broker_do_not_fail_polypact_verify(broker, tmp_path, capsys):
    assert main(["publish", write_pacts(tmp_path / "p", greeting="hey"), "--consumer-app-version", "1",
                 "--branch", "feat", "--broker-url", broker]) == 0
    with serve_wsgi(provider_app("hello")) as provider_url:
        code = main(["verify", "--broker-url", broker, "--provider", "users",
                     "--provider-app-version", "3", "--provider-version-branch", "main",
                     "--consumer-version-selectors", '{"branch": "feat"}',
                     "--provider-base-url", provider_url, "--no-color", "--enable-pending"])
    assert code == 0  # pending: reported, not failing
    assert "pending, not failing" in capsys.readouterr().out
    with serve_wsgi(provider_app("hello")) as provider_url:
        code = main(["verify", "--broker-url", broker, "--provider", "users",
                     "--consumer-version-selectors", '{"branch": "feat"}',
                     "--provider-base-url", provider_url, "--no-color"])
    assert code == 1  # without --enable-pending the same pact fails the run


def test_errors_are_one_line_and_never_show_credentials(broker, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POLYPACT_BROKER_TOKEN", "s3cret-token")
    code = main(["can-i-deploy", "--pacticipant", "web", "--version", "1",
                 "--to-environment", "nowhere", "--broker-url", broker])
    captured = capsys.readouterr()
    assert code == 1 and "No version with number 1 found for pacticipant web" in captured.out
    code = main(["record-deployment", "--pacticipant", "web", "--version", "1",
                 "--environment", "prod", "--broker-url", "http://user:pw-secret@127.0.0.1:9/"])
    captured = capsys.readouterr()
    assert code == 2
    assert "cannot reach the broker" in captured.err
    for secret in ("s3cret-token", "pw-secret"):
        assert secret not in captured.out + captured.err


def test_publish_needs_a_broker_url(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("POLYPACT_BROKER_URL", raising=False)
    assert main(["publish", write_pacts(tmp_path / "p"), "--consumer-app-version", "1"]) == 2
    assert "--broker-url" in capsys.readouterr().err


@pytest.mark.parametrize("selectors", ['{"branch": ', '[{"bogus": true}]'])
def test_bad_selectors_are_usage_errors(broker, selectors, capsys):
    code = main(["verify", "--broker-url", broker, "--provider", "users",
                 "--consumer-version-selectors", selectors, "--provider-base-url", "http://127.0.0.1:9"])
    assert code == 2
    err = capsys.readouterr().err
    assert "consumer-version-selectors" in err or "bogus" in err


def test_verify_broker_options_are_checked_before_anything_runs(monkeypatch):
    from polypact.testing import run_cli

    monkeypatch.delenv("POLYPACT_BROKER_URL", raising=False)
    code, _, err = run_cli(["verify", "--provider-base-url", "http://127.0.0.1:9",
                            "--publish-verification-results"])
    assert code == 2 and "needs --broker-url" in err
    code, _, err = run_cli(["verify", "--provider-base-url", "http://127.0.0.1:9",
                            "--broker-url", "http://127.0.0.1:9"])
    assert code == 2 and "needs --provider NAME" in err
    code, _, err = run_cli(["verify", "--provider-base-url", "http://127.0.0.1:9", "--provider",
                            "users", "--broker-url", "http://127.0.0.1:9",
                            "--consumer-version-selectors", "[1]"])
    assert code == 2 and "consumer-version-selectors" in err
