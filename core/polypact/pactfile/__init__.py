"""Pact files: reading V1-V4 pact JSON into the model and writing canonical pact files."""

from __future__ import annotations

from polypact.pactfile.parse import (
    SPEC_VERSIONS,
    parse_http_request,
    parse_http_response,
    parse_message_contents,
)
from polypact.pactfile.regexes import python_regex
from polypact.pactfile.rules import parse_generators, parse_matching_rules

__all__ = [
    "SPEC_VERSIONS",
    "parse_generators",
    "parse_http_request",
    "parse_http_response",
    "parse_matching_rules",
    "parse_message_contents",
    "python_regex",
]
