"""CLI commands: ``polypact broker serve|create-environment``, ``polypact publish``,
``polypact can-i-deploy`` and ``polypact record-deployment``.

The broker URL comes from ``--broker-url`` or ``POLYPACT_BROKER_URL``; credentials only
from the environment (``POLYPACT_BROKER_TOKEN``, ``POLYPACT_BROKER_USERNAME`` /
``POLYPACT_BROKER_PASSWORD``) and are never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from polypact.errors import UsageError


def _broker_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--broker-url", metavar="URL", default=None,
                        help="the broker's base URL (default: $POLYPACT_BROKER_URL)")


def _client(args: argparse.Namespace) -> Any:
    from polypact_broker.client.http import BrokerClient

    url = args.broker_url or os.environ.get("POLYPACT_BROKER_URL")
    if not url:
        raise UsageError("give --broker-url URL (or set POLYPACT_BROKER_URL)")
    return BrokerClient(url)


class PublishCommand:
    """``polypact publish PACT_DIR --consumer-app-version V --branch B``."""

    help = "publish pact files to a Pact Broker"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact publish``."""
        parser.add_argument("pacts", metavar="PACT_DIR_OR_FILE", help="a pact file or a directory of *.json")
        parser.add_argument("--consumer-app-version", required=True, metavar="V")
        parser.add_argument("--branch", metavar="B", help="the consumer version's branch")
        parser.add_argument("--tag", action="append", default=[], metavar="T", help="repeatable")
        parser.add_argument("--build-url", metavar="URL")
        _broker_url_option(parser)

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Publish; 0 on success."""
        from polypact_broker.client.operations import publish

        answers = publish(_client(args), args.pacts, args.consumer_app_version,
                          branch=args.branch, tags=args.tag, build_url=args.build_url)
        for answer in answers:
            for notice in answer.get("notices", []):
                print(notice.get("text", ""))
        return 0


class _Selector(argparse.Action):
    """``--pacticipant P`` / ``--ignore P``: start a selector; a later ``--version V``
    belongs to it (pact_broker-client's ``--ignore P --version V`` convention)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        selectors = list(getattr(namespace, "selectors", None) or [])
        selectors.append([self.dest, values, None])
        namespace.selectors = selectors
        setattr(namespace, self.dest, values)


class _Version(argparse.Action):
    """``--version V``: the version of the preceding ``--pacticipant`` / ``--ignore``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        selectors = getattr(namespace, "selectors", None) or []
        if selectors and selectors[-1][2] is None:
            selectors[-1][2] = values
        else:  # given before --pacticipant: it is the pacticipant's version
            namespace.version = values


def _deploy_selectors(args: argparse.Namespace) -> tuple[str, str, list[tuple[str, str | None]]]:
    """(pacticipant, version, ignores) from the ``--pacticipant/--ignore/--version`` options."""
    selectors = getattr(args, "selectors", None) or []
    own = [s for s in selectors if s[0] == "pacticipant"]
    if len(own) != 1:
        raise UsageError("give exactly one --pacticipant P")
    version = own[0][2] or args.version
    if not version:
        raise UsageError(f"--version: give the version of --pacticipant {own[0][1]}")
    ignores = [(s[1], s[2]) for s in selectors if s[0] == "ignore"]
    return own[0][1], version, ignores


class CanIDeployCommand:
    """``polypact can-i-deploy --pacticipant P --version V --to-environment E``."""

    help = "ask the broker whether a version can be deployed"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact can-i-deploy``."""
        parser.add_argument("--pacticipant", required=True, metavar="P", action=_Selector)
        parser.add_argument("--version", metavar="V", action=_Version,
                            help="the version of the preceding --pacticipant or --ignore")
        parser.add_argument("--ignore", metavar="P", action=_Selector,
                            help="do not let integrations with P block (repeatable; a "
                                 "following --version V ignores only that version)")
        parser.add_argument("--to-environment", metavar="E")
        parser.add_argument("--to", metavar="TAG", help="compare with the latest versions with this tag")
        parser.add_argument("--json", action="store_true", help="print the broker's JSON answer")
        _broker_url_option(parser)

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """0 when deployable, 1 when not."""
        from polypact_broker.client.operations import can_i_deploy

        name, version, ignores = _deploy_selectors(args)
        answer = can_i_deploy(_client(args), name, version, environment=args.to_environment,
                              to_tag=args.to, ignore=ignores)
        summary = answer.get("summary", {})
        if args.json:
            print(json.dumps(answer, indent=2))
        else:
            for row in answer.get("matrix", []):
                ver = row.get("verificationResult") or {}
                pv = (row["provider"].get("version") or {}).get("number", "?")
                state = {True: "verified", False: "FAILED"}.get(ver.get("success"), "not verified")
                if row.get("ignored"):
                    state += " (ignored)"
                print(f"{row['consumer']['name']} {row['consumer']['version']['number']} -> "
                      f"{row['provider']['name']} {pv}: {state}")
            print(("Computer says yes: " if summary.get("deployable") else "Computer says no: ")
                  + str(summary.get("reason", "")))
            for notice in answer.get("notices", []):
                if notice.get("type") == "warning":
                    print(notice.get("text", ""))
        return 0 if summary.get("deployable") else 1


class RecordDeploymentCommand:
    """``polypact record-deployment --pacticipant P --version V --environment E``."""

    help = "record that a version was deployed to an environment"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the options of ``polypact record-deployment``."""
        parser.add_argument("--pacticipant", required=True, metavar="P")
        parser.add_argument("--version", required=True, metavar="V")
        parser.add_argument("--environment", required=True, metavar="E")
        parser.add_argument("--application-instance", metavar="NAME")
        _broker_url_option(parser)

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Record; 0 on success."""
        from polypact_broker.client.operations import record_deployment

        record_deployment(_client(args), args.pacticipant, args.version, args.environment,
                          application_instance=args.application_instance)
        print(f"Recorded deployment of {args.pacticipant} {args.version} to {args.environment}")
        return 0


class BrokerCommand:
    """``polypact broker serve|create-environment`` (verification from a broker is
    ``polypact verify --broker-url``, see :mod:`polypact_broker.verify_options`)."""

    help = "run a Pact Broker-compatible broker, or create an environment on one"

    def configure(self, parser: argparse.ArgumentParser) -> None:
        """Add the ``broker`` sub-commands."""
        sub = parser.add_subparsers(dest="broker_command", metavar="SUBCOMMAND")
        serve = sub.add_parser("serve", help="serve the broker (SQLite file or PostgreSQL)")
        serve.add_argument("--database-url", default=os.environ.get("POLYPACT_BROKER_DATABASE_URL",
                                                                      "polypact-broker.sqlite"),
                           metavar="URL", help="a SQLite file path or postgresql://... "
                           "(default: $POLYPACT_BROKER_DATABASE_URL or ./polypact-broker.sqlite)")
        serve.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
        serve.add_argument("--port", type=int, default=0, help="port (default 0: a free port)")
        serve.add_argument("--public-url", metavar="URL", help="base URL of links (behind a proxy)")
        serve.add_argument("--trust-forwarded-headers", action="store_true",
                           help="build links from X-Forwarded-Proto/-Host/-Prefix")
        serve.add_argument("--max-body-bytes", type=int, default=10 * 1024 * 1024, metavar="N")
        serve.add_argument("--webhook-host", action="append", default=[], metavar="HOST",
                           help="allow webhooks to this host (repeatable; also "
                                "$POLYPACT_BROKER_WEBHOOK_HOSTS)")
        env = sub.add_parser("create-environment", help="create an environment")
        _broker_url_option(env)
        env.add_argument("--name", required=True)
        env.add_argument("--production", action="store_true")
        env.add_argument("--display-name")

    def run(self, args: argparse.Namespace, registry: Any) -> int:
        """Dispatch to the sub-command."""
        if args.broker_command == "serve":
            return _serve(args)
        if args.broker_command == "create-environment":
            from polypact_broker.client.operations import create_environment

            env = create_environment(_client(args), args.name, production=args.production,
                                     display_name=args.display_name)
            print(f"Created environment {env['name']} ({env['uuid']})")
            return 0
        print("polypact broker: choose a sub-command: serve, create-environment",
              file=sys.stderr)
        return 2


def _serve(args: argparse.Namespace) -> int:
    from polypact_broker.config import AuthConfig, BrokerConfig, MainBranchConfig, WebhookConfig
    from polypact_broker.server import serve_forever

    webhooks = WebhookConfig.from_env()
    webhooks.allowed_hosts += [h.lower() for h in args.webhook_host]
    config = BrokerConfig(database_url=args.database_url, public_url=args.public_url,
                          trust_forwarded_headers=args.trust_forwarded_headers,
                          max_body_bytes=args.max_body_bytes, auth=AuthConfig.from_env(),
                          webhooks=webhooks, main_branch=MainBranchConfig.from_env())
    serve_forever(config, args.host, args.port)
    return 0
