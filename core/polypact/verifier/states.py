"""Provider states during verification: the context plugins receive and Python handlers.

A Python state handler is registered by state name (``Verifier.state_handler(name)``,
``Verifier.state_handlers({name: fn})``); the name must equal the pact's state exactly.
It is a plain (not ``async``) callable of one of these shapes, told apart by its
signature:

- ``fn(params, action)``: the first parameter is named ``params`` and receives the
  state's parameters as a dict; with a second positional parameter (any name) it is
  called twice, with ``action`` ``"setup"`` and then ``"teardown"``; ``fn(params)``
  alone is called for set-up only;
- anything else, e.g. ``fn()``, ``fn(id, name)``, ``fn(id, action)``, ``fn(**params)``:
  the state's parameters are passed as keyword arguments, only those it declares unless
  it takes ``**kwargs``; it is called for set-up only, or for set-up and teardown when it
  declares a parameter named ``action``. A parameter without a default that the pact
  does not give makes the interaction an error naming it;
- a generator function of either shape: the code before its single ``yield`` is the
  set-up, the code after it the teardown (it is called once; yielding twice is an error).

A handler may return (or yield) a dict: its values feed ``ProviderState`` generators;
``None`` means no values, anything else is an error. An exception raised by a handler
makes its interaction an error (the run goes on). A state no handler (nor a state-change
URL or plugin) takes is a warning with a did-you-mean hint, or an error with
``strict_states``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from polypact.errors import ProviderStateError


@dataclass
class StateContext:
    """What ``polypact_provider_state`` implementations get besides the state itself.

    ``handlers`` maps state names to Python callables, ``state_change_url`` is the
    provider's state-change endpoint (or ``None``), ``state_change_teardown`` whether the
    URL is also called for teardown, ``strict_states`` whether a state no handler takes
    is an interaction error (else a warning), ``pact`` / ``interaction`` what is being verified and
    ``scratch`` a per-run dict where plugins may keep state (a kept-alive connection, ...).
    """

    handlers: dict[str, Callable[..., Any]] = field(default_factory=dict)
    state_change_url: str | None = None
    state_change_teardown: bool = True
    state_change_headers: dict[str, str] = field(default_factory=dict)
    strict_states: bool = False
    timeout: float = 30.0
    registry: Any = None
    pact: Any = None
    interaction: Any = None
    scratch: dict[str, Any] = field(default_factory=dict)
    _active: dict[int, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class _HandlerShape:
    params_dict: bool
    wants_action: bool
    var_kw: bool
    names: frozenset[str]
    required: frozenset[str]
    is_generator: bool


_shapes: dict[Any, _HandlerShape] = {}


def _shape(handler: Callable[..., Any]) -> _HandlerShape:
    try:
        return _shapes[handler]
    except (KeyError, TypeError):
        pass
    try:
        sig = inspect.signature(handler)
    except (TypeError, ValueError):  # builtins without a signature: call with kwargs
        return _HandlerShape(False, False, True, frozenset(), frozenset(), False)
    params = list(sig.parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    params_dict = bool(positional) and positional[0].name == "params"
    names = frozenset(p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD))
    required = frozenset(
        p.name for p in params
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )
    shape = _HandlerShape(
        params_dict=params_dict,
        wants_action="action" in names or (params_dict and len(positional) >= 2),
        var_kw=any(p.kind is p.VAR_KEYWORD for p in params),
        names=names,
        required=required,
        is_generator=inspect.isgeneratorfunction(handler)
        or inspect.isgeneratorfunction(getattr(handler, "__call__", None)),  # noqa: B004
    )
    try:
        _shapes[handler] = shape
    except TypeError:
        pass
    return shape


def _call(handler: Callable[..., Any], shape: _HandlerShape, state: Any, action: str) -> Any:
    params = dict(state.params or {})
    if shape.params_dict:
        return handler(params, action) if shape.wants_action else handler(params)
    kwargs = params if shape.var_kw else {k: v for k, v in params.items() if k in shape.names}
    if shape.wants_action:
        kwargs = {**kwargs, "action": action}
    missing = sorted(shape.required - set(kwargs))
    if missing:
        raise ProviderStateError(
            f"state handler for {state.name!r} needs parameter(s) {', '.join(missing)} "
            f"but the pact gives {sorted(params) or 'none'}"
        )
    return handler(**kwargs)


def _values(state: Any, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    raise ProviderStateError(
        f"state handler for {state.name!r} returned {type(value).__name__}; "
        f"expected a dict of values (or None)"
    )


def run_handler(handler: Callable[..., Any], state: Any, action: str, context: StateContext) -> dict[str, Any]:
    """Run one Python state handler for ``action`` and return its values (``{}`` if none).

    Generator handlers are advanced to their ``yield`` on set-up and resumed on teardown;
    plain handlers without an ``action`` parameter are not called for teardown.
    """
    shape = _shape(handler)
    key = id(state)
    if shape.is_generator:
        if action == "setup":
            gen = _call(handler, shape, state, action)
            try:
                value = next(gen)
            except StopIteration:
                return {}
            context._active[key] = gen
            return _values(state, value)
        gen = context._active.pop(key, None)
        if gen is not None:
            try:
                next(gen)
            except StopIteration:
                pass
            else:
                gen.close()
                raise ProviderStateError(
                    f"state handler for {state.name!r} yielded more than once; "
                    f"a generator handler must yield exactly once"
                )
        return {}
    if action == "teardown":
        if shape.wants_action:
            _call(handler, shape, state, action)
        return {}
    return _values(state, _call(handler, shape, state, action))
