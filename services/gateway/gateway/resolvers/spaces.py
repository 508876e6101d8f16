"""Root fields served by the spaces service: rooms, availability, bookings and their life."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import strawberry

from gateway.connections import page_size
from gateway.context import Info
from gateway.fields import field
from gateway.loaders_spaces import space_loader, spaces_client
from gateway.types.spaces import Booking, BookingConnection, BookingResult, Space, SpaceConnection
from kernel.errors import NotFound


@strawberry.input(description="A text in NL and FR (EN optional).")
class SpaceTextInput:
    nl: str | None = None
    fr: str | None = None
    en: str | None = None


@strawberry.input(description="A span of a weekday when the room opens, e.g. mon 08:00–22:00.")
class OpeningWindowInput:
    weekday: str
    opens: str
    closes: str


@strawberry.input(description="At most `limit` hours per week or bookings per month per organisation.")
class BookingQuotaInput:
    kind: str
    limit: int


@strawberry.input(description="Who may book and how (defaults suit a community room).")
class BookingPolicyInput:
    booker_roles: list[str] | None = None
    auto_confirm: bool = False
    buffer_minutes: int = 0
    min_notice_hours: int = 0
    max_days_ahead: int = 365
    min_cancellation_notice_hours: int = 24
    check_in_grace_minutes: int = 15
    quota: BookingQuotaInput | None = None


@strawberry.input(description="A room to open on a site (by staff of its landlord).")
class CreateSpaceInput:
    landlord_id: strawberry.ID
    site_id: strawberry.ID
    name: SpaceTextInput
    capacity: int
    accessibility: list[str] = strawberry.field(default_factory=list)
    equipment: list[str] = strawberry.field(default_factory=list)
    house_rules: SpaceTextInput | None = None
    opening_hours: list[OpeningWindowInput] = strawberry.field(default_factory=list)
    policy: BookingPolicyInput | None = None


@strawberry.input(description="What to change in a room (absent: unchanged; a policy is replaced whole).")
class UpdateSpaceInput:
    space_id: strawberry.ID
    name: SpaceTextInput | None = None
    capacity: int | None = None
    accessibility: list[str] | None = None
    equipment: list[str] | None = None
    house_rules: SpaceTextInput | None = None
    opening_hours: list[OpeningWindowInput] | None = None
    policy: BookingPolicyInput | None = None


@strawberry.input(description="Days (inclusive) a room closes, and why.")
class CloseSpaceInput:
    space_id: strawberry.ID
    starts_on: date
    ends_on: date
    reason: SpaceTextInput


@strawberry.input(description="On whose behalf: council, partner, tenant_group or landlord.")
class BookingOrganisationInput:
    kind: str
    id: strawberry.ID


@strawberry.input(description="Weekly or monthly, `count` times or until a day.")
class RecurrenceInput:
    frequency: str
    interval: int = 1
    count: int | None = None
    until: date | None = None


@strawberry.input(description="A booking; a series with `recurrence` (`skipConflicts` books the rest).")
class RequestBookingInput:
    space_id: strawberry.ID
    organisation: BookingOrganisationInput
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    recurrence: RecurrenceInput | None = None
    skip_conflicts: bool = False


@strawberry.input(description="A requested booking to approve.")
class ApproveBookingInput:
    booking_id: strawberry.ID


@strawberry.input(description="A requested booking to reject, and why.")
class RejectBookingInput:
    booking_id: strawberry.ID
    reason: str


@strawberry.input(description="An occurrence to cancel (with `wholeSeries`, the later ones too).")
class CancelBookingInput:
    booking_id: strawberry.ID
    whole_series: bool = False


@strawberry.input(description="A booking whose organisation arrived.")
class CheckInInput:
    booking_id: strawberry.ID


def body(value: Any) -> Any:
    """An input object as the JSON body the service expects (snake_case, ISO dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: body(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [body(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _space_body(input: CreateSpaceInput) -> dict[str, Any]:
    sent: dict[str, Any] = body(input)
    sent["house_rules"] = sent["house_rules"] or {}
    policy = sent.pop("policy") or {}
    sent["policy"] = {k: v for k, v in policy.items() if v is not None}
    return sent


def _update_body(input: UpdateSpaceInput) -> dict[str, Any]:
    sent = {name: value for name, value in body(input).items() if value is not None}
    if "policy" in sent:
        sent["policy"] = {k: v for k, v in sent["policy"].items() if v is not None}
    return sent


@strawberry.type
class SpacesQuery:
    """Rooms and bookings."""

    @field(description="Rooms matching every criterion; with freeFrom/freeTo, only those free then.")
    async def spaces(
        self,
        info: Info,
        site_id: strawberry.ID | None = None,
        landlord_id: strawberry.ID | None = None,
        min_capacity: int | None = None,
        accessible: list[str] | None = None,
        free_from: datetime | None = None,
        free_to: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> SpaceConnection:
        records = await spaces_client(info).spaces(
            site_id=site_id,
            landlord_id=landlord_id,
            min_capacity=min_capacity,
            accessible=accessible or [],
            free_from=free_from,
            free_to=free_to,
        )
        space_loader(info).prime_many({record.id: record for record in records})
        rows = [Space.from_record(record) for record in records]
        connection: SpaceConnection = SpaceConnection.slice(rows, page_size(info, first), after)
        return connection

    @field(description="One room; NOT_FOUND when there is none with this id.")
    async def space(self, info: Info, id: strawberry.ID) -> Space:
        record = await space_loader(info).load(str(id))
        if record is None:
            raise NotFound(f"space {id}", message_key="spaces.space_not_found")
        return Space.from_record(record)

    @field(description="What the caller booked, latest first.")
    async def my_bookings(self, info: Info, first: int = 50, after: str | None = None) -> BookingConnection:
        return await BookingConnection.read(spaces_client(info).my_bookings, first, after)

    @field(description="The secret iCalendar feed URL of an organisation (staff and its bookers).")
    async def organisation_feed_url(self, info: Info, kind: str, id: strawberry.ID) -> str | None:
        return await spaces_client(info).feed_url(f"/organisations/{kind}/{id}/feed")


@strawberry.type
class SpacesMutation:
    """Open and close rooms; request, decide, cancel and check in bookings."""

    @field(description="Open a room on a site (staff of its landlord).")
    async def create_space(self, info: Info, input: CreateSpaceInput) -> Space:
        return Space.from_record(await spaces_client(info).create_space(_space_body(input)))

    @field(description="Change a room (staff of its landlord); bookings already made stay.")
    async def update_space(self, info: Info, input: UpdateSpaceInput) -> Space:
        sent = _update_body(input)
        space_id = sent.pop("space_id")
        return Space.from_record(await spaces_client(info).update_space(space_id, sent))

    @field(description="Close a room for some days (staff of its landlord).")
    async def close_space(self, info: Info, input: CloseSpaceInput) -> Space:
        sent = body(input)
        space_id = sent.pop("space_id")
        return Space.from_record(await spaces_client(info).close_space(space_id, sent))

    @field(description="Book a room for an organisation, once or as a series.")
    async def request_booking(self, info: Info, input: RequestBookingInput) -> BookingResult:
        return BookingResult.from_record(await spaces_client(info).request_booking(body(input)))

    @field(description="Approve a requested booking (staff of the room's landlord).")
    async def approve_booking(self, info: Info, input: ApproveBookingInput) -> Booking:
        return Booking.from_record(await spaces_client(info).act(str(input.booking_id), "approve"))

    @field(description="Reject a requested booking with a reason (staff of the room's landlord).")
    async def reject_booking(self, info: Info, input: RejectBookingInput) -> Booking:
        record = await spaces_client(info).act(str(input.booking_id), "reject", {"reason": input.reason})
        return Booking.from_record(record)

    @field(description="Cancel a booking (the booker or staff); returns every cancelled occurrence.")
    async def cancel_booking(self, info: Info, input: CancelBookingInput) -> list[Booking]:
        cancelled = await spaces_client(info).cancel(str(input.booking_id), input.whole_series)
        return [Booking.from_record(b) for b in cancelled]

    @field(description="Record that the organisation arrived (the booker or staff).")
    async def check_in(self, info: Info, input: CheckInInput) -> Booking:
        return Booking.from_record(await spaces_client(info).act(str(input.booking_id), "check-in"))
