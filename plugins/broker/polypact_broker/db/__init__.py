"""Broker storage: SQLAlchemy tables, the engine and its Alembic migrations."""
