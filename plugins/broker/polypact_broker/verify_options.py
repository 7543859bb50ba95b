"""``polypact verify --broker-url ...``: the broker's options on the core verify command.

Added through ``polypact_add_command_options`` and applied through
``polypact_configure_verifier``: the pacts come from the broker's "pacts for verification"
(``broker:`` source, consumer version selectors, pending and WIP), and with
``--publish-verification-results`` the results go back to the broker.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from polypact.errors import UsageError


def add_options(parser: argparse.ArgumentParser) -> None:
    """The broker options of ``polypact verify``."""
    group = parser.add_argument_group("Pact Broker")
    group.add_argument("--broker-url", metavar="URL", default=None,
                       help="load the pacts to verify from this broker "
                            "(default: $POLYPACT_BROKER_URL when --provider-app-version is set)")
    group.add_argument("--provider-app-version", metavar="V",
                       help="the provider version being verified (needed to publish results)")
    group.add_argument("--provider-version-branch", metavar="B",
                       help="the provider version's branch (pending status is per branch)")
    group.add_argument("--consumer-version-selectors", metavar="JSON",
                       help='e.g. \'[{"mainBranch": true}, {"deployedOrReleased": true}]\'')
    group.add_argument("--enable-pending", action="store_true",
                       help="pending pacts (not yet verified on this provider branch) report "
                            "failures without failing the run")
    group.add_argument("--include-wip-pacts-since", metavar="DATE",
                       help="also verify work-in-progress pacts since DATE (implies "
                            "--enable-pending)")
    group.add_argument("--publish-verification-results", action="store_true",
                       help="publish each pact's result to the broker")
    group.add_argument("--build-url", metavar="URL", help="link published results to a build")


def configure(verifier: Any, args: argparse.Namespace) -> None:
    """Point ``verifier`` at the broker when ``--broker-url`` (or the environment) says so."""
    url = getattr(args, "broker_url", None)
    if url is None and (args.provider_app_version or args.publish_verification_results):
        url = os.environ.get("POLYPACT_BROKER_URL")
    if not url:
        if args.publish_verification_results:
            raise UsageError("--publish-verification-results needs --broker-url "
                             "(or POLYPACT_BROKER_URL)")
        return
    if not args.provider:
        raise UsageError("--broker-url needs --provider NAME (whose pacts to verify)")
    from polypact_broker.client.source import verify_with_broker

    verify_with_broker(
        verifier, url, provider=args.provider,
        provider_version=args.provider_app_version,
        provider_branch=args.provider_version_branch,
        selectors=_selectors(args.consumer_version_selectors),
        include_wip_since=args.include_wip_pacts_since,
        include_pending=args.enable_pending or bool(args.include_wip_pacts_since),
        publish=args.publish_verification_results, build_url=args.build_url,
    )


def _selectors(text: str | None) -> list[dict[str, Any]] | None:
    if not text:
        return None
    try:
        selectors = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"--consumer-version-selectors: not JSON ({exc})") from None
    selectors = selectors if isinstance(selectors, list) else [selectors]
    if not all(isinstance(s, dict) for s in selectors):
        raise UsageError("--consumer-version-selectors: expected a JSON object or a list of "
                         "objects, e.g. '[{\"mainBranch\": true}]'")
    return selectors
