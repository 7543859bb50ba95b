"""Time-zone names accepted by the ``z`` (abbreviation) and ``V`` (zone id) pattern letters."""

from __future__ import annotations

import re
from functools import lru_cache

#: Common time-zone abbreviations (``z``); the reference core keeps a similar table.
ABBREVIATIONS = frozenset(
    """
    ACDT ACST ADT AEDT AEST AKDT AKST AST AWST BST CAT CDT CEST CET CST EAT EDT EEST EET EST
    GMT HKT HST IDT IST JST KST MDT MSK MST NDT NST NZDT NZST PDT PHT PKT PST SAST SGT UTC WAT
    WEST WET WIB WIT WITA ART BRT CLT COT ECT PET UYT VET AZT GST ICT MYT NPT SST ChST
    """.split()
)

_ZONE_ID = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)+")


@lru_cache(maxsize=1)
def zone_ids() -> frozenset[str]:
    """The IANA zone ids known to this Python (empty when no tz database is installed)."""
    try:
        import zoneinfo

        return frozenset(zoneinfo.available_timezones())
    except Exception:  # noqa: BLE001 - a missing tz database only makes us lenient
        return frozenset()


def is_zone_id(text: str) -> bool:
    """True for ``Area/City`` zone ids (checked against the tz database when available)."""
    known = zone_ids()
    if known:
        return text in known
    return _ZONE_ID.fullmatch(text) is not None
