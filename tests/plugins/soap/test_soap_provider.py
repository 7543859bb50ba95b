"""Provider side: the example SOAP provider verified through the verifier API and the
``polypact verify`` CLI; namespace prefixes do not matter, namespace URIs do; extra
response elements are fine; optional XSD validation reports problems at their XML path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from polypact import Verifier, each_like, integer, like
from polypact_soap.config import WSDL_PATH_ENV, wsdl_file_for

from tests.plugins.soap.conftest import declare_get_user

USER_ID = "['http://example.com/users:user']['http://example.com/users:id']"


def _declare_all(pact, wsdl, version="1.1"):
    declare_get_user(pact, wsdl, version)
    (pact.upon_receiving(f"a SOAP {version} request for every user").given("users exist")
        .with_soap(wsdl=wsdl, operation="ListUsers", version=version)
        .will_respond_with_soap(body={"user": each_like({"id": integer(1), "name": like("Ann")})}))
    (pact.upon_receiving(f"a SOAP {version} request for user 9").given("no users exist")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 9}, version=version)
        .will_respond_with_fault(code="soap:Client", string=like("user 9 not found")))


def _verify(pact, app, serve):
    from users_soap_provider import STATE_CHANGE_PATH

    model = pact.to_model()
    with serve(app) as url:
        return Verifier().add_pact(model).provider_base_url(url).state_change_url(
            url + STATE_CHANGE_PATH).verify()


def _failures(summary) -> dict[str, list[tuple[str, str]]]:
    return {r.interaction.description: [(m.path, m.message) for m in r.mismatches]
            for r in summary.results if r.mismatches or r.error}


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_example_provider_verifies(pact, wsdl, serve, users_service, version):
    _declare_all(pact, wsdl, version)
    summary = _verify(pact, users_service, serve)
    assert len(summary.results) == 3
    assert _failures(summary) == {}


@pytest.mark.parametrize("prefixes", [("S", "usr"), ("SOAP-ENV", None), ("env", "ns7")])
@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_different_prefixes_still_match(pact, wsdl, serve, prefixes, version):
    from users_soap_provider import UsersService

    _declare_all(pact, wsdl, version)
    summary = _verify(pact, UsersService(prefixes=prefixes), serve)
    assert _failures(summary) == {}


def test_a_different_namespace_uri_does_not_match(pact, wsdl, serve):
    from users_soap_provider import UsersService

    _declare_all(pact, wsdl)
    summary = _verify(pact, UsersService(namespace="http://example.com/users/v2"), serve)
    failures = _failures(summary)
    assert set(failures) == {"a SOAP 1.1 request for user 1", "a SOAP 1.1 request for every user"}
    [(path, message)] = failures["a SOAP 1.1 request for user 1"]
    assert path.endswith("['http://schemas.xmlsoap.org/soap/envelope/:Body']")
    assert message == "Expected child <http://example.com/users:GetUserResponse/> but was missing"


def test_extra_response_elements_are_fine_even_under_type_matchers(pact, wsdl, serve, users_service):
    """The contract's users have no email; the provider adds one (and a status attribute)."""
    _declare_all(pact, wsdl)
    users_service.set_state("users exist")
    assert all(u["email"] for u in users_service.users.values())
    assert _failures(_verify(pact, users_service, serve)) == {}


class _Retyped:
    """The example provider, but ids come back as text."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, environ, start_response):
        body = b"".join(self.inner(environ, _Capture(start_response)))
        return [body.replace(b"<u:id>1</u:id>", b"<u:id>one</u:id>")]


class _Capture:
    def __init__(self, start_response):
        self.start_response = start_response

    def __call__(self, status, headers):
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        return self.start_response(status, headers)


def test_a_retyped_field_fails_at_its_path(pact, wsdl, serve, users_service):
    declare_get_user(pact, wsdl)
    failures = _failures(_verify(pact, _Retyped(users_service), serve))
    [(path, message)] = failures["a SOAP 1.1 request for user 1"]
    assert path.endswith(f"['http://example.com/users:GetUserResponse']{USER_ID}['#text']")
    assert "integer" in message.lower() or "'one'" in message


class _Nickname(_Retyped):
    """The example provider, with an element its WSDL does not declare."""

    def __call__(self, environ, start_response):
        body = b"".join(self.inner(environ, _Capture(start_response)))
        return [body.replace(b"</u:name>", b"</u:name><u:nickname>A</u:nickname>")]


def test_xsd_validation_reports_undeclared_elements_when_asked(pact, wsdl, serve, users_service):
    declare_get_user(pact, wsdl)
    assert _failures(_verify(pact, _Nickname(users_service), serve)) == {}  # Postel: fine

    pact.clear()
    declare_get_user(pact, wsdl, validate=True)
    failures = _failures(_verify(pact, _Nickname(users_service), serve))
    [(path, message)] = failures["a SOAP 1.1 request for user 1"]
    assert path.endswith("['http://example.com/users:user']['http://example.com/users:nickname']")
    assert message.startswith("Not valid for the WSDL's XSD types: Element '{http://example.com/users}nickname'")


def test_wsdl_files_are_found_through_the_environment(tmp_path, wsdl, monkeypatch):
    copy = tmp_path / "elsewhere.wsdl"
    copy.write_bytes(wsdl.read_bytes())
    assert wsdl_file_for("elsewhere.wsdl") is None
    monkeypatch.setenv(WSDL_PATH_ENV, str(tmp_path))
    assert wsdl_file_for("elsewhere.wsdl") == copy.resolve()
    monkeypatch.setenv(WSDL_PATH_ENV, str(copy))
    assert wsdl_file_for("elsewhere.wsdl") == copy.resolve()
    assert wsdl_file_for("other.wsdl") is None


def _cli(*args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("polypact")
    return subprocess.run([str(script), *args], capture_output=True, text=True, timeout=120,
                          env={"NO_COLOR": "1", "PACT_DO_NOT_TRACK": "true", "PATH": ""})


def test_polypact_verify_cli_passes_and_fails(pact, wsdl, serve, users_service):
    from users_soap_provider import STATE_CHANGE_PATH

    _declare_all(pact, wsdl)
    path = pact.write()
    with serve(users_service) as url:
        good = _cli("verify", str(path), "--provider-base-url", url, "--state-change-url",
                    url + STATE_CHANGE_PATH)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "3 interaction(s), 3 passed, 0 failed" in good.stdout
    with serve(_Retyped(users_service)) as url:
        bad = _cli("verify", str(path), "--provider-base-url", url, "--state-change-url",
                   url + STATE_CHANGE_PATH)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "a SOAP 1.1 request for user 1" in bad.stdout
    assert "users:id" in bad.stdout and "users = http://example.com/users" in bad.stdout


def test_soap_wsdl_option_of_polypact_verify(tmp_path, wsdl):
    from polypact.testing import run_cli

    copy = tmp_path / "renamed.wsdl"
    copy.write_bytes(wsdl.read_bytes())
    pact_file = tmp_path / "empty.json"
    pact_file.write_text('{"consumer": {"name": "c"}, "provider": {"name": "p"}, "interactions": [],'
                         ' "metadata": {"pactSpecification": {"version": "4.0"}}}')
    code, _, err = run_cli(["verify", str(pact_file), "--provider-base-url", "http://127.0.0.1:9",
                            "--soap-wsdl", str(tmp_path / "missing.wsdl")])
    assert code == 2 and "missing.wsdl" in err
    assert wsdl_file_for("renamed.wsdl") is None
    code, out, err = run_cli(["verify", str(pact_file), "--provider-base-url",
                              "http://127.0.0.1:9", "--soap-wsdl", str(copy)])
    assert code == 0, out + err
    assert wsdl_file_for("renamed.wsdl") == copy.resolve()
