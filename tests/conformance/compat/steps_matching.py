"""Steps of ``V3/matching_rules.feature`` and ``V3/http_matching.feature``: requests built
from the tables and compared with :func:`polypact.match_request`."""

from __future__ import annotations

from dataclasses import dataclass, field

from polypact.matching import match_request
from polypact.matching.mismatch import Mismatch
from polypact.model import Body, HttpRequest, MatchingRules
from polypact.pactfile import parse_http_request
from pytest_bdd import given, parsers, then, when

from .data import body_spec, header_multimap, matching_rules, parse_headers, parse_query, table_rows
from .meaning import describe, find_meaning


@dataclass
class MatchingWorld:
    """The expected request, the received ones and the comparison results."""

    expected: HttpRequest | None = None
    received: list[tuple[str, HttpRequest]] = field(default_factory=list)
    results: list[tuple[str, list[Mismatch]]] = field(default_factory=list)

    @property
    def mismatches(self) -> list[Mismatch]:
        """Every mismatch of every comparison."""
        return [m for _, found in self.results for m in found]


def request_from_row(row: dict[str, str], rules: MatchingRules | None = None) -> HttpRequest:
    """A request (``POST /``) from the ``body`` / ``content type`` / ``query`` /
    ``headers`` cells of a table row."""
    request = HttpRequest(method="POST", path="/")
    headers = header_multimap(parse_headers(row.get("headers", "")))
    if row.get("query"):
        request.query = parse_query(row["query"])
    if row.get("body"):
        spec = body_spec(row["body"])
        content_type = row.get("content type") or spec.content_type or "text/plain"
        request.body = Body.from_bytes(spec.data, content_type)
        if not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = [content_type]
    request.headers = headers
    if rules is not None:
        request.matching_rules = rules
    return request


def _header_request(name: str, value: str, strict: bool) -> HttpRequest:
    """A request with one header, read as a pact reader reads it (multi-value headers
    such as ``Accept`` split on commas)."""
    return parse_http_request(
        {"method": "GET", "path": "/", "headers": {name: value}}, "3.0",
        source="<scenario>", strict=strict,
    )


# -- given -------------------------------------------------------------------------------
@given("an expected request configured with the following:", target_fixture="matching")
def expected_request(datatable: list[list[str]]) -> MatchingWorld:
    """The expected request with its rules file."""
    [row] = table_rows(datatable)
    rules = matching_rules(row["matching rules"]) if row.get("matching rules") else None
    return MatchingWorld(expected=request_from_row(row, rules))


@given(parsers.re(r'an expected request with an? "(?P<name>[^"]+)" header of "(?P<value>[^"]*)"'),
       target_fixture="matching")
def expected_request_with_header(name: str, value: str) -> MatchingWorld:
    """The expected request with one header."""
    return MatchingWorld(expected=_header_request(name, value, strict=True))


@given("a request is received with the following:")
def request_received(matching: MatchingWorld, datatable: list[list[str]]) -> None:
    """One received request."""
    [row] = table_rows(datatable)
    matching.received.append(("request", request_from_row(row)))


@given("the following requests are received:")
def requests_received(matching: MatchingWorld, datatable: list[list[str]]) -> None:
    """Several received requests, each described by its ``desc`` cell."""
    for row in table_rows(datatable):
        desc = row.pop("desc", "request")
        matching.received.append((desc, request_from_row(row)))


@given(parsers.re(r'a request is received with an? "(?P<name>[^"]+)" header of "(?P<value>[^"]*)"'))
def request_received_with_header(matching: MatchingWorld, name: str, value: str) -> None:
    """A received request with one header."""
    matching.received.append(("request", _header_request(name, value, strict=False)))


# -- when --------------------------------------------------------------------------------
@when(parsers.re(r"the requests? (?:is|are) compared to the expected one"))
def compare(matching: MatchingWorld) -> None:
    """Compare every received request with the expected one."""
    assert matching.expected is not None and matching.received
    for desc, actual in matching.received:
        matching.results.append((desc, match_request(matching.expected, actual)))


# -- then --------------------------------------------------------------------------------
@then("the comparison should be OK")
def comparison_ok(matching: MatchingWorld) -> None:
    """Every received request matched."""
    failed = [(desc, found) for desc, found in matching.results if found]
    assert not failed, "\n".join(f"{desc}:\n{describe(found)}" for desc, found in failed)


@then("the comparison should NOT be OK")
def comparison_not_ok(matching: MatchingWorld) -> None:
    """Every received request failed to match (each table row is a negative case)."""
    passed = [desc for desc, found in matching.results if not found]
    assert matching.results and not passed, f"these requests matched but should not: {passed}"


@then(parsers.re(r'the mismatches will contain a mismatch with error "(?P<path>[^"]+)" -> "(?P<error>.*)"$'))
def mismatch_with_error(matching: MatchingWorld, path: str, error: str) -> None:
    """A mismatch at ``path`` carries the meaning of the reference ``error``."""
    category = "body" if path.startswith("$") else "header"
    found = find_meaning(matching.mismatches, category=category, path=path, message=error)
    assert found, f"no {category} mismatch at {path!r} meaning {error!r}; got:\n{describe(matching.mismatches)}"
