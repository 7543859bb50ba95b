"""The GraphQL plugin's hook implementations (entry point ``graphql``).

Loading this module is cheap: it only checks that graphql-core is installed (so
``polypact plugins`` can report "unavailable: install polypact[graphql]") and imports
graphql-core lazily inside the hooks' objects.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from polypact import hookimpl
from polypact.model.body import is_json_type, media_type

if importlib.util.find_spec("graphql") is None:  # pragma: no cover - depends on the install
    raise ImportError("the GraphQL plugin needs graphql-core (pip install polypact[graphql])",
                      name="graphql")

from polypact.registry import lazy  # noqa: E402

from polypact_graphql.config import graphql_config  # noqa: E402

GRAPHQL_MEDIA_TYPE = "application/graphql"
_JSON_MATCHER = lazy("polypact_graphql.content:GraphQLJsonRequestMatcher")
_QUERY_MATCHER = lazy("polypact_graphql.content:GraphQLQueryMatcher")
_RESPONSE_MATCHER = lazy("polypact_graphql.content:GraphQLJsonResponseMatcher")
_PARAMS_MATCHER = lazy("polypact_graphql.content:GraphQLQueryParamsMatcher")


@hookimpl
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register the ``application/graphql`` body matcher (raw query documents)."""
    register(GRAPHQL_MEDIA_TYPE, _QUERY_MATCHER)


@hookimpl
def polypact_select_content_matcher(content_type: str, interaction: Any, part: str) -> Any:
    """Match JSON request bodies of GraphQL interactions semantically (and explain
    responses that differ because the provider answered with GraphQL errors)."""
    if graphql_config(interaction) is None:
        return None
    if part == "response":
        return _RESPONSE_MATCHER if is_json_type(content_type) else None
    if part != "request":
        return None
    if is_json_type(content_type):
        return _JSON_MATCHER
    if media_type(content_type) == GRAPHQL_MEDIA_TYPE:
        return _QUERY_MATCHER
    return None


@hookimpl
def polypact_select_query_matcher(interaction: Any) -> Any:
    """Match the query parameters of GraphQL GET requests semantically (``query`` by
    meaning, ``variables`` and ``extensions`` as JSON)."""
    request = getattr(interaction, "request", None)
    if graphql_config(interaction) is None or getattr(request, "method", "").upper() != "GET":
        return None
    return _PARAMS_MATCHER


@hookimpl
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register ``with_graphql`` and ``will_respond_with_graphql``."""
    from polypact_graphql.dsl import BUILDERS

    for name, function in BUILDERS.items():
        register(name, function)


@hookimpl
def polypact_interaction_verified(result: Any) -> None:
    """Warn when a verified GraphQL interaction queries fields the provider's schema marks
    deprecated (schema from ``POLYPACT_GRAPHQL_SCHEMA`` or :func:`use_provider_schema`)."""
    if graphql_config(getattr(result, "interaction", None)) is None:
        return
    from polypact_graphql.deprecations import deprecation_warnings

    result.warnings.extend(deprecation_warnings(result.interaction))


@hookimpl
def polypact_verification_finished(summary: Any) -> None:
    """Repeat the GraphQL deprecation warnings once in the run's warnings (the console
    reporter prints those)."""
    seen = set(summary.warnings)
    for result in summary.results:
        for warning in getattr(result, "warnings", ()):
            if warning.startswith("GraphQL: ") and warning not in seen:
                seen.add(warning)
                summary.warnings.append(warning)


@hookimpl
def polypact_add_command_options(command: str, parser: Any) -> None:
    """Add ``--graphql-schema SDL`` to ``polypact verify``."""
    if command == "verify":
        parser.add_argument_group("GraphQL").add_argument(
            "--graphql-schema", metavar="SDL_FILE",
            help="the provider's schema: warn when a pact queries fields it marks deprecated "
                 "(default: $POLYPACT_GRAPHQL_SCHEMA)")


@hookimpl
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Use the schema given with ``--graphql-schema`` for deprecation warnings."""
    path = getattr(args, "graphql_schema", None)
    if path:
        from polypact_graphql.deprecations import use_provider_schema

        use_provider_schema(path)
