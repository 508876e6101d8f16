"""Collective spaces and their bookings (read from the spaces service)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry import relay

from gateway.clients.spaces import (
    BookingPage,
    BookingPublic,
    IndicatorsPublic,
    PlacementPublic,
    PolicyPublic,
    SpacePublic,
)
from gateway.connections import Connection, deprecated
from gateway.context import Info
from gateway.fields import field
from gateway.loaders_spaces import space_loader, spaces_client
from gateway.types.localized import LocalizedText
from kernel import localisation

From = Annotated[datetime, strawberry.argument(name="from")]


@strawberry.type(description="A span of a weekday when a room opens (Brussels time).")
class OpeningWindow:
    weekday: str
    opens: str
    closes: str


@strawberry.type(description="Days (inclusive) a room is closed.")
class Closure:
    id: strawberry.ID
    starts_on: date
    ends_on: date
    localized: strawberry.Private[localisation.LocalizedText]

    @field(description="Why, in the request language.")
    def reason(self, info: Info) -> str:
        return self.localized.text(info.context.language)


@strawberry.type(description="A fairness quota per organisation.")
class BookingQuota:
    kind: str = strawberry.field(description="hours_per_week or bookings_per_month")
    limit: int


@strawberry.type(description="Who may book a room and how.")
class BookingPolicy:
    booker_roles: list[str]
    auto_confirm: bool
    buffer_minutes: int
    min_notice_hours: int
    max_days_ahead: int
    min_cancellation_notice_hours: int
    check_in_grace_minutes: int
    quota: BookingQuota | None

    @classmethod
    def from_record(cls, record: PolicyPublic) -> BookingPolicy:
        """The GraphQL object of a service record."""
        quota = BookingQuota(kind=record.quota.kind, limit=record.quota.limit) if record.quota else None
        values = record.model_dump(exclude={"quota"})
        return cls(**values, quota=quota)


@strawberry.type(description="A free period of a room.")
class FreeSlot:
    starts_at: datetime
    ends_at: datetime


@strawberry.type(description="On whose behalf a room is booked (never a person).")
class BookingOrganisation:
    kind: str
    id: strawberry.ID


@strawberry.type(description="One booked occurrence of a room.")
class Booking:
    id: strawberry.ID
    space_id: strawberry.ID
    series_id: strawberry.ID | None
    organisation: BookingOrganisation
    purpose: str
    attendees: int
    starts_at: datetime
    ends_at: datetime
    state: str = strawberry.field(
        description="requested, confirmed, rejected, cancelled, checked_in or no_show"
    )
    request_source: str | None = strawberry.field(description="councils.meeting or partners.activity")
    rejection_reason: str | None
    late_cancellation: bool
    checked_in_at: datetime | None
    booker: str | None = strawberry.field(description="Who booked: only for landlord staff and the booker.")

    @field(description="The booked room.")
    async def space(self, info: Info) -> Space | None:
        record = await space_loader(info).load(str(self.space_id))
        return Space.from_record(record) if record else None

    @classmethod
    def from_record(cls, record: BookingPublic) -> Booking:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(record.id),
            space_id=strawberry.ID(record.space_id),
            series_id=strawberry.ID(record.series_id) if record.series_id else None,
            organisation=BookingOrganisation(
                kind=record.organisation.kind, id=strawberry.ID(record.organisation.id)
            ),
            purpose=record.purpose,
            attendees=record.attendees,
            starts_at=record.starts_at,
            ends_at=record.ends_at,
            state=record.state,
            request_source=record.request.source if record.request else None,
            rejection_reason=record.rejection_reason,
            late_cancellation=record.late_cancellation,
            checked_in_at=record.checked_in_at,
            booker=record.booker,
        )


@strawberry.type(description="Bookings, a page at a time.")
class BookingConnection(Connection[Booking]):
    """A Relay connection; ``items`` and ``next`` are its former fields, kept for older clients."""

    @deprecated("The bookings of this page.")
    def items(self) -> list[Booking]:
        return [edge.node for edge in self.edges]

    @deprecated("The cursor of the next page; null on the last.")
    def next(self) -> str | None:
        return self.page_info.end_cursor if self.page_info.has_next_page else None

    @classmethod
    async def read(
        cls, fetch: Callable[[int, str | None], Awaitable[BookingPage]], first: int, after: str | None
    ) -> BookingConnection:
        """A page of bookings read through the spaces service's paging."""

        async def rows(size: int, cursor: str | None) -> tuple[list[Booking], str | None]:
            page = await fetch(size, cursor)
            return [Booking.from_record(b) for b in page.items], page.next

        connection: BookingConnection = await cls.fetch(rows, first, after)
        return connection


@strawberry.type(description="An occurrence that could not be booked, and why.")
class OccurrenceConflict:
    starts_at: datetime
    ends_at: datetime
    reason: str = strawberry.field(
        description="closed, outside_opening_hours, too_short_notice, too_far_ahead, booked or quota"
    )


@strawberry.type(description="What a booking request booked and which occurrences conflicted.")
class BookingResult:
    series_id: strawberry.ID | None
    bookings: list[Booking]
    conflicts: list[OccurrenceConflict]

    @classmethod
    def from_record(cls, record: PlacementPublic) -> BookingResult:
        """The GraphQL object of a service record."""
        return cls(
            series_id=strawberry.ID(record.series_id) if record.series_id else None,
            bookings=[Booking.from_record(b) for b in record.bookings],
            conflicts=[
                OccurrenceConflict(starts_at=c.starts_at, ends_at=c.ends_at, reason=c.reason)
                for c in record.conflicts
            ],
        )


@strawberry.type(description="A collective room of a site.")
class Space(relay.Node):
    id: relay.NodeID[str]
    landlord_id: strawberry.ID
    site_id: strawberry.ID
    capacity: int
    accessibility: list[str]
    equipment: list[str]
    opening_hours: list[OpeningWindow]
    closures: list[Closure]
    policy: BookingPolicy
    record: strawberry.Private[SpacePublic]

    @field(description="The name in the request language.")
    def name(self, info: Info) -> str:
        return self.record.name.text(info.context.language)

    @field(description="The name in every language.")
    def localized_name(self) -> LocalizedText:
        return LocalizedText(value=self.record.name)

    @field(description="The house rules (ROI) in the request language.")
    def house_rules(self, info: Info) -> str:
        return self.record.house_rules.text(info.context.language)

    @field(description="Free slots within a window (at most 62 days).")
    async def availability(self, info: Info, from_: From, to: datetime) -> list[FreeSlot]:
        slots = await spaces_client(info).availability(str(self.id), from_, to)
        return [FreeSlot(starts_at=s.starts_at, ends_at=s.ends_at) for s in slots]

    @field(description="Bookings starting within a window; who booked only for staff and the booker.")
    async def bookings(
        self, info: Info, from_: From, to: datetime, first: int = 50, after: str | None = None
    ) -> BookingConnection:
        client = spaces_client(info)
        return await BookingConnection.read(
            lambda size, cursor: client.space_bookings(str(self.id), from_, to, size, cursor), first, after
        )

    @field(description="The secret iCalendar feed URL; null for those who may not book the room.")
    async def feed_url(self, info: Info) -> str | None:
        if info.context.principal is None:
            return None
        return await spaces_client(info).feed_url(f"/spaces/{self.id}/feed")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Space | None]:
        """Spaces by id, through the request's space loader (one spaces call)."""
        records = await space_loader(info).load_many(list(node_ids))
        return [cls.from_record(record) if record else None for record in records]

    @classmethod
    def from_record(cls, record: SpacePublic) -> Space:
        """The GraphQL object of a service record."""
        return cls(
            id=strawberry.ID(record.id),
            landlord_id=strawberry.ID(record.landlord_id),
            site_id=strawberry.ID(record.site_id),
            capacity=record.capacity,
            accessibility=list(record.accessibility),
            equipment=list(record.equipment),
            opening_hours=[
                OpeningWindow(weekday=w.weekday, opens=w.opens, closes=w.closes) for w in record.opening_hours
            ],
            closures=[
                Closure(id=strawberry.ID(c.id), starts_on=c.starts_on, ends_on=c.ends_on, localized=c.reason)
                for c in record.closures
            ],
            policy=BookingPolicy.from_record(record.policy),
            record=record,
        )


@strawberry.type(description="Rooms, a page at a time.")
class SpaceConnection(Connection[Space]):
    """Formerly a plain list."""


@strawberry.type(description="Booked hours against open hours.")
class Occupancy:
    open_hours: float
    booked_hours: float
    occupancy_rate: float | None = strawberry.field(description="booked / open hours; null when never open")


@strawberry.type(description="One room's occupancy.")
class SpaceOccupancy(Occupancy):
    space_id: strawberry.ID
    site_id: strawberry.ID


@strawberry.type(description="One site's occupancy (all its rooms).")
class SiteOccupancy(Occupancy):
    site_id: strawberry.ID


@strawberry.type(description="An organisation's booked hours and share of all booked hours.")
class OrganisationShare:
    organisation: BookingOrganisation
    booked_hours: float
    share: float


@strawberry.type(description="Rooms of a landlord over a period (bookings starting in it).")
class SpaceIndicators:
    total: Occupancy
    spaces: list[SpaceOccupancy]
    sites: list[SiteOccupancy]
    organisations: list[OrganisationShare]
    settled_bookings: int = strawberry.field(description="bookings checked in or no-show")
    no_shows: int
    no_show_rate: float | None = strawberry.field(description="no-shows / settled bookings")
    decided_bookings: int = strawberry.field(description="bookings approved or rejected by staff")
    median_approval_hours: float | None = strawberry.field(description="request to staff decision")

    @classmethod
    def from_record(cls, record: IndicatorsPublic) -> SpaceIndicators:
        """The GraphQL object of a service record."""
        return cls(
            total=Occupancy(**record.total.model_dump()),
            spaces=[SpaceOccupancy(**s.model_dump()) for s in record.spaces],
            sites=[SiteOccupancy(**s.model_dump()) for s in record.sites],
            organisations=[
                OrganisationShare(
                    organisation=BookingOrganisation(
                        kind=o.organisation.kind, id=strawberry.ID(o.organisation.id)
                    ),
                    booked_hours=o.booked_hours,
                    share=o.share,
                )
                for o in record.organisations
            ],
            settled_bookings=record.settled_bookings,
            no_shows=record.no_shows,
            no_show_rate=record.no_show_rate,
            decided_bookings=record.decided_bookings,
            median_approval_hours=record.median_approval_hours,
        )
