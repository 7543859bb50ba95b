"""The broker's small web UI: server-rendered HTML pages (no script, no external
resource) for pacticipants, the network of integrations, readable pacts of every
interaction kind and the verification matrix. Mounted by
:func:`polypact_broker.ui.routes.register`."""
