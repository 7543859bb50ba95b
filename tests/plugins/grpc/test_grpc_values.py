"""Protobuf messages as values: every field kind, presence and defaults, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from polypact.errors import UsageError
from polypact_grpc.compiler import compile_protos
from polypact_grpc.descriptors import ProtoDescriptors, load_descriptors
from polypact_grpc.values import message_to_value, type_problems, value_to_message

PROTOS = Path(__file__).resolve().parent / "protos"


@pytest.fixture(scope="module")
def kitchen() -> ProtoDescriptors:
    return load_descriptors(compile_protos(PROTOS / "kitchen.proto"))


@pytest.fixture(scope="module")
def legacy() -> ProtoDescriptors:
    return load_descriptors(compile_protos(PROTOS / "legacy.proto"))


ITEM = {
    "name": "pan", "big": 2**40, "count": 3, "price": 9.5, "available": True,
    "blob": "AAE=", "colour": "GREEN", "tags": ["a", "b"], "stock": {"x": 1},
    "children": {"7": {"name": "lid"}}, "number": 5,
    "created": "2024-05-01T10:00:00Z", "maybe": 4, "extra": {"k": [1, "v"]},
    "cost": {"currency": "EUR", "units": 12}, "explicit": 0,
    "inner": {"items": [{"name": "a"}, {"name": "b", "colour": "RED"}]},
}


def test_round_trip_of_every_field_kind(kitchen: ProtoDescriptors) -> None:
    cls = kitchen.message_class("kitchen.Item")
    message = value_to_message(cls, ITEM)
    value = message_to_value(cls.FromString(message.SerializeToString()))
    assert value["big"] == 2**40 and isinstance(value["big"], int)  # not a JSON string
    assert value["colour"] == "GREEN"
    assert value["blob"] == "AAE="
    assert value["children"] == {"7": {"name": "lid"}}  # map keys as strings
    assert value["created"] == "2024-05-01T10:00:00Z"  # well-known types in JSON form
    assert value["maybe"] == 4 and value["extra"] == {"k": [1.0, "v"]}
    assert value["explicit"] == 0  # proto3 optional: present although default
    assert value["inner"]["items"][1] == {"name": "b", "colour": "RED"}
    assert value["number"] == 5 and "text" not in value  # oneof member


def test_defaults_are_filled_only_for_fields_the_contract_names(kitchen: ProtoDescriptors) -> None:
    cls = kitchen.message_class("kitchen.Item")
    empty = cls()
    assert message_to_value(empty) == {}
    like = {"name": "", "count": 0, "tags": [], "stock": {}, "cost": {}, "text": "", "explicit": 1}
    filled = message_to_value(empty, like=like)
    # only implicit-presence scalars get defaults; repeated fields and maps (a contract holds
    # a list only when it had elements), messages, oneof members and explicit-presence
    # fields stay absent, so their absence is reported as a missing field
    assert filled == {"name": "", "count": 0}


def test_float32_values_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "f.proto").write_text('syntax = "proto3"; package f; message F { float x = 1; }')
    cls = load_descriptors(compile_protos(tmp_path / "f.proto")).message_class("f.F")
    data = value_to_message(cls, {"x": 0.1}).SerializeToString()
    assert message_to_value(cls.FromString(data)) == {"x": 0.1}


def test_proto2_presence_and_defaults(legacy: ProtoDescriptors) -> None:
    cls = legacy.message_class("legacy.Account")
    message = value_to_message(cls, {"id": "a1", "level": 7})
    value = message_to_value(cls.FromString(message.SerializeToString()))
    assert value == {"id": "a1", "level": 7}  # explicitly set default is present in proto2
    assert message_to_value(cls(id="x"), like={"kind": "GOLD"}) == {"id": "x"}


def test_unknown_field_names_its_json_path(kitchen: ProtoDescriptors) -> None:
    cls = kitchen.message_class("kitchen.Item")
    with pytest.raises(UsageError) as err:
        value_to_message(cls, {"inner": {"items": [{"name": "a"}, {"nmae": "b"}]}}, "request")
    text = str(err.value)
    assert "$.inner.items[1].nmae" in text and "kitchen.Item" in text and "name" in text
    with pytest.raises(UsageError, match=r"\$\.children\.3\.bogus"):
        value_to_message(cls, {"children": {"3": {"bogus": 1}}})


def test_wrong_value_type_is_a_usage_error(kitchen: ProtoDescriptors) -> None:
    cls = kitchen.message_class("kitchen.Item")
    with pytest.raises(UsageError, match=r"field \$\.count: 'many' is not a valid \w+ \(message type kitchen\.Item\)"):
        value_to_message(cls, {"count": "many"})
    with pytest.raises(UsageError, match=r"\$\.cost: expected an object"):
        value_to_message(cls, {"cost": 5})


def test_changed_field_type_is_detected_on_the_wire(tmp_path: Path) -> None:
    (tmp_path / "old.proto").write_text(
        'syntax = "proto3"; package v; message R { float width = 2; } message O { R r = 1; }')
    (tmp_path / "new.proto").write_text(
        'syntax = "proto3"; package v; message R { string width = 2; } message O { R r = 1; }')
    old = load_descriptors(compile_protos(tmp_path / "old.proto")).message_class("v.O")
    new = load_descriptors(compile_protos(tmp_path / "new.proto")).message_class("v.O")
    sent = value_to_message(new, {"r": {"width": "wide"}}).SerializeToString()
    problems = type_problems(old.FromString(sent))
    assert [p for p, _ in problems] == ["$.r.width"]
    assert "changed the field's type" in problems[0][1] and "float" in problems[0][1]
