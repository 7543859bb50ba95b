"""The broker plugin's hook implementations (entry point ``broker``).

Registers the ``broker`` pact source and the ``broker``, ``publish``, ``can-i-deploy``
and ``record-deployment`` commands. SQLAlchemy and the server are imported only when a
command runs, so loading the plugin stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from polypact import hookimpl


def load_broker(location: str, options: dict[str, Any]) -> list[Any]:
    """The ``broker`` pact source (``broker:http://HOST:PORT``)."""
    from polypact_broker.client.source import load_broker_source

    return load_broker_source(location, options)


@hookimpl
def polypact_register_pact_sources(register: Callable[..., None]) -> None:
    """Register the ``broker`` pact source."""
    register("broker", load_broker)


@hookimpl
def polypact_register_commands(register: Callable[..., None]) -> None:
    """Register the broker commands."""
    from polypact_broker.commands import (
        BrokerCommand,
        CanIDeployCommand,
        PublishCommand,
        RecordDeploymentCommand,
    )

    register("broker", BrokerCommand())
    register("publish", PublishCommand())
    register("can-i-deploy", CanIDeployCommand())
    register("record-deployment", RecordDeploymentCommand())


@hookimpl
def polypact_add_command_options(command: str, parser: Any) -> None:
    """Add ``--broker-url``, ``--provider-app-version``, ... to ``polypact verify``."""
    if command == "verify":
        from polypact_broker.verify_options import add_options

        add_options(parser)


@hookimpl
def polypact_configure_verifier(verifier: Any, args: Any) -> None:
    """Load pacts from the broker (and publish results) when ``--broker-url`` is given."""
    if hasattr(args, "broker_url"):  # the verify command, with this plugin's options
        from polypact_broker.verify_options import configure

        configure(verifier, args)
