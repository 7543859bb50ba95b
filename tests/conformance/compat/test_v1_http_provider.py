"""``V1/http_provider.feature``: verifying an HTTP provider (states, filters, failures)."""

from __future__ import annotations

from .binding import bind_feature

#: The pact specification version the pacts to verify are written in.
PACT_SPEC_VERSION = "2.0"

#: Scenarios not run here, with the reason.
NOT_RUN: dict[str, str] = {}

#: Scenarios that fail because of a polypact defect (strict xfail), with the defect.
EXPECTED_FAILURES: dict[str, str] = {
}

bind_feature(globals(), "V1/http_provider.feature", not_run=NOT_RUN, expected_failures=EXPECTED_FAILURES)
