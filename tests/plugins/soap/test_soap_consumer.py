"""Consumer side: real zeep clients against polypact's mock server, and what the mock
reports when the client sends something else."""

from __future__ import annotations

import pytest
import zeep
from polypact import each_like, integer, like
from polypact.errors import ConsumerTestError, UsageError
from polypact.pactfile import read_pact
from polypact_soap import soap_client, soap_service, wsdl_for_address

from tests.plugins.soap.conftest import declare_get_user


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_soap_service_helper_talks_to_the_mock(pact, wsdl, version):
    declare_get_user(pact, wsdl, version)
    with pact.serve() as mock:
        user = soap_service(mock.url, wsdl, version=version).GetUser(id=1)
    assert (user.id, user.name, user.status) == (1, "Ann", "active")
    assert pact.path.exists()


def test_a_plain_zeep_client_from_the_rewritten_wsdl(pact, wsdl, tmp_path):
    """The consumer's own zeep code, unchanged: a Client built from the WSDL whose address
    points at the mock (what serving ``?wsdl`` from the mock would give it)."""
    (pact.upon_receiving("a request for every user").given("users exist")
        .with_soap(wsdl=wsdl, operation="ListUsers")
        .will_respond_with_soap(body={"user": each_like({"id": integer(1), "name": like("Ann")})}))
    with pact.serve() as mock:
        local = tmp_path / "users.wsdl"
        local.write_bytes(wsdl_for_address(wsdl, mock.url))
        users = zeep.Client(str(local)).service.ListUsers()
    assert [(u.id, u.name) for u in users] == [(1, "Ann")]


def test_the_mock_serves_the_wsdl_so_an_unmodified_zeep_client_works(pact, wsdl):
    """``zeep.Client(mock.url + path + "?wsdl")``: the mock answers ``?wsdl`` with the
    service's WSDL, its address rewritten to the mock, outside the contract."""
    (pact.upon_receiving("a request for every user").given("users exist")
        .with_soap(wsdl=wsdl, operation="ListUsers")
        .will_respond_with_soap(body={"user": each_like({"id": integer(1), "name": like("Ann")})}))
    path = pact.interactions[0].request.path
    with pact.serve() as mock:
        client = zeep.Client(mock.url + path + "?wsdl")
        users = client.service.ListUsers()
        assert mock.url in client.service._binding_options["address"]
    assert [(u.id, u.name) for u in users] == [(1, "Ann")]
    written = read_pact(pact.path).interactions  # the ?wsdl fetch is not in the contract
    assert [(i.request.method, i.request.query) for i in written] == [("POST", {})]


def test_wsdl_for_address_keeps_each_path(wsdl):
    text = wsdl_for_address(wsdl, "http://127.0.0.1:9/").decode()
    assert text.count('location="http://127.0.0.1:9/soap"') == 2
    assert "users.example.com" not in text


def test_a_fault_reaches_the_zeep_client(pact, wsdl):
    (pact.upon_receiving("a request for user 9").given("no users exist")
        .with_soap(wsdl=wsdl, operation="GetUser", body={"id": 9}, version="1.2")
        .will_respond_with_fault(code="soap:Client", string=like("user 9 not found")))
    with pact.serve() as mock, pytest.raises(zeep.exceptions.Fault) as caught:
        soap_service(mock.url, wsdl, version="1.2").GetUser(id=9)
    assert caught.value.message == "user 9 not found"
    assert caught.value.code.endswith("Sender")


def test_a_different_request_is_reported_with_its_xml_path(pact, wsdl):
    declare_get_user(pact, wsdl)
    with pytest.raises(ConsumerTestError) as caught, pact.serve() as mock:
        with pytest.raises(zeep.exceptions.Fault):
            soap_service(mock.url, wsdl).GetUser(id=2)
    report = str(caught.value)
    assert "a SOAP 1.1 request for user 1" in report
    assert "soap:Body.users:GetUser.users:id['#text']" in report
    assert "users = http://example.com/users" in report  # the legend of the rendered prefixes
    assert "Expected '1' but was '2'" in report


def test_another_operation_is_not_matched(pact, wsdl):
    declare_get_user(pact, wsdl)
    with pytest.raises(ConsumerTestError) as caught, pact.serve() as mock:
        with pytest.raises(zeep.exceptions.Fault):
            soap_service(mock.url, wsdl).ListUsers()
    report = str(caught.value)
    assert "SOAPAction" in report


def test_mock_validates_requests_against_the_xsd_when_asked(pact, wsdl):
    """A hand-written client sending ``<id>one</id>``: with validate=True the mock reports
    the XSD problem at the element."""
    import urllib.error
    import urllib.request

    declare_get_user(pact, wsdl, validate=True)
    body = pact.interactions[0].request.body.content.replace(b">1</ns0:id>", b">one</ns0:id>")
    with pytest.raises(ConsumerTestError) as caught, pact.serve() as mock:
        request = urllib.request.Request(mock.url + "/soap", data=body, method="POST", headers={
            "Content-Type": "text/xml", "SOAPAction": "http://example.com/users/GetUser"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request, timeout=10)
    report = str(caught.value)
    assert "Not valid for the WSDL's XSD types" in report
    assert "'one' is not a valid value of the atomic type 'xs:int'" in report


def test_soap_client_refuses_remote_wsdls():
    with pytest.raises(UsageError, match="local files only"):
        soap_client("http://example.invalid/users.wsdl")
