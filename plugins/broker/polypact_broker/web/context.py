"""What a resource handler receives: the request, the database, URLs and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from polypact_broker.db.engine import Database
from polypact_broker.web.http import Request
from polypact_broker.web.urls import Urls


@dataclass
class Ctx:
    """Per-request context for resource handlers."""

    request: Request
    db: Database
    urls: Urls
    events: Any  #: a :class:`polypact_broker.webhooks.dispatcher.Dispatcher` (or None)
    #: branch (or tag) names that become a pacticipant's main branch when it has none
    main_branch_candidates: tuple[str, ...] = ()

    def emit(self, event: str, **data: Any) -> None:
        """Tell the webhook dispatcher that ``event`` happened (after commit)."""
        if self.events is not None:
            self.events.emit(event, data)
