"""Value types several services' events share."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator


class RoomRequest(BaseModel):
    """A request for a collective room: a given space, or any space of a site with a capacity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    space_id: UUID | None = None
    site_id: UUID | None = None
    min_capacity: int | None = Field(default=None, ge=1)
    starts_at: datetime
    ends_at: datetime

    @model_validator(mode="after")
    def _where_and_when(self) -> Self:
        if self.space_id is None and self.site_id is None:
            raise ValueError("a room request names a space or a site")
        if self.ends_at <= self.starts_at:
            raise ValueError("a room request ends after it starts")
        return self


class RequestRef(BaseModel):
    """What a booking was made for, so the requesting service can match the outcome."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Literal["councils.meeting", "partners.activity"]
    id: UUID


class Organisation(BaseModel):
    """On whose behalf a room is booked (never a person)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["council", "partner", "tenant_group", "landlord"]
    id: UUID
