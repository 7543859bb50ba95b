"""Collecting mode: ``parse_pact(doc, source, errors=[])`` and ``inspect_pact(path)`` name
every problem (per field, then on with the next field and interaction) instead of raising
the first; without ``errors`` the first problem is still raised."""

from __future__ import annotations

import json

import pytest
from pactfile_support import http_interaction, isolated_registry, v4_pact  # noqa: F401
from polypact.errors import MatcherDefinitionError, PactFileError
from polypact.model import SynchronousHttp
from polypact.pactfile import inspect_pact, loads_pact, parse_pact


def _three_problems() -> dict:
    first, second = http_interaction("first"), http_interaction("second")
    first["request"]["method"] = 5
    second["response"]["status"] = "x"
    second["request"]["path"] = 5
    return v4_pact(first, second)


def test_every_problem_is_recorded_with_its_path():
    errors: list[PactFileError] = []
    pact = parse_pact(_three_problems(), "p.json", errors=errors)
    assert [e.path for e in errors] == [
        "$.interactions[0].request.method",
        "$.interactions[1].request.path",
        "$.interactions[1].response.status",
    ]
    assert all(e.source == "p.json" for e in errors)
    assert [i.description for i in pact.interactions] == ["first", "second"]
    second = pact.interactions[1]
    assert isinstance(second, SynchronousHttp)
    assert second.request.path == "/" and second.response.status == 200  # defaults
    assert second.response.body.json_value() == {"id": 1, "name": "Ann"}  # the rest is read


def test_without_errors_the_first_problem_is_raised():
    with pytest.raises(PactFileError) as err:
        parse_pact(_three_problems(), "p.json")
    assert err.value.path == "$.interactions[0].request.method"


def test_collecting_does_not_leak_into_later_reads():
    parse_pact(_three_problems(), "p.json", errors=[])
    with pytest.raises(PactFileError):
        loads_pact(json.dumps(_three_problems()), "again.json")


def test_each_bad_rule_and_generator_is_named():
    interaction = http_interaction(
        matchingRules={"body": {"$.a": {"matchers": [{"match": "regex", "regex": "("}]},
                                "$.ok": {"matchers": [{"match": "type"}]},
                                "$.b": {"matchers": [{"match": "regex", "regex": "["}]}},
                       "header": {"X": {"combine": "XOR", "matchers": []}}},
        generators={"body": {"$.a": {"min": 1}, "$.b": {"type": "Uuid"}}})
    errors: list[PactFileError] = []
    pact = parse_pact(v4_pact(interaction), "r.json", errors=errors)
    where = "$.interactions[0].response"
    assert [e.path for e in errors] == [
        f"{where}.matchingRules.body['$.a'].matchers[0].regex",
        f"{where}.matchingRules.body['$.b'].matchers[0].regex",
        f"{where}.matchingRules.header.X.combine",
        f"{where}.generators.body['$.a'].type",
    ]
    assert all(isinstance(e, PactFileError) for e in errors)
    assert isinstance(errors[0], MatcherDefinitionError)
    response = pact.interactions[0].response
    assert "$.ok" in response.matching_rules.category("body")
    assert "$.b" in response.generators.category("body")


def test_document_level_problems_and_unreadable_interactions():
    doc = {"provider": {"name": 3}, "interactions": [7, http_interaction("kept")],
           "messages": "no", "metadata": {"pactSpecification": {"version": "4.0"}}}
    errors: list[PactFileError] = []
    pact = parse_pact(doc, "d.json", errors=errors)
    assert [e.path for e in errors] == ["$", "$.provider.name", "$.interactions[0]", "$.messages"]
    assert [i.description for i in pact.interactions] == ["kept"]


def test_inspect_pact_gives_interaction_paths(tmp_path):
    doc = v4_pact("bad", http_interaction("a"), http_interaction("b"))
    doc["interactions"][2]["response"]["status"] = 5
    path = tmp_path / "web-users.json"
    path.write_text(json.dumps(doc))
    inspection = inspect_pact(path)
    assert inspection.source == str(path)
    assert [e.path for e in inspection.errors] == ["$.interactions[0]",
                                                   "$.interactions[2].response.status"]
    assert inspection.paths == ["$.interactions[1]", "$.interactions[2]"]
    assert [i.description for i in inspection.pact.interactions] == ["a", "b"]


def test_inspect_pact_of_malformed_json_or_missing_file(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    inspection = inspect_pact(broken)
    assert inspection.pact is None and len(inspection.errors) == 1
    assert "malformed JSON at line 1" in str(inspection.errors[0])
    missing = inspect_pact(tmp_path / "absent.json")
    assert missing.pact is None and "cannot read pact file" in str(missing.errors[0])
