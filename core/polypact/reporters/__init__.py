"""Verification reporters: ``console``, ``json`` and ``junit`` (registered by the core
through ``polypact_register_reporters``, like any plugin's reporter)."""

from __future__ import annotations

from polypact.reporters.console import ConsoleReporter, console_reporter
from polypact.reporters.json_report import JsonReporter, json_reporter
from polypact.reporters.junit import JunitReporter, junit_document, junit_reporter
from polypact.reporters.output import ReportError, check_destination, write_report

__all__ = [
    "ConsoleReporter",
    "JsonReporter",
    "JunitReporter",
    "ReportError",
    "check_destination",
    "console_reporter",
    "json_reporter",
    "junit_document",
    "junit_reporter",
    "write_report",
]
