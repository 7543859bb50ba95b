"""The gRPC verification target is checked before any call: a malformed ``HOST:PORT`` is
one usage error (exit 2 from ``polypact verify``), not a DNS lookup and an "unavailable"
error per interaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from area_client import AreaClient
from area_service import PROTO, serve
from polypact import Pact, number
from polypact.errors import UsageError
from polypact.registry import get_registry
from polypact.testing import run_cli
from polypact.transport import ProviderConfig
from polypact.verifier import Verifier
from polypact_grpc.target import EXPECTED, parse_target


@pytest.fixture
def two_calls(pact: Pact) -> Path:
    """A pact with two unary interactions."""
    for name, length in (("a 3 by 4 rectangle", 3), ("a 5 by 4 rectangle", 5)):
        (pact.upon_receiving(name)
            .with_grpc(proto=PROTO, method="area.Calculator/CalculateOne",
                       request={"rectangle": {"length": length, "width": 4}, "unit": "CM"})
            .will_respond_with_grpc(response={"value": [number(12)]}))
    with pact.serve() as mock:
        client = AreaClient(mock.url_for("grpc"))
        client.area(("rectangle", 3, 4))
        client.area(("rectangle", 5, 4))
    return pact.path


@pytest.mark.parametrize(("target", "problem"), [
    ("notahostport", "no port"),
    (":50051", "no host"),
    ("127.0.0.1:0", "port '0' is not a number 1-65535"),
    ("localhost:99999", "port '99999' is not a number 1-65535"),
    ("localhost:http", "port 'http' is not a number 1-65535"),
    ("::1:50051", "host '::1' is not a host name or an IP address (write IPv6 as [::1])"),
    ("[::g]:50051", "host '[::g]' is not a host name or an IP address"),
    ("300.1.2.3:50051", "host '300.1.2.3' is not a host name or an IP address"),
    ("-bad-.example:50051", "host '-bad-.example' is not a host name or an IP address"),
    ("my host:50051", "host 'my host' is not a host name or an IP address"),
])
def test_a_malformed_target_is_one_usage_error(two_calls: Path, target: str, problem: str) -> None:
    code, out, err = run_cli(["verify", str(two_calls), "--transport", f"grpc={target}", "--no-color"])
    assert (code, out) == (2, "")
    assert err == f"polypact verify: error: --transport 'grpc={target}': {problem}; {EXPECTED}\n"


@pytest.mark.parametrize(("target", "parsed"), [
    ("127.0.0.1:50051", "127.0.0.1:50051"),
    ("localhost:1", "localhost:1"),
    ("calc-service.internal.example.:65535", "calc-service.internal.example.:65535"),
    ("calc_service:50051", "calc_service:50051"),
    ("[::1]:50051", "[::1]:50051"),
    ("grpc://10.0.0.7:443/", "10.0.0.7:443"),
    ("dns:///calc:50051", "calc:50051"),
    (" http://[fe80::1]:8080 ", "[fe80::1]:8080"),
])
def test_well_formed_targets_are_accepted(target: str, parsed: str) -> None:
    assert parse_target(target) == parsed


@pytest.mark.parametrize("target", [None, 50051, "", "   ", "grpc://"])
def test_the_provider_client_refuses_a_bad_target_when_created(target: object) -> None:
    with pytest.raises(UsageError, match=r"grpc target .*: .*expected HOST:PORT"):
        get_registry().transport("grpc").provider_client(ProviderConfig(target=target))


def test_through_the_api_each_interaction_carries_the_usage_error(two_calls: Path) -> None:
    """The verifier records a client that cannot be created per interaction: the usage
    error's text, not a connection failure."""
    with Verifier().add_source(str(two_calls)).transport("grpc", "calc:0") as verifier:
        summary = verifier.verify()
    assert [r.error for r in summary.results] == [
        f"grpc target 'calc:0': port '0' is not a number 1-65535; {EXPECTED}"] * 2


def test_a_good_target_still_verifies(two_calls: Path) -> None:
    with serve() as target:
        host, port = target.rsplit(":", 1)
        assert host == "127.0.0.1"
        code, out, err = run_cli(["verify", str(two_calls), "--transport", f"grpc=grpc://{target}",
                                  "--no-color"])
    assert code == 0, out + err
    assert "2 passed" in out
