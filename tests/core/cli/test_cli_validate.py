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
