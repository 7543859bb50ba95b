"""The JSON reporter: the whole run as one JSON document, written when it finishes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


class JsonReporter:
    """Writes :meth:`VerificationSummary.to_json` to a file (``None`` or ``-``: stdout)."""

    def __init__(self, destination: str | None = None):
        self.destination = destination

    def finished(self, summary: Any) -> None:
        """Write the report."""
        text = json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n"
        if self.destination in (None, "-"):
            sys.stdout.write(text)
            return
        path = Path(self.destination)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def json_reporter(destination: str | None, options: dict[str, Any]) -> JsonReporter:
    """Factory registered as ``json``."""
    return JsonReporter(destination)
