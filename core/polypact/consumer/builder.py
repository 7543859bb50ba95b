"""The protocol-agnostic interaction builder of the consumer DSL.

:class:`InteractionBuilder` holds what every interaction has (description, provider
states, comments, pending flag, key). Protocol methods (``with_request``,
``expects_to_receive``, ``with_grpc``, ...) are not defined here: any other attribute is
looked up in the registry (``registry.builder_method(name)``), so plugins add them with the
``polypact_register_interaction_builders`` hook. The first protocol method called sets
:attr:`InteractionBuilder.interaction` to a model object of its type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from polypact.consumer.dispatch import (
    PACT_PREFIX,
    dsl_method,
    method_names,
    missing_method_error,
    public_names,
)
from polypact.errors import UsageError
from polypact.model import Interaction, ProviderState

if TYPE_CHECKING:
    from polypact.consumer.pact import Pact


def unfinished_message(description: str, registry: Any) -> str:
    """Why interaction ``description`` cannot be built (no protocol method was called on
    its builder) and what to call: the builder's protocol methods, or, for a message,
    ``pact.expects_to_receive(...)`` instead of ``pact.upon_receiving(...)``."""
    starters = [n for n in method_names(registry) if n.startswith("with_")]
    preferred = [n for n in ("with_request", "with_graphql", "with_soap", "with_grpc") if n in starters]
    shown = ", ".join(f".{n}(...)" for n in (preferred or starters)[:4]) or ".with_request(...)"
    message = (
        f"interaction {description!r} has no protocol part: it was started with "
        f"pact.upon_receiving({description!r}) but no protocol method was called on the "
        f"builder it returned; call one, e.g. {shown}"
    )
    pact_methods = method_names(registry, PACT_PREFIX)
    if "expects_to_receive" in pact_methods:
        message += (
            f"; for a message, declare it with pact.expects_to_receive({description!r}) "
            f"instead of pact.upon_receiving(...)"
        )
    return message


class InteractionBuilder:
    """Declares one interaction of a :class:`polypact.consumer.Pact`.

    Plugins read and set :attr:`interaction` (``None`` until a protocol method is called)
    and may use :attr:`pact` and :attr:`registry`. Common methods return the builder so
    calls chain.
    """

    def __init__(self, pact: Pact, description: str):
        self.pact = pact
        self.description = description
        self.provider_states: list[ProviderState] = []
        self.comments: dict[str, Any] = {}
        self.pending_flag = False
        self.key: str | None = None
        self._interaction: Interaction | None = None

    # -- the model object -----------------------------------------------------------------
    @property
    def interaction(self) -> Interaction | None:
        """The interaction being built (set by the first protocol method)."""
        return self._interaction

    @interaction.setter
    def interaction(self, value: Interaction | None) -> None:
        if value is not None:
            self._apply_common(value)
        self._interaction = value

    @property
    def registry(self) -> Any:
        """The registry of the pact (plugins look up transports and matchers in it)."""
        return self.pact.registry

    def _apply_common(self, interaction: Interaction) -> None:
        interaction.description = self.description
        interaction.provider_states = self.provider_states
        interaction.comments = self.comments
        interaction.pending = self.pending_flag
        if self.key is not None:
            interaction.key = self.key

    def build(self) -> Interaction:
        """The finished interaction; :class:`UsageError` when no protocol method set it."""
        if self._interaction is None:
            raise UsageError(unfinished_message(self.description, self.pact.registry))
        self._apply_common(self._interaction)
        return self._interaction

    # -- common DSL -----------------------------------------------------------------------
    def given(self, state: str, /, **params: Any) -> InteractionBuilder:
        """Add a provider state (repeatable); keyword arguments become its parameters."""
        if not isinstance(state, str) or not state:
            raise UsageError(f"interaction {self.description!r}: given() needs a state name, got {state!r}")
        self.provider_states.append(ProviderState(state, dict(params)))
        return self

    def with_comment(self, text: str) -> InteractionBuilder:
        """Add a free-text comment (written to ``comments.text``)."""
        self.comments.setdefault("text", []).append(str(text))
        return self

    def test_name(self, name: str) -> InteractionBuilder:
        """Record the name of the test that declared the interaction (``comments.testname``)."""
        self.comments["testname"] = str(name)
        return self

    def pending(self, flag: bool = True) -> InteractionBuilder:
        """Mark the interaction pending (its verification failures do not fail a build)."""
        self.pending_flag = bool(flag)
        if self._interaction is not None:
            self._interaction.pending = self.pending_flag
        return self

    def with_key(self, key: str) -> InteractionBuilder:
        """Set the interaction's V4 ``key`` (otherwise computed when the pact is written)."""
        self.key = str(key)
        if self._interaction is not None:
            self._interaction.key = self.key
        return self

    # -- plugin methods -------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        registry = self.pact.registry
        function = registry.builder_method(name)
        if function is None:
            raise missing_method_error(name, "InteractionBuilder", registry,
                                       known=public_names(self))
        return dsl_method(function, self, name, registry)

    def __dir__(self) -> list[str]:
        """The builder's own attributes plus the protocol methods plugins registered
        (so REPL and notebook completion offer ``with_request`` and friends)."""
        return sorted({*super().__dir__(), *method_names(self.pact.registry)})

    def __repr__(self) -> str:
        kind = self._interaction.type if self._interaction is not None else "undeclared"
        return f"<InteractionBuilder {self.description!r} ({kind})>"
