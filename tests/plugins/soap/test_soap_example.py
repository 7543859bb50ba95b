"""The SOAP example end to end: its demo step (consumer tests with zeep in pytest, pact
written, example provider verified with ``polypact verify``) passes, so the demo cannot
silently rot."""

from __future__ import annotations

import json

from tests.plugins.plugin_support import EXAMPLES, load_demo

EXAMPLE = EXAMPLES / "soap"


def test_demo_step_writes_and_verifies_the_pact(tmp_path, capsys):
    module = load_demo(EXAMPLE, "polypact_demo_soap_test")
    assert module.run(tmp_path) is True
    out = capsys.readouterr().out
    assert "4 passed" in out
    assert "4 interaction(s), 4 passed, 0 failed" in out
    doc = json.loads((tmp_path / "users-web-users-soap.json").read_text(encoding="utf-8"))
    configs = [i["pluginConfiguration"]["soap"] for i in doc["interactions"]]
    assert {(c["operation"], c["version"]) for c in configs} == {
        ("GetUser", "1.1"), ("ListUsers", "1.1"), ("GetUser", "1.2")}
    assert sum(bool(c.get("fault")) for c in configs) == 1
    assert sum(bool(c.get("validate")) for c in configs) == 1


def test_example_provider_serves_its_wsdl_pointing_at_itself(serve, users_service):
    import urllib.request

    with serve(users_service) as url, urllib.request.urlopen(url + "/soap?wsdl", timeout=10) as response:
        text = response.read().decode()
    assert f'location="{url}/soap"' in text
    assert "users.example.com" not in text
