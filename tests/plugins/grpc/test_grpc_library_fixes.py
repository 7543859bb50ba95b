"""Issue-7 walkthrough fixes: the mock's choice among matching interactions, typed errors
for wrong values in ``request=``/``response=``, method names without a package, and
singular messages on streaming sides."""

from __future__ import annotations

from pathlib import Path

import grpc
import pytest
from polypact import regex
from polypact.errors import ConsumerTestError, UsageError
from polypact_grpc.dsl import descriptors_for

LIBRARY = Path(__file__).resolve().parent / "protos" / "library"
PROTO = LIBRARY / "library.proto"
GET_BOOK = "lib.v1.Library/GetBook"


def _get_book(mock, isbn):
    info = descriptors_for(PROTO).method(GET_BOOK)
    with grpc.insecure_channel(mock.url_for("grpc")) as channel:
        call = channel.unary_unary(info.path, request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=info.output_class.FromString)
        return call(info.input_class(isbn=isbn), timeout=10)


def test_a_second_matching_call_gets_the_interaction_not_yet_answered(pact):
    (pact.upon_receiving("a book by isbn")
        .with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": regex(r"\d{3}-\d+", "978-1")})
        .will_respond_with_grpc(response={"isbn": "978-1", "title": "Dune"}))
    (pact.upon_receiving("a missing book")
        .with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": "000-0"})
        .will_respond_with_grpc(status="NOT_FOUND", message="no such book"))
    with pact.serve() as mock:
        assert _get_book(mock, "978-1").title == "Dune"
        with pytest.raises(grpc.RpcError) as err:
            _get_book(mock, "000-0")
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
        assert err.value.details() == "no such book"
        # both answered once: a third call matching both gets the first again
        assert _get_book(mock, "000-0").title == "Dune"
    assert pact.path.exists()


def _book_and_missing(pact):
    (pact.upon_receiving("a book by isbn")
        .with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": regex(r"\d{3}-\d+", "978-1")})
        .will_respond_with_grpc(response={"title": "Dune"}))
    (pact.upon_receiving("a missing book")
        .with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": "000-0"})
        .will_respond_with_grpc(status="NOT_FOUND"))


def test_an_interaction_left_unexercised_by_calls_matching_both_is_reported(pact):
    _book_and_missing(pact)
    with pytest.raises(ConsumerTestError) as failed:
        with pact.serve() as mock:
            assert _get_book(mock, "000-0").title == "Dune"  # both match: the first unanswered
    assert [(p.kind, p.description) for p in failed.value.problems] == [("missing", "a missing book")]


def test_repeated_calls_matching_both_walk_through_them_in_order(pact):
    _book_and_missing(pact)
    with pact.serve() as mock:
        assert _get_book(mock, "000-0").title == "Dune"
        with pytest.raises(grpc.RpcError) as err:
            _get_book(mock, "000-0")
        assert err.value.code() == grpc.StatusCode.NOT_FOUND


def _respond(pact, response=None, **kwargs):
    return (pact.upon_receiving("a book")
            .with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": "1"})
            .will_respond_with_grpc(response=response, **kwargs))


@pytest.mark.parametrize(("response", "path", "problem"), [
    ({"author": {"born": "old"}}, "$.author.born", "'old' is not a valid int32"),
    ({"author": {"born": 2**31}}, "$.author.born", "2147483648 is not a valid int32"),
    ({"author": {"born": True}}, "$.author.born", "True is not a valid int32"),
    ({"pages": -1}, "$.pages", "-1 is not a valid uint32"),
    ({"tags": "sf"}, "$.tags", "'sf' is not a list (repeated field 'tags' takes [...])"),
    ({"tags": ["sf", 3]}, "$.tags[1]", "3 is not a valid string"),
    ({"title": 7}, "$.title", "7 is not a valid string"),
    ({"in_print": "yes"}, "$.in_print", "'yes' is not a valid bool"),
    ({"price": "cheap"}, "$.price", "'cheap' is not a valid double"),
    ({"cover": "not base64!"}, "$.cover", "'not base64!' is not a valid bytes"),
    ({"genre": "POETRY"}, "$.genre", "'POETRY' is not a value of enum lib.v1.Genre"),
    ({"ratings": ["a"]}, "$.ratings", "['a'] is not an object (map field 'ratings'"),
    ({"ratings": {"goodreads": "high"}}, "$.ratings.goodreads", "'high' is not a valid int32"),
])
def test_a_wrong_value_type_names_the_path_and_the_expected_kind(pact, response, path, problem):
    with pytest.raises(UsageError) as err:
        _respond(pact, response)
    text = str(err.value)
    assert text.startswith(f"interaction 'a book' response field {path}: {problem}")
    assert text.endswith("(message type lib.v1.Book)") and "Failed to parse" not in text


def test_a_nested_message_given_as_a_scalar_names_its_path(pact):
    with pytest.raises(UsageError, match=r"response field \$\.author: expected an object for "
                                         r"message type lib\.v1\.Author, got str 'Herbert'"):
        _respond(pact, {"author": "Herbert"})


def test_a_wrong_request_value_is_reported_on_the_request_side(pact):
    with pytest.raises(UsageError, match=r"^interaction 'q' request field \$\.isbn: 978 is not a valid string"):
        pact.upon_receiving("q").with_grpc(proto=PROTO, method=GET_BOOK, request={"isbn": 978})


def test_values_json_format_accepts_still_pass(pact):
    _respond(pact, {"author": {"born": "1920"}, "genre": 1, "price": 12, "cover": "AAE=",
                    "ratings": {"x": 4}, "pages": 3.0, "tags": [], "in_print": False})
    part = pact.to_model().interactions[0].response[0]
    assert part.contents is not None


def test_a_service_without_its_package_resolves_when_it_is_unique(pact):
    (pact.upon_receiving("short name").with_grpc(proto=PROTO, method="Library/GetBook", request={"isbn": "1"})
        .will_respond_with_grpc(response={"title": "Dune"}))
    with pact.serve() as mock:
        assert _get_book(mock, "1").title == "Dune"


def test_a_service_name_in_two_packages_is_refused_listing_the_candidates(pact):
    with pytest.raises(UsageError) as err:
        pact.upon_receiving("twin").with_grpc(proto=LIBRARY / "twin.proto", method="Library/GetBook",
                                              request={"isbn": "1"})
    assert "'Library' of method 'Library/GetBook' is ambiguous" in str(err.value)
    assert "lib.v1.Library/GetBook" in str(err.value) and "lib.v2.Library/GetBook" in str(err.value)
    pact.upon_receiving("full").with_grpc(proto=LIBRARY / "twin.proto", method="lib.v2.Library/GetBook",
                                          request={"isbn": "1"})


def test_a_single_response_on_a_server_stream_is_refused(pact):
    builder = pact.upon_receiving("fiction").with_grpc(proto=PROTO, method="lib.v1.Library/ListFiction",
                                                       request={"limit": 2})
    with pytest.raises(UsageError, match=r"ListFiction is server-streaming .*: give responses=\[\.\.\.\]"):
        builder.will_respond_with_grpc(response={"title": "Dune"})
    builder.will_respond_with_grpc(responses=[{"title": "Dune"}])
    assert len(pact.to_model().interactions[0].response) == 1


def test_a_single_request_on_a_client_stream_is_refused(pact):
    with pytest.raises(UsageError, match=r"Donate is client-streaming .*: give requests=\[\.\.\.\]"):
        pact.upon_receiving("donate").with_grpc(proto=PROTO, method="lib.v1.Library/Donate",
                                                request={"title": "Dune"})
