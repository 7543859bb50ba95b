"""`polypact validate`: reads each pact and names every problem."""

from __future__ import annotations

import json

from polypact.testing import run_cli

from tests.plugins.http.provider.phelpers import get_user, write_pact


def test_valid_pacts_exit_0_with_a_summary(tmp_path):
    write_pact(tmp_path, [get_user(1), get_user(2)])
    write_pact(tmp_path, [get_user(1)], consumer="app")
    code, out, err = run_cli(["validate", str(tmp_path)])
    assert code == 0, err
    assert "web-users.json: ok (web -> users, 2 interaction(s), V4.0)" in out
    assert "app-users.json: ok (app -> users, 1 interaction(s), V4.0)" in out


def test_every_bad_file_is_named_and_exit_is_2(tmp_path):
    good = write_pact(tmp_path, [get_user(1)])
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    wrong_type = write_pact(tmp_path, [get_user(1)], name="wrong.json")
    doc = json.loads(wrong_type.read_text())
    doc["interactions"][0]["response"]["status"] = "two hundred"
    wrong_type.write_text(json.dumps(doc))
    code, out, err = run_cli(["validate", str(good), str(broken), str(wrong_type), str(tmp_path / "absent.json")])
    assert code == 2
    assert "web-users.json: ok" in out
    lines = err.strip().splitlines()
    assert any(line.startswith(f"{broken}: error:") for line in lines)
    assert any(line.startswith(f"{wrong_type}: error:") and "status" in line for line in lines)
    assert any(line.startswith(f"{tmp_path / 'absent.json'}: error:") for line in lines)
    assert "Traceback" not in err


def test_semantic_problems_are_all_listed(tmp_path):
    dup = get_user(1)
    no_description = get_user(2) | {"description": ""}
    bad_status = get_user(3)
    bad_status["response"]["status"] = 999
    pact = write_pact(tmp_path, [get_user(1), dup, no_description, bad_status])
    code, _, err = run_cli(["validate", str(pact)])
    assert code == 2
    assert "same description and provider states as $.interactions[0]" in err
    assert "$.interactions[2].description: an interaction needs a non-empty description" in err
    assert "$.interactions[3].response.status: expected 100..599, got 999" in err


def test_no_files_is_exit_2(tmp_path):
    code, _, err = run_cli(["validate", str(tmp_path)])
    assert code == 2 and "no pact files found" in err


def _error_lines(err: str, path) -> list[str]:
    lines = [line for line in err.splitlines() if line.strip()]
    assert all(line.startswith(f"{path}: ") for line in lines), err
    return [line for line in lines if line.startswith(f"{path}: error: ")]


def test_every_reading_problem_of_a_file_is_named(tmp_path):
    first, second = get_user(1), get_user(2)
    first["request"]["method"] = 5
    second["response"]["status"] = "x"
    second["request"]["path"] = 5
    pact = write_pact(tmp_path, [first, second])
    code, out, err = run_cli(["validate", str(pact)])
    assert code == 2 and "ok" not in out
    errors = _error_lines(err, pact)
    assert len(errors) == 3, err
    assert any("at $.interactions[0].request.method: expected a string" in e for e in errors)
    assert any("at $.interactions[1].request.path: expected a string" in e for e in errors)
    assert any("at $.interactions[1].response.status: expected an integer" in e for e in errors)


def test_generator_path_and_encoding_problems_are_named(tmp_path):
    bad = get_user(1)
    bad["response"]["generators"] = {"body": {"$.id": {"type": "Regex", "regex": "(["},
                                              "$.name": {"type": "Nope"},
                                              "$[[[a": {"type": "Uuid"}}}
    bad["response"]["body"]["encoded"] = "weird"
    pact = write_pact(tmp_path, [bad])
    code, _, err = run_cli(["validate", str(pact)])
    assert code == 2
    errors = _error_lines(err, pact)
    where = "$.interactions[0].response"
    assert len(errors) == 4, err
    assert any(f"at {where}.generators.body['$.id']: Regex generator" in e for e in errors)
    assert any(f"at {where}.generators.body['$.name'].type: unknown generator type 'Nope'" in e
               for e in errors)
    assert any(f"at {where}.generators.body['$[[[a']: invalid rule path" in e for e in errors)
    assert any(f"at {where}.body.encoded:" in e for e in errors)


def test_checks_after_reading_use_the_json_path_of_each_interaction(tmp_path):
    pact = write_pact(tmp_path, ["not an interaction", get_user(1), get_user(1)])
    code, _, err = run_cli(["validate", str(pact)])
    assert code == 2
    errors = _error_lines(err, pact)
    assert len(errors) == 2, err
    assert "at $.interactions[0]: expected an object" in errors[0]
    assert errors[1].endswith("error: $.interactions[2]: same description and provider states as "
                              "$.interactions[1] ('a request for user 1')")
