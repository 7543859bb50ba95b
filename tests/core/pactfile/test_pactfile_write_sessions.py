"""Write sessions: the first write of a session replaces a pact, later ones merge; hidden
sidecars (lock, session marker) never look like pact files."""

from __future__ import annotations

from pathlib import Path

import pytest
from polypact import write_session as sessions
from polypact.consumer import Pact as ConsumerPact
from polypact.errors import PactConflictError, UsageError
from polypact.model import HttpRequest, HttpResponse, Pact, Pacticipant, SynchronousHttp
from polypact.pactfile import read_pact, write_pact
from polypact.pactfile.document import pact_paths


def _http(description: str, status: int = 200) -> SynchronousHttp:
    return SynchronousHttp(description=description, request=HttpRequest("GET", "/" + description),
                           response=HttpResponse(status))


def _pact(*descriptions: str) -> Pact:
    return Pact(Pacticipant("web"), Pacticipant("users"), [_http(d) for d in descriptions])


def _descriptions(path: Path) -> list[str]:
    return sorted(i.description for i in read_pact(path).interactions)


@pytest.fixture
def own_session():
    """Restore the process's write session after the test."""
    previous = sessions.set_write_session(None)
    yield
    sessions.set_write_session(previous)


def test_same_session_merges_other_session_replaces(tmp_path):
    path = tmp_path / "pacts" / "web-users.json"
    write_pact(_pact("a"), path, session="run-1")
    write_pact(_pact("b"), path, session="run-1")
    assert _descriptions(path) == ["a", "b"]
    marker = tmp_path / "pacts" / ".web-users.json.session"
    assert marker.read_text().strip() == "run-1"

    write_pact(_pact("renamed a"), path, session="run-2")
    assert _descriptions(path) == ["renamed a"]
    assert marker.read_text().strip() == "run-2"
    write_pact(_pact("b"), path, session="run-2")
    assert _descriptions(path) == ["b", "renamed a"]


def test_without_session_the_marker_is_ignored_and_kept(tmp_path):
    path = tmp_path / "web-users.json"
    write_pact(_pact("a"), path, session="run-1")
    write_pact(_pact("b"), path)  # no session: merge, as before sessions existed
    assert _descriptions(path) == ["a", "b"]
    write_pact(_pact("c"), path, session="run-1")  # the marker still says run-1: merge
    assert _descriptions(path) == ["a", "b", "c"]


def test_merge_false_with_a_session_replaces_and_marks(tmp_path):
    path = tmp_path / "web-users.json"
    write_pact(_pact("a"), path, session="run-1")
    write_pact(_pact("b"), path, session="run-1", merge=False)
    assert _descriptions(path) == ["b"]
    write_pact(_pact("c"), path, session="run-1")
    assert _descriptions(path) == ["b", "c"]


def test_a_failed_first_write_of_a_session_changes_nothing(tmp_path):
    path = tmp_path / "web-users.json"
    write_pact(_pact("a"), path, session="run-1")
    before = path.read_bytes()
    clash = Pact(Pacticipant("web"), Pacticipant("users"), [_http("x"), _http("x", status=500)])
    with pytest.raises(PactConflictError, match=str(path)):
        write_pact(clash, path, session="run-2")
    assert path.read_bytes() == before
    assert (tmp_path / ".web-users.json.session").read_text().strip() == "run-1"


def test_sidecars_are_hidden_and_directory_sources_list_only_pacts(tmp_path):
    legacy = tmp_path / "web-users.json.lock"  # the visible lock of earlier versions
    legacy.write_text("")
    write_pact(_pact("a"), tmp_path / "web-users.json", session="run-1")
    write_pact(_pact("a"), tmp_path / "web-orders.json", session="run-1")
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == ["web-orders.json", "web-users.json"]
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == [".web-orders.json.lock", ".web-orders.json.session",
                      ".web-users.json.lock", ".web-users.json.session"]
    assert [p.name for p in pact_paths(tmp_path)] == ["web-orders.json", "web-users.json"]


def test_write_session_precedence(monkeypatch, own_session):
    monkeypatch.delenv(sessions.SESSION_ENV, raising=False)
    per_process = sessions.write_session()
    assert per_process == sessions.write_session() and len(per_process) >= 16
    monkeypatch.setenv(sessions.SESSION_ENV, "ci-build-7")
    assert sessions.write_session() == "ci-build-7"
    assert sessions.set_write_session("pytest-run") is None
    assert sessions.write_session() == "pytest-run"
    assert sessions.set_write_session(None) == "pytest-run"
    assert sessions.write_session() == "ci-build-7"
    monkeypatch.delenv(sessions.SESSION_ENV)
    assert sessions.write_session() == per_process


def _consumer(tmp_path: Path, **options) -> ConsumerPact:
    return ConsumerPact("web", "users", pact_dir=tmp_path, **options)


def test_consumer_pact_default_merges_within_the_session_only(tmp_path, own_session):
    sessions.set_write_session("run-1")
    _consumer(tmp_path).write(_pact("a"))
    _consumer(tmp_path).write(_pact("b"))  # another Pact object, same session
    assert _descriptions(tmp_path / "web-users.json") == ["a", "b"]
    sessions.set_write_session("run-2")
    _consumer(tmp_path).write(_pact("renamed a"))
    assert _descriptions(tmp_path / "web-users.json") == ["renamed a"]


def test_consumer_pact_merge_always_and_never(tmp_path, own_session):
    path = tmp_path / "web-users.json"
    sessions.set_write_session("run-1")
    _consumer(tmp_path).write(_pact("a"))
    sessions.set_write_session("run-2")
    _consumer(tmp_path, merge="always").write(_pact("b"))
    assert _descriptions(path) == ["a", "b"]
    never = _consumer(tmp_path, merge="never")
    never.write(_pact("c"))
    assert _descriptions(path) == ["c"]
    never.write(_pact("d"))
    assert _descriptions(path) == ["d"]


def test_consumer_pact_refuses_an_unknown_merge_mode(tmp_path):
    with pytest.raises(UsageError, match=r"Pact\(merge='sometimes'\): expected one of session, always, never"):
        _consumer(tmp_path, merge="sometimes")


def test_hidden_json_files_in_a_pact_directory_are_not_pacts(tmp_path):
    from polypact.pactfile import pact_files_in, pact_paths
    from polypact.testing import run_cli

    (tmp_path / "web-users.json").write_text(
        '{"consumer": {"name": "web"}, "provider": {"name": "users"}, "interactions": [],'
        ' "metadata": {"pactSpecification": {"version": "4.0"}}}')
    (tmp_path / ".editor-backup.json").write_text("not json at all")
    assert [p.name for p in pact_files_in(tmp_path)] == ["web-users.json"]
    assert pact_paths(tmp_path) == pact_files_in(tmp_path)
    code, out, err = run_cli(["validate", str(tmp_path)])
    assert code == 0, out + err
