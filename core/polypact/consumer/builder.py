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

from polypact.consumer.dispatch import dsl_method, missing_method_error
from polypact.errors import UsageError
from polypact.model import Interaction, ProviderState

if TYPE_CHECKING:
    from polypact.consumer.pact import Pact

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
            raise UsageError(
                f"interaction {self.description!r} has no protocol part: call a method such as "
                f".with_request(...) or .expects_to_receive(...) on it"
            )
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
        function = self.pact.registry.builder_method(name)
        if function is None:
            raise missing_method_error(name, "InteractionBuilder")
        return dsl_method(function, self, name, self.pact.registry)

    def __repr__(self) -> str:
        kind = self._interaction.type if self._interaction is not None else "undeclared"
        return f"<InteractionBuilder {self.description!r} ({kind})>"
