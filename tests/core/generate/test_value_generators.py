"""Value generators: properties of what they produce, definition checks, registration."""

from __future__ import annotations

import datetime as dt
import random
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polypact.errors import MatcherDefinitionError, ProviderStateError
from polypact.generate import STANDARD_GENERATORS, GeneratorContext, validate_generator
from polypact.generate.regex_gen import RegexGenerationError, generate_from_regex
from polypact.matchers.datetime_validate import validate_datetime
from polypact.model.generators import Generator
from polypact.testing import registry_with


@pytest.fixture(scope="module")
def registry():
    return registry_with()


def run(kind, current=None, context=None, **params):
    return STANDARD_GENERATORS[kind](Generator(kind, params), current, context or GeneratorContext())


def test_all_generators_registered_through_the_hook(registry):
    assert set(registry.tables["generators"]) == set(STANDARD_GENERATORS)
    assert registry.generator("Uuid") is STANDARD_GENERATORS["Uuid"]


def test_random_int_in_range_and_keeps_string_kind():
    values = [run("RandomInt", 5, min=3, max=7) for _ in range(200)]
    assert all(isinstance(v, int) and 3 <= v <= 7 for v in values)
    assert set(values) == {3, 4, 5, 6, 7}
    text = run("RandomInt", "5", min=1, max=9)
    assert isinstance(text, str) and 1 <= int(text) <= 9


def test_random_decimal_has_the_digits_and_a_point():
    for digits in (2, 3, 6, 10):
        for _ in range(50):
            text = run("RandomDecimal", "x", digits=digits)
            assert re.fullmatch(r"[1-9]\d*\.\d+|\d\.\d", text), text
            assert len(text.replace(".", "")) == digits
    assert isinstance(run("RandomDecimal", 1.5, digits=5), float)


def test_random_hex_string_boolean():
    assert re.fullmatch(r"[0-9A-F]{12}", run("RandomHexadecimal", digits=12))
    assert len(run("RandomHexadecimal")) == 10
    s = run("RandomString", size=25)
    assert len(s) == 25 and set(s) <= set(string.ascii_letters + string.digits)
    bools = {run("RandomBoolean", True) for _ in range(50)}
    assert bools == {True, False}
    assert run("RandomBoolean", "true") in (True, False)  # a JSON boolean even for a string


@pytest.mark.parametrize("fmt, pattern", [
    (None, r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
    ("lower-case-hyphenated", r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
    ("upper-case-hyphenated", r"[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"),
    ("simple", r"[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}"),
    ("URN", r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
])
def test_uuid_formats(fmt, pattern):
    params = {"format": fmt} if fmt else {}
    values = {run("Uuid", **params) for _ in range(20)}
    assert len(values) == 20 and all(re.fullmatch(pattern, v) for v in values)


def test_regex_generator_output_fullmatches():
    for pattern in (r"\d{1,8}", r"[A-Z]{3}-\d{4}", r"(foo|bar)+baz?", r"^\w+@\w+\.com$"):
        value = run("Regex", regex=pattern)
        assert re.fullmatch(pattern.strip("^$"), value), (pattern, value)


REGEX_FAMILY = [
    r"\d+", r"\d{1,8}", r"[a-f0-9]{32}", r"[A-Za-z_][A-Za-z0-9_]*", r"(GET|POST|PUT)",
    r"\w+@\w+\.(com|org)", r"[^,]{2,5}", r"a*b+c?", r"(ab){2,3}", r"\s?\S+", r"(\d)-\1",
    r"[-+]?\d+(\.\d+)?", r"(?i)hello", r"x{3}", r"[\w.-]+/[\w.-]+", r"(?:a|b|c){4}",
    r"\D\W?", r"(?P<y>\d{4})-(?P=y)", r"[^\d\s]+", r".{3}", r"\d+(?=x)x",
]


@settings(max_examples=300, deadline=None)
@given(pattern=st.sampled_from(REGEX_FAMILY), seed=st.integers(0, 2**32))
def test_regex_generator_matches_its_pattern(pattern, seed):
    value = generate_from_regex(pattern, random.Random(seed))
    assert re.fullmatch(pattern, value), (pattern, value)


@settings(max_examples=100, deadline=None)
@given(low=st.integers(0, 5), extra=st.integers(0, 5), chars=st.sampled_from(["a-z", "0-9", "A-F0-9"]))
def test_regex_generator_respects_counts(low, extra, chars):
    pattern = f"[{chars}]{{{low},{low + extra}}}"
    value = generate_from_regex(pattern)
    assert low <= len(value) <= low + extra and re.fullmatch(pattern, value)


def test_regex_generator_errors():
    with pytest.raises(RegexGenerationError, match="not a valid regular expression"):
        generate_from_regex("(")
    with pytest.raises(RegexGenerationError, match="could not generate"):
        generate_from_regex(r"a(?!a)a|(?=b)c", attempts=5)
    with pytest.raises(MatcherDefinitionError, match="Regex generator"):
        run("Regex", regex="[")


def test_dates_use_format_and_expression():
    now = dt.datetime(2024, 1, 31, 9, 30, 15, tzinfo=dt.timezone.utc)
    ctx = GeneratorContext(now=now)
    assert run("Date", context=ctx) == "2024-01-31"
    assert run("Date", context=ctx, format="dd/MM/yyyy", expression="+1 day") == "01/02/2024"
    assert run("Time", context=ctx) == "09:30:15"
    assert run("Time", context=ctx, format="HH:mm", expression="now + 2 hours") == "11:30"
    assert run("DateTime", context=ctx) == "2024-01-31T09:30:15.000+00:00"
    assert run("DateTime", context=ctx, format="yyyy-MM-dd HH:mm",
               expression="today + 1 month @ 10 o'clock") == "2024-02-29 10:00"


def test_dates_without_fixed_now_validate_against_their_format():
    for kind, fmt in (("Date", "yyyy-MM-dd"), ("Time", "HH:mm:ss"),
                      ("DateTime", "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")):
        assert validate_datetime(run(kind), fmt) is None


def test_provider_state_only_in_provider_mode_and_keeps_type():
    state = {"id": 1000, "name": "Ann", "flag": True}
    provider = GeneratorContext(mode="provider", provider_state=state)
    consumer = GeneratorContext(mode="consumer", provider_state=state)
    assert run("ProviderState", 1, provider, expression="${id}") == 1000
    assert run("ProviderState", "/p/1", provider, expression="/path/${id}") == "/path/1000"
    assert run("ProviderState", "x", provider, expression="${name}-${flag}") == "Ann-true"
    assert run("ProviderState", 1, provider, expression="name") == "Ann"
    assert run("ProviderState", 1, provider, expression="${id}", dataType="STRING") == "1000"
    assert run("ProviderState", "1", consumer, expression="${id}") == "1"
    with pytest.raises(ProviderStateError, match="no value for 'missing'.*returned: flag, id, name"):
        run("ProviderState", 1, provider, expression="${missing}")


def test_mock_server_url_only_in_consumer_mode():
    params = {"regex": ".*(/a)", "example": "http://1234:8080/a"}
    consumer = GeneratorContext(mode="consumer", mock_server_url="http://127.0.0.1:5555/")
    assert run("MockServerURL", "http://1234:8080/a", consumer, **params) == "http://127.0.0.1:5555/a"
    params2 = {"regex": r".*(/orders/\d+)$", "example": "http://localhost:9000/orders/17"}
    assert run("MockServerURL", None, consumer, **params2) == "http://127.0.0.1:5555/orders/17"
    provider = GeneratorContext(mode="provider", mock_server_url="http://127.0.0.1:5555")
    assert run("MockServerURL", "http://1234:8080/a", provider, **params) == "http://1234:8080/a"


@pytest.mark.parametrize("definition, fragment", [
    (Generator("RandomInt", {"min": 5, "max": 1}), "greater than"),
    (Generator("RandomInt", {"min": "a"}), "must be an integer"),
    (Generator("RandomString", {"size": -1}), "non-negative"),
    (Generator("Regex", {"regex": "("}), "not a valid regular expression"),
    (Generator("Uuid", {"format": "weird"}), "'format' must be one of"),
    (Generator("Date", {"format": "yyyy-MM-ddTHH"}), "unknown pattern letter"),
    (Generator("DateTime", {"expression": "in a while"}), "invalid expression"),
    (Generator("ProviderState", {"expression": "${id"}), "missing closing brace"),
    (Generator("ProviderState", {}), "'expression'"),
    (Generator("MockServerURL", {"regex": "(", "example": "x"}), "not a valid regular"),
    (Generator("Nope", {}), "unknown generator"),
])
def test_definition_validation(definition, fragment):
    problem = validate_generator(definition)
    assert problem is not None and fragment in problem


def test_invalid_definition_raises_when_run():
    with pytest.raises(MatcherDefinitionError, match="RandomInt generator: 'min' \\(5\\)"):
        run("RandomInt", 1, min=5, max=1)
