"""Calling DSL methods that plugins registered, with a clear error for a wrong call.

A registered method (``with_request``, ``will_respond_with_graphql``, ...) is a plain
function taking the builder (or the pact) first. :func:`dsl_method` binds it and checks
each call against its signature first, so ``will_respond_with(data=...)`` says which
parameters ``will_respond_with`` takes and which other plugins' methods have a similar
name, instead of a bare ``TypeError``.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any

from polypact.errors import UsageError

#: Extras to suggest when a well-known protocol method is missing.
EXTRA_HINTS = {
    "with_grpc": "grpc",
    "with_graphql": "graphql",
    "with_soap": "soap",
    "with_soap_request": "soap",
}


PACT_PREFIX = "pact."


def method_names(registry: Any, prefix: str = "") -> list[str]:
    """The DSL methods plugins registered for a builder (``prefix=""``) or for a pact
    (``prefix="pact."``), without the prefix, sorted."""
    table = registry.tables["interaction_builders"] if registry is not None else {}
    return sorted(
        key[len(prefix):] for key in table
        if key.startswith(prefix) and "." not in key[len(prefix):]
    )


def public_names(obj: Any) -> list[str]:
    """The public attributes ``obj`` has without plugins (its class's methods and
    properties and its instance attributes)."""
    names = set(dir(type(obj))) | set(getattr(obj, "__dict__", {}))
    return sorted(n for n in names if not n.startswith("_"))


def suggest(name: str, candidates: Iterable[str]) -> str:
    """``" did you mean 'x'?"`` for the name in ``candidates`` closest to ``name``
    (difflib), or ``""`` when none is close."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" did you mean {close[0]!r}?" if close else ""


def missing_method_error(name: str, owner: str, registry: Any = None, *,
                         known: Iterable[str] = ()) -> AttributeError:
    """The AttributeError raised when no plugin registered the DSL method ``name`` on
    ``owner`` (``"InteractionBuilder"`` or ``"Pact"``).

    With ``registry`` the message suggests the closest registered (and ``known``) names and
    says when ``name`` exists on the other object (a pact method called on a builder, or a
    builder method called on a pact); without it, it falls back to the extra to install.
    """
    if registry is None:
        try:
            from polypact.registry import get_registry

            registry = get_registry()
        except Exception:  # noqa: BLE001 - the message is still useful without hints
            registry = None
    on_pact = owner == "Pact"
    mine = method_names(registry, PACT_PREFIX if on_pact else "")
    other = method_names(registry, "" if on_pact else PACT_PREFIX)
    if name in other:
        where = (
            f"{name!r} is a method of an interaction: start one with "
            f"pact.upon_receiving(description).{name}(...)"
            if on_pact else
            f"{name!r} is a method of the Pact, not of an interaction: call pact.{name}(...) "
            f"(instead of pact.upon_receiving(...))"
        )
        return AttributeError(f"{owner} has no method {name!r}: {where}")
    extra = EXTRA_HINTS.get(name)
    hint = "" if extra else suggest(name, [*mine, *known])
    if not hint:
        hint = (f" is polypact[{extra}] installed?" if extra
                else " is the plugin that provides it installed?")
        hint += " see `polypact plugins`"
    return AttributeError(f"{owner} has no method {name!r}: no plugin provides {name!r};{hint}")


@functools.lru_cache(maxsize=512)
def _signature(function: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(function)
    except (TypeError, ValueError):
        return None


def dsl_method(function: Callable[..., Any], target: Any, name: str, registry: Any,
               prefix: str = "") -> Callable[..., Any]:
    """``function`` bound to ``target`` (a builder or a pact), refusing a call that does
    not fit its signature with a :class:`UsageError` that lists its parameters and the
    registered methods of a similar name (``prefix`` is ``"pact."`` for pact methods)."""
    signature = _signature(function)

    def call(*args: Any, **kwargs: Any) -> Any:
        if signature is not None:
            try:
                signature.bind(target, *args, **kwargs)
            except TypeError as exc:
                raise UsageError(_wrong_call(name, signature, exc, registry, prefix)) from None
        return function(target, *args, **kwargs)

    call.__name__ = name
    call.__doc__ = function.__doc__
    return call


def _wrong_call(name: str, signature: inspect.Signature, exc: TypeError, registry: Any,
                prefix: str) -> str:
    params = [p.replace(annotation=inspect.Parameter.empty)
              for p in list(signature.parameters.values())[1:]]
    shown = str(inspect.Signature(params))[1:-1]
    reason = str(exc).replace("missing a required argument", "is missing the argument")
    message = f"{name}({shown}): {reason}"
    stem = name.split("_with")[0] if "_with" in name else name
    similar = sorted(
        key[len(prefix):] for key in registry.tables["interaction_builders"]
        if key.startswith(prefix + stem) and key != prefix + name and "." not in key[len(prefix):]
    )
    if similar:
        message += f"; other plugins' methods of a similar name: {', '.join(similar)}"
    return message
