"""Steps and fixtures shared by the HTTP consumer and provider features."""

from __future__ import annotations

import pytest
from pytest_bdd import given

from .interactions import InteractionDefinition, parse_table


@pytest.fixture
def pact_spec_version(request: pytest.FixtureRequest) -> str:
    """The pact specification version pacts are written in: ``PACT_SPEC_VERSION`` of the
    test module (V1 features use 2.0, the oldest version polypact writes)."""
    return getattr(request.module, "PACT_SPEC_VERSION", "3.0")


@given("the following HTTP interactions have been defined:", target_fixture="interactions")
def http_interactions(datatable: list[list[str]]) -> dict[int, InteractionDefinition]:
    """The Background table: interaction definitions by number."""
    return parse_table(datatable)
