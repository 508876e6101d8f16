"""Running Core statements on the kernel's (sqlmodel) sessions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable, Result
from sqlalchemy.ext.asyncio import AsyncSession as CoreSession
from sqlmodel.ext.asyncio.session import AsyncSession


async def run(session: AsyncSession, statement: Executable) -> Result[*tuple[Any, ...]]:
    """Execute a Core statement (sqlmodel's ``exec`` is typed for ORM selects only)."""
    return await CoreSession.execute(session, statement)
