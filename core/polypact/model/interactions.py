"""The three V4 interaction types and their parts (pure data, no I/O).

- :class:`SynchronousHttp` (``Synchronous/HTTP``): an :class:`HttpRequest` and an
  :class:`HttpResponse`.
- :class:`AsynchronousMessage` (``Asynchronous/Messages``): one :class:`MessageContents`.
- :class:`SynchronousMessages` (``Synchronous/Messages``): a request message and a list of
  response messages (gRPC uses this type with ``transport: "grpc"``).

Fields a reader did not understand are kept in ``extra`` and written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from polypact.model.body import Body
from polypact.model.generators import Generators
from polypact.model.rules import MatchingRules

HTTP = "Synchronous/HTTP"
ASYNC_MESSAGE = "Asynchronous/Messages"
SYNC_MESSAGE = "Synchronous/Messages"
INTERACTION_TYPES = (HTTP, ASYNC_MESSAGE, SYNC_MESSAGE)

#: Message metadata keys (lower-cased) that name the contents' content type.
CONTENT_TYPE_METADATA_KEYS = ("contenttype", "content-type", "content_type")


@dataclass
class ProviderState:
    """A provider state: its name and parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)


class _HeadersAndBody:
    """Header look-up and content type shared by :class:`HttpRequest` and :class:`HttpResponse`.

    Subclasses are dataclasses with ``headers`` (a multimap) and ``body`` fields.
    """

    headers: dict[str, list[str]]
    body: Body

    def header(self, name: str) -> list[str] | None:
        """The values of a header, looked up case-insensitively."""
        return find_header(self.headers, name)

    def content_type(self) -> str | None:
        """The Content-Type header value, else the body's content type."""
        values = self.header("Content-Type")
        if values:
            return values[0]
        return self.body.content_type


@dataclass
class HttpRequest(_HeadersAndBody):
    """An HTTP request as expected by a contract or as received by a mock/provider.

    ``query`` and ``headers`` are multimaps (name to list of values); query values may be
    ``None`` for a parameter without ``=``. ``path`` is the decoded path.
    """

    method: str = "GET"
    path: str = "/"
    query: dict[str, list[str | None]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: Body = field(default_factory=Body.missing)
    matching_rules: MatchingRules = field(default_factory=MatchingRules)
    generators: Generators = field(default_factory=Generators)
    extra: dict[str, Any] = field(default_factory=dict)
    query_given: bool = True  # False when the pact had no query at all


@dataclass
class HttpResponse(_HeadersAndBody):
    """An HTTP response: status, headers multimap and body."""

    status: int = 200
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: Body = field(default_factory=Body.missing)
    matching_rules: MatchingRules = field(default_factory=MatchingRules)
    generators: Generators = field(default_factory=Generators)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class MessageContents:
    """One message: contents (a body), metadata, matching rules and generators."""

    contents: Body = field(default_factory=Body.missing)
    metadata: dict[str, Any] = field(default_factory=dict)
    matching_rules: MatchingRules = field(default_factory=MatchingRules)
    generators: Generators = field(default_factory=Generators)
    extra: dict[str, Any] = field(default_factory=dict)

    def content_type(self) -> str | None:
        """The contentType metadata entry (any case), else the contents' content type."""
        for key, value in self.metadata.items():
            if key.lower() in CONTENT_TYPE_METADATA_KEYS and isinstance(value, str):
                return value
        return self.contents.content_type


@dataclass
class Interaction:
    """Fields every interaction type shares."""

    TYPE: ClassVar[str] = ""

    description: str = ""
    provider_states: list[ProviderState] = field(default_factory=list)
    key: str | None = None
    pending: bool = False
    comments: dict[str, Any] = field(default_factory=dict)
    plugin_configuration: dict[str, Any] = field(default_factory=dict)
    interaction_markup: dict[str, Any] = field(default_factory=dict)
    transport: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """The V4 interaction type string."""
        return self.TYPE

    def state_names(self) -> list[str]:
        """The names of the provider states, in order."""
        return [s.name for s in self.provider_states]


@dataclass
class SynchronousHttp(Interaction):
    """A ``Synchronous/HTTP`` interaction: one request, one response."""

    TYPE: ClassVar[str] = HTTP

    request: HttpRequest = field(default_factory=HttpRequest)
    response: HttpResponse = field(default_factory=HttpResponse)


@dataclass
class AsynchronousMessage(Interaction):
    """An ``Asynchronous/Messages`` interaction: one message sent by the provider."""

    TYPE: ClassVar[str] = ASYNC_MESSAGE

    message: MessageContents = field(default_factory=MessageContents)


@dataclass
class SynchronousMessages(Interaction):
    """A ``Synchronous/Messages`` interaction: a request message and response messages."""

    TYPE: ClassVar[str] = SYNC_MESSAGE

    request: MessageContents = field(default_factory=MessageContents)
    response: list[MessageContents] = field(default_factory=list)


def find_header(headers: dict[str, list[str]], name: str) -> list[str] | None:
    """Look a header up by name, case-insensitively."""
    if name in headers:
        return headers[name]
    lower = name.lower()
    for key, values in headers.items():
        if key.lower() == lower:
            return values
    return None


def plugin_config(interaction: Any, key: str) -> dict[str, Any] | None:
    """The ``pluginConfiguration`` entry ``key`` of ``interaction`` when it is an object,
    else ``None`` (also for ``None`` or an object without plugin configuration)."""
    config = getattr(interaction, "plugin_configuration", None) or {}
    value = config.get(key)
    return value if isinstance(value, dict) else None
