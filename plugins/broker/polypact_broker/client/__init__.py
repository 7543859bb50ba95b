"""polypact's broker client: publishing, pacts for verification, results, can-i-deploy and
deployments, against any Pact Broker-compatible server."""

from __future__ import annotations

from polypact_broker.client.http import BrokerClient

__all__ = ["BrokerClient"]
