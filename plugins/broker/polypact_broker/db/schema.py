"""The broker's tables (SQLAlchemy Core), mirroring the Pact Broker's domain.

A *pacticipant* (consumer or provider) has *versions*; versions sit on *branches* and
carry *tags*. Pact *contents* are stored once per distinct content (``sha`` of the
canonical JSON: the Pact Broker's "pact version"); a *publication* links a consumer
version and a provider to one content. *Verifications* are results of a provider version
verifying a content. *Environments* hold *deployed* and *released* versions. *Webhooks*
and their *deliveries* record integrations. Alembic migrations create these tables; the
revision in ``db/migrations/versions`` must match this module.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _now_column(name: str = "created_at") -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


pacticipants = sa.Table(
    "pacticipants", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("display_name", sa.String(255)),
    sa.Column("main_branch", sa.String(255)),
    sa.Column("repository_url", sa.String(1024)),
    _now_column(),
    sa.Column("updated_at", sa.DateTime(timezone=True)),
)

versions = sa.Table(
    "versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("pacticipant_id", sa.Integer, sa.ForeignKey("pacticipants.id"), nullable=False),
    sa.Column("number", sa.String(255), nullable=False),
    sa.Column("build_url", sa.String(1024)),
    _now_column(),
    sa.UniqueConstraint("pacticipant_id", "number", name="uq_versions_pacticipant_number"),
)

branches = sa.Table(
    "branches", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("pacticipant_id", sa.Integer, sa.ForeignKey("pacticipants.id"), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    _now_column(),
    sa.UniqueConstraint("pacticipant_id", "name", name="uq_branches_pacticipant_name"),
)

branch_versions = sa.Table(
    "branch_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    _now_column(),
    sa.UniqueConstraint("branch_id", "version_id", name="uq_branch_versions"),
)

tags = sa.Table(
    "tags", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    _now_column(),
    sa.UniqueConstraint("version_id", "name", name="uq_tags_version_name"),
)

pact_contents = sa.Table(
    "pact_contents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sha", sa.String(64), nullable=False),
    sa.Column("consumer_id", sa.Integer, sa.ForeignKey("pacticipants.id"), nullable=False),
    sa.Column("provider_id", sa.Integer, sa.ForeignKey("pacticipants.id"), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    _now_column(),
    sa.UniqueConstraint("consumer_id", "provider_id", "sha", name="uq_pact_contents_sha"),
)

pact_publications = sa.Table(
    "pact_publications", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("consumer_version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("provider_id", sa.Integer, sa.ForeignKey("pacticipants.id"), nullable=False),
    sa.Column("content_id", sa.Integer, sa.ForeignKey("pact_contents.id"), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    _now_column(),
    sa.UniqueConstraint("consumer_version_id", "provider_id", name="uq_publications_version_provider"),
)

verifications = sa.Table(
    "verifications", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_id", sa.Integer, sa.ForeignKey("pact_contents.id"), nullable=False),
    sa.Column("provider_version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("success", sa.Boolean, nullable=False),
    sa.Column("build_url", sa.String(1024)),
    sa.Column("details", sa.Text),
    _now_column(),
)

environments = sa.Table(
    "environments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uuid", sa.String(36), nullable=False, unique=True),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("display_name", sa.String(255)),
    sa.Column("production", sa.Boolean, nullable=False, default=False),
    sa.Column("contacts", sa.Text),
    _now_column(),
)

deployed_versions = sa.Table(
    "deployed_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uuid", sa.String(36), nullable=False, unique=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("environment_id", sa.Integer, sa.ForeignKey("environments.id"), nullable=False),
    sa.Column("application_instance", sa.String(255)),
    _now_column(),
    sa.Column("undeployed_at", sa.DateTime(timezone=True)),
)

released_versions = sa.Table(
    "released_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uuid", sa.String(36), nullable=False, unique=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
    sa.Column("environment_id", sa.Integer, sa.ForeignKey("environments.id"), nullable=False),
    _now_column(),
    sa.Column("support_ended_at", sa.DateTime(timezone=True)),
    sa.UniqueConstraint("version_id", "environment_id", name="uq_released_version_env"),
)

webhooks = sa.Table(
    "webhooks", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("uuid", sa.String(36), nullable=False, unique=True),
    sa.Column("description", sa.String(1024)),
    sa.Column("consumer_name", sa.String(255)),
    sa.Column("provider_name", sa.String(255)),
    sa.Column("events", sa.Text, nullable=False),
    sa.Column("request", sa.Text, nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, default=True),
    _now_column(),
)

webhook_deliveries = sa.Table(
    "webhook_deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("webhook_uuid", sa.String(36), nullable=False),
    sa.Column("event", sa.String(64), nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("url", sa.String(2048)),
    sa.Column("status", sa.Integer),
    sa.Column("success", sa.Boolean, nullable=False),
    sa.Column("error", sa.Text),
    _now_column(),
)

INDEXES = [
    sa.Index("ix_versions_pacticipant", versions.c.pacticipant_id, versions.c.id),
    sa.Index("ix_branch_versions_version", branch_versions.c.version_id),
    sa.Index("ix_tags_name", tags.c.name, tags.c.version_id),
    sa.Index("ix_publications_provider", pact_publications.c.provider_id,
             pact_publications.c.consumer_version_id),
    sa.Index("ix_publications_content", pact_publications.c.content_id),
    sa.Index("ix_verifications_content", verifications.c.content_id,
             verifications.c.provider_version_id),
    sa.Index("ix_verifications_provider_version", verifications.c.provider_version_id),
    sa.Index("ix_deployed_env", deployed_versions.c.environment_id, deployed_versions.c.version_id),
    sa.Index("ix_released_env", released_versions.c.environment_id, released_versions.c.version_id),
    sa.Index("ix_deliveries_webhook", webhook_deliveries.c.webhook_uuid),
]
