"""A minimum of zero items is refused with Pact's reason and what to declare instead."""

from __future__ import annotations

import pytest
from polypact.dsl import each_like, extract, like
from polypact.errors import UsageError


@pytest.mark.parametrize(("make", "label"), [
    (lambda: each_like({"id": 1}, min=0), "each_like(min=0)"),
    (lambda: like([1], min=0), "like([1], min=0)"),
])
def test_min_zero_explains_the_stance_and_the_two_interaction_alternative(make, label):
    with pytest.raises(UsageError) as err:
        make()
    text = str(err.value)
    assert text.startswith(label + ": min must be at least 1")
    assert "possibly-empty" in text
    assert "two interactions" in text and "provider state" in text
    assert "plain []" in text and "each_like(...)" in text


def test_the_two_suggested_interactions_are_expressible():
    """The alternative the message proposes works: [] alone, and each_like with min 1."""
    empty = extract({"orders": []})
    assert empty.example == {"orders": []} and not empty.rules
    some = extract({"orders": each_like({"id": 1})})
    assert some.rules_json()["$.orders"]["matchers"] == [{"match": "type", "min": 1}]
