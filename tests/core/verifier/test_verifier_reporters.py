"""Console, JSON and JUnit reporters fed by a real verification run."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pytest
from polypact.reporters.console import ConsoleReporter, use_colour
from polypact.testing import registry_with
from polypact.verifier import Verifier

from tests.core.verifier.vhelpers import FakePlugin, fails_when, interaction, pact


@pytest.fixture
def registry():
    return registry_with(FakePlugin())


def _run(registry, *reporters):
    p = pact(
        "web", "users",
        interaction("get user", ("user exists", {"id": 1})),
        interaction("delete user"),
        interaction("new feature", pending=True),
    )

    def target(interaction, context):
        if interaction.description == "delete user":
            raise OSError("connection refused")
        return fails_when("get user", "new feature")(interaction, context)

    v = Verifier("users", registry=registry).add_pact(p, source="pacts/web-users.json").transport("fake", target)
    for name, dest, options in reporters:
        v.reporter(name, dest, **options)
    return v.verify()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_console_lines_failure_list_and_totals(registry):
    out = io.StringIO()
    _run(registry, ("console", None, {"stream": out}))
    text = out.getvalue()
    assert "Verifying provider 'users': 3 interaction(s) from 1 pact(s)" in text
    assert "  ✗ web: get user (given user exists)" in text
    assert "  ✗ web: delete user (error)" in text
    assert "  … web: new feature (pending, not failing)" in text
    failures = text.split("Failures:")[1].split("Pending (not failing):")[0]
    assert "1) web: get user (given user exists)" in failures and "$.name" in failures
    assert "2) web: delete user" in failures and "error: OSError: connection refused" in failures
    assert "3 interaction(s), 0 passed, 1 failed, 1 error(s), 1 pending failure(s)" in text
    assert "\033[" not in text  # not a terminal: no colour


def test_console_colours_only_on_a_terminal_without_no_color(registry, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = _Tty()
    _run(registry, ("console", None, {"stream": tty}))
    assert "\033[31m" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(_Tty()) is False
    assert use_colour(_Tty(), requested=True) is True


def test_console_falls_back_to_ascii_marks_when_the_stream_cannot_encode_them():
    class Ascii(io.StringIO):
        encoding = "ascii"

    assert ConsoleReporter(Ascii()).marks["fail"] == "FAIL"


def test_json_report_is_well_formed(registry, tmp_path):
    dest = tmp_path / "verify.json"
    summary = _run(registry, ("json", str(dest), {}))
    doc = json.loads(dest.read_text())
    assert doc["provider"] == "users" and doc["success"] is False
    assert doc["summary"] == summary.counts()
    first = doc["interactions"][0]
    assert first["status"] == "failed" and first["source"] == "pacts/web-users.json"
    assert first["providerStates"] == [{"name": "user exists", "params": {"id": 1}}]
    assert first["mismatches"][0]["path"] == "$.name"
    assert first["mismatches"][0]["expected"] == "Ann"
    assert doc["interactions"][1]["error"] == "OSError: connection refused"
    assert doc["interactions"][2]["pending"] is True


def test_junit_report_has_a_testcase_per_interaction(registry, tmp_path):
    dest = tmp_path / "junit.xml"
    _run(registry, ("junit", str(dest), {}))
    root = ET.parse(dest).getroot()
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "3" and root.attrib["failures"] == "1"
    assert root.attrib["errors"] == "1" and root.attrib["skipped"] == "1"
    suite = root.find("testsuite")
    assert suite.attrib["name"] == "web -> users"
    cases = suite.findall("testcase")
    assert [c.attrib["name"] for c in cases] == [
        "get user (given user exists)", "delete user", "new feature",
    ]
    failure = cases[0].find("failure")
    assert "$.name" in failure.attrib["message"] and "Ann" in failure.text
    assert cases[1].find("error").attrib["message"] == "OSError: connection refused"
    assert cases[2].find("skipped") is not None


def test_reporter_objects_receive_every_event(registry):
    class Recorder:
        def __init__(self):
            self.events = []

        def started(self, run):
            self.events.append("started")

        def interaction_verified(self, result):
            self.events.append(result.status)

        def finished(self, summary):
            self.events.append("finished")

    rec = Recorder()
    _run(registry, (rec, None, {}))
    assert rec.events == ["started", "failed", "error", "pending-failed", "finished"]


def test_console_prints_each_distinct_warning_once(registry):
    p = pact("web", "users", interaction("a", "unhandled"), interaction("b", "unhandled"))
    out = io.StringIO()
    (Verifier("users", registry=registry).add_pact(p).transport("fake", lambda i, c: [])
        .reporter("console", stream=out).verify())
    assert out.getvalue().count("warning: no handler for provider state 'unhandled'") == 1


@pytest.mark.parametrize("name", ["json", "junit", "console"])
def test_report_destinations_are_checked_when_the_reporter_is_added(registry, tmp_path, name):
    from polypact.errors import UsageError

    v = Verifier("users", registry=registry)
    with pytest.raises(UsageError, match=r"is a directory; expected a file path"):
        v.reporter(name, str(tmp_path))
    with pytest.raises(UsageError, match=r"--x '/proc/r.out': cannot create files in '/proc'"):
        v.reporter(name, "/proc/r.out", label="--x")
    with pytest.raises(UsageError, match=r"cannot create the directory '/proc/polypact-x'"):
        v.reporter(name, "/proc/polypact-x/r.out", label="--x")
    assert not list(tmp_path.iterdir())  # the check leaves nothing behind
    v.reporter(name, str(tmp_path / "reports" / "deeper" / "r.out"))
    assert (tmp_path / "reports" / "deeper").is_dir()  # missing directories are created


@pytest.mark.parametrize("name", ["json", "junit"])
def test_reports_are_replaced_atomically(registry, tmp_path, name):
    dest = tmp_path / "report"
    dest.write_text("old contents")
    _run(registry, (name, str(dest), {}))
    assert "old contents" not in dest.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary file left


def test_a_report_that_cannot_be_written_is_a_report_error_and_other_reports_still_go_out(
    registry, tmp_path, monkeypatch
):
    import polypact.reporters.output as output
    from polypact.reporters import ReportError

    real_replace = output.os.replace

    def replace(src, dst):
        if str(dst).endswith(".json"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    json_dest, junit_dest = tmp_path / "r.json", tmp_path / "r.xml"
    with pytest.raises(ReportError) as err:
        _run(registry, ("json", str(json_dest), {"label": "--json"}), ("junit", str(junit_dest), {}))
    assert str(err.value) == f"--json {str(json_dest)!r}: could not write the report (No space left on device)"
    assert ET.parse(junit_dest).getroot().attrib["tests"] == "3"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xml"]
