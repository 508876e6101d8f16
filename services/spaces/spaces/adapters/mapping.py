"""Rows to domain objects and back."""

from __future__ import annotations

from dataclasses import asdict
from datetime import time
from typing import Any

from contracts.common import Organisation, RequestRef
from kernel.localisation import LocalizedText
from spaces.adapters.tables import BookingRow, ClosureRow, SpaceRow
from spaces.domain.bookings import Booking
from spaces.domain.policy import BookingPolicy, Quota
from spaces.domain.spaces import Closure, OpeningWindow, Space


def policy(data: dict[str, Any]) -> BookingPolicy:
    """The booking policy stored as JSON."""
    values = dict(data)
    quota = values.pop("quota", None)
    values["booker_roles"] = tuple(values.get("booker_roles", ()))
    return BookingPolicy(**values, quota=Quota(**quota) if quota else None)


def policy_json(value: BookingPolicy) -> dict[str, Any]:
    """The JSON that stores a booking policy."""
    data = asdict(value)
    data["booker_roles"] = list(value.booker_roles)
    return data


def window(data: dict[str, Any]) -> OpeningWindow:
    """An opening window stored as JSON."""
    return OpeningWindow(
        data["weekday"], time.fromisoformat(data["opens"]), time.fromisoformat(data["closes"])
    )


def window_json(value: OpeningWindow) -> dict[str, Any]:
    """The JSON that stores an opening window."""
    return {"weekday": value.weekday, "opens": value.opens.isoformat(), "closes": value.closes.isoformat()}


def closure(row: ClosureRow) -> Closure:
    """The closure stored in ``row``."""
    return Closure(row.id, row.starts_on, row.ends_on, LocalizedText.model_validate(row.reason))


def space(row: SpaceRow, closures: list[ClosureRow]) -> Space:
    """The space stored in ``row`` with its closures."""
    return Space(
        id=row.id,
        landlord_id=row.landlord_id,
        site_id=row.site_id,
        name=LocalizedText.model_validate(row.name),
        capacity=row.capacity,
        accessibility=frozenset(row.accessibility),
        equipment=frozenset(row.equipment),
        house_rules=LocalizedText.model_validate(row.house_rules),
        opening_hours=tuple(window(w) for w in row.opening_hours),
        policy=policy(row.policy),
        feed_token=row.feed_token,
        closures=tuple(closure(c) for c in sorted(closures, key=lambda c: c.starts_on)),
    )


def space_values(value: Space) -> dict[str, Any]:
    """The column values that store ``value`` (closures apart)."""
    return {
        "id": value.id,
        "landlord_id": value.landlord_id,
        "site_id": value.site_id,
        "name": value.name.model_dump(),
        "capacity": value.capacity,
        "accessibility": sorted(value.accessibility),
        "equipment": sorted(value.equipment),
        "house_rules": value.house_rules.model_dump(),
        "opening_hours": [window_json(w) for w in value.opening_hours],
        "policy": policy_json(value.policy),
        "feed_token": value.feed_token,
    }


def booking(row: BookingRow) -> Booking:
    """The booking stored in ``row``."""
    request = (
        RequestRef.model_validate({"source": row.request_source, "id": row.request_id})
        if row.request_id
        else None
    )
    return Booking(
        id=row.id,
        space_id=row.space_id,
        organisation=Organisation.model_validate({"kind": row.organisation_kind, "id": row.organisation_id}),
        booker=row.booker,
        purpose=row.purpose,
        attendees=row.attendees,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        blocked_until=row.blocked_until,
        state=row.state,  # type: ignore[arg-type]
        series_id=row.series_id,
        request=request,
        requested_at=row.requested_at,
        decided_at=row.decided_at,
        rejection_reason=row.rejection_reason,
        late_cancellation=row.late_cancellation,
        checked_in_at=row.checked_in_at,
    )


def booking_values(value: Booking) -> dict[str, Any]:
    """The column values that store ``value``."""
    return {
        "id": value.id,
        "space_id": value.space_id,
        "series_id": value.series_id,
        "organisation_kind": value.organisation.kind,
        "organisation_id": value.organisation.id,
        "booker": value.booker,
        "purpose": value.purpose,
        "attendees": value.attendees,
        "starts_at": value.starts_at,
        "ends_at": value.ends_at,
        "blocked_until": value.blocked_until,
        "state": value.state,
        "request_source": value.request.source if value.request else None,
        "request_id": value.request.id if value.request else None,
        # The domain's request time (the column's default would be the transaction's clock).
        **({"requested_at": value.requested_at} if value.requested_at else {}),
        "decided_at": value.decided_at,
        "rejection_reason": value.rejection_reason,
        "late_cancellation": value.late_cancellation,
        "checked_in_at": value.checked_in_at,
    }
