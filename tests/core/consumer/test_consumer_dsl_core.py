"""The protocol-agnostic consumer DSL: builders, plugin-provided methods, serving through
transports found in the registry, failure reports. Uses a fake transport plugin, no HTTP."""

from __future__ import annotations

import json

import pytest
from polypact import hookimpl
from polypact.consumer import Pact
from polypact.errors import ConsumerTestError, MockServerError, UsageError
from polypact.matching.mismatch import Mismatch
from polypact.model import AsynchronousMessage, Body
from polypact.plugins import get_plugin_manager
from polypact.registry import Registry
from polypact.transport import MockProblem


class FakeMock:
    """Records 'calls' by description; reports the uncalled ones as missing."""

    def __init__(self, interactions, config):
        self.interactions = interactions
        self.config = config
        self.called: set[str] = set()
        self.extra: list[MockProblem] = []
        self.stopped = False
        self.url = f"fake://{config.host}:{config.port}"

    def hit(self, description):
        self.called.add(description)

    def problems(self):
        missing = [MockProblem("missing", i.description, "FAKE") for i in self.interactions if i.description not in self.called]
        return self.extra + missing

    def stop(self):
        self.stopped = True


class FakeTransport:
    name = "fake"
    interaction_types = ("Asynchronous/Messages",)

    def __init__(self):
        self.started: list[FakeMock] = []
        self.fail = False

    def start_mock(self, pact, interactions, config):
        if self.fail:
            raise MockServerError("fake transport cannot start")
        mock = FakeMock(list(interactions), config)
        self.started.append(mock)
        return mock

    def provider_client(self, config):  # pragma: no cover - not used here
        raise NotImplementedError


def with_fake(builder, text):
    if builder.interaction is None:
        builder.interaction = AsynchronousMessage()
    builder.interaction.message.contents = Body.from_text(text)
    return builder


def pact_expects(pact, text):
    return pact.upon_receiving(f"message {text}").with_fake(text)


class FakePlugin:
    transport = FakeTransport()
    written: list[tuple[object, str]] = []

    @staticmethod
    @hookimpl
    def polypact_pact_written(pact, path):
        FakePlugin.written.append((pact, path))

    @staticmethod
    @hookimpl
    def polypact_register_transports(register):
        register("fake", FakePlugin.transport)

    @staticmethod
    @hookimpl
    def polypact_register_interaction_builders(register):
        register("with_fake", with_fake)
        register("pact.expects_fake", pact_expects)


@pytest.fixture
def registry():
    FakePlugin.transport = FakeTransport()
    FakePlugin.written = []
    return Registry(get_plugin_manager(entry_points=False, extra_plugins=[("fake", FakePlugin)]))


@pytest.fixture
def pact(registry, tmp_path):
    return Pact("web", "queue", pact_dir=tmp_path, registry=registry)


def test_common_builder_methods_apply_before_and_after_protocol_method(pact):
    builder = pact.upon_receiving("a message").given("a user", id=1).with_comment("first")
    builder.with_fake("hello").given("an order", total=2).with_comment("second")
    builder.test_name("test_x").pending().with_key("k1")
    [interaction] = pact.interactions
    assert interaction.description == "a message"
    assert [(s.name, s.params) for s in interaction.provider_states] == [
        ("a user", {"id": 1}), ("an order", {"total": 2}),
    ]
    assert interaction.comments == {"text": ["first", "second"], "testname": "test_x"}
    assert interaction.pending is True and interaction.key == "k1"
    assert interaction.message.contents.text() == "hello"


def test_pact_methods_come_from_the_registry(pact):
    pact.expects_fake("ping")
    assert [i.description for i in pact.interactions] == ["message ping"]


def test_unknown_builder_method_names_the_missing_plugin(pact):
    with pytest.raises(AttributeError) as err:
        pact.upon_receiving("x").with_grpc("svc")
    message = str(err.value)
    assert "no plugin provides 'with_grpc'" in message
    assert "polypact[grpc]" in message and "polypact plugins" in message
    with pytest.raises(AttributeError, match="no plugin provides 'nothing_here'"):
        pact.nothing_here()


def test_interaction_without_protocol_part_is_a_usage_error(pact):
    pact.upon_receiving("half declared").given("s")
    with pytest.raises(UsageError, match="'half declared' has no protocol part"):
        pact.to_model()


def test_bad_arguments_are_usage_errors(registry, tmp_path):
    with pytest.raises(UsageError):
        Pact("", "p", registry=registry)
    with pytest.raises(UsageError, match="spec_version"):
        Pact("c", "p", spec_version="5.0", registry=registry)
    pact = Pact("c", "p", registry=registry, pact_dir=tmp_path)
    with pytest.raises(UsageError):
        pact.upon_receiving("")
    with pytest.raises(UsageError):
        pact.upon_receiving("d").given("")


def test_serve_starts_one_mock_per_transport_with_its_interactions(pact):
    pact.expects_fake("a")
    pact.expects_fake("b")
    with pytest.raises(ConsumerTestError):
        with pact.serve(port=0, flavour="x") as mock:
            [started] = FakePlugin.transport.started
            assert mock.servers == {"fake": started}
            assert mock.url == started.url == mock.url_for("fake")
            assert [i.description for i in started.interactions] == ["message a", "message b"]
            assert started.config.options == {"flavour": "x"}
            assert started.config.host == "127.0.0.1"
            started.hit("message a")
            with pytest.raises(UsageError, match="no 'grpc' mock"):
                mock.url_for("grpc")
    assert started.stopped
    assert pact.interactions == []  # cleared for the next test


def test_failure_report_lists_each_problem_and_writes_no_pact(pact, tmp_path):
    pact.expects_fake("a")
    pact.expects_fake("b")
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve() as mock:
            fake = mock.servers["fake"]
            fake.hit("message b")
            fake.extra.append(
                MockProblem("mismatch", "message b", "FAKE b", [Mismatch("body", "$.x", "expected 1 but got 2", 1, 2)])
            )
    error = err.value
    assert isinstance(error, AssertionError) and isinstance(error, MockServerError)
    text = str(error)
    assert "web -> queue failed" in text
    assert "missing request: interaction 'message a'" in text
    assert "did not match interaction 'message b'" in text
    assert "$.x" in text and "expected 1 but got 2" in text
    assert [p.kind for p in error.problems] == ["mismatch", "missing"]
    assert list(tmp_path.iterdir()) == []


def test_error_in_the_block_is_reported_with_problems_and_chained(pact, tmp_path):
    pact.expects_fake("a")
    with pytest.raises(ConsumerTestError) as err:
        with pact.serve():
            raise ValueError("client blew up")
    assert "the test raised ValueError: client blew up" in str(err.value)
    assert isinstance(err.value.__cause__, ValueError)
    assert list(tmp_path.iterdir()) == []


def test_keyboard_interrupt_passes_through_untouched(pact):
    pact.expects_fake("a")
    with pytest.raises(KeyboardInterrupt):
        with pact.serve():
            raise KeyboardInterrupt
    assert FakePlugin.transport.started[0].stopped


def test_success_writes_the_pact_through_the_pact_writer(pact, tmp_path):
    pact.upon_receiving("m").given("s", n=1).with_fake("hello")
    with pact.serve() as mock:
        mock.servers["fake"].hit("m")
    doc = json.loads((tmp_path / "web-queue.json").read_text())
    [interaction] = doc["interactions"]
    assert interaction["description"] == "m"
    assert interaction["providerStates"] == [{"name": "s", "params": {"n": 1}}]
    assert pact.interactions == []


def test_success_announces_the_written_pact_through_the_hook(pact, tmp_path):
    pact.expects_fake("a")
    with pact.serve() as mock:
        mock.servers["fake"].hit("message a")
    [(model, path)] = FakePlugin.written
    assert path == str(tmp_path / "web-queue.json") == str(mock.pact_path)
    assert [i.description for i in model.interactions] == ["message a"]


def test_failing_transport_start_clears_the_pact_and_propagates(pact):
    pact.expects_fake("a")
    FakePlugin.transport.fail = True
    with pytest.raises(MockServerError, match="cannot start"):
        with pact.serve():
            pass  # pragma: no cover - never entered
    assert pact.interactions == []


def test_write_without_a_server_writes_the_requested_spec_version(registry, tmp_path):
    pact = Pact("web", "queue", pact_dir=tmp_path / "nested", spec_version="3.0", registry=registry)
    pact.expects_fake("a")
    path = pact.write()
    doc = json.loads(path.read_text())
    assert doc["metadata"]["pactSpecification"]["version"].startswith("3.0")
    assert [m["description"] for m in doc["messages"]] == ["message a"]
