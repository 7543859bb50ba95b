"""``polypact verify``: verify a provider against pact files."""

from __future__ import annotations

import argparse
import warnings
from typing import Any

from polypact.errors import UsageError


def parse_header(text: str) -> tuple[str, str]:
    """``'Name: value'`` to ``("Name", "value")`` (``UsageError`` when malformed)."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
        raise UsageError(f"--header {text!r}: expected 'Name: value'")
    return name.strip(), value.strip()


def parse_transport(text: str) -> tuple[str, str]:
    """``'NAME=TARGET'`` to ``(name, target)`` (``UsageError`` when malformed)."""
    name, sep, target = text.partition("=")
    if not sep or not name or not target:
        raise UsageError(f"--transport {text!r}: expected NAME=TARGET, e.g. grpc=127.0.0.1:50051")
    return name.strip(), target.strip()


def check_transport_name(name: str, text: str, registry: Any) -> None:
    """``UsageError`` naming the registered transports (and the closest one) when no
    transport is registered as ``name`` (``text`` is the option's value as given)."""
    from polypact.verifier.selection import unknown_transport

    reason = unknown_transport(name, registry)
    if reason:
        raise UsageError(f"--transport {text!r}: {reason}")


class VerifyCommand:
    """Verify a provider against pacts (files, directories or ``scheme:`` sources)."""

    help = "verify a provider against pact files"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact verify``."""
        parser.add_argument("pacts", nargs="*", metavar="PACT_FILE_OR_DIR",
                            help="pact files, directories of *.json, or SOURCE:LOCATION "
                                 "(or none, when a plugin option such as --broker-url "
                                 "names the source)")
        parser.add_argument("--provider-base-url", metavar="URL",
                            help="base URL of the HTTP provider")
        parser.add_argument("--provider", metavar="NAME",
                            help="provider name (default: the one the pacts name)")
        parser.add_argument("--state-change-url", metavar="URL",
                            help="POST {state, params, action} here to set up provider states")
        parser.add_argument("--no-state-change-teardown", action="store_true",
                            help="do not call the state-change URL for teardown")
        parser.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                            help="add (or replace) a request header, e.g. for auth; repeatable")
        parser.add_argument("--filter-description", metavar="RE", help="only interactions whose description matches")
        parser.add_argument("--filter-state", metavar="RE",
                            help="only interactions with a matching provider state ('' = none)")
        parser.add_argument("--filter-consumer", metavar="RE", help="only pacts of matching consumers")
        parser.add_argument("--allow-empty", "--ignore-no-pacts-error", dest="allow_empty",
                            action="store_true",
                            help="succeed (with a warning) when there is nothing to verify: no "
                                 "pacts found, or filters selecting no interaction")
        parser.add_argument("--strict-states", action="store_true",
                            help="a provider state no handler takes is an error of its "
                                 "interaction (default: a warning)")
        parser.add_argument("--transport", action="append", default=[], metavar="NAME=TARGET",
                            help="provider target for another transport; repeatable")
        parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                            help="per-request timeout (default 30)")
        parser.add_argument("--json", metavar="FILE", help="write a JSON report")
        parser.add_argument("--junit", metavar="FILE", help="write a JUnit XML report")
        parser.add_argument("--no-color", action="store_true", help="never colour the output")
        parser.add_argument("-v", "--verbose", action="store_true",
                            help="print each failure under its interaction as it happens")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Run the verification; 0 when it succeeds, 1 when an interaction failed or
        nothing was verified (no pacts for the provider, filters selecting nothing)."""
        from polypact.reporters.output import check_destination
        from polypact.verifier import Verifier

        # Before anything runs: a report that cannot be written fails now, not afterwards.
        for option, destination in (("--json", args.json), ("--junit", args.junit)):
            check_destination(destination, option)
        headers = dict(parse_header(h) for h in args.header)
        verifier = Verifier(args.provider, registry=registry, strict_states=args.strict_states)
        for location in args.pacts:
            verifier.add_source(location)
        targets = [parse_transport(t) for t in args.transport]
        for (name, _), text in zip(targets, args.transport, strict=True):
            check_transport_name(name, text, registry)
        if args.provider_base_url:
            from urllib.parse import urlsplit

            parts = urlsplit(args.provider_base_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise UsageError(
                    f"--provider-base-url {args.provider_base_url!r}: expected an http(s) URL "
                    f"such as http://127.0.0.1:8000"
                )
            targets.insert(0, ("http", args.provider_base_url))
        for name, target in targets:
            verifier.transport(name, target, headers=headers if name == "http" else None,
                               timeout=args.timeout)
        if args.state_change_url:
            verifier.state_change_url(args.state_change_url, teardown=not args.no_state_change_teardown)
        verifier.filter(args.filter_description, args.filter_state, args.filter_consumer)
        verifier.allow_empty(args.allow_empty)
        registry.pm.hook.polypact_configure_verifier(verifier=verifier, args=args)
        if not verifier.has_sources():
            raise UsageError("give pact files or directories (or a source option such as "
                             "--broker-url)")
        if not targets:
            raise UsageError("give --provider-base-url URL (or --transport NAME=TARGET)")
        verifier.reporter("console", color=False if args.no_color else None, verbose=args.verbose)
        if args.json:
            verifier.reporter("json", args.json, label="--json")
        if args.junit:
            verifier.reporter("junit", args.junit, label="--junit")
        from polypact.verifier import PolypactWarning

        with warnings.catch_warnings():  # the console reporter prints them already
            warnings.simplefilter("ignore", PolypactWarning)
            return verifier.verify().exit_code
