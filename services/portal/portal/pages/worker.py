"""The community worker's pages: find a free room, its week calendar, book once or weekly,
conflicts explained, own bookings and cancelling them (routes under /worker).

A worker books on behalf of the tenants of the room's site (organisation ``tenant_group`` with
the site's id): the spaces service has no register of tenant groups, and the site's tenants are
who a community room serves. Quotas then count per site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response

from portal import queries_worker as q
from portal.deps import Visit, VisitDep, see_other
from portal.forms import field_name, labels, message
from portal.gateway import GatewayError, nodes
from portal.i18n import BRUSSELS
from portal.ids import raw_id
from portal.worker_calendar import (
    Period,
    at,
    build_week,
    holding,
    hour_span,
    monday_of,
    next_free,
    overlaps,
    parse_periods,
)

router = APIRouter(prefix="/worker")
BOOKERS = frozenset({"community_worker", "landlord_staff"})
ACCESSIBILITY = ("step_free_access", "accessible_toilet", "hearing_loop", "lift", "accessible_parking")
PURPOSE_MAX = 300
MAX_WEEKS = 52
LOOK_AHEAD = timedelta(days=14)
NOT_A_WORKER = "portal.worker.not_a_worker"
FORM_FIELDS = {"purpose": "purpose", "attendees": "attendees", "recurrence": "weeks"}
REASONS = ("closed", "outside_opening_hours", "too_short_notice", "too_far_ahead", "booked", "quota")


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- finding a room ---------------------------------------------------------------------------


@router.get("/rooms")
async def rooms(
    visit: VisitDep,
    site: str = "",
    capacity: str = "",
    access: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI reads the default
    day: str = "",
    start: str = "",
    end: str = "",
) -> Response:
    """The search form; with criteria, the rooms that match (free then, when a time is given)."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    form = {"site": site, "capacity": capacity, "access": access, "day": day, "start": start, "end": end}
    sites = await _sites(visit)
    searched = any((site, capacity, access, day, start, end))
    if not searched:
        return visit.render("worker/rooms.html", sites=sites, form=form, rooms=None, errors={})
    errors: dict[str, str] = {}
    variables: dict[str, Any] = {"landlordId": visit.user().landlord_id}
    if site:
        variables["siteId"] = site
    if capacity:
        if capacity.strip().isdigit() and 1 <= int(capacity) <= 1000:
            variables["minCapacity"] = int(capacity)
        else:
            errors["capacity"] = visit.t("portal.worker.capacity_invalid")
    if access:
        variables["accessible"] = [a for a in access if a in ACCESSIBILITY]
    period = _period(visit, day, start, end, errors, required=False)
    if period is not None:
        variables["freeFrom"], variables["freeTo"] = (p.isoformat() for p in period)
    if errors:
        return visit.render("worker/rooms.html", 400, sites=sites, form=form, rooms=None, errors=errors)
    found = nodes((await visit.gateway.run(q.FIND_SPACES, **variables))["spaces"])
    site_names = {raw_id(s["id"]): s["name"] for s in sites}
    week = (period[0].date() if period else datetime.now(BRUSSELS).date()).isoformat()
    return visit.render(
        "worker/rooms.html",
        sites=sites,
        form=form,
        rooms=found,
        site_names=site_names,
        week=week,
        errors={},
        free_then=period is not None,
    )


async def _sites(visit: Visit) -> list[dict[str, Any]]:
    landlord = visit.user().landlord_id
    if landlord is None:
        return []
    data = await visit.gateway.run(q.SITES, landlordId=landlord)
    return list((data.get("landlord") or {}).get("sites") or [])


def _period(
    visit: Visit, day: str, start: str, end: str, errors: dict[str, str], *, required: bool
) -> Period | None:
    """The Brussels period of ``day`` ``start``–``end``; errors named by field."""
    if not (day or start or end) and not required:
        return None
    try:
        the_day = date.fromisoformat(day)
    except ValueError:
        errors["day"] = visit.t("portal.worker.day_invalid")
        return None
    times = {}
    for name, value in (("start", start), ("end", end)):
        try:
            times[name] = time.fromisoformat(value)
        except ValueError:
            errors[name] = visit.t("portal.worker.time_invalid")
    if errors:
        return None
    if times["end"] <= times["start"]:
        errors["end"] = visit.t("portal.worker.end_before_start")
        return None
    return at(the_day, times["start"]), at(the_day, times["end"])


# --- the week calendar -------------------------------------------------------------------------


@router.get("/rooms/{space_id}")
async def calendar(space_id: str, visit: VisitDep, week: str = "") -> Response:
    """The room's week: a table of days × hours saying which hours are free, taken or closed."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    try:
        monday = monday_of(date.fromisoformat(week)) if week else monday_of(datetime.now(BRUSSELS).date())
    except ValueError:
        monday = monday_of(datetime.now(BRUSSELS).date())
    start, end = at(monday, time(0)), at(monday + timedelta(days=7), time(0))
    data = await visit.gateway.run(
        q.SPACE_WEEK, id=space_id, **{"from": start.isoformat(), "to": end.isoformat()}
    )
    space = data["space"]
    bookings = nodes(space["bookings"])
    grid = build_week(
        monday,
        hour_span(space["openingHours"]),
        parse_periods(space["availability"]),
        holding(bookings),
        datetime.now(UTC),
    )
    return visit.render("worker/calendar.html", space=space, week=grid, **labels(visit.t))


# --- booking -----------------------------------------------------------------------------------


@dataclass
class BookingForm:
    """What the worker typed (kept to show the form again)."""

    day: str = ""
    start: str = ""
    end: str = ""
    purpose: str = ""
    attendees: str = ""
    repeat: str = "once"
    weeks: str = "4"
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Clash:
    """Why a booking could not be made, in plain words, and what the worker can do instead."""

    message: str
    period: Period | None = None
    taken: list[Period] = field(default_factory=list)
    proposals: list[Period] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)
    bookable: int = 0


@router.get("/rooms/{space_id}/book")
async def booking_form(
    space_id: str, visit: VisitDep, day: str = "", start: str = "", end: str = ""
) -> Response:
    """The booking form, filled in from the calendar's hour."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    space = (await visit.gateway.run(q.SPACE, id=space_id))["space"]
    return _form(visit, space, BookingForm(day=day, start=start, end=end))


@router.post("/rooms/{space_id}/book")
async def book(space_id: str, request: Request, visit: VisitDep) -> Response:
    """Ask the gateway for the booking; explain a conflict, else go to the worker's bookings."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    sent = await request.form()
    day, start, end, purpose, attendees = (
        str(sent.get(k, "")).strip() for k in ("day", "start", "end", "purpose", "attendees")
    )
    form = BookingForm(day=day, start=start, end=end, purpose=purpose, attendees=attendees)
    form.repeat = "weekly" if sent.get("repeat") == "weekly" else "once"
    form.weeks = str(sent.get("weeks", "4")).strip()
    space = (await visit.gateway.run(q.SPACE, id=space_id))["space"]
    payload = _payload(visit, space, form)
    if payload is None:
        return _form(visit, space, form, status=400)
    payload["skipConflicts"] = sent.get("skip_conflicts") == "1"
    period = (_iso(payload["startsAt"]), _iso(payload["endsAt"]))
    try:
        result = (await visit.gateway.run(q.REQUEST_BOOKING, input=payload))["requestBooking"]
    except GatewayError as refused_booking:
        message(refused_booking)  # VALIDATION or CONFLICT; anything else is raised again
        name = FORM_FIELDS.get(field_name(refused_booking))
        if refused_booking.code == "VALIDATION" and name is not None:
            form.errors[name] = refused_booking.message
            return _form(visit, space, form, status=400)
        clash = await _explain(visit, space_id, period, refused_booking.message)
        return _form(visit, space, form, clash=clash, status=409)
    if result["conflicts"] and not result["bookings"]:
        clash = Clash(
            message=visit.t("portal.worker.series_clash", count=len(result["conflicts"])),
            series=[
                {"period": (_iso(c["startsAt"]), _iso(c["endsAt"])), "reason": _reason(visit, c["reason"])}
                for c in result["conflicts"]
            ],
            bookable=int(form.weeks or 0) - len(result["conflicts"]),
        )
        return _form(visit, space, form, clash=clash, status=409)
    states = {b["state"] for b in result["bookings"]}
    done = "requested" if "requested" in states else "confirmed"
    return see_other(f"/worker/bookings?done={done}&count={len(result['bookings'])}")


def _payload(visit: Visit, space: dict[str, Any], form: BookingForm) -> dict[str, Any] | None:
    """The ``RequestBookingInput``, or None with ``form.errors`` naming each wrong field."""
    period = _period(visit, form.day, form.start, form.end, form.errors, required=True)
    if not form.purpose:
        form.errors["purpose"] = visit.t("portal.worker.purpose_missing")
    elif len(form.purpose) > PURPOSE_MAX:
        form.errors["purpose"] = visit.t("portal.worker.purpose_too_long", max=PURPOSE_MAX)
    if not form.attendees.isdigit() or int(form.attendees) < 1:
        form.errors["attendees"] = visit.t("portal.worker.attendees_invalid")
    elif int(form.attendees) > space["capacity"]:
        form.errors["attendees"] = visit.t("portal.worker.attendees_too_many", capacity=space["capacity"])
    weekly = form.repeat == "weekly"
    if weekly and not (form.weeks.isdigit() and 2 <= int(form.weeks) <= MAX_WEEKS):
        form.errors["weeks"] = visit.t("portal.worker.weeks_invalid", max=MAX_WEEKS)
    if form.errors or period is None:
        return None
    return {
        "spaceId": space["id"],
        "organisation": {"kind": "tenant_group", "id": space["siteId"]},
        "purpose": form.purpose,
        "attendees": int(form.attendees),
        "startsAt": period[0].isoformat(),
        "endsAt": period[1].isoformat(),
        "recurrence": {"frequency": "weekly", "count": int(form.weeks)} if weekly else None,
    }


def _reason(visit: Visit, reason: str) -> str:
    return visit.t(f"portal.worker.reason_{reason if reason in REASONS else 'booked'}")


async def _explain(visit: Visit, space_id: str, period: Period, message: str) -> Clash:
    """What holds the room then and the next free times of the same length."""
    day_start = at(period[0].astimezone(BRUSSELS).date(), time(0))
    data = await visit.gateway.run(
        q.SPACE_CLASH,
        id=space_id,
        nextTo=(period[0] + LOOK_AHEAD).isoformat(),
        **{"from": day_start.isoformat(), "to": period[1].isoformat()},
    )
    space = data["space"]
    taken = [p for p in holding(nodes(space["bookings"])) if overlaps(period, [p])]
    free = parse_periods(space["availability"])
    after = max(period[0], datetime.now(UTC))
    proposals = next_free(free, period[1] - period[0], after)
    return Clash(message=message, period=period, taken=taken, proposals=proposals)


def _form(
    visit: Visit, space: dict[str, Any], form: BookingForm, clash: Clash | None = None, status: int = 200
) -> Response:
    return visit.render(
        "worker/book.html",
        status,
        space=space,
        form=form,
        errors=form.errors,
        clash=clash,
        max_weeks=MAX_WEEKS,
        **labels(visit.t),
    )


# --- the worker's bookings ---------------------------------------------------------------------


@router.get("/bookings")
async def my_bookings(visit: VisitDep, done: str = "", count: int = 0) -> Response:
    """What the worker booked, latest first, with a way to cancel what is still to come."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    notice = done if done in ("confirmed", "requested", "cancelled") else None
    return await _bookings_page(visit, notice=notice, count=count)


@router.post("/bookings/{booking_id}/cancel")
async def cancel(booking_id: str, visit: VisitDep, whole_series: Annotated[str, Form()] = "") -> Response:
    """Cancel one booking (or it and the later dates of its series)."""
    if (denied := visit.require(BOOKERS, NOT_A_WORKER)) is not None:
        return denied
    payload = {"bookingId": booking_id, "wholeSeries": whole_series == "1"}
    try:
        cancelled = (await visit.gateway.run(q.CANCEL_BOOKING, input=payload))["cancelBooking"]
    except GatewayError as refused_cancel:
        error = message(refused_cancel, "CONFLICT", "VALIDATION", "FORBIDDEN", "NOT_FOUND")
        return await _bookings_page(visit, error=error, status=409)
    return see_other(f"/worker/bookings?done=cancelled&count={len(cancelled)}")


async def _bookings_page(
    visit: Visit, notice: str | None = None, count: int = 0, error: str | None = None, status: int = 200
) -> Response:
    page = (await visit.gateway.run(q.MY_BOOKINGS))["myBookings"]
    now = datetime.now(UTC)
    bookings = [
        {
            **b,
            "period": (_iso(b["startsAt"]), _iso(b["endsAt"])),
            "cancellable": b["state"] in ("requested", "confirmed") and _iso(b["startsAt"]) > now,
        }
        for b in nodes(page)
    ]
    return visit.render(
        "worker/bookings.html",
        status,
        bookings=bookings,
        notice=notice,
        count=count,
        error=error,
        **labels(visit.t),
    )
