"""The core's own plugin (entry point ``core``): standard matchers, content matchers,
generators, pact sources, reporters and CLI commands.

It is registered through the ``polypact`` entry-point group like any third-party plugin;
the core never calls these functions directly, only through the hooks.
"""

from polypact.builtin.commands import polypact_register_commands
from polypact.builtin.content import (
    polypact_register_content_generators,
    polypact_register_content_matchers,
)
from polypact.builtin.generators import polypact_register_generators
from polypact.builtin.matchers import polypact_register_matchers
from polypact.builtin.reporters import polypact_register_reporters
from polypact.builtin.sources import polypact_register_pact_sources
from polypact.builtin.states import polypact_provider_state

__all__ = [
    "polypact_provider_state",
    "polypact_register_commands",
    "polypact_register_content_generators",
    "polypact_register_content_matchers",
    "polypact_register_generators",
    "polypact_register_matchers",
    "polypact_register_pact_sources",
    "polypact_register_reporters",
]
