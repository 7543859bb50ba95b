"""Alembic environment for the broker's migrations (run programmatically, never by hand).

:func:`polypact_broker.db.engine.Database.migrate` passes an open connection in
``config.attributes["connection"]``; offline (SQL script) mode is not supported.
"""

from __future__ import annotations

from alembic import context

from polypact_broker.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
