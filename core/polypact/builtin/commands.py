"""Built-in registrations: the ``verify``, ``plugins`` and ``validate`` commands.

The command classes only describe their options; each ``run`` imports what it needs, so
``polypact --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable

from polypact.hookspecs import hookimpl


@hookimpl
def polypact_register_commands(register: Callable[..., None]) -> None:
    """Register the core's commands."""
    from polypact.cli.plugins_cmd import PluginsCommand
    from polypact.cli.validate import ValidateCommand
    from polypact.cli.verify import VerifyCommand

    register("verify", VerifyCommand())
    register("plugins", PluginsCommand())
    register("validate", ValidateCommand())
