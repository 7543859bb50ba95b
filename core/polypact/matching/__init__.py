"""The protocol-agnostic matching engine.

Public API:

- :func:`match_request`, :func:`match_response`, :func:`match_message`: compare a whole
  actual request / response / message with the expected one;
- :func:`match_body`: compare two bodies through the content matcher the registry selects;
- :func:`match_json_value`: the recursive JSON tree comparison, reusable on decoded trees;
- :class:`MatchContext`: rules, strictness and registry of one comparison;
- :func:`render_mismatches`: a short, numbered rendering of mismatches;
- :func:`parse_path` / :class:`RulePath` / :func:`format_path`: rule and node paths.
"""

from __future__ import annotations

from polypact.matching.body import match_body
from polypact.matching.context import MatchContext
from polypact.matching.http import match_request, match_response
from polypact.matching.json_tree import match_json_value
from polypact.matching.message import match_message, match_metadata
from polypact.matching.mismatch import Mismatch
from polypact.matching.paths import RulePath, format_path, parse_path
from polypact.matching.render import render_mismatches

__all__ = [
    "MatchContext", "Mismatch", "RulePath", "format_path", "match_body", "match_json_value",
    "match_message", "match_metadata", "match_request", "match_response", "parse_path",
    "render_mismatches",
]
