"""XML bodies built with ``xml_element`` in HTTP consumer tests: the mock matches requests
by the XML rules, answers with generated XML, and the pact file holds the document, its
rules and generators; the reference verifier (pact-python 4.2.0) applies those rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from polypact.dsl import datetime, decimal, each_like, integer, like, regex, xml_element
from polypact.errors import ConsumerTestError, UsageError
from polypact.matching.content.xml_safe import parse_xml

NS = "http://example.com/orders"
XML = {"Content-Type": "application/xml"}


def order_request():
    return xml_element("o:order", xml_element("o:item", attrs={"sku": regex(r"[A-Z]{3}-\d+", "ABC-1")},
                                              text=integer(2)),
                       attrs={"priority": like("high")}, nsmap={"o": NS})


def order_response():
    return xml_element("receipt", each_like(xml_element(
        "line", attrs={"id": integer(1, generate=True, min=1000, max=9999)},
        text=decimal(9.5)), min=2), attrs={"at": datetime()})


def declare(pact):
    (pact.upon_receiving("an XML order")
        .with_request("POST", "/orders", body=order_request())
        .will_respond_with(201, body=order_response()))


def test_xml_request_matches_by_rules_and_response_is_generated(pact, read_written):
    declare(pact)
    sent = (f'<x:order xmlns:x="{NS}" priority="low"><x:item sku="XYZ-42">7</x:item></x:order>')
    with pact.serve() as mock:
        response = requests.post(f"{mock.url}/orders", data=sent.encode(), headers=XML, timeout=5)
    assert response.status_code == 201
    assert response.headers["Content-Type"] == "application/xml"
    root = parse_xml(response.content)
    lines = list(root)
    assert len(lines) == 2 and all(1000 <= int(line.get("id")) <= 9999 for line in lines)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", root.get("at"))
    [interaction] = read_written()["interactions"]
    request = interaction["request"]
    assert request["headers"]["Content-Type"] == ["application/xml"]
    assert request["body"]["contentType"] == "application/xml"
    assert request["body"]["content"] == order_request().to_xml()
    assert set(request["matchingRules"]["body"]) == {
        f"$['{NS}:order']['@priority']", f"$['{NS}:order']['{NS}:item']['@sku']",
        f"$['{NS}:order']['{NS}:item']['#text']",
    }
    response_doc = interaction["response"]
    assert response_doc["body"]["content"] == order_response().to_xml()
    assert response_doc["matchingRules"]["body"]["$.receipt.line"]["matchers"] == [{"match": "type"}]
    assert set(response_doc["generators"]["body"]) == {"$.receipt.line['@id']", "$.receipt['@at']"}


def test_xml_request_with_wrong_types_fails_at_the_xml_path(pact, tmp_path: Path):
    declare(pact)
    sent = f'<x:order xmlns:x="{NS}" priority="low"><x:item sku="xyz">seven</x:item></x:order>'
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            response = requests.post(f"{mock.url}/orders", data=sent.encode(), headers=XML, timeout=5)
            assert response.status_code == 500
    text = str(err.value)
    # the report abbreviates namespace URIs, with one legend line
    assert "$.orders:order.orders:item['@sku']" in text
    assert "$.orders:order.orders:item['#text']" in text
    assert f"namespaces: orders = {NS}" in text
    paths = {m.path for p in err.value.problems for m in p.mismatches}  # the Pact rule paths
    assert f"$['{NS}:order']['{NS}:item']['@sku']" in paths
    assert not (tmp_path / "web-users.json").exists()


def test_other_xml_content_types_and_non_xml_refused(pact, read_written):
    (pact.upon_receiving("a SOAP call")
        .with_request("POST", "/soap", body=xml_element("ping"), content_type="application/soap+xml")
        .will_respond_with(200))
    with pact.serve() as mock:
        response = requests.post(f"{mock.url}/soap", data=b"<ping/>",
                                 headers={"Content-Type": "application/soap+xml"}, timeout=5)
        assert response.status_code == 200
    request = read_written()["interactions"][0]["request"]
    assert request["headers"]["Content-Type"] == ["application/soap+xml"]
    assert request["body"]["contentType"] == "application/soap+xml"
    with pytest.raises(UsageError, match="xml_element.*content_type is 'application/json'"):
        pact.upon_receiving("bad").with_request("POST", "/x", body=xml_element("a"),
                                                content_type="application/json")


def test_builder_errors_name_the_interaction(pact):
    body = xml_element("r", xml_element("i", text=integer(1)), xml_element("i", text=like("a")))
    with pytest.raises(UsageError, match=r"interaction 'dup' response body: .*different rules at \$\.r\.i"):
        pact.upon_receiving("dup").with_request("GET", "/").will_respond_with(200, body=body)


def _provider(body: str):
    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"].read(length)
        start_response("201 Created", [("Content-Type", "application/xml")])
        return [body.encode()]

    return app


@pytest.mark.interop
def test_reference_verifier_applies_the_written_xml_rules(pact_python, pact, tmp_path: Path):
    from tests.interop.peer import reference_verifier, run_reference_verifier
    from tests.interop.server import serve_wsgi

    declare(pact)
    with pact.serve() as mock:
        requests.post(f"{mock.url}/orders", data=order_request().to_xml().encode(), headers=XML, timeout=5)
    pact_file = tmp_path / "web-users.json"
    assert json.loads(pact_file.read_text())["interactions"]
    good = ('<receipt at="2030-01-02T03:04:05+01:00"><line id="17">1.25</line><line id="18">3.5</line>'
            '<line id="19">0.75</line></receipt>')
    bad = good.replace('id="18"', 'id="x"').replace("0.75", "cheap")
    outcomes = []
    for body in (good, bad):
        with serve_wsgi(_provider(body)) as url:
            outcomes.append(run_reference_verifier(reference_verifier("users", url).add_source(pact_file)))
    ok, output = outcomes[0]
    assert ok, output
    ok, output = outcomes[1]
    assert not ok
    assert "$.receipt.line['@id']" in output and "$.receipt.line['#text']" in output
