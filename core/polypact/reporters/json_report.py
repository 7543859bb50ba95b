"""The JSON reporter: the whole run as one JSON document, written when it finishes."""

from __future__ import annotations

import json
import sys
from typing import Any

from polypact.reporters.output import STDOUT, check_destination, write_report


class JsonReporter:
    """Writes :meth:`VerificationSummary.to_json` to a file (``None`` or ``-``: stdout).

    The destination is checked when the reporter is created (:class:`UsageError` naming
    ``label``, e.g. ``--json``) and written atomically when the run finishes.
    """

    def __init__(self, destination: str | None = None, *, label: str = "JSON report"):
        check_destination(destination, label)
        self.destination = destination
        self.label = label

    def finished(self, summary: Any) -> None:
        """Write the report (:class:`ReportError` when it cannot be written)."""
        text = json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n"
        if self.destination in STDOUT:
            sys.stdout.write(text)
            return
        write_report(self.destination, text, self.label)


def json_reporter(destination: str | None, options: dict[str, Any]) -> JsonReporter:
    """Factory registered as ``json`` (option ``label`` names the destination in errors)."""
    return JsonReporter(destination, label=options.get("label") or "JSON report")
