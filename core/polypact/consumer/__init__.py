"""The protocol-agnostic consumer DSL: declare interactions, serve them, write the pact.

Protocol plugins add the methods that describe requests and messages
(``with_request``, ``expects_to_receive``, ...) through the
``polypact_register_interaction_builders`` hook.
"""

from __future__ import annotations

from polypact.consumer.builder import InteractionBuilder
from polypact.consumer.pact import Pact
from polypact.consumer.report import render_problem, render_report
from polypact.consumer.session import MockSession

__all__ = ["InteractionBuilder", "MockSession", "Pact", "render_problem", "render_report"]
