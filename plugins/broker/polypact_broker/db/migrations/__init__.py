"""Alembic migrations of the broker's database."""
