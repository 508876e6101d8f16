"""Spaces end to end through GraphQL: the real gateway in front of the real spaces service
(PostgreSQL and NATS real too); only identity is replaced, as it is someone else's service."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from gateway.global_ids import raw_id
from gateway.testing import gateway_over
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from spaces.entrypoints.app import build_app as build_spaces
from spaces.service.no_show import mark_no_shows
from spaces.testing import EVERY_DAY, Clock, at, migrate, monday

SPACES = "http://spaces.test"
Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def spaces_app(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> AsyncIterator[Any]:
    """The spaces service, migrated and started, trusting the test issuer."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="spaces")
    await migrate(settings)
    app = build_spaces(settings)
    test_issuer.install(app.state.runtime.verifier)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def gql(
    spaces_app: Any, make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[Gql]:
    """POST a GraphQL query to the real gateway with a token; return the JSON body."""
    async with gateway_over(make_settings(), {"spaces": spaces_app}, test_issuer) as http:

        async def run(query: str, token: str, language: str = "en", **variables: Any) -> dict[str, Any]:
            headers = {"Authorization": f"Bearer {token}", "Accept-Language": language}
            response = await http.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            assert response.status_code == 200, response.text
            result: dict[str, Any] = response.json()
            return result

        yield run


@pytest.fixture
def landlord_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def staff(test_issuer: TestIssuer, landlord_id: str) -> str:
    """A staff member of the landlord."""
    return test_issuer.person("landlord_staff", landlord_id)


@pytest.fixture
def worker(test_issuer: TestIssuer, landlord_id: str) -> str:
    """A community worker of the landlord."""
    return test_issuer.person("community_worker", landlord_id)


CREATE_SPACE = """mutation ($input: CreateSpaceInput!) { createSpace(input: $input) { id name capacity } }"""
REQUEST = """mutation ($input: RequestBookingInput!) { requestBooking(input: $input) {
    seriesId bookings { id state startsAt booker } conflicts { startsAt reason } } }"""


@pytest.fixture
def create_space(gql: Gql, staff: str, landlord_id: str) -> Callable[..., Awaitable[str]]:
    """Create a room through GraphQL with the given policy; return its id."""

    async def create(**policy: Any) -> str:
        hours = [{"weekday": w["weekday"], "opens": w["opens"], "closes": w["closes"]} for w in EVERY_DAY]
        space_input = {
            "landlordId": landlord_id,
            "siteId": str(uuid.uuid4()),
            "name": {"nl": "Buurtzaal", "fr": "Salle de quartier"},
            "capacity": 25,
            "accessibility": ["step_free_access"],
            "openingHours": hours,
            "policy": policy,
        }
        body = await gql(CREATE_SPACE, staff, input=space_input)
        assert body.get("errors") is None, body
        return str(body["data"]["createSpace"]["id"])

    return create


def booking_input(space_id: str, org: str, starts: Any, ends: Any, **extra: Any) -> dict[str, Any]:
    return {
        "spaceId": space_id,
        "organisation": {"kind": "tenant_group", "id": org},
        "purpose": "Taalcafé / café des langues",
        "attendees": 12,
        "startsAt": starts.isoformat(),
        "endsAt": ends.isoformat(),
        **extra,
    }


async def test_a_weekly_series_over_a_closure_and_a_booking_names_those_dates_and_books_the_rest(
    gql: Gql, create_space: Any, staff: str, worker: str
) -> None:
    space_id = await create_space(autoConfirm=True)
    first = monday()
    closed_week, taken_week = first + timedelta(weeks=1), first + timedelta(weeks=3)
    closure = {
        "spaceId": space_id,
        "startsOn": closed_week.isoformat(),
        "endsOn": closed_week.isoformat(),
        "reason": {"nl": "Schilderwerken", "fr": "Travaux de peinture"},
    }
    closed = await gql(
        "mutation ($input: CloseSpaceInput!) { closeSpace(input: $input) { closures { reason } } }",
        staff,
        language="fr",
        input=closure,
    )
    assert closed["data"]["closeSpace"]["closures"] == [{"reason": "Travaux de peinture"}]
    other = await gql(
        REQUEST,
        worker,
        input=booking_input(space_id, str(uuid.uuid4()), at(taken_week, "18:30"), at(taken_week, "19:30")),
    )
    assert other["data"]["requestBooking"]["bookings"][0]["state"] == "confirmed"
    series = booking_input(
        space_id,
        str(uuid.uuid4()),
        at(first, "18:00"),
        at(first, "20:00"),
        recurrence={"frequency": "weekly", "count": 6},
    )

    refused = (await gql(REQUEST, worker, input=series))["data"]["requestBooking"]

    assert refused["bookings"] == []
    assert [(c["startsAt"][:10], c["reason"]) for c in refused["conflicts"]] == [
        (closed_week.isoformat(), "closed"),
        (taken_week.isoformat(), "booked"),
    ]
    booked = (await gql(REQUEST, worker, input={**series, "skipConflicts": True}))["data"]["requestBooking"]
    assert len(booked["bookings"]) == 4 and booked["seriesId"]
    assert {b["state"] for b in booked["bookings"]} == {"confirmed"}
    assert [c["reason"] for c in booked["conflicts"]] == ["closed", "booked"]


async def test_a_quota_of_four_hours_a_week_refuses_the_fifth_hour_and_lets_another_organisation_book(
    gql: Gql, create_space: Any, worker: str
) -> None:
    space_id = await create_space(autoConfirm=True, quota={"kind": "hours_per_week", "limit": 4})
    day, homework_club, choir = monday(), str(uuid.uuid4()), str(uuid.uuid4())
    for start, end in [("14:00", "16:00"), ("16:00", "17:00"), ("10:00", "11:00")]:
        body = await gql(
            REQUEST, worker, input=booking_input(space_id, homework_club, at(day, start), at(day, end))
        )
        assert body["data"]["requestBooking"]["bookings"][0]["state"] == "confirmed"

    fifth = booking_input(
        space_id, homework_club, at(day + timedelta(days=2), "10:00"), at(day + timedelta(days=2), "11:00")
    )
    refused_en = await gql(REQUEST, worker, input=fifth)
    refused_nl = await gql(REQUEST, worker, language="nl", input=fifth)

    assert refused_en["data"] is None
    assert refused_en["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "already has 4 of its 4 hours this week" in refused_en["errors"][0]["message"]
    assert "al 4 van haar 4 uur" in refused_nl["errors"][0]["message"]
    choir_hour = await gql(
        REQUEST, worker, input={**fifth, "organisation": {"kind": "tenant_group", "id": choir}}
    )
    assert choir_hour["data"]["requestBooking"]["bookings"][0]["state"] == "confirmed"
    next_week = booking_input(
        space_id, homework_club, at(day + timedelta(weeks=1), "10:00"), at(day + timedelta(weeks=1), "11:00")
    )
    assert (await gql(REQUEST, worker, input=next_week))["data"]["requestBooking"]["bookings"]


async def test_a_requested_booking_is_approved_by_staff_of_its_landlord_only(
    gql: Gql, create_space: Any, staff: str, worker: str, test_issuer: TestIssuer
) -> None:
    space_id = await create_space(autoConfirm=False)
    day = monday()
    requested = await gql(
        REQUEST, worker, input=booking_input(space_id, str(uuid.uuid4()), at(day, "10:00"), at(day, "12:00"))
    )
    booking = requested["data"]["requestBooking"]["bookings"][0]
    assert booking["state"] == "requested" and booking["booker"]
    approve = "mutation ($input: ApproveBookingInput!) { approveBooking(input: $input) { state booker } }"
    stranger = test_issuer.person("landlord_staff", str(uuid.uuid4()))

    refused = await gql(approve, stranger, input={"bookingId": booking["id"]})
    approved = await gql(approve, staff, input={"bookingId": booking["id"]})
    again = await gql(approve, staff, input={"bookingId": booking["id"]})

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert approved["data"]["approveBooking"] == {"state": "confirmed", "booker": booking["booker"]}
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"
    listing = """query ($id: ID!, $from: DateTime!, $to: DateTime!) { space(id: $id) {
        bookings(from: $from, to: $to) { items { state booker } } } }"""
    window = {"id": space_id, "from": at(day, "00:00").isoformat(), "to": at(day, "23:00").isoformat()}
    other_worker = test_issuer.person("community_worker", str(uuid.uuid4()))
    as_other = await gql(listing, other_worker, **window)
    as_staff = await gql(listing, staff, **window)
    assert as_other["data"]["space"]["bookings"]["items"] == [{"state": "confirmed", "booker": None}]
    assert as_staff["data"]["space"]["bookings"]["items"] == [
        {"state": "confirmed", "booker": booking["booker"]}
    ]


async def test_the_ical_feed_holds_the_series_with_its_cancelled_occurrence_as_exdate(
    gql: Gql, create_space: Any, worker: str, spaces_app: Any
) -> None:
    space_id = await create_space(autoConfirm=True, minCancellationNoticeHours=48)
    first = monday()
    series = booking_input(
        space_id,
        str(uuid.uuid4()),
        at(first, "19:00"),
        at(first, "21:00"),
        recurrence={"frequency": "weekly", "count": 4},
    )
    booked = (await gql(REQUEST, worker, input=series))["data"]["requestBooking"]["bookings"]
    cancel = (
        "mutation ($input: CancelBookingInput!) { cancelBooking(input: $input) { state lateCancellation } }"
    )
    cancelled = await gql(cancel, worker, input={"bookingId": booked[2]["id"]})
    assert cancelled["data"]["cancelBooking"] == [{"state": "cancelled", "lateCancellation": False}]
    feed = await gql("query ($id: ID!) { space(id: $id) { feedUrl } }", worker, id=space_id)
    url = feed["data"]["space"]["feedUrl"]
    assert url.startswith(SPACES + "/feeds/") and len(url) > len(SPACES) + 40

    async with httpx.AsyncClient(transport=httpx.ASGITransport(spaces_app)) as http:
        response = await http.get(url)
    calendar = Calendar.from_ical(response.content)

    assert response.headers["content-type"].startswith("text/calendar")
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == at(first, "19:00")
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["COUNT"] == [4]
    exdates = (
        [d.dt for d in event["EXDATE"].dts]
        if not isinstance(event["EXDATE"], list)
        else [d.dt for e in event["EXDATE"] for d in e.dts]
    )
    assert exdates == [at(first + timedelta(weeks=2), "19:00")]
    assert (
        await httpx.AsyncClient(transport=httpx.ASGITransport(spaces_app)).get(SPACES + "/feeds/guess.ics")
    ).status_code == 404


UPDATE = """mutation ($input: UpdateSpaceInput!) { updateSpace(input: $input) {
    capacity equipment policy { autoConfirm bufferMinutes } } }"""


async def test_staff_of_the_landlord_update_a_room_and_staff_of_another_landlord_may_not(
    gql: Gql, create_space: Any, staff: str, test_issuer: TestIssuer
) -> None:
    space_id = await create_space(autoConfirm=True)
    change = {"spaceId": space_id, "capacity": 12, "equipment": ["kitchen"], "policy": {"bufferMinutes": 15}}
    stranger = test_issuer.person("landlord_staff", str(uuid.uuid4()))

    refused = await gql(UPDATE, stranger, input=change)
    updated = await gql(UPDATE, staff, input=change)

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert updated["data"]["updateSpace"] == {
        "capacity": 12,
        "equipment": ["kitchen"],
        "policy": {"autoConfirm": False, "bufferMinutes": 15},
    }
    read = await gql("query ($id: ID!) { space(id: $id) { capacity } }", stranger, id=space_id)
    assert read["data"]["space"] == {"capacity": 12}


INDICATORS = """query ($landlord: ID!, $day: Date!) {
    indicators(landlordId: $landlord, from: $day, to: $day) {
    periodFrom spaces { total { openHours bookedHours occupancyRate } spaces { spaceId occupancyRate }
    organisations { organisation { id } bookedHours share }
    settledBookings noShows noShowRate decidedBookings medianApprovalHours } } }"""
APPROVE = "mutation ($input: ApproveBookingInput!) { approveBooking(input: $input) { state } }"
CHECK_IN = "mutation ($input: CheckInInput!) { checkIn(input: $input) { state } }"


async def test_indicators_of_real_bookings_give_occupancy_no_shows_and_median_approval_time(
    gql: Gql,
    staff: str,
    worker: str,
    landlord_id: str,
    spaces_app: Any,
    test_issuer: TestIssuer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    day = monday()
    clock = Clock(at(day - timedelta(days=2), "09:00"))
    monkeypatch.setattr("spaces.service.bookings.utcnow", clock)
    room = {
        "landlordId": landlord_id,
        "siteId": str(uuid.uuid4()),
        "name": {"nl": "Vergaderzaal", "fr": "Salle de réunion"},
        "capacity": 20,
        "openingHours": [{"weekday": "mon", "opens": "08:00", "closes": "18:00"}],
        "policy": {"autoConfirm": False},
    }
    space_id = (await gql(CREATE_SPACE, staff, input=room))["data"]["createSpace"]["id"]
    homework, choir = str(uuid.uuid4()), str(uuid.uuid4())
    ids = []
    for org, start, end in [
        (homework, "09:00", "10:00"),
        (homework, "10:00", "11:00"),
        (homework, "11:00", "12:00"),
        (choir, "12:00", "13:00"),
        (choir, "14:00", "16:00"),  # never decided: holds no booked hours
    ]:
        placed = await gql(REQUEST, worker, input=booking_input(space_id, org, at(day, start), at(day, end)))
        ids.append(placed["data"]["requestBooking"]["bookings"][0]["id"])
    for booking_id, hours_later in zip(ids[:4], [2, 2, 4, 4], strict=True):
        clock.now = at(day - timedelta(days=2), "09:00") + timedelta(hours=hours_later)
        approved = await gql(APPROVE, staff, input={"bookingId": booking_id})
        assert approved["data"]["approveBooking"]["state"] == "confirmed"
    for booking_id, arrival in [(ids[0], "09:05"), (ids[1], "10:05"), (ids[3], "12:05")]:
        clock.now = at(day, arrival)
        assert (await gql(CHECK_IN, worker, input={"bookingId": booking_id}))["data"]["checkIn"]
    assert len(await mark_no_shows(spaces_app.state.runtime.sessions, now=at(day, "18:00"))) == 1

    found = await gql(INDICATORS, staff, landlord=landlord_id, day=day.isoformat())
    refused = await gql(INDICATORS, worker, landlord=landlord_id, day=day.isoformat())

    spaces = found["data"]["indicators"]["spaces"]
    assert spaces["total"] == {"openHours": 10.0, "bookedHours": 4.0, "occupancyRate": 0.4}
    assert spaces["spaces"] == [{"spaceId": raw_id(space_id), "occupancyRate": 0.4}]
    assert spaces["organisations"] == [
        {"organisation": {"id": homework}, "bookedHours": 3.0, "share": 0.75},
        {"organisation": {"id": choir}, "bookedHours": 1.0, "share": 0.25},
    ]
    assert (spaces["settledBookings"], spaces["noShows"], spaces["noShowRate"]) == (4, 1, 0.25)
    assert (spaces["decidedBookings"], spaces["medianApprovalHours"]) == (4, 3.0)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert refused["errors"][0]["path"] == ["indicators", "spaces"], "only the rooms' part is refused"
    assert refused["data"]["indicators"]["spaces"] is None


async def test_a_space_is_refetched_by_its_global_id_and_found_by_its_raw_uuid(
    gql: Gql, create_space: Any, staff: str
) -> None:
    space_id = await create_space(autoConfirm=True)
    node = await gql("query ($id: ID!) { node(id: $id) { id ... on Space { name } } }", staff, id=space_id)
    assert node["data"]["node"] == {"id": space_id, "name": "Buurtzaal"}
    nodes = await gql("query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", staff, ids=[space_id, space_id])
    assert nodes["data"]["nodes"] == [{"id": space_id}, {"id": space_id}]
    by_raw = await gql("query ($id: ID!) { space(id: $id) { id } }", staff, id=raw_id(space_id))
    assert by_raw["data"]["space"]["id"] == space_id


async def test_a_taken_slot_says_which_interval_clashes_but_not_who_holds_it(
    gql: Gql, create_space: Any, worker: str
) -> None:
    space_id = await create_space(autoConfirm=True)
    day = monday()
    first = booking_input(space_id, str(uuid.uuid4()), at(day, "10:00"), at(day, "11:00"))
    assert (await gql(REQUEST, worker, input=first))["data"]["requestBooking"]["bookings"]
    clashing = booking_input(space_id, str(uuid.uuid4()), at(day, "10:30"), at(day, "11:30"))
    refused = await gql(REQUEST, worker, input=clashing)
    extensions = refused["errors"][0]["extensions"]
    assert extensions["code"] == "CONFLICT" and set(extensions["clash"]) == {"startsAt", "endsAt"}
    held = (
        datetime.fromisoformat(extensions["clash"]["startsAt"]),
        datetime.fromisoformat(extensions["clash"]["endsAt"]),
    )
    assert held[0] == at(day, "10:00") and held[1] >= at(day, "11:00")
    assert first["organisation"]["id"] not in str(refused)
