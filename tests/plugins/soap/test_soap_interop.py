"""Interop: a SOAP pact written by polypact (the example consumer's interactions, SOAP 1.1
and 1.2, a fault, attributes, repeated elements) verifies with pact-python 4.2.0's
verifier (the Rust reference core) against the example provider, also when the provider
uses other namespace prefixes, and fails against a provider that breaks the contract.
pact-python runs with telemetry off and its helper servers on 127.0.0.1
(:mod:`tests.interop.peer`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from polypact import each_like, integer, like, regex

from tests.interop.peer import reference_verify_http

pytestmark = pytest.mark.interop

USER = {"@status": like("active"), "id": integer(1), "name": like("Ann"),
        "email": regex(r"[^@\s]+@[^@\s]+", "ann@example.com")}


@pytest.fixture
def soap_pact(pact, wsdl) -> Path:
    """The example consumer's interactions, written by polypact through its mock."""
    from polypact_soap import soap_service

    (pact.upon_receiving("a request for user 1").given("user 1 exists")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 1})
        .will_respond_with_soap(body={"user": USER}))
    (pact.upon_receiving("a request for every user").given("users exist")
        .with_soap(wsdl=wsdl, operation="ListUsers")
        .will_respond_with_soap(body={"user": each_like(USER)}))
    (pact.upon_receiving("a request for a user that does not exist").given("no users exist")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 999})
        .will_respond_with_fault(code="soap:Client", string=like("user 999 not found")))
    (pact.upon_receiving("a SOAP 1.2 request for user 1").given("user 1 exists")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 1}, version="1.2")
        .will_respond_with_soap(body={"user": USER}))
    import zeep

    with pact.serve() as mock:
        service = soap_service(mock.url, wsdl)
        service.GetUser(id=1)
        service.ListUsers()
        with pytest.raises(zeep.exceptions.Fault):
            service.GetUser(id=999)
        soap_service(mock.url, wsdl, version="1.2").GetUser(id=1)
    return pact.path


def _reference_verify(pact_path: Path, app, serve) -> tuple[bool, str]:
    from users_soap_provider import STATE_CHANGE_PATH

    with serve(app) as url:
        return reference_verify_http("users-soap", str(pact_path), url, url + STATE_CHANGE_PATH)


def test_pact_is_a_plain_http_pact_with_namespace_uri_rule_paths(soap_pact):
    doc = json.loads(soap_pact.read_text(encoding="utf-8"))
    assert "plugins" not in doc["metadata"]
    for interaction in doc["interactions"]:
        assert interaction["type"] == "Synchronous/HTTP"
        assert set(interaction["pluginConfiguration"]) == {"soap"}
        for path in interaction["response"].get("matchingRules", {}).get("body", {}):
            assert path.startswith("$['http://")  # namespace URIs, not prefixes


def test_reference_verifier_accepts_the_provider(pact_python, soap_pact, serve, users_service):
    ok, output = _reference_verify(soap_pact, users_service, serve)
    assert ok, output
    assert "a request for every user" in output


def test_reference_verifier_ignores_prefixes(pact_python, soap_pact, serve):
    from users_soap_provider import UsersService

    ok, output = _reference_verify(soap_pact, UsersService(prefixes=("S", "usr")), serve)
    assert ok, output


def test_reference_verifier_rejects_a_broken_provider(pact_python, soap_pact, serve, users_service):
    class Broken:
        def __call__(self, environ, start_response):
            def start(status, headers):
                return start_response(status, [(k, v) for k, v in headers if k.lower() != "content-length"])

            body = b"".join(users_service(environ, start))
            return [body.replace(b"<u:id>1</u:id>", b"<u:id>one</u:id>")]

    ok, output = _reference_verify(soap_pact, Broken(), serve)
    assert not ok
    assert "Expected 'one' to match an integer number" in output
    assert "['http://example.com/users:user']['http://example.com/users:id']['#text']" in output


def test_reference_verifier_rejects_another_namespace_uri(pact_python, soap_pact, serve):
    from users_soap_provider import UsersService

    ok, output = _reference_verify(soap_pact, UsersService(namespace="http://example.com/users/v2"),
                                   serve)
    assert not ok
    assert "a request for user 1" in output
