"""Initial broker schema: pacticipants, versions, branches, tags, pacts, verifications,
environments, deployments, releases, webhooks and their deliveries.

Revision ID: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: Tables created by this revision (the schema as of revision 0001). A later change to
#: ``schema.py`` needs its own revision; ``tests/broker/test_storage.py`` checks that the
#: migrated database matches the metadata exactly.
TABLES = (
    "pacticipants", "versions", "branches", "branch_versions", "tags", "pact_contents",
    "pact_publications", "verifications", "environments", "deployed_versions",
    "released_versions", "webhooks", "webhook_deliveries",
)


def upgrade() -> None:
    """Create every table and index of the initial schema."""
    from polypact_broker.db.schema import metadata

    bind = op.get_bind()
    metadata.create_all(bind=bind, tables=[metadata.tables[name] for name in TABLES])


def downgrade() -> None:
    """Drop every table of the initial schema."""
    from polypact_broker.db.schema import metadata

    metadata.drop_all(bind=op.get_bind(), tables=[metadata.tables[name] for name in TABLES])
