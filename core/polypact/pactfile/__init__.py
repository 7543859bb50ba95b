"""Pact files: reading V1-V4 pact JSON into the model and writing canonical pact files.

Reading: :func:`read_pact`, :func:`pact_paths` (the files of a pact directory), :func:`loads_pact`, :func:`parse_pact` (whole documents),
:func:`inspect_pact` (every problem of a file, for ``polypact validate``) and
:func:`parse_http_request`, :func:`parse_http_response`, :func:`parse_message_contents`,
:func:`parse_matching_rules`, :func:`parse_generators` (parts). Writing:
:func:`dumps_pact`, :func:`write_pact`, :func:`interaction_key`.
"""

from __future__ import annotations

from polypact.matchers.regex_syntax import python_regex
from polypact.pactfile.canonical import dumps_pact, interaction_key, merge_interactions, pact_json
from polypact.pactfile.document import (
    PactInspection,
    inspect_pact,
    loads_pact,
    pact_files_in,
    pact_paths,
    parse_pact,
    read_pact,
)
from polypact.pactfile.files import merge_pacts, write_pact
from polypact.pactfile.interactions import parse_interaction
from polypact.pactfile.parse import (
    SPEC_VERSIONS,
    parse_http_request,
    parse_http_response,
    parse_message_contents,
)
from polypact.pactfile.rules import parse_generators, parse_matching_rules
from polypact.pactfile.serialize import WRITABLE_VERSIONS, interaction_json

__all__ = [
    "PactInspection",
    "SPEC_VERSIONS",
    "WRITABLE_VERSIONS",
    "dumps_pact",
    "inspect_pact",
    "interaction_json",
    "interaction_key",
    "loads_pact",
    "merge_interactions",
    "merge_pacts",
    "pact_json",
    "pact_files_in",
    "pact_paths",
    "parse_generators",
    "parse_http_request",
    "parse_http_response",
    "parse_interaction",
    "parse_matching_rules",
    "parse_message_contents",
    "parse_pact",
    "python_regex",
    "read_pact",
    "write_pact",
]
