"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest
from polypact.matching.content import xml_safe


@pytest.fixture(params=["lxml", "stdlib"])
def xml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the requesting test twice: with lxml and with the standard-library fallback
    XML parser (lxml hidden from ``xml_safe``); skips the lxml run when it is missing."""
    if request.param == "stdlib":
        monkeypatch.setattr(xml_safe, "_lxml", None)
    elif xml_safe._lxml is None:
        pytest.skip("lxml is not installed")
    return request.param
