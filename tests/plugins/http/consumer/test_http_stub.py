"""``polypact stub``: serving pact files without verification, provider-state selection,
unreadable files, and the command's lifecycle."""

from __future__ import annotations

import argparse
import json
import threading

import pytest
import requests
from polypact_http.stub import StubCommand, start_stub

PACT_V3 = {
    "consumer": {"name": "ui"},
    "provider": {"name": "users"},
    "interactions": [
        {
            "description": "user 1 when Ann",
            "providerState": "user 1 is Ann",
            "request": {"method": "GET", "path": "/users/1"},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                         "body": {"id": 1, "name": "Ann"}},
        },
        {
            "description": "user 1 when Bob",
            "providerStates": [{"name": "user 1 is Bob"}],
            "request": {"method": "GET", "path": "/users/1"},
            "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                         "body": {"id": 1, "name": "Bob"}},
        },
        {
            "description": "a new token",
            "request": {"method": "POST", "path": "/tokens", "query": {"scope": ["read"]}},
            "response": {
                "status": 201,
                "headers": {"Content-Type": "application/json"},
                "body": {"token": "abc", "n": 1},
                "generators": {"body": {"$.n": {"type": "RandomInt", "min": 100, "max": 200}}},
            },
        },
    ],
    "metadata": {"pactSpecification": {"version": "3.0.0"}},
}


@pytest.fixture
def pact_file(tmp_path):
    path = tmp_path / "ui-users.json"
    path.write_text(json.dumps(PACT_V3))
    return path


@pytest.fixture
def stub(pact_file):
    server = start_stub([pact_file])
    yield server
    server.stop()


def test_stub_serves_responses_and_repeats_them(stub):
    for _ in range(3):
        assert requests.get(f"{stub.url}/users/1", timeout=5).json() == {"id": 1, "name": "Ann"}


def test_provider_state_header_selects_among_equal_requests(stub):
    def name(state):
        headers = {"X-Pact-Provider-State": state} if state else {}
        return requests.get(f"{stub.url}/users/1", headers=headers, timeout=5).json().get("name")

    assert name("user 1 is Bob") == "Bob"
    assert name("user 1 is Ann") == "Ann"
    assert name(None) == "Ann"
    response = requests.get(f"{stub.url}/users/1", headers={"X-Pact-Provider-State": "nobody"}, timeout=5)
    assert response.status_code == 404 and "nobody" in response.json()["error"]


def test_ambiguous_request_warns_once_per_request_line_naming_candidates_and_header(stub, capsys):
    capsys.readouterr()
    for _ in range(3):
        assert requests.get(f"{stub.url}/users/1", timeout=5).json()["name"] == "Ann"
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1, err
    warning = warnings[0]
    assert warning.startswith("polypact stub: warning: GET /users/1 matches 2 interactions: ")
    assert "'user 1 when Ann' (given 'user 1 is Ann'); 'user 1 when Bob' (given 'user 1 is Bob')" in warning
    assert "answering with the first declared, 'user 1 when Ann'" in warning
    assert "send 'X-Pact-Provider-State: <state>' ('user 1 is Ann', 'user 1 is Bob') to choose" in warning
    # choosing a state, or an unambiguous request, does not warn
    requests.get(f"{stub.url}/users/1", headers={"X-Pact-Provider-State": "user 1 is Bob"}, timeout=5)
    requests.post(f"{stub.url}/tokens?scope=read", timeout=5)
    assert "warning" not in capsys.readouterr().err


def test_each_ambiguous_request_line_warns_once(tmp_path, capsys):
    def get(path, state):
        return {"description": f"{path} {state}", "providerStates": [{"name": state}],
                "request": {"method": "GET", "path": path}, "response": {"status": 200}}

    pact = {**PACT_V3, "interactions": [get("/a", "s1"), get("/a", "s2"), get("/b", "s1"), get("/b", "s3")]}
    (tmp_path / "p.json").write_text(json.dumps(pact))
    server = start_stub([tmp_path / "p.json"])
    try:
        capsys.readouterr()
        for path in ("/a", "/b", "/a", "/b"):
            assert requests.get(f"{server.url}{path}", timeout=5).status_code == 200
    finally:
        server.stop()
    lines = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert [line.split(" matches ")[0] for line in lines] == [
        "polypact stub: warning: GET /a", "polypact stub: warning: GET /b"]
    assert "('s1', 's3')" in lines[1]


def test_stub_applies_response_generators(stub):
    values = {requests.post(f"{stub.url}/tokens?scope=read", timeout=5).json()["n"] for _ in range(5)}
    assert all(100 <= v <= 200 for v in values)


def test_unmatched_request_is_404_with_nearest_interaction(stub):
    response = requests.post(f"{stub.url}/tokens?scope=write", timeout=5)
    assert response.status_code == 404
    assert response.json()["nearestInteraction"]["description"] == "a new token"


def test_stub_reads_a_directory_of_pacts(pact_file):
    server = start_stub([pact_file.parent])
    try:
        assert len(server.interactions) == 3
    finally:
        server.stop()


def _args(*pacts, port=0):
    return argparse.Namespace(pacts=[str(p) for p in pacts], port=port, host="127.0.0.1", cors=False)


def test_command_exits_2_on_unreadable_pact_files(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert StubCommand().run(_args(broken), None) == 2
    assert "broken.json" in capsys.readouterr().err
    assert StubCommand().run(_args(tmp_path / "absent.json"), None) == 2
    assert "absent.json" in capsys.readouterr().err


def test_command_configures_its_arguments():
    parser = argparse.ArgumentParser()
    StubCommand().configure(parser)
    args = parser.parse_args(["a.json", "b.json", "--port", "9000"])
    assert (args.pacts, args.port, args.host) == (["a.json", "b.json"], 9000, "127.0.0.1")


def test_command_serves_until_shut_down(pact_file, capsys):
    command = StubCommand()
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(command.run(_args(pact_file), None)))
    thread.start()
    try:
        for _ in range(500):
            if command.server is not None:
                break
            threading.Event().wait(0.01)
        assert requests.get(f"{command.server.url}/users/1", timeout=5).status_code == 200
    finally:
        command.shutdown()
        thread.join(5)
    assert result == [0]
    assert command.server.url in capsys.readouterr().out


def test_polypact_stub_cli_serves_until_ctrl_c(pact_file):
    import os
    import signal
    import subprocess
    import sys

    code = "import sys; from polypact.cli.main import main; sys.exit(main())"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "stub", str(pact_file), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = proc.stdout.readline()
        assert "serving 3 interactions at http://127.0.0.1:" in line
        url = line.split(" at ")[1].split()[0]
        assert requests.get(f"{url}/users/1", timeout=5).json()["name"] == "Ann"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def test_polypact_stub_cli_exit_code_2_for_a_bad_pact(tmp_path, capsys):
    from polypact.cli.main import main

    bad = tmp_path / "bad.json"
    bad.write_text('{"consumer": {"name": "a"}, "provider": {"name": "b"}, "interactions": [{"request": 5}]}')
    assert main(["stub", str(bad)]) == 2
    assert "bad.json" in capsys.readouterr().err
