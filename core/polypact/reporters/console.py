"""The console reporter: a line per interaction, then a numbered failure list.

Colour is used only when the stream is a terminal and ``NO_COLOR`` is unset (or when
forced with ``color=True``).
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from polypact.errors import UsageError
from polypact.reporters.output import check_destination
from polypact.reporters.text import failure_list, failure_text, indent

_COLOURS = {"green": "32", "red": "31", "yellow": "33", "dim": "2", "bold": "1"}


def use_colour(stream: Any, requested: bool | None = None) -> bool:
    """Whether to colour output on ``stream``."""
    if requested is not None:
        return requested
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ConsoleReporter:
    """Writes verification progress and results to a text stream (stdout by default)."""

    def __init__(self, stream: TextIO | None = None, *, color: bool | None = None, verbose: bool = False):
        self.stream = stream if stream is not None else sys.stdout
        self.color = use_colour(self.stream, color)
        self.verbose = verbose
        encoding = (getattr(self.stream, "encoding", None) or "utf-8").lower()
        try:
            "✓✗".encode(encoding)
            self.marks = {"ok": "✓", "fail": "✗", "pending": "…"}
        except (UnicodeEncodeError, LookupError):
            self.marks = {"ok": "OK", "fail": "FAIL", "pending": "PENDING"}

    def _c(self, colour: str, text: str) -> str:
        return f"\033[{_COLOURS[colour]}m{text}\033[0m" if self.color else text

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")

    def started(self, run: Any) -> None:
        """Print what is about to be verified."""
        pacts = len(run.pacts)
        who = f"Verifying provider {run.provider!r}" if run.provider is not None else "Verifying"
        self._write(
            self._c("bold", who) + f": {run.interaction_count} interaction(s) from {pacts} pact(s)"
        )

    def interaction_verified(self, result: Any) -> None:
        """Print one line for the interaction (and its failure when verbose)."""
        ms = f"{result.duration * 1000:.1f} ms"
        if result.ok:
            mark = self._c("green", self.marks["ok"])
            suffix = " (pending)" if result.pending else ""
        elif result.pending:
            mark = self._c("yellow", self.marks["pending"])
            suffix = " (pending, not failing)"
        else:
            mark = self._c("red", self.marks["fail"])
            suffix = " (error)" if result.error is not None else ""
        self._write(f"  {mark} {result.title}{suffix} {self._c('dim', ms)}")
        if self.verbose and not result.ok:
            self._write(indent(failure_text(result), "      "))

    def finished(self, summary: Any) -> None:
        """Print warnings, the numbered failure list and the totals."""
        warnings = list(summary.warnings)
        for result in summary.results:
            warnings.extend(w for w in result.warnings if w not in warnings)
        for warning in warnings:
            self._write(self._c("yellow", f"warning: {warning}"))
        if summary.failures:
            self._write("\n" + self._c("bold", "Failures:") + "\n")
            self._write(failure_list(summary.failures))
        if summary.pending_failures:
            self._write("\n" + self._c("bold", "Pending (not failing):") + "\n")
            self._write(failure_list(summary.pending_failures))
        empty = getattr(summary, "empty_reason", None)
        if empty:
            self._write("\n" + self._c("red", f"error: nothing was verified: {empty}"))
        counts = summary.counts()
        line = (
            f"\n{counts['interactions']} interaction(s), {counts['passed']} passed, "
            f"{counts['failed']} failed, {counts['errors']} error(s), "
            f"{counts['pending']} pending failure(s) in {summary.duration:.2f} s"
        )
        self._write(self._c("green" if summary.success else "red", line))
        self.stream.flush()


def console_reporter(destination: str | None, options: dict[str, Any]) -> ConsoleReporter:
    """Factory registered as ``console``: ``destination`` is ignored unless it is ``"-"``
    or a file path (written as plain text; checked first, :class:`UsageError` when it
    cannot be written)."""
    stream = options.get("stream")
    if stream is None and destination not in (None, "-"):
        label = options.get("label") or "console report"
        check_destination(destination, label)
        try:
            stream = open(destination, "w", encoding="utf-8")  # noqa: SIM115 - kept for the run
        except OSError as exc:
            raise UsageError(f"{label} {destination!r}: cannot write ({exc.strerror or exc})") from None
    return ConsoleReporter(stream, color=options.get("color"), verbose=bool(options.get("verbose")))
