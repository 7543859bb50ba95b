"""``V3/generators.feature``: generators applied when a request or response is prepared."""

from __future__ import annotations

from .binding import bind_feature

#: Scenarios not run here, with the reason.
NOT_RUN: dict[str, str] = {}

#: Scenarios that fail because of a polypact defect (strict xfail), with the defect.
EXPECTED_FAILURES: dict[str, str] = {
}

bind_feature(globals(), "V3/generators.feature", not_run=NOT_RUN, expected_failures=EXPECTED_FAILURES)
