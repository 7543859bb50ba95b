"""Steps shared by the HTTP consumer and provider features."""

from __future__ import annotations

from pytest_bdd import given

from .interactions import InteractionDefinition, parse_table


@given("the following HTTP interactions have been defined:", target_fixture="interactions")
def http_interactions(datatable: list[list[str]]) -> dict[int, InteractionDefinition]:
    """The Background table: interaction definitions by number."""
    return parse_table(datatable)
