"""Resource handlers, one module per group of Pact Broker resources."""

from __future__ import annotations

from polypact_broker.web.router import Router


def build_router() -> Router:
    """A router with every resource registered."""
    from polypact_broker.web.resources import (
        badges,
        environments,
        index,
        matrix,
        pacticipants,
        pacts,
        verification,
        verifications,
        webhooks,
    )

    router = Router()
    for module in (index, badges, pacticipants, pacts, verification, verifications, environments,
                   matrix, webhooks):
        module.register(router)
    from polypact_broker.ui import routes as ui_routes

    ui_routes.register(router)  # the web UI (and HTML on GET / for browsers)
    return router
