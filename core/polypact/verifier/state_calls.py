"""Setting provider states up and tearing them down around one interaction.

Every state goes through the ``polypact_provider_state`` hook (Python handlers, a
state-change URL, or any plugin). Like the reference verifier, an interaction without
states still gets a set-up and teardown call for the empty state ``""``: a provider may
well not know it, so refusing it is only a warning.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from polypact.errors import PolypactError, ProviderStateError
from polypact.model import ProviderState
from polypact.verifier.results import InteractionResult

NO_STATE = ProviderState("")


def describe_error(exc: BaseException) -> str:
    """A one-line reason for an exception (polypact errors carry their own message)."""
    if isinstance(exc, PolypactError):
        return str(exc)
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a candidate is close to ``name`` (difflib), else ``""``."""
    close = difflib.get_close_matches(name, [c for c in candidates if c != name], n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unhandled_state(name: str, context: Any) -> str:
    """The message for a provider state no handler took, with a did-you-mean hint naming
    the closest registered Python handler."""
    handlers = getattr(context, "handlers", None) or {}
    return f"no handler for provider state {name!r}{did_you_mean(name, handlers)}"


def set_up_states(hook: Any, states: list[ProviderState], context: Any,
                  result: InteractionResult, done: list[ProviderState]) -> dict[str, Any]:
    """Set up ``states`` in order (the empty state when there are none), appending each to
    ``done`` as soon as its set-up ran; the merged values handlers returned (for
    ``ProviderState`` generators). A failing handler raises (the interaction errors), and
    so does a state no handler took when ``context.strict_states`` is set (else it is a
    warning of the interaction)."""
    values: dict[str, Any] = {}
    if not states:
        try:
            hook(state=NO_STATE, action="setup", context=context)
            done.append(NO_STATE)
        except Exception as exc:  # noqa: BLE001 - optional for providers, never fatal
            result.warnings.append(
                f"set-up call for the empty provider state failed: {describe_error(exc)}")
        return values
    for state in states:
        got = hook(state=state, action="setup", context=context)
        done.append(state)
        if got is not None:
            values.update(got)
        elif getattr(context, "strict_states", False):
            raise ProviderStateError(unhandled_state(state.name, context) + " (strict states)")
        else:
            result.warnings.append(unhandled_state(state.name, context))
    return values


def tear_down_states(hook: Any, done: list[ProviderState], context: Any,
                     result: InteractionResult) -> None:
    """Tear ``done`` down in reverse order, always all of them; the first failure becomes
    the interaction's error (a warning for the empty state)."""
    for state in reversed(done):
        try:
            hook(state=state, action="teardown", context=context)
        except Exception as exc:  # noqa: BLE001
            if state is NO_STATE:
                result.warnings.append(
                    f"teardown of the empty provider state failed: {describe_error(exc)}")
            elif result.error is None:
                result.error = f"teardown of state {state.name!r} failed: {describe_error(exc)}"
