"""Simple cursor pagination over (created_at, id): stable while rows are added."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import and_, or_
from sqlmodel.sql.expression import SelectOfScalar

from kernel.errors import ValidationFailed

Item = TypeVar("Item")
MAX_PAGE = 100


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list and the cursor of the next one (None: this was the last)."""

    items: list[Item]
    next_cursor: str | None


def encode(created_at: datetime, row_id: uuid.UUID) -> str:
    """The cursor pointing just after a row."""
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{row_id}".encode()).decode()


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The position a cursor points after; VALIDATION for anything else."""
    try:
        stamp, _, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(stamp), uuid.UUID(row_id)
    except ValueError:
        raise ValidationFailed("not a cursor", field="after", message_key="error.invalid_value") from None


def page_query(query: SelectOfScalar[Any], table: Any, first: int, after: str | None) -> SelectOfScalar[Any]:
    """``query`` ordered by creation, starting after ``after``, one row more than ``first``."""
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed("first is 1 to 100", field="first", message_key="error.invalid_value")
    if after:
        stamp, row_id = decode(after)
        query = query.where(or_(table.created_at > stamp, and_(table.created_at == stamp, table.id > row_id)))
    return query.order_by(table.created_at, table.id).limit(first + 1)


def page_of(rows: list[Any], first: int) -> Page[Any]:
    """The page of ``rows`` (fetched with one extra row to know whether more follow)."""
    more = len(rows) > first
    shown = rows[:first]
    cursor = encode(shown[-1].created_at, shown[-1].id) if more and shown else None
    return Page(shown, cursor)
