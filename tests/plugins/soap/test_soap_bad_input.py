"""Bad input fails at consumer-test time with errors naming the file, the operation and
the element: unreadable WSDLs, missing operations or bindings, bodies that do not fit the
message type, misuse of the DSL."""

from __future__ import annotations

import pytest
from polypact import integer, like, random_string
from polypact.errors import UsageError


def _get_user(pact, wsdl, body, **kwargs):
    return pact.upon_receiving("get user").with_soap(wsdl=wsdl, operation="GetUser", body=body, **kwargs)


def test_missing_wsdl_file(pact, tmp_path):
    with pytest.raises(UsageError, match=r"nope\.wsdl: WSDL file not found"):
        _get_user(pact, tmp_path / "nope.wsdl", {"id": 1})


@pytest.mark.parametrize("text", ["this is not xml", "<definitions><unclosed></definitions>"])
def test_wsdl_that_is_not_xml(pact, tmp_path, text):
    bad = tmp_path / "broken.wsdl"
    bad.write_text(text)
    with pytest.raises(UsageError, match=r"broken\.wsdl: the WSDL cannot be read: not well-formed XML"):
        _get_user(pact, bad, {"id": 1})


def test_xml_that_is_not_a_wsdl(pact, tmp_path):
    bad = tmp_path / "other.wsdl"
    bad.write_text('<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><message name="m">'
                   '<part name="p" element="tns:Missing" xmlns:tns="urn:x"/></message>'
                   '<portType name="pt"><operation name="Op"><input message="tns:m" xmlns:tns="urn:x"/>'
                   '</operation></portType></definitions>')
    with pytest.raises(UsageError, match=r"other\.wsdl: (the WSDL does not parse|the WSDL has no SOAP)"):
        _get_user(pact, bad, {"id": 1})


def test_missing_operation_lists_the_available_ones(pact, wsdl):
    with pytest.raises(UsageError, match=r"users\.wsdl: no operation 'GetUsr' .*"
                                         r"\(operations: GetUser, ListUsers\)"):
        pact.upon_receiving("x").with_soap(wsdl=wsdl, operation="GetUsr", body={"id": 1})


def test_unsupported_version(pact, wsdl):
    with pytest.raises(UsageError, match=r"SOAP version '2\.0' is not supported"):
        _get_user(pact, wsdl, {"id": 1}, version="2.0")


def test_unknown_element_is_named(pact, wsdl):
    with pytest.raises(UsageError, match=r"request body does not fit the input message of "
                                         r"users\.wsdl operation GetUser \(SOAP 1\.1\).*'userId'.*"
                                         r"Signature: `id: xsd:int`"):
        _get_user(pact, wsdl, {"userId": 1})


def test_value_of_the_wrong_type_is_named_with_its_xml_path(pact, wsdl):
    with pytest.raises(UsageError) as caught:
        _get_user(pact, wsdl, {"id": "one"})
    message = str(caught.value)
    assert "does not fit the XSD types of users.wsdl operation GetUser" in message
    assert "['http://example.com/users:GetUser']['http://example.com/users:id']" in message
    assert "'one' is not a valid value of the atomic type 'xs:int'" in message


def test_matcher_example_of_the_wrong_type_is_caught_too(pact, wsdl):
    builder = _get_user(pact, wsdl, {"id": 1})
    with pytest.raises(UsageError, match=r"response body does not fit the XSD types.*users:id"):
        builder.will_respond_with_soap(body={"user": {"id": like("x"), "name": "Ann"}})


def test_missing_required_element_is_named(pact, wsdl):
    builder = _get_user(pact, wsdl, {"id": 1})
    with pytest.raises(UsageError, match=r"Missing element name \(GetUserResponse\.user\.name\)"):
        builder.will_respond_with_soap(body={"user": {"id": integer(1)}})


def test_attribute_unknown_to_the_type_is_named(pact, wsdl):
    builder = _get_user(pact, wsdl, {"id": 1})
    with pytest.raises(UsageError, match=r"unexpected keyword argument 'colour'"):
        builder.will_respond_with_soap(body={"user": {"@colour": "red", "id": 1, "name": "A"}})


def test_body_must_be_a_mapping(pact, wsdl):
    with pytest.raises(UsageError, match=r"request body must be a dict of the message's elements"):
        _get_user(pact, wsdl, [1])


def test_generators_are_refused(pact, wsdl):
    builder = _get_user(pact, wsdl, {"id": 1})
    with pytest.raises(UsageError, match=r"at user\.name carries a generator"):
        builder.will_respond_with_soap(body={"user": {"id": 1, "name": random_string(5)}})


def test_response_before_request_is_refused(pact):
    with pytest.raises(UsageError, match=r"call with_soap\(\.\.\.\) before will_respond_with_soap"):
        pact.upon_receiving("x").will_respond_with_soap(body={})
    with pytest.raises(UsageError, match=r"call with_soap\(\.\.\.\) before will_respond_with_fault"):
        pact.upon_receiving("y").will_respond_with_fault()


def test_bad_fault_code_and_string(pact, wsdl):
    with pytest.raises(UsageError, match=r"fault code 'not a qname' is not a QName"):
        _get_user(pact, wsdl, {"id": 1}).will_respond_with_fault(code="not a qname")
    with pytest.raises(UsageError, match=r"fault string must be a string"):
        _get_user(pact, wsdl, {"id": 1}).will_respond_with_fault(string=42)


def test_bad_path_and_status(pact, wsdl):
    with pytest.raises(UsageError, match=r"path must start with '/'"):
        _get_user(pact, wsdl, {"id": 1}, path="soap")
    with pytest.raises(UsageError, match=r"status must be an integer from 100 to 599"):
        _get_user(pact, wsdl, {"id": 1}).will_respond_with_soap(
            body={"user": {"id": 1, "name": "A"}}, status=99)


def test_wsdl_importing_a_remote_schema_is_refused(pact, tmp_path, wsdl):
    text = wsdl.read_text(encoding="utf-8").replace(
        '<xsd:schema targetNamespace="http://example.com/users" elementFormDefault="qualified">',
        '<xsd:schema targetNamespace="http://example.com/users" elementFormDefault="qualified">'
        '<xsd:import namespace="urn:remote" schemaLocation="http://example.invalid/remote.xsd"/>')
    remote = tmp_path / "remote.wsdl"
    remote.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"refused to load 'http://example\.invalid/remote\.xsd'"
                                         r".*local files only"):
        _get_user(pact, remote, {"id": 1})
