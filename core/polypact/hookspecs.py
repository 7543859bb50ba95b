"""Every hook a polypact plugin can implement: the plugin author's contract.

Plugins are modules or objects exposed through the ``polypact`` entry-point group (the
built-ins use the same group). Implement hooks with :data:`hookimpl`::

    from polypact import hookimpl

    @hookimpl
    def polypact_register_matchers(register):
        register("even", lambda rule, expected, actual, ctx: None if actual % 2 == 0 else "not even")

Registration hooks (``polypact_register_*``) are called once, when a
:class:`polypact.registry.Registry` is built; each receives a ``register`` callable. A key
registered twice (by any two plugins) is a :class:`polypact.errors.PluginError` naming both.
Hooks are called in pluggy's order (last registered first); results of non-``firstresult``
hooks are ignored unless stated otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("polypact")
hookimpl = pluggy.HookimplMarker("polypact")


# ---------------------------------------------------------------------------------------
# Registration: called once per registry build
# ---------------------------------------------------------------------------------------
@hookspec
def polypact_register_content_matchers(register: Callable[..., None]) -> None:
    """Register body matchers by media type.

    Call ``register(media_type, matcher)`` where ``media_type`` is a pattern such as
    ``"application/json"``, ``"application/*+xml"`` or ``"text/*"`` and ``matcher`` has a
    method ``match(expected: Body, actual: Body, context: MatchContext) -> list[Mismatch]``.
    The most specific pattern wins when several match a content type (an exact type beats a
    ``+suffix`` pattern, which beats ``type/*``, which beats ``*/*``). The core registers its
    JSON, XML, text, form, multipart and binary matchers through this same hook.
    """


@hookspec
def polypact_register_content_generators(register: Callable[..., None]) -> None:
    """Register body generators by media type.

    Call ``register(media_type, applier)`` where ``applier`` has a method
    ``apply(body: Body, generators: dict[str, Generator], context: GeneratorContext) -> Body``
    that returns the body with the generators (keyed by path) applied. Same pattern rules as
    :func:`polypact_register_content_matchers`.
    """


@hookspec
def polypact_register_matchers(register: Callable[..., None]) -> None:
    """Register value matchers by name (the ``match`` attribute of a matching rule).

    Call ``register(name, matcher)`` where ``matcher(rule, expected, actual, context)``
    returns ``None`` when ``actual`` satisfies ``rule`` or a one-line reason when it does
    not. Optionally, ``matcher.validate(rule) -> str | None`` checks a rule when a pact is
    read (return a reason to refuse it). Every standard Pact matcher is registered this way.
    """


@hookspec
def polypact_register_generators(register: Callable[..., None]) -> None:
    """Register value generators by name (the ``type`` attribute of a generator).

    Call ``register(name, generator)`` where ``generator(definition, current, context)``
    returns the generated value. ``context.mode`` is ``"consumer"`` (mock responses) or
    ``"provider"`` (verifier requests); ``context.provider_state`` holds values returned by
    state handlers and ``context.mock_server_url`` the running mock's URL.
    """


@hookspec
def polypact_register_transports(register: Callable[..., None]) -> None:
    """Register transports by name (``"http"``, ``"message"``, ``"grpc"``, ...).

    Call ``register(name, transport)``. A transport serves interactions in a consumer test
    (``transport.start_mock(pact, interactions, config) -> MockServer``) and talks to a
    provider during verification (``transport.provider_client(config) -> ProviderClient``);
    see :mod:`polypact.transport` for the protocols. ``transport.interaction_types`` lists the
    V4 interaction types it handles by default (an interaction's ``transport`` field
    overrides that).
    """


@hookspec
def polypact_register_interaction_builders(register: Callable[..., None]) -> None:
    """Register consumer-DSL methods on :class:`polypact.consumer.InteractionBuilder`.

    Call ``register(method_name, function)``; ``builder.method_name(*args, **kwargs)``
    then calls ``function(builder, *args, **kwargs)``, which must return the builder (or a
    builder for the next step). This is how ``with_request``, ``expects_to_receive``,
    ``with_graphql`` and ``with_grpc`` reach the core DSL without the core knowing them.
    Register ``pact.<name>`` to add a method to :class:`polypact.consumer.Pact` itself.
    """


@hookspec
def polypact_register_pact_sources(register: Callable[..., None]) -> None:
    """Register sources the verifier can load pacts from.

    Call ``register(scheme, loader)`` where ``loader(location: str, options: dict) ->
    list[LoadedPact]``. The core registers ``file`` (files and directories); a broker plugin
    registers ``broker``. A location ``scheme:rest`` selects a source by scheme; a plain path
    uses ``file``.
    """


@hookspec
def polypact_register_commands(register: Callable[..., None]) -> None:
    """Register ``polypact`` CLI sub-commands.

    Call ``register(name, command)`` where ``command.help`` is a one-line summary,
    ``command.configure(parser: argparse.ArgumentParser)`` adds options and
    ``command.run(args, registry) -> int`` runs it and returns the exit code
    (0 success, 1 verification failure, 2 usage or input error).
    """


@hookspec
def polypact_register_reporters(register: Callable[..., None]) -> None:
    """Register verification reporters by name (``console``, ``json``, ``junit``).

    Call ``register(name, factory)`` where ``factory(destination: str | None, options)``
    returns an object with the optional methods ``started(run)``,
    ``interaction_verified(result)`` and ``finished(summary)``.
    """


@hookspec
def polypact_add_command_options(command: str, parser: Any) -> None:
    """Add options to another plugin's CLI command (``parser`` is its
    :class:`argparse.ArgumentParser`, ``command`` its name, e.g. ``"verify"``).

    Called for each command right after the command's own ``configure(parser)``, when the
    CLI is assembled. Pair it with :func:`polypact_configure_verifier` to act on options
    added to ``verify``: the broker plugin adds ``--broker-url``,
    ``--provider-app-version``, ``--publish-verification-results``, ...
    """


@hookspec
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Configure the :class:`polypact.verifier.Verifier` of a ``polypact verify`` run.

    Called after the core applied its own options and before the run starts, with the
    parsed ``args``: add pact sources (``verifier.add_source("broker:" + url, ...)``),
    reporters or state handlers. Results are ignored; raise
    :class:`polypact.errors.UsageError` for a bad option (exit 2).
    """


# ---------------------------------------------------------------------------------------
# Dispatch: called while matching, mocking and verifying
# ---------------------------------------------------------------------------------------
@hookspec(firstresult=True)
def polypact_transport_for_interaction(interaction: Any) -> str | None:
    """Name the transport that serves ``interaction``.

    Called by mock and verifier dispatch for each interaction whose ``transport`` field is
    empty. Stops at the first non-``None`` result; when every plugin returns ``None`` the
    transport registered for the interaction's type is used.
    """


@hookspec(firstresult=True)
def polypact_select_content_matcher(content_type: str, interaction: Any, part: str) -> Any:
    """Choose a body matcher for one comparison, overriding selection by media type.

    Called by the matching engine before it looks a content matcher up by media type, with
    the expected body's content type, the interaction being matched (may be ``None``) and
    the part (``"request"``, ``"response"``, ``"message"``). Return a matcher (an object
    with ``match(expected, actual, context)``) to use it, or ``None`` to fall through. Stops
    at the first non-``None`` result. The GraphQL plugin uses this to match JSON bodies of
    interactions whose ``pluginConfiguration`` marks them as GraphQL.
    """


@hookspec(firstresult=True)
def polypact_select_query_matcher(interaction: Any) -> Any:
    """Choose how the query parameters of a request of ``interaction`` are matched.

    Called by ``match_request`` when it is given an interaction. Return an object with
    ``match(expected: dict[str, list], actual: dict[str, list], context: MatchContext) ->
    list[Mismatch]`` to replace the standard multimap comparison, or ``None`` to keep it.
    Stops at the first non-``None`` result. The GraphQL plugin uses it for GET requests,
    whose ``query`` parameter is a GraphQL document matched by meaning.
    """


@hookspec(firstresult=True)
def polypact_mock_request(request: Any, interactions: Any, mock_url: str) -> Any:
    """Answer a request to a running mock outside the contract.

    Called by the HTTP mock for each received request (a
    :class:`polypact.model.HttpRequest`) before it is matched, with the interactions it
    serves and its base URL. Return a :class:`polypact.model.HttpResponse` to answer the
    request with it: the request is then neither matched, nor reported as unexpected, nor
    written to the pact. Return ``None`` to let the mock match it as usual. Stops at the
    first non-``None`` result. The SOAP plugin serves ``GET <service>?wsdl`` this way, with
    the service address rewritten to the mock.
    """


@hookspec(firstresult=True)
def polypact_provider_state(state: Any, action: str, context: Any) -> dict[str, Any] | None:
    """Set up (``action == "setup"``) or tear down (``"teardown"``) one provider state.

    ``state`` is a :class:`polypact.model.ProviderState`; ``context`` a
    :class:`polypact.verifier.StateContext` carrying the run's state handlers and
    state-change URL. Return a dict (possibly empty) when this plugin handled the state: its
    values feed ``ProviderState`` generators. Stops at the first non-``None`` result; when
    all return ``None`` the state is reported as unhandled (a warning, not a failure, unless
    the run is strict).
    """


# ---------------------------------------------------------------------------------------
# Lifecycle events (for reporters and integrations); results are ignored
# ---------------------------------------------------------------------------------------
@hookspec
def polypact_verification_started(run: Any) -> None:
    """Called once before the first interaction of a verification run is replayed.

    ``run`` is a :class:`polypact.verifier.VerificationRun` (provider, pacts, options).
    """


@hookspec
def polypact_interaction_verified(result: Any) -> None:
    """Called after each interaction is verified, with its
    :class:`polypact.verifier.InteractionResult` (mismatches, pending flag, timing)."""


@hookspec
def polypact_verification_finished(summary: Any) -> None:
    """Called once after a verification run, with its
    :class:`polypact.verifier.VerificationSummary`."""


@hookspec
def polypact_pact_written(pact: Any, path: str) -> None:
    """Called after a consumer test wrote (or merged into) the pact file at ``path``."""
