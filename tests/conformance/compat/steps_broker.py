"""Steps of the provider scenarios that go through a Pact Broker: a polypact broker
(``polypact_broker``) runs in-process on a temporary SQLite database, the pacts are
published to it, the verifier loads them through the ``broker`` pact source and, when
asked, publishes the verification results back."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from pytest_bdd import given, parsers, then

from .interactions import InteractionDefinition
from .steps_provider import PROVIDER, ProviderWorld

CONSUMER_VERSION = "1.0.0"
PROVIDER_VERSION = "2.0.0"


@dataclass
class BrokerHandle:
    """A running broker, the pacts published to it and whether results are published."""

    server: Any
    app: Any
    url: str
    client: Any
    published: dict[int, str] = field(default_factory=dict)  #: interaction number -> consumer
    publish_results: bool = False

    def stop(self) -> None:
        """Stop serving, release the port and close the database."""
        self.server.shutdown()
        self.server.server_close()
        self.app.close()

    def results_for(self, consumer: str) -> list[dict[str, Any]]:
        """The verification results the broker holds for the latest pact of ``consumer``."""
        latest = self.client.get(
            f"{self.url}/pacts/provider/{quote(PROVIDER)}/consumer/{quote(consumer)}/latest")
        listing = self.client.get(latest["_links"]["pb:publish-verification-results"]["href"])
        return list(listing.get("_embedded", {}).get("verificationResults", []))


def _broker(world: ProviderWorld) -> BrokerHandle:
    """The scenario's broker, started (and wired into the verifier) on first use."""
    if world.broker is not None:
        return world.broker
    from polypact_broker.client.http import BrokerClient
    from polypact_broker.config import BrokerConfig
    from polypact_broker.server import make_broker_server

    folder = world.pact_dir.parent / "broker"
    folder.mkdir(parents=True, exist_ok=True)
    server, app = make_broker_server(BrokerConfig(database_url=str(folder / "broker.sqlite")))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    handle = BrokerHandle(server, app, url, BrokerClient(url, env={}))
    world.broker = handle
    world.servers.append(handle)

    def configure(verifier: Any) -> None:
        from polypact_broker.client.source import verify_with_broker

        # pending pacts off, as the reference verifier's default (--enable-pending not given)
        verify_with_broker(verifier, url, provider=PROVIDER, provider_version=PROVIDER_VERSION,
                           publish=handle.publish_results, include_pending=False)

    world.configure.append(configure)
    return handle


@given(parsers.parse("a Pact file for interaction {number:d} is to be verified from a Pact broker"))
def pact_in_broker(provider_world: ProviderWorld, interactions: dict[int, InteractionDefinition],
                   number: int) -> None:
    """Publish a pact for the interaction to the broker (not to the verifier directly)."""
    from polypact_broker.client.operations import publish

    broker = _broker(provider_world)
    consumer = f"compat-broker-consumer-{number}"
    folder = provider_world.pact_dir.parent / "to-publish" / str(number)
    path = provider_world.write_pact(interactions[number], consumer=consumer, folder=folder)
    publish(broker.client, path, CONSUMER_VERSION)
    broker.published[number] = consumer


@given("publishing of verification results is enabled")
def publishing_enabled(provider_world: ProviderWorld) -> None:
    """The verifier publishes its results to the broker."""
    _broker(provider_world).publish_results = True


@then("a verification result will NOT be published back")
def nothing_published(provider_world: ProviderWorld) -> None:
    """The broker holds no verification result for any published pact."""
    broker = _broker(provider_world)
    assert broker.published
    for consumer in broker.published.values():
        assert broker.results_for(consumer) == []


def _published(provider_world: ProviderWorld, number: int, success: bool) -> None:
    broker = _broker(provider_world)
    results = broker.results_for(broker.published[number])
    assert [r.get("success") for r in results] == [success], results
    assert results[0].get("providerApplicationVersion") == PROVIDER_VERSION, results


@then(parsers.parse("a successful verification result will be published back for interaction {{{number:d}}}"))
def success_published(provider_world: ProviderWorld, number: int) -> None:
    """The broker holds one successful result for the interaction's pact."""
    _published(provider_world, number, True)


@then(parsers.parse("a failed verification result will be published back for the interaction {{{number:d}}}"))
def failure_published(provider_world: ProviderWorld, number: int) -> None:
    """The broker holds one failed result for the interaction's pact."""
    _published(provider_world, number, False)
