"""``V3/message_provider.feature``: message pacts through the message plugin."""

from __future__ import annotations

from .binding import bind_feature

#: The pact specification version the pacts are written in.
PACT_SPEC_VERSION = "3.0"

#: Scenarios not run here, with the reason.
NOT_RUN: dict[str, str] = {
    "Supports messages with body formatted for the Kafka schema registry": (
        "tagged @wip in the suite: the reference implementations do not run it either "
        "(schema-registry framed bodies are not specified yet)"
    ),
}

#: Scenarios that fail because of a polypact defect (strict xfail), with the defect.
EXPECTED_FAILURES: dict[str, str] = {}

bind_feature(globals(), "V3/message_provider.feature", not_run=NOT_RUN, expected_failures=EXPECTED_FAILURES)
