"""A community worker finds a free room, reads its week, books it (once or weekly), is told in
plain words why a slot cannot be booked, and cancels own bookings (gateway faked)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from .conftest import LANDLORD_ID, FakeGateway

BRUSSELS = ZoneInfo("Europe/Brussels")
SPACE_ID = "0f0e0d0c-0000-4000-8000-00000000aaaa"
SITE_ID = "0f0e0d0c-0000-4000-8000-00000000bbbb"
NEXT_MONDAY = date.today() + timedelta(days=7 - date.today().weekday())


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), BRUSSELS).isoformat()


class WorkerGateway(FakeGateway):
    """The fake gateway with rooms, a week of one room and the worker's bookings."""

    def __init__(self) -> None:
        super().__init__()
        self.me = {
            "kind": "PERSON",
            "person": {"displayName": "Camille"},
            "household": None,
            "memberships": [{"role": "community_worker", "landlord": {"id": LANDLORD_ID}}],
        }
        self.booking_result: dict[str, Any] = {"seriesId": None, "bookings": [], "conflicts": []}

    def data(self, operation: str) -> dict[str, Any]:
        space = {
            "id": SPACE_ID,
            "siteId": SITE_ID,
            "landlordId": LANDLORD_ID,
            "name": "Salle des Tilleuls",
            "capacity": 20,
            "accessibility": ["step_free_access"],
            "equipment": [],
            "houseRules": "Rangez la salle.",
        }
        taken = {
            "id": "b0",
            "startsAt": at(NEXT_MONDAY, 14),
            "endsAt": at(NEXT_MONDAY, 16),
            "state": "confirmed",
            "purpose": "Café",
        }
        free = [
            {"startsAt": at(NEXT_MONDAY, 9), "endsAt": at(NEXT_MONDAY, 14)},
            {"startsAt": at(NEXT_MONDAY, 16), "endsAt": at(NEXT_MONDAY, 21)},
        ]
        mine = {
            "id": "b1",
            "seriesId": "s1",
            "purpose": "École de devoirs",
            "attendees": 8,
            "startsAt": at(NEXT_MONDAY, 10),
            "endsAt": at(NEXT_MONDAY, 12),
            "state": "confirmed",
            "rejectionReason": None,
            "space": {"id": SPACE_ID, "name": "Salle des Tilleuls"},
        }
        extra = {
            "WorkerSites": {
                "landlord": {"name": "Foyer", "sites": [{"id": SITE_ID, "name": "Cité des Tilleuls"}]}
            },
            "FindSpaces": {"spaces": {"nodes": [space]}},
            "SpaceWeek": {
                "space": {
                    **space,
                    "openingHours": [{"weekday": "mon", "opens": "09:00", "closes": "21:00"}],
                    "availability": free,
                    "bookings": {"nodes": [taken]},
                }
            },
            "BookingSpace": {"space": space},
            "SpaceClash": {"space": {"bookings": {"nodes": [taken]}, "availability": free}},
            "RequestBooking": {"requestBooking": self.booking_result},
            "MyBookings": {"myBookings": {"nodes": [mine]}},
            "CancelBooking": {"cancelBooking": [{"id": "b1", "state": "cancelled"}]},
        }
        return extra[operation] if operation in extra else super().data(operation)


@pytest.fixture
def gateway() -> WorkerGateway:
    return WorkerGateway()


async def sign_in_worker(browser: httpx.AsyncClient) -> None:
    response = await browser.post("/login/account", data={"username": "worker.demo", "password": "pw"})
    assert response.status_code == 303


async def test_a_worker_searches_free_rooms_by_site_capacity_access_and_time(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    form = await browser.get("/worker/rooms")
    assert form.status_code == 200 and "Trouver une salle libre" in unescape(form.text)
    query = {
        "site": SITE_ID,
        "capacity": "12",
        "access": "step_free_access",
        "day": NEXT_MONDAY.isoformat(),
        "start": "10:00",
        "end": "12:00",
    }
    page = await browser.get("/worker/rooms", params=query)
    text = unescape(page.text)
    assert page.status_code == 200
    assert "Salle des Tilleuls" in text and "Libre à ce moment" in text and "Accès sans marches" in text
    variables = gateway.last("FindSpaces")["variables"]
    assert variables["siteId"] == SITE_ID and variables["minCapacity"] == 12
    assert variables["accessible"] == ["step_free_access"]
    assert variables["freeFrom"] == at(NEXT_MONDAY, 10) and variables["freeTo"] == at(NEXT_MONDAY, 12)
    assert f"/worker/rooms/{SPACE_ID}/book?day={NEXT_MONDAY.isoformat()}&amp;start=10:00" in page.text


async def test_wrong_search_criteria_are_named_per_field(browser: httpx.AsyncClient) -> None:
    await sign_in_worker(browser)
    page = await browser.get("/worker/rooms", params={"capacity": "many", "day": "x", "start": "10:00"})
    text = unescape(page.text)
    assert page.status_code == 400
    assert "Donnez un nombre entre 1 et 1000." in text and "Choisissez un jour." in text


async def test_the_week_is_a_table_of_days_and_hours_saying_free_or_taken_in_words(
    browser: httpx.AsyncClient,
) -> None:
    await sign_in_worker(browser)
    page = await browser.get(f"/worker/rooms/{SPACE_ID}", params={"week": NEXT_MONDAY.isoformat()})
    text = unescape(page.text)
    assert page.status_code == 200
    assert "<table" in text and '<th scope="col">' in text and '<th scope="row">14:00</th>' in text
    assert f"lundi {NEXT_MONDAY.strftime('%d/%m/%Y')}" in text
    monday_14 = text.split('<th scope="row">14:00</th>')[1].split("</tr>")[0]
    assert "Occupé" in monday_14.split("</td>")[0]
    monday_10 = text.split('<th scope="row">10:00</th>')[1].split("</td>")[0]
    assert "Libre" in monday_10 and "start=10:00&end=11:00" in monday_10


async def test_a_single_booking_goes_through_and_shows_in_my_bookings(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    gateway.booking_result["bookings"] = [{"id": "b1", "startsAt": "x", "endsAt": "y", "state": "confirmed"}]
    form = {
        "day": NEXT_MONDAY.isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "École de devoirs",
        "attendees": "8",
        "repeat": "once",
    }
    response = await browser.post(f"/worker/rooms/{SPACE_ID}/book", data=form)
    assert response.status_code == 303 and response.headers["location"].startswith(
        "/worker/bookings?done=confirmed"
    )
    sent = gateway.last("RequestBooking")["variables"]["input"]
    assert sent["organisation"] == {"kind": "tenant_group", "id": SITE_ID}
    assert sent["startsAt"] == at(NEXT_MONDAY, 10) and sent["recurrence"] is None
    page = await browser.get(response.headers["location"])
    assert "C'est réservé" in unescape(page.text) and "École de devoirs" in unescape(page.text)


async def test_a_weekly_booking_sends_a_series(browser: httpx.AsyncClient, gateway: WorkerGateway) -> None:
    await sign_in_worker(browser)
    gateway.booking_result["bookings"] = [{"id": "b1", "startsAt": "x", "endsAt": "y", "state": "requested"}]
    form = {
        "day": NEXT_MONDAY.isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "Cours de français",
        "attendees": "8",
        "repeat": "weekly",
        "weeks": "6",
    }
    response = await browser.post(f"/worker/rooms/{SPACE_ID}/book", data=form)
    assert response.headers["location"].startswith("/worker/bookings?done=requested")
    assert gateway.last("RequestBooking")["variables"]["input"]["recurrence"] == {
        "frequency": "weekly",
        "count": 6,
    }


async def test_a_taken_slot_is_explained_with_what_clashes_and_the_next_free_times(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    gateway.errors["RequestBooking"] = {
        "message": "Cette salle est déjà réservée à ce moment.",
        "extensions": {"code": "CONFLICT"},
    }
    form = {
        "day": NEXT_MONDAY.isoformat(),
        "start": "15:00",
        "end": "17:00",
        "purpose": "Réunion",
        "attendees": "10",
    }
    page = await browser.post(f"/worker/rooms/{SPACE_ID}/book", data=form)
    text = unescape(page.text)
    assert page.status_code == 409
    day = f"lundi {NEXT_MONDAY.strftime('%d/%m/%Y')}"
    assert "Cette salle est déjà réservée à ce moment." in text
    assert f"Vous avez demandé : {day} de 15:00 à 17:00." in text
    assert f"occupée {day} de 14:00 à 16:00" in text
    assert f"Réserver : {day} de 16:00 à 18:00" in text
    assert 'value="Réunion"' in text


async def test_a_series_with_taken_weeks_lists_them_and_offers_to_book_the_others(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    later = NEXT_MONDAY + timedelta(days=14)
    gateway.booking_result["conflicts"] = [
        {"startsAt": at(later, 10), "endsAt": at(later, 12), "reason": "closed"}
    ]
    form = {
        "day": NEXT_MONDAY.isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "Cours",
        "attendees": "8",
        "repeat": "weekly",
        "weeks": "4",
    }
    page = await browser.post(f"/worker/rooms/{SPACE_ID}/book", data=form)
    text = unescape(page.text)
    assert page.status_code == 409
    assert f"lundi {later.strftime('%d/%m/%Y')} de 10:00 à 12:00 : la salle est fermée" in text
    assert "Réserver les autres semaines (3)" in text and 'name="skip_conflicts" value="1"' in text


async def test_wrong_booking_input_is_named_per_field_and_gateway_validation_too(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    page = await browser.post(
        f"/worker/rooms/{SPACE_ID}/book",
        data={
            "day": NEXT_MONDAY.isoformat(),
            "start": "12:00",
            "end": "10:00",
            "purpose": "",
            "attendees": "50",
        },
    )
    text = unescape(page.text)
    assert page.status_code == 400
    assert "La fin doit venir après le début." in text
    assert "Dites pour quoi vous avez besoin de la salle." in text
    assert "Cette salle accueille au plus 20 personnes." in text
    assert "RequestBooking" not in [c["operation"] for c in gateway.calls]
    gateway.errors["RequestBooking"] = {
        "message": "Dites à quoi sert la salle.",
        "extensions": {"code": "VALIDATION", "field": "purpose"},
    }
    form = {
        "day": NEXT_MONDAY.isoformat(),
        "start": "10:00",
        "end": "12:00",
        "purpose": "x",
        "attendees": "3",
    }
    page = await browser.post(f"/worker/rooms/{SPACE_ID}/book", data=form)
    assert page.status_code == 400 and 'id="purpose-error">Dites à quoi sert la salle.' in unescape(page.text)


async def test_a_worker_cancels_a_booking_or_the_rest_of_its_series(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    page = await browser.get("/worker/bookings")
    assert "Annuler celle-ci et les semaines suivantes" in unescape(page.text)
    response = await browser.post("/worker/bookings/b1/cancel", data={"whole_series": "1"})
    assert response.status_code == 303 and "done=cancelled" in response.headers["location"]
    assert gateway.last("CancelBooking")["variables"]["input"] == {"bookingId": "b1", "wholeSeries": True}
    gateway.errors["CancelBooking"] = {
        "message": "Trop tard pour annuler.",
        "extensions": {"code": "CONFLICT"},
    }
    page = await browser.post("/worker/bookings/b1/cancel")
    assert page.status_code == 409 and "Trop tard pour annuler." in unescape(page.text)


async def test_gateway_errors_show_in_the_page_language_not_a_crash(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    await sign_in_worker(browser)
    gateway.errors["SpaceWeek"] = {
        "message": "Cette salle n'existe pas.",
        "extensions": {"code": "NOT_FOUND"},
    }
    page = await browser.get(f"/worker/rooms/{SPACE_ID}")
    assert page.status_code == 404 and "Cette salle n'existe pas." in unescape(page.text)
    gateway.errors["FindSpaces"] = {"message": "Erreur inattendue.", "extensions": {"code": "INTERNAL"}}
    page = await browser.get("/worker/rooms", params={"capacity": "3"})
    assert page.status_code == 502 and "Erreur inattendue." in unescape(page.text)


async def test_the_worker_pages_are_for_workers_and_signed_in_people(
    browser: httpx.AsyncClient, gateway: WorkerGateway
) -> None:
    assert (await browser.get("/worker/rooms")).status_code == 303
    gateway.me = {**gateway.me, "memberships": [{"role": "council_member", "landlord": {"id": LANDLORD_ID}}]}
    await sign_in_worker(browser)
    page = await browser.get("/worker/bookings")
    assert page.status_code == 403 and "travailleurs sociaux" in unescape(page.text)


async def test_worker_links_show_in_the_header_for_workers_only(browser: httpx.AsyncClient) -> None:
    await sign_in_worker(browser)
    assert 'href="/worker/rooms"' in (await browser.get("/")).text
