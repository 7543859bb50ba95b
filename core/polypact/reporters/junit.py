"""The JUnit XML reporter: one ``testcase`` per interaction, a ``testsuite`` per pact."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from typing import Any

from polypact.reporters.output import STDOUT, check_destination, write_report
from polypact.reporters.text import failure_text


def junit_document(summary: Any) -> ET.Element:
    """The ``<testsuites>`` element for a verification summary."""
    root = ET.Element("testsuites", name=f"polypact verification of {summary.provider}")
    suites: dict[str, ET.Element] = {}
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in summary.results:
        key = result.loaded.source
        suite = suites.get(key)
        if suite is None:
            suite = ET.SubElement(
                root, "testsuite",
                name=f"{result.consumer} -> {result.loaded.provider}", file=str(key),
            )
            suite.attrib.update({k: "0" for k in totals})
            suite.set("time", "0")
            suites[key] = suite
        case = ET.SubElement(
            suite, "testcase", classname=result.consumer,
            name=result.title.split(": ", 1)[1], time=f"{result.duration:.6f}",
        )
        kind = None
        if result.pending and not result.ok:
            kind = "skipped"
            ET.SubElement(case, "skipped", message="pending interaction failed (not failing the build)").text = failure_text(result)
        elif result.error is not None:
            kind = "errors"
            ET.SubElement(case, "error", message=result.error).text = result.error
        elif not result.ok:
            kind = "failures"
            first = result.mismatches[0]
            message = f"{len(result.mismatches)} mismatch(es); first at {first.path}: {first.message}"
            ET.SubElement(case, "failure", message=message).text = failure_text(result)
        suite.set("tests", str(int(suite.get("tests")) + 1))
        suite.set("time", f"{float(suite.get('time')) + result.duration:.6f}")
        totals["tests"] += 1
        if kind:
            suite.set(kind, str(int(suite.get(kind)) + 1))
            totals[kind] += 1
    empty = getattr(summary, "empty_reason", None)
    if empty:
        # Zero test cases would read as green in CI: a failing case says nothing was verified.
        suite = ET.SubElement(root, "testsuite", name="polypact verification", tests="1",
                              failures="1", errors="0", skipped="0", time="0")
        case = ET.SubElement(suite, "testcase", classname="polypact", name="nothing to verify", time="0")
        ET.SubElement(case, "failure", message=f"nothing was verified: {empty}").text = empty
        totals["tests"] += 1
        totals["failures"] += 1
    root.attrib.update({k: str(v) for k, v in totals.items()})
    root.set("time", f"{summary.duration:.6f}")
    return root


class JunitReporter:
    """Writes the JUnit XML report when the run finishes (``None`` or ``-``: stdout).

    The destination is checked when the reporter is created (:class:`UsageError` naming
    ``label``, e.g. ``--junit``) and written atomically when the run finishes.
    """

    def __init__(self, destination: str | None = None, *, label: str = "JUnit report"):
        check_destination(destination, label)
        self.destination = destination
        self.label = label

    def finished(self, summary: Any) -> None:
        """Write the report (:class:`ReportError` when it cannot be written)."""
        root = junit_document(summary)
        ET.indent(root)
        if self.destination in STDOUT:
            sys.stdout.write(ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
            return
        data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
        write_report(self.destination, data, self.label)


def junit_reporter(destination: str | None, options: dict[str, Any]) -> JunitReporter:
    """Factory registered as ``junit`` (option ``label`` names the destination in errors)."""
    return JunitReporter(destination, label=options.get("label") or "JUnit report")
