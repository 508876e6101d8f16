"""Async SQLAlchemy/SQLModel on asyncpg; each service lives in its own PostgreSQL schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.settings import Settings


def async_url(url: str) -> str:
    """Accept ``postgresql://`` URLs too: the platform always talks asyncpg."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def asyncpg_dsn(url: str) -> str:
    """A URL asyncpg itself accepts (no SQLAlchemy driver suffix)."""
    return async_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)


def with_database(url: str, database: str) -> str:
    """The same server URL pointing at another database."""
    head, _, rest = url.partition("://")
    authority, _, path = rest.partition("/")
    _, _, query = path.partition("?")
    return f"{head}://{authority}/{database}" + (f"?{query}" if query else "")


def create_engine(settings: Settings) -> AsyncEngine:
    """An engine whose connections see the service's schema first (``search_path``)."""
    schema = settings.database_schema or "public"
    return create_async_engine(
        async_url(settings.database_url),
        # As many connections as before (2 × pool size), but all kept: overflow connections are
        # closed on return, so under load every burst paid a new PostgreSQL backend.
        pool_size=2 * settings.database_pool_size,
        max_overflow=0,
        # No pre-ping (a ``SELECT 1`` round trip on every checkout, i.e. every transaction): a
        # connection PostgreSQL dropped fails its next use, SQLAlchemy recognises asyncpg's
        # disconnect errors and invalidates the whole pool, and connections are recycled after
        # half an hour anyway. One failed request after a database restart, not a tax on all.
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={"server_settings": {"search_path": f"{schema},public"}},
    )


SessionFactory = async_sessionmaker[AsyncSession]


def session_factory(engine: AsyncEngine) -> SessionFactory:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(sessions: SessionFactory) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit when the block ends, roll back on any error."""
    async with sessions() as session, session.begin():
        yield session


async def ping(engine: AsyncEngine) -> bool:
    """True when the database answers."""
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
