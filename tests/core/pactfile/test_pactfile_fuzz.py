"""Property-based tests: whatever document is fed to the reader, it either returns a pact
or raises :class:`PactFileError`; nothing else escapes (no KeyError, TypeError, ...)."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pactfile_support import isolated_registry  # noqa: F401
from polypact.errors import PactFileError, PolypactError
from polypact.pactfile import dumps_pact, loads_pact, parse_pact

KEYS = [
    "consumer", "provider", "name", "interactions", "messages", "metadata", "pactSpecification",
    "pact-specification", "version", "request", "response", "method", "path", "query",
    "headers", "body", "status", "matchingRules", "generators", "content", "contentType",
    "encoded", "contentTypeHint", "matchers", "match", "regex", "min", "max", "combine", "type",
    "description", "providerStates", "providerState", "params", "contents", "metaData", "key",
    "pending", "comments", "pluginConfiguration", "interactionMarkup", "transport", "plugins",
    "$.body.a", "$.headers.X", "$.query.q", "$.path", "body", "header", "status", "rules",
    "variants", "Content-Type", "$.a", "",
]
STRINGS = ["Synchronous/HTTP", "Asynchronous/Messages", "Synchronous/Messages", "4.0", "3.0.0",
           "2.0.0", "1.0.0", "9", "base64", "JSON", "TEXT", "BINARY", "application/json",
           "text/plain", "application/octet-stream", "AND", "OR", "regex", "type", "(", "a=1&b",
           "eachValue", "arrayContains", "GET", "/", ""]

scalars = (st.none() | st.booleans() | st.integers(-1000, 1000)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=12) | st.sampled_from(STRINGS))
json_values = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children,
                                        max_size=6)),
    max_leaves=40,
)


def _valid_docs() -> list[dict[str, Any]]:
    http = {"type": "Synchronous/HTTP", "description": "d", "providerStates": [{"name": "s", "params": {"a": 1}}],
            "request": {"method": "POST", "path": "/x", "query": {"q": ["1"]},
                        "headers": {"Content-Type": ["application/json"]},
                        "body": {"content": {"a": [1, 2]}, "contentType": "application/json", "encoded": False},
                        "matchingRules": {"body": {"$.a": {"combine": "AND", "matchers": [{"match": "type", "min": 1}]}},
                                          "path": {"matchers": [{"match": "regex", "regex": "/x"}]}},
                        "generators": {"body": {"$.a[0]": {"type": "RandomInt"}}}},
            "response": {"status": 200, "body": {"content": "AAE=", "contentType": "application/octet-stream",
                                                  "encoded": "base64"}}}
    sync = {"type": "Synchronous/Messages", "description": "rpc", "transport": "grpc",
            "request": {"contents": {"content": "x", "contentType": "text/plain"}, "metadata": {"k": "v"}},
            "response": [{"contents": {"content": {"ok": True}, "contentType": "application/json"}}]}
    v4 = {"consumer": {"name": "c"}, "provider": {"name": "p"},
          "interactions": [http, sync, {"type": "Asynchronous/Messages", "description": "m",
                                        "contents": {"content": ""}, "metadata": {}}],
          "metadata": {"pactSpecification": {"version": "4.0"}, "plugins": [{"name": "x"}]}}
    v3 = {"consumer": {"name": "c"}, "provider": {"name": "p"},
          "messages": [{"description": "m", "providerStates": [{"name": "s"}], "contents": {"a": 1},
                        "metaData": {"contentType": "application/json"},
                        "matchingRules": {"body": {"$.a": {"matchers": [{"match": "integer"}]}}}}],
          "metadata": {"pactSpecification": {"version": "3.0.0"}}}
    v2 = {"consumer": {"name": "c"}, "provider": {"name": "p"},
          "interactions": [{"description": "d", "providerState": "s",
                            "request": {"method": "get", "path": "/", "query": "a=1&b=%20",
                                        "headers": {"Accept": "a, b"}},
                            "response": {"status": 201, "body": "<a/>", "headers": {"Content-Type": "text/xml"},
                                         "matchingRules": {"$.body.a": {"regex": "x"}, "$.headers.X": {"min": 0}}}}],
          "metadata": {"pact-specification": {"version": "2.0.0"}}}
    return [v4, v3, v2]


VALID = _valid_docs()


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _check(doc: Any) -> None:
    try:
        pact = parse_pact(doc, "fuzz.json")
    except PactFileError:
        return
    try:
        text = dumps_pact(pact, "4.0")
    except PolypactError:
        return
    loads_pact(text, "rewritten.json", strict=False)


def _mutated(data: Any, *, removals: bool = False) -> Any:
    """A seed pact with 1-3 values replaced by random JSON (and, with ``removals``, some
    object members removed instead)."""
    doc = copy.deepcopy(data.draw(st.sampled_from(VALID)))
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths[1:]))
        parent = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
            if removals and data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_documents_raise_only_pact_file_errors(doc):
    _check(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6))
def test_random_objects_raise_only_pact_file_errors(doc):
    _check(doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_valid_pacts_raise_only_pact_file_errors(data):
    _check(_mutated(data, removals=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200) | st.sampled_from([json.dumps(d)[:n] for d in VALID for n in (10, 50, 120)]))
def test_random_text_raises_only_pact_file_errors(text):
    try:
        loads_pact(text, "text.json")
    except PactFileError:
        pass


def test_valid_seed_documents_parse():
    for doc in VALID:
        parse_pact(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_collecting_never_raises_and_starts_with_the_raised_error(data):
    doc = _mutated(data) if data.draw(st.booleans()) else data.draw(json_values)
    errors: list[PactFileError] = []
    collected = parse_pact(doc, "fuzz.json", errors=errors)
    assert all(isinstance(e, PactFileError) and e.source == "fuzz.json" for e in errors)
    try:
        pact = parse_pact(doc, "fuzz.json")
    except PactFileError as exc:
        assert errors, "the raising reader failed where collecting found nothing"
        assert (errors[0].path, errors[0].reason) == (exc.path, exc.reason)
        return
    assert errors == []
    try:
        assert dumps_pact(collected) == dumps_pact(pact)
    except PolypactError:
        pass
