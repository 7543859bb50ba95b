"""``V1/http_provider.feature``: verifying an HTTP provider (states, filters, failures)."""

from __future__ import annotations

from .binding import bind_feature

#: The pact specification version the pacts to verify are written in.
PACT_SPEC_VERSION = "2.0"

#: Scenarios not run here, with the reason.
NOT_RUN: dict[str, str] = {}

#: Scenarios that fail because of a polypact defect (strict xfail), with the defect.
EXPECTED_FAILURES: dict[str, str] = {
    "Verifying an interaction with no defined provider state": (
        "Verifier.verify_interaction (core/polypact/verifier/verifier.py) calls the "
        "polypact_provider_state hook only for the interaction's listed states, so a "
        "state-change callback is never called for an interaction without states; the "
        "reference verifier (pact_verifier execute_provider_states) calls it with an empty "
        "state ('') for setup and teardown"
    ),
}

bind_feature(globals(), "V1/http_provider.feature", not_run=NOT_RUN, expected_failures=EXPECTED_FAILURES)
