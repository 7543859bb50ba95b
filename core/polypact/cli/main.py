"""The ``polypact`` command line: sub-commands come from plugins.

Every sub-command (the core's ``verify``, ``plugins`` and ``validate`` included) is
registered through ``polypact_register_commands``. Exit codes: 0 success, 1 verification
failure, 2 usage or input error. Errors from :mod:`polypact.errors` become one line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from polypact.errors import PolypactError


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors exit with status 2 (argparse's default too)."""


def build_parser(registry: Any) -> argparse.ArgumentParser:
    """The argument parser with one sub-parser per registered command."""
    from polypact import __version__

    parser = _Parser(
        prog="polypact",
        description="Consumer-driven contract testing across protocols, Pact-compatible.",
        epilog="Exit codes: 0 success, 1 verification failure, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"polypact {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in sorted(registry.tables["commands"].items()):
        help_text = getattr(command, "help", "") or ""
        sp = sub.add_parser(
            name, help=help_text, description=getattr(command, "description", None) or help_text
        )
        configure = getattr(command, "configure", None)
        if configure is not None:
            configure(sp)
        registry.pm.hook.polypact_add_command_options(command=name, parser=sp)
    return parser


def _exit_code(code: Any) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        from polypact.registry import get_registry

        registry = get_registry()
        parser = build_parser(registry)
    except PolypactError as exc:
        print(f"polypact: error: {exc}", file=sys.stderr)
        return 2
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return _exit_code(exc.code)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    command = registry.tables["commands"][args.command]
    try:
        return int(command.run(args, registry) or 0)
    except PolypactError as exc:
        print(f"polypact {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"polypact {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
