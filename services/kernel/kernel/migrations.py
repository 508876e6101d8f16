"""Alembic per service: each service migrates its own PostgreSQL schema (or database).

A service's ``migrations/env.py`` is two lines (``run_env("identity")``); the kernel's outbox
and inbox tables are created by :func:`create_kernel_tables` from the service's first revision.
Migrations take an advisory lock, so replicas starting together migrate once.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import Connection, pool, text
from sqlalchemy.ext.asyncio import create_async_engine

from kernel.db import async_url
from kernel.inbox import InboxEntry
from kernel.outbox import OutboxMessage
from kernel.settings import Settings, service_settings

KERNEL_TABLES = (OutboxMessage.__table__, InboxEntry.__table__)  # type: ignore[attr-defined]


def script_location(package_dir: Path) -> Path:
    """The service's migrations folder: beside the package (a checkout) or inside it (a wheel)."""
    for candidate in (package_dir.parent / "migrations", package_dir / "_migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise FileNotFoundError(f"no migrations for {package_dir}")


def upgrade(service: str, location: Path, settings: Settings | None = None, revision: str = "head") -> None:
    """Migrate ``service`` to ``revision``. Blocking: call it from a thread inside an event loop."""
    config = Config()
    config.set_main_option("script_location", str(location))
    config.attributes["service"] = service
    config.attributes["settings"] = settings or service_settings(service)
    command.upgrade(config, revision)


def run_env(service: str) -> None:
    """The body of a service's ``env.py`` (online mode only: we always migrate a live database)."""
    settings: Settings = context.config.attributes.get("settings") or service_settings(service)
    schema = settings.database_schema or service
    asyncio.run(_migrate(settings, schema))


async def _migrate(settings: Settings, schema: str) -> None:
    engine = create_async_engine(async_url(settings.database_url), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": schema})
            await connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
            await connection.execute(text(f'SET LOCAL search_path TO "{schema}", public'))
            await connection.run_sync(_run_migrations, schema)
            await connection.commit()
    finally:
        await engine.dispose()


def _run_migrations(connection: Connection, schema: str) -> None:
    context.configure(
        connection=connection,
        version_table_schema=schema,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def create_kernel_tables() -> None:
    """Create the outbox and inbox tables in the service's schema (from a migration)."""
    bind = op.get_bind()
    for table in KERNEL_TABLES:
        table.create(bind)


def drop_kernel_tables() -> None:
    """Drop the outbox and inbox tables (downgrade of the first revision)."""
    bind = op.get_bind()
    for table in reversed(KERNEL_TABLES):
        table.drop(bind)
