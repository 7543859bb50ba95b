"""The SOAP consumer DSL: envelopes, headers and rules built from the WSDL, faults, and the
plugin configuration; the pact is a plain Synchronous/HTTP pact."""

from __future__ import annotations

import pytest
from lxml import etree
from polypact import each_like, integer, like, regex
from polypact.model import SynchronousHttp

from tests.plugins.soap.conftest import SOAP11, SOAP12, USERS, declare_get_user

ENV11 = f"$['{SOAP11}:Envelope']['{SOAP11}:Body']"
ENV12 = f"$['{SOAP12}:Envelope']['{SOAP12}:Body']"


def _interaction(pact) -> SynchronousHttp:
    [interaction] = pact.interactions
    assert isinstance(interaction, SynchronousHttp)
    return interaction


def _root(body):
    return etree.fromstring(body.content)


def test_soap_11_request_envelope_headers_and_configuration(pact, wsdl):
    declare_get_user(pact, wsdl, "1.1")
    interaction = _interaction(pact)
    request = interaction.request
    assert (request.method, request.path) == ("POST", "/soap")
    assert request.header("Content-Type") == ["text/xml"]
    assert request.header("SOAPAction") == ['"http://example.com/users/GetUser"']
    root = _root(request.body)
    assert root.tag == f"{{{SOAP11}}}Envelope"
    [operation] = root.find(f"{{{SOAP11}}}Body")
    assert operation.tag == f"{{{USERS}}}GetUser"
    assert operation.findtext(f"{{{USERS}}}id") == "1"
    assert interaction.plugin_configuration["soap"] == {
        "wsdl": "users.wsdl", "operation": "GetUser", "version": "1.1",
        "soapAction": "http://example.com/users/GetUser"}


def test_soapaction_header_accepts_quoted_and_unquoted_values(pact, wsdl):
    from polypact import match_request
    from polypact.model import HttpRequest

    declare_get_user(pact, wsdl, "1.1")
    expected = _interaction(pact).request
    for value, ok in (('"http://example.com/users/GetUser"', True),
                      ("http://example.com/users/GetUser", True),
                      ('"http://example.com/users/ListUsers"', False)):
        actual = HttpRequest("POST", "/soap", headers={"Content-Type": ["text/xml; charset=utf-8"],
                                                       "SOAPAction": [value]}, body=expected.body)
        problems = match_request(expected, actual, interaction=_interaction(pact))
        assert (problems == []) is ok, problems


def test_soap_12_uses_the_action_parameter_and_its_envelope(pact, wsdl):
    declare_get_user(pact, wsdl, "1.2")
    interaction = _interaction(pact)
    assert interaction.request.header("Content-Type") == [
        'application/soap+xml; action="http://example.com/users/GetUser"']
    assert interaction.request.header("SOAPAction") is None
    assert _root(interaction.request.body).tag == f"{{{SOAP12}}}Envelope"
    assert interaction.response.header("Content-Type") == ["application/soap+xml"]
    assert interaction.plugin_configuration["soap"]["version"] == "1.2"


def test_matchers_become_xml_rule_paths_in_namespace_uri_form(pact, wsdl):
    declare_get_user(pact, wsdl)
    rules = _interaction(pact).response.matching_rules.category("body")
    user = f"{ENV11}['{USERS}:GetUserResponse']['{USERS}:user']"
    assert {path: [r.kind for r in rl] for path, rl in rules.items()} == {
        f"{user}['@status']": ["type"],
        f"{user}['{USERS}:id']['#text']": ["integer"],
        f"{user}['{USERS}:name']['#text']": ["type"],
    }
    root = _root(_interaction(pact).response.body)
    assert root.find(f".//{{{USERS}}}user").get("status") == "active"


def test_matcher_on_a_complex_element_and_each_like_stay_on_the_element(pact, wsdl):
    (pact.upon_receiving("list").with_soap(wsdl=wsdl, operation="ListUsers", body={"status": regex("active|inactive", "active")})
        .will_respond_with_soap(body={"user": each_like({"id": integer(1), "name": "Ann"}, min=1)}))
    interaction = _interaction(pact)
    response_rules = interaction.response.matching_rules.category("body")
    user = f"{ENV11}['{USERS}:ListUsersResponse']['{USERS}:user']"
    assert [r.to_json() for r in response_rules[user]] == [{"match": "type"}]
    assert f"{user}['{USERS}:id']['#text']" in response_rules
    request_rules = interaction.request.matching_rules.category("body")
    assert [r.to_json() for r in request_rules[f"{ENV11}['{USERS}:ListUsers']['{USERS}:status']['#text']"]] == [
        {"match": "regex", "regex": "active|inactive"}]

    pact.clear()
    (pact.upon_receiving("get").with_soap(wsdl=wsdl, operation="GetUser", body={"id": 2})
        .will_respond_with_soap(body={"user": like({"id": 2, "name": "Bob"})}))
    rules = _interaction(pact).response.matching_rules.category("body")
    assert list(rules) == [f"{ENV11}['{USERS}:GetUserResponse']['{USERS}:user']"]


def test_a_list_repeats_the_element(pact, wsdl):
    (pact.upon_receiving("list").with_soap(wsdl=wsdl, operation="ListUsers")
        .will_respond_with_soap(body={"user": [{"id": 1, "name": "Ann"}, {"id": 2, "name": like("Bob")}]}))
    root = _root(_interaction(pact).response.body)
    assert [u.findtext(f"{{{USERS}}}name") for u in root.iter(f"{{{USERS}}}user")] == ["Ann", "Bob"]


@pytest.mark.parametrize(("version", "code", "written", "status"), [
    ("1.1", "soap:Client", "soap:Client", 500),
    ("1.1", "soap:Server", "soap:Server", 500),
    ("1.2", "soap:Client", "soap:Sender", 400),
    ("1.2", "soap:Server", "soap:Receiver", 500),
])
def test_faults_have_the_right_code_and_status(pact, wsdl, version, code, written, status):
    (pact.upon_receiving("fault").with_soap(wsdl=wsdl, operation="GetUser", body={"id": 9}, version=version)
        .will_respond_with_fault(code=code, string=like("user 9 not found")))
    interaction = _interaction(pact)
    assert interaction.response.status == status
    root = _root(interaction.response.body)
    env = SOAP11 if version == "1.1" else SOAP12
    fault = root.find(f"{{{env}}}Body/{{{env}}}Fault")
    if version == "1.1":
        assert (fault.findtext("faultcode"), fault.findtext("faultstring")) == (written, "user 9 not found")
    else:
        assert fault.findtext(f"{{{env}}}Code/{{{env}}}Value") == written
        assert fault.findtext(f"{{{env}}}Reason/{{{env}}}Text") == "user 9 not found"
    kinds = sorted(r.kind for rl in interaction.response.matching_rules.category("body").values() for r in rl)
    assert kinds == ["regex", "type"]
    assert interaction.plugin_configuration["soap"]["fault"] is True


def test_fault_detail_and_explicit_status(pact, wsdl):
    (pact.upon_receiving("fault").with_soap(wsdl=wsdl, operation="GetUser", body={"id": 9})
        .will_respond_with_fault(code="soap:Server", string="database down", status=503,
                                 detail={"error": {"@retry": integer(30), "code": like("DB-1")}}))
    interaction = _interaction(pact)
    assert interaction.response.status == 503
    detail = _root(interaction.response.body).find(".//detail")
    assert detail.find("error").get("retry") == "30"
    assert detail.findtext("error/code") == "DB-1"
    paths = list(interaction.response.matching_rules.category("body"))
    assert f"{ENV11}['{SOAP11}:Fault'].detail.error['@retry']" in paths
    assert f"{ENV11}['{SOAP11}:Fault'].detail.error.code['#text']" in paths


def test_version_defaults_to_11_and_path_to_the_wsdl_address(pact, wsdl):
    pact.upon_receiving("x").with_soap(wsdl=wsdl, operation="ListUsers", path="/other")
    assert _interaction(pact).request.path == "/other"
    assert _interaction(pact).plugin_configuration["soap"]["version"] == "1.1"


def test_validate_flag_is_recorded(pact, wsdl):
    declare_get_user(pact, wsdl, validate=True)
    assert _interaction(pact).plugin_configuration["soap"]["validate"] is True


def test_written_pact_is_v4_http_with_xml_bodies(pact, wsdl, tmp_path):
    import json

    declare_get_user(pact, wsdl)
    path = pact.write()
    doc = json.loads(path.read_text(encoding="utf-8"))
    [interaction] = doc["interactions"]
    assert interaction["type"] == "Synchronous/HTTP"
    assert interaction["request"]["body"]["contentType"] == "text/xml"
    assert interaction["request"]["body"]["content"].lstrip().startswith("<?xml")
    assert set(interaction["pluginConfiguration"]) == {"soap"}
