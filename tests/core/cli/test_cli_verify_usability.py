"""`polypact verify` usability: report directories created, unknown transports refused
with a hint, --strict-states, and the state warnings printed once, without Python
warning noise."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from polypact.testing import run_cli


def test_junit_report_in_a_missing_directory_is_written(pact_dir, provider, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              "--junit", "reports/pact.xml", "--json", "deep/er/r.json"])
    assert code == 0, out + err
    root = ET.parse(tmp_path / "reports" / "pact.xml").getroot()
    assert root.attrib["tests"] == "2" and root.attrib["failures"] == "0"
    assert (tmp_path / "deep" / "er" / "r.json").stat().st_size > 0


def test_unknown_transport_is_a_usage_error_with_a_hint(pact_dir, provider):
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              "--transport", "htp=http://127.0.0.1:1"])
    assert code == 2 and out == ""
    assert err.startswith("polypact verify: error: --transport 'htp=http://127.0.0.1:1': "
                          "no transport named 'htp' is registered (registered: ")
    assert "http" in err.split("registered: ", 1)[1]
    assert err.rstrip().endswith("did you mean 'http'?")
    assert err.count("\n") == 1 and provider.app.requests == []


def test_unknown_transport_without_a_close_name_gets_no_hint(pact_dir, provider):
    code, _, err = run_cli(["verify", str(pact_dir), "--transport", "zzzzzz=x"])
    assert code == 2 and "no transport named 'zzzzzz'" in err and "did you mean" not in err


def test_state_warning_is_printed_once_and_strict_states_fails_the_interaction(pact_dir, provider):
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url])
    assert code == 0
    assert out.count("warning: no handler for provider state 'user 2 exists'") == 1
    assert "PolypactWarning" not in err  # the console already printed it
    code, out, err = run_cli(["verify", str(pact_dir), "--provider-base-url", provider.url,
                              "--strict-states"])
    assert code == 1, out + err
    assert "✓ web: a request for user 1 " in out
    assert "✗ web: a request for user 2 (given user 2 exists) (error)" in out
    assert "error: no handler for provider state 'user 2 exists' (strict states)" in out
    assert "0 failed, 1 error(s)" in out
