"""Interfaces shared by the services' types."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.interface(
    description="A record with the moments it was created and last changed (null: not recorded)."
)
class Timestamped:
    created_at: datetime | None = strawberry.field(description="When the record was created.")
    updated_at: datetime | None = strawberry.field(
        default=None, description="When the record last changed; null: never, or not recorded."
    )
