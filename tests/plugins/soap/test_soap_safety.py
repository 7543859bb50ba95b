"""Every XML parse of the SOAP plugin refuses external entities, DTD loading and entity
expansion bombs: the safe parser itself, WSDLs at consumer-test time, requests reaching
the mock and responses coming back from a provider."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from polypact import Verifier
from polypact.errors import ConsumerTestError, UsageError
from polypact_soap.safety import UnsafeXml, parse_safely
from polypact_soap.wsdl import local_transport

from tests.plugins.soap.conftest import declare_get_user

SECRET = "polypact-secret-value"


def _xxe(secret_file) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]>'
            f"<r>&x;</r>").encode()


def _external_dtd(dtd_file) -> bytes:
    return f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file://{dtd_file}"><r>&x;</r>'.encode()


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
                   for i in range(1, 10))
        + b"]><lolz>&lol9;</lolz>")


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture
def dtd_file(tmp_path):
    path = tmp_path / "defs.dtd"
    path.write_text(f'<!ENTITY x "{SECRET}">')
    return path


def test_parser_refuses_external_entities(secret_file):
    with pytest.raises(UnsafeXml, match="declares entities"):
        parse_safely(_xxe(secret_file))


def test_parser_refuses_dtd_loading(dtd_file):
    with pytest.raises(UnsafeXml, match="DOCTYPE; DTDs are not loaded"):
        parse_safely(_external_dtd(dtd_file))


def test_parser_refuses_entity_expansion_bombs():
    with pytest.raises(UnsafeXml, match="declares entities"):
        parse_safely(BOMB)


def test_parser_accepts_plain_documents():
    assert parse_safely(b"<a><b>1</b></a>").findtext("b") == "1"


@pytest.mark.parametrize("kind", ["xxe", "dtd", "bomb"])
def test_a_wsdl_using_them_is_refused(pact, tmp_path, wsdl, secret_file, dtd_file, kind):
    text = wsdl.read_text(encoding="utf-8").split("?>", 1)[1]
    prolog = {"xxe": f'<!DOCTYPE wsdl:definitions [<!ENTITY x SYSTEM "file://{secret_file}">]>',
              "dtd": f'<!DOCTYPE wsdl:definitions SYSTEM "file://{dtd_file}">',
              "bomb": BOMB.split(b"]>")[0].decode().split("?>")[1].replace("lolz", "wsdl:definitions") + "]>"}[kind]
    bad = tmp_path / f"{kind}.wsdl"
    bad.write_text('<?xml version="1.0"?>' + prolog + text, encoding="utf-8")
    with pytest.raises(UsageError, match=rf"{kind}\.wsdl: the WSDL cannot be read: refused"):
        pact.upon_receiving("x").with_soap(wsdl=bad, operation="GetUser", body={"id": 1})


def test_wsdl_loading_refuses_the_network():
    with pytest.raises(UsageError, match="local files only"):
        local_transport().load("http://example.invalid/users.wsdl")


def _post(url: str, data: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"http://example.com/users/GetUser"'})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("kind", ["xxe", "dtd", "bomb"])
def test_the_mock_refuses_such_requests(pact, wsdl, secret_file, dtd_file, kind):
    payload = {"xxe": _xxe(secret_file), "dtd": _external_dtd(dtd_file), "bomb": BOMB}[kind]
    declare_get_user(pact, wsdl)
    with pytest.raises(ConsumerTestError) as caught, pact.serve() as mock:
        status, body = _post(mock.url + "/soap", payload)
        assert status == 500
        assert SECRET.encode() not in body
    report = str(caught.value)
    assert "refused" in report
    assert SECRET not in report


class _Hostile:
    """A provider answering every SOAP request with a hostile document."""

    def __init__(self, payload: bytes):
        self.payload = payload

    def __call__(self, environ, start_response):
        start_response("200 OK", [("Content-Type", "text/xml")])
        return [self.payload]


@pytest.mark.parametrize("kind", ["xxe", "dtd", "bomb"])
def test_verification_refuses_such_responses(pact, wsdl, serve, secret_file, dtd_file, kind):
    payload = {"xxe": _xxe(secret_file), "dtd": _external_dtd(dtd_file), "bomb": BOMB}[kind]
    declare_get_user(pact, wsdl)
    model = pact.to_model()
    with serve(_Hostile(payload)) as url:
        summary = Verifier().add_pact(model).provider_base_url(url).verify()
    [result] = summary.results
    messages = [m.message for m in result.mismatches]
    assert any("The actual SOAP message was refused: refused" in m for m in messages), messages
    assert SECRET not in repr(result.mismatches)
