"""The Pact interaction model: pure data, no I/O."""

from polypact.model.body import Body, BodyState, is_json_type, is_text_type, is_xml_type, media_type
from polypact.model.generators import Generator, Generators
from polypact.model.interactions import (
    ASYNC_MESSAGE,
    HTTP,
    INTERACTION_TYPES,
    SYNC_MESSAGE,
    AsynchronousMessage,
    HttpRequest,
    HttpResponse,
    Interaction,
    MessageContents,
    ProviderState,
    SynchronousHttp,
    SynchronousMessages,
    find_header,
)
from polypact.model.pact import Pact, Pacticipant
from polypact.model.rules import MatchingRules, Rule, RuleList

__all__ = [
    "ASYNC_MESSAGE", "HTTP", "INTERACTION_TYPES", "SYNC_MESSAGE",
    "AsynchronousMessage", "Body", "BodyState", "Generator", "Generators", "HttpRequest",
    "HttpResponse", "Interaction", "MatchingRules", "MessageContents", "Pact", "Pacticipant",
    "ProviderState", "Rule", "RuleList", "SynchronousHttp", "SynchronousMessages",
    "find_header", "is_json_type", "is_text_type", "is_xml_type", "media_type",
]
