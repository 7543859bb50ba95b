"""In-process compilation and descriptor lookups (no core matching involved)."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest
from polypact.errors import UsageError
from polypact_grpc.compiler import ProtoCompileError, compile_protos
from polypact_grpc.descriptors import ProtoDescriptors, load_descriptors

from tests.conftest import PLUGIN_PACTS

PROTOS = Path(__file__).resolve().parent / "protos"


@pytest.fixture(scope="module")
def kitchen() -> ProtoDescriptors:
    return load_descriptors(compile_protos(PROTOS / "kitchen.proto"), source="kitchen.proto")


def test_compiles_with_imports_and_well_known_types(kitchen: ProtoDescriptors) -> None:
    names = kitchen.file_names()
    assert names[-1] == "kitchen.proto"
    assert {"google/protobuf/timestamp.proto", "lib/common.proto"} <= set(names)
    assert names.index("lib/common.proto") < names.index("kitchen.proto")  # dependencies first
    assert kitchen.key == hashlib.md5(kitchen.data).hexdigest()


def test_import_paths_are_configurable(tmp_path: Path) -> None:
    (tmp_path / "uses.proto").write_text(
        'syntax = "proto3"; package uses; import "common.proto";\n'
        "message M { common.Money price = 1; }\n"
    )
    with pytest.raises(ProtoCompileError, match="common.proto"):
        compile_protos(tmp_path / "uses.proto")
    data = compile_protos(tmp_path / "uses.proto", import_paths=[PROTOS / "lib"])
    cls = load_descriptors(data).message_class("uses.M")
    assert cls.DESCRIPTOR.fields_by_name["price"].message_type.full_name == "common.Money"


def test_a_proto_that_does_not_compile_reports_line_and_message() -> None:
    with pytest.raises(ProtoCompileError) as err:
        compile_protos(PROTOS / "broken.proto")
    text = str(err.value)
    assert "broken.proto:7:3" in text  # the line after the missing semicolon
    assert 'Expected ";"' in text
    assert err.value.messages and all("broken.proto" in m for m in err.value.messages)


def test_a_missing_import_is_named() -> None:
    with pytest.raises(ProtoCompileError, match="does/not/exist.proto"):
        compile_protos(PROTOS / "bad_import.proto")


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        compile_protos(tmp_path / "nope.proto")


def test_method_lookup_accepts_every_spelling(kitchen: ProtoDescriptors) -> None:
    for spelling in ("kitchen.Kitchen/Echo", ".kitchen.Kitchen/Echo", "/kitchen.Kitchen/Echo",
                     "Kitchen/Echo", "kitchen.Kitchen.Echo"):
        method = kitchen.method(spelling)
        assert method.path == "/kitchen.Kitchen/Echo"
        assert method.service_key == ".kitchen.Kitchen/Echo"
        assert method.kind == "unary"
        assert method.input_type == "kitchen.Item"


def test_unknown_method_lists_the_known_ones(kitchen: ProtoDescriptors) -> None:
    with pytest.raises(UsageError, match=r"unknown method 'Fry'.*methods: Echo"):
        kitchen.method("kitchen.Kitchen/Fry")
    with pytest.raises(UsageError, match=r"service 'Oven'.*is not defined.*kitchen.Kitchen"):
        kitchen.method("Oven/Bake")


def test_message_lookup_by_simple_or_full_name(kitchen: ProtoDescriptors) -> None:
    assert kitchen.message_class("Money").DESCRIPTOR.full_name == "common.Money"
    assert kitchen.message_class(".kitchen.Item.Inner").DESCRIPTOR.full_name == "kitchen.Item.Inner"
    with pytest.raises(UsageError, match="'Nope' is not defined"):
        kitchen.message_class("Nope")


def test_descriptor_sets_from_the_protobuf_plugin_pacts_load() -> None:
    doc = json.loads((PLUGIN_PACTS / "area-calculator-grpc.json").read_text())
    entry = doc["metadata"]["plugins"][0]["configuration"]
    key, config = next(iter(entry.items()))
    loaded = ProtoDescriptors.from_base64(config["protoDescriptors"], config["protoFile"])
    assert loaded.key == key  # the plugin keys a set by the MD5 of its bytes
    method = loaded.method("Calculator/calculateOne")  # pact-jvm writes no package
    assert (method.input_type, method.output_type) == (
        "area_calculator.ShapeMessage", "area_calculator.AreaResponse")
    assert base64.b64decode(config["protoDescriptors"]) == loaded.data


def test_streaming_kinds_come_from_the_descriptor(tmp_path: Path) -> None:
    (tmp_path / "s.proto").write_text(
        'syntax = "proto3"; package s; message M { int32 a = 1; }\n'
        "service S { rpc U(M) returns (M); rpc Sv(M) returns (stream M);\n"
        "  rpc Cl(stream M) returns (M); rpc Bi(stream M) returns (stream M); }\n"
    )
    loaded = load_descriptors(compile_protos(tmp_path / "s.proto"))
    kinds = {m.name: m.kind for m in loaded.methods()}
    assert kinds == {"U": "unary", "Sv": "server", "Cl": "client", "Bi": "bidi"}
