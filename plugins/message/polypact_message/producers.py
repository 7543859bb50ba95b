"""Message producers: the provider's Python code that builds each message.

Register producers by interaction description, with a mapping or the decorator of
:class:`MessageProducers`::

    producers = MessageProducers()

    @producers.producer("an order-placed event")
    def order_placed(params):
        return {"orderId": params["id"], "total": 9.99}, {"topic": "orders.placed"}

A producer is called with the arguments it names, chosen from ``description`` (str),
``states`` (the interaction's :class:`~polypact.model.ProviderState` list), ``params``
(the states' parameters merged into one dict), ``provider_state`` (the values the state
handlers returned) and, for synchronous messages, ``request`` (the request
:class:`~polypact_message.message.Message`); ``**kwargs`` receives them all.

It returns the message: a JSON value (dict, list, number, bool), ``str`` (text in the
contract's content type, e.g. XML or JSON text), ``bytes``, a ``(contents, metadata)``
pair or a :class:`~polypact_message.message.Message`. For a synchronous exchange it
returns one response, or a list of :class:`Message` objects for several. A mapping value
that is not callable is itself the message (a static message).
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from polypact.errors import UsageError, VerificationError

#: The argument names a producer may declare.
PRODUCER_ARGUMENTS = ("description", "states", "params", "provider_state", "request")


class MessageProducers(Mapping[str, Any]):
    """Message producers by interaction description (a read-only mapping plus
    :meth:`producer` / :meth:`add` to register)."""

    def __init__(self, producers: Mapping[str, Any] | None = None):
        self._producers: dict[str, Any] = {}
        for description, producer in (producers or {}).items():
            self.add(description, producer)

    def add(self, description: str, producer: Any) -> None:
        """Register ``producer`` (a callable or a static message) for ``description``."""
        if not isinstance(description, str) or not description:
            raise UsageError(f"message producers are registered by description, got {description!r}")
        if description in self._producers:
            raise UsageError(f"a message producer for {description!r} is already registered")
        self._producers[description] = producer

    def producer(self, description: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator registering the function as the producer of ``description``."""

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self.add(description, fn)
            return fn

        return register

    def __getitem__(self, description: str) -> Any:
        return self._producers[description]

    def __iter__(self) -> Iterator[str]:
        return iter(self._producers)

    def __len__(self) -> int:
        return len(self._producers)

    def __repr__(self) -> str:
        return f"<MessageProducers {sorted(self._producers)}>"


class UnknownDescriptionError(VerificationError):
    """No producer is registered for the interaction's description (the message endpoint
    answers 404 for it)."""


def find_producer(target: Any, description: str) -> Any:
    """The producer for ``description`` in ``target`` (a mapping, or one callable that
    produces every message); :class:`UnknownDescriptionError` naming the known ones if
    none."""
    if isinstance(target, Mapping):
        if description in target:
            return target[description]
        known = ", ".join(repr(k) for k in sorted(target)) or "none"
        raise UnknownDescriptionError(f"no message producer for {description!r} (registered: {known})")
    if callable(target):
        return target
    raise UsageError(
        f"message provider target must be a mapping of description to producer, a "
        f"MessageProducers, a callable or an http(s) URL, not {type(target).__name__}"
    )


def _arguments(fn: Callable[..., Any], available: dict[str, Any], description: str) -> dict[str, Any]:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return dict(available)
    chosen: dict[str, Any] = {}
    for name, param in params.items():
        if param.kind in (param.VAR_POSITIONAL, param.POSITIONAL_ONLY):
            if param.kind is param.POSITIONAL_ONLY and param.default is param.empty:
                raise UsageError(_bad_parameter(description, name))
            continue
        if name in available:
            chosen[name] = available[name]
        elif param.default is param.empty:
            raise UsageError(_bad_parameter(description, name))
    return chosen


def _bad_parameter(description: str, name: str) -> str:
    return (f"message producer for {description!r} declares parameter {name!r}; producers "
            f"take keyword parameters named {', '.join(PRODUCER_ARGUMENTS)} (or **kwargs)")


def call_producer(producer: Any, available: dict[str, Any], timeout: float | None) -> Any:
    """Run ``producer`` with the arguments it names from ``available``; a non-callable
    producer is returned as the message itself. With a positive ``timeout`` the producer
    runs in a worker thread and :class:`VerificationError` is raised when it does not
    return in time (the thread cannot be stopped and is left to finish on its own)."""
    description = available.get("description", "")
    if not callable(producer):
        return producer
    kwargs = _arguments(producer, available, description)
    if not timeout or timeout <= 0:
        return _guarded(producer, kwargs, description)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = producer(**kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the verifying thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"polypact producer {description}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise VerificationError(
            f"message producer for {description!r} did not return within {timeout:g}s (timed out)")
    if "error" in outcome:
        raise _raised(description, outcome["error"])
    return outcome.get("value")


def _guarded(producer: Callable[..., Any], kwargs: dict[str, Any], description: str) -> Any:
    try:
        return producer(**kwargs)
    except Exception as exc:  # noqa: BLE001 - reported per interaction
        raise _raised(description, exc) from exc


def _raised(description: str, exc: BaseException) -> VerificationError:
    text = str(exc)
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    error = VerificationError(f"message producer for {description!r} raised {reason}")
    error.__cause__ = exc
    return error
