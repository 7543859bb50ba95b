"""`polypact verify` and the command line's exit codes and error messages."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from polypact.testing import run_cli

from tests.plugins.http.provider.phelpers import UsersApp, get_user, serve, write_pact


def test_verify_success_exits_0(pact_dir, provider):
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url])
    assert code == 0, out + err
    assert "Verifying provider 'users': 2 interaction(s) from 1 pact(s)" in out
    assert "✓ web: a request for user 1" in out
    assert "2 interaction(s), 2 passed, 0 failed" in out
    assert "\033[" not in out


def test_verify_failure_exits_1_with_numbered_failures(pact_dir, broken_provider):
    code, out, err = run_cli(["verify", str(pact_dir / "web-users.json"), "--provider-base-url", broken_provider.url])
    assert code == 1
    assert "✗ web: a request for user 1" in out
    failures = out.split("Failures:")[1]
    assert "1) web: a request for user 1" in failures
    assert "2) web: a request for user 2 (given user 2 exists)" in failures
    assert "$.name" in failures and "ANN" in failures


def test_reports_and_filters(pact_dir, broken_provider, tmp_path):
    (tmp_path / "out").mkdir()
    json_path, junit_path = tmp_path / "out" / "r.json", tmp_path / "out" / "r.xml"
    code, out, _ = run_cli([
        "verify", str(pact_dir), "--provider-base-url", broken_provider.url,
        "--filter-description", "user 2$", "--json", str(json_path), "--junit", str(junit_path),
    ])
    assert code == 1
    doc = json.loads(json_path.read_text())
    assert [i["description"] for i in doc["interactions"]] == ["a request for user 2"]
    assert doc["success"] is False
    root = ET.parse(junit_path).getroot()
    assert root.attrib["tests"] == "1" and root.attrib["failures"] == "1"


@pytest.mark.parametrize(
    ("option", "destination", "message"),
    [
        ("--junit", "/proc/x.xml", "--junit '/proc/x.xml': cannot create files in '/proc'"),
        ("--json", "{tmp}", "--json '{tmp}': is a directory; expected a file path"),
        ("--json", "/proc/no/r.json", "--json '/proc/no/r.json': cannot create the directory '/proc/no'"),
        ("--json", "{tmp}/f.txt/a/r.json",
         "--json '{tmp}/f.txt/a/r.json': cannot create the directory '{tmp}/f.txt/a' (Not a directory)"),
        ("--junit", "{tmp}/f.txt/r.xml", "--junit '{tmp}/f.txt/r.xml': '{tmp}/f.txt' is not a directory"),
    ],
)
def test_unwritable_report_destination_exits_2_before_verifying(pact_dir, provider, tmp_path, option,
                                                                destination, message):
    (tmp_path / "f.txt").write_text("")
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              option, destination.format(tmp=tmp_path)])
    assert code == 2, (out, err)
    assert err.startswith(f"polypact verify: error: {message.format(tmp=tmp_path)}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert out == "" and provider.app.requests == []  # nothing was verified


def test_report_write_failure_after_the_run_exits_2_with_one_line(pact_dir, provider, tmp_path, monkeypatch):
    import polypact.reporters.output as output

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", no_space)
    report = tmp_path / "r.json"
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              "--json", str(report)])
    assert code == 2
    assert err == (f"polypact verify: error: --json {str(report)!r}: could not write the report "
                   f"(No space left on device)\n")
    assert "2 passed" in out and not report.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_filter_state_and_consumer(pact_dir, broken_provider):
    code, out, _ = run_cli(["verify", str(pact_dir), "--provider-base-url", broken_provider.url,
                            "--filter-state", "", "--filter-consumer", "^web$"])
    assert code == 1 and "1 interaction(s)" in out and "user 1" in out


def test_filters_selecting_nothing_fail_with_exit_1_and_say_why(pact_dir, provider):
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              "--filter-description", "zzz", "--filter-consumer", "^web$"])
    assert code == 1, (out, err)
    assert ("error: nothing was verified: the filters (description 'zzz', consumer '^web$') "
            "select none of the 2 interaction(s) in 1 pact(s)") in out
    assert provider.app.requests == [] and err == ""


def test_nothing_to_verify_reports_are_red_too(pact_dir, provider, tmp_path):
    json_path, junit_path = tmp_path / "r.json", tmp_path / "r.xml"
    code, _, _ = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                          "--filter-state", "no such state", "--json", str(json_path),
                          "--junit", str(junit_path)])
    assert code == 1
    doc = json.loads(json_path.read_text())
    assert doc["success"] is False and doc["interactions"] == []
    assert "select none of the 2 interaction(s)" in doc["nothingToVerify"]
    root = ET.parse(junit_path).getroot()
    assert root.attrib["tests"] == "1" and root.attrib["failures"] == "1"
    failure = root.find("testsuite/testcase/failure")
    assert "state 'no such state'" in failure.attrib["message"]


def test_an_empty_directory_and_other_providers_pacts_fail_with_exit_1(pact_dir, provider, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run_cli(["verify", str(empty), "--provider-base-url", provider.url])
    assert code == 1, (out, err)
    assert f"error: nothing was verified: no pacts found in {empty}" in out
    code, out, _ = run_cli(["verify", str(pact_dir), "--provider", "billing",
                            "--provider-base-url", provider.url])
    assert code == 1
    assert (f"error: nothing was verified: no pacts for provider 'billing' in {pact_dir} "
            f"(the pacts there are for 'users')") in out
    assert provider.app.requests == []


@pytest.mark.parametrize("flag", ["--allow-empty", "--ignore-no-pacts-error"])
def test_allow_empty_makes_nothing_to_verify_a_warning(pact_dir, provider, tmp_path, flag):
    code, out, _ = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                            "--filter-description", "zzz", flag])
    assert code == 0
    assert "warning: nothing to verify: the filters (description 'zzz') select none" in out
    assert "error:" not in out
    (tmp_path / "empty").mkdir()
    code, out, _ = run_cli(["verify", str(tmp_path / "empty"), "--provider-base-url", provider.url, flag])
    assert code == 0 and "warning: nothing to verify: no pacts found in" in out


def test_header_option_replaces_header(tmp_path, provider):
    from tests.plugins.http.provider.test_http_provider_client import _echo_interaction

    pact = write_pact(tmp_path, [_echo_interaction()])
    code, out, err = run_cli(["verify", str(pact), "--provider-base-url", provider.url,
                              "--header", "Authorization: Bearer real"])
    assert code == 0, out + err
    assert provider.app.requests[0]["headers"]["authorization"] == "Bearer real"


def test_state_change_url_option(tmp_path, provider):
    from tests.plugins.http.provider.test_http_provider_states import _generated_user

    pact = write_pact(tmp_path, [_generated_user()])
    code, out, err = run_cli(["verify", str(pact), "--provider-base-url", provider.url,
                              "--state-change-url", provider.url + "/_pact/state", "--no-state-change-teardown"])
    assert code == 0, out + err
    assert [s["action"] for s in provider.app.states] == ["setup"]
    assert provider.app.requests[0]["path"] == "/users/42"


def test_pending_failure_does_not_fail_the_run(tmp_path, broken_provider):
    pact = write_pact(tmp_path, [get_user(1, pending=True)])
    code, out, _ = run_cli(["verify", str(pact), "--provider-base-url", broken_provider.url])
    assert code == 0
    assert "(pending, not failing)" in out and "Pending (not failing):" in out


def test_unreachable_provider_fails_with_exit_1(pact_dir):
    with serve(UsersApp()) as server:
        url = server.url
    code, out, _ = run_cli(["verify", str(pact_dir), "--provider-base-url", url])
    assert code == 1
    assert f"error: could not reach the provider at {url}" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verify", "{dir}"], "give --provider-base-url URL"),
        (["verify", "{dir}", "--provider-base-url", "http://127.0.0.1:9", "--header", "NoColon"],
         "--header 'NoColon': expected 'Name: value'"),
        (["verify", "{dir}/missing.json", "--provider-base-url", "http://127.0.0.1:9"],
         "missing.json: no such pact file or directory"),
        (["verify", "{dir}", "--provider-base-url", "http://127.0.0.1:9", "--filter-description", "("],
         "invalid description filter '('"),
        (["verify", "{dir}", "--transport", "grpc"], "expected NAME=TARGET"),
        (["verify", "{dir}", "--provider-base-url", "ftp://x"], "expected an http(s) URL"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(pact_dir, args, message):
    code, out, err = run_cli([a.format(dir=pact_dir) for a in args])
    assert code == 2, (out, err)
    assert err.startswith("polypact verify: error: ") and message in err
    assert "Traceback" not in err


def test_malformed_pact_file_is_exit_2_naming_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"consumer": {"name": "web"}, "provider": ')
    code, out, err = run_cli(["verify", str(bad), "--provider-base-url", "http://127.0.0.1:9"])
    assert code == 2
    assert err.startswith("polypact verify: error: ") and "bad.json" in err
    assert len(err.strip().splitlines()) == 1


def test_argparse_errors_exit_2():
    code, _, err = run_cli(["verify", "--provider-base-url", "http://127.0.0.1:9"])
    assert code == 2 and "give pact files or directories" in err
    code, _, err = run_cli(["no-such-command"])
    assert code == 2 and "invalid choice" in err


def test_help_and_version_exit_0():
    code, out, _ = run_cli(["--help"])
    assert code == 0
    for command in ("verify", "plugins", "validate", "stub"):
        assert command in out
    code, out, _ = run_cli(["--version"])
    assert code == 0 and out.startswith("polypact ")


def test_no_command_prints_help_and_exits_2():
    code, _, err = run_cli([])
    assert code == 2 and "usage: polypact" in err
