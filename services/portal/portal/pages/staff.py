"""The landlord staff's pages: ask the council for advice and answer it, approve bookings,
publish consultations and their follow-up ("you said, we did"), and the indicators.

Like the council's pages: plain forms, POST then a 303 to a page saying what happened, and the
gateway's refusals shown next to the field they name, in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from portal import queries_staff as q
from portal.deps import Visit, VisitDep, see_other
from portal.forms import message, parse_day, refusal
from portal.gateway import GatewayError, nodes
from portal.ids import raw_id
from portal.pages.council import texts, today

router = APIRouter(prefix="/staff")
SUBJECTS = (
    "maintenance_programme",
    "service_charges",
    "house_rules",
    "collective_equipment",
    "social_activities",
)
RESPONSES = ("followed", "partly_followed", "not_followed")
TEXT_MAX = 4000
BOOKINGS_AHEAD = timedelta(days=60)  # the gateway lists at most 62 days of bookings at once
DEFAULT_THRESHOLD = 5
STAFF = ("landlord_staff", "regional_admin")
STAFF_ONLY = "portal.staff.staff_only"


def _staff(visit: Visit) -> str | None:
    """The landlord of the signed-in staff member (or regional admin); None when not staff or of
    no landlord, and the page refuses."""
    return visit.user().landlord_id if visit.require(STAFF, STAFF_ONLY) is None else None


@router.get("")
async def staff_home(visit: VisitDep) -> Response:
    """The staff's pages, one link each."""
    if _staff(visit) is None:
        return visit.forbidden(STAFF_ONLY)
    return visit.render("staff/home.html")


# Advice ----------------------------------------------------------------------------------


async def _advice_page(
    visit: Visit, landlord: str, errors: dict[str, dict[str, str]], form: dict[str, Any], status: int = 200
) -> Response:
    councils = (await visit.gateway.run(q.STAFF_ADVICE, landlordId=landlord))["councils"]
    council = councils[0] if councils else None
    advice = nodes(council["advice"]) if council else []
    day = today()
    for a in advice:
        due = parse_day(a.get("answerDueOn") or "")
        a["late"] = bool(a.get("overdue")) or (a["state"] == "issued" and due is not None and due < day)
    advice.sort(key=lambda a: (a["state"] != "issued", not a["late"], a.get("answerDueOn") or "9999"))
    return visit.render(
        "staff/advice.html",
        status,
        council=council,
        advice=advice,
        subjects=SUBJECTS,
        responses=RESPONSES,
        errors=errors,
        form=form,
        min_due=(day + timedelta(days=1)).isoformat(),
        done=visit.request.query_params.get("done"),
    )


@router.get("/advice")
async def advice(visit: VisitDep) -> Response:
    """The council's advice: what to answer (overdue first) and a form to ask for advice."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    return await _advice_page(visit, landlord, {}, {})


@router.post("/advice")
async def request_advice(
    visit: VisitDep,
    subject: Annotated[str, Form()] = "",
    question: Annotated[str, Form()] = "",
    due_on: Annotated[str, Form()] = "",
) -> Response:
    """Ask the council for advice on a statutory subject, by a date."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    form = {"subject": subject, "question": question, "due_on": due_on}
    errors: dict[str, str] = {}
    due = parse_day(due_on)
    if subject not in SUBJECTS:
        errors["subject"] = visit.t("portal.staff.subject_missing")
    if not question.strip():
        errors["question"] = visit.t("portal.staff.question_missing")
    elif len(question) > TEXT_MAX:
        errors["question"] = visit.t("portal.staff.text_too_long", max=TEXT_MAX)
    if due is None:
        errors["due_on"] = visit.t("portal.staff.due_missing")
    elif due <= today():
        errors["due_on"] = visit.t("portal.staff.due_in_past")
    councils = (await visit.gateway.run(q.STAFF_ADVICE, landlordId=landlord))["councils"]
    if not councils:
        errors["form"] = visit.t("portal.council.none")
    if not errors:
        payload = {
            "councilId": councils[0]["id"],
            "subject": subject.upper(),
            "question": texts(visit.lang, question),
            "dueOn": due_on.strip(),
        }
        try:
            await visit.gateway.run(q.REQUEST_ADVICE, input=payload)
        except GatewayError as refusal_:
            errors = refusal(refusal_, ("subject", "question", "due_on"))
        else:
            return see_other("/staff/advice?done=requested")
    return await _advice_page(visit, landlord, {"request": errors}, {"request": form}, 400)


@router.post("/advice/{advice_id}/answer")
async def answer_advice(
    advice_id: str,
    visit: VisitDep,
    response: Annotated[str, Form()] = "",
    justification: Annotated[str, Form()] = "",
) -> Response:
    """Answer the council's advice; anything but "followed" needs a written justification."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    form = {"response": response, "justification": justification}
    errors: dict[str, str] = {}
    if response not in RESPONSES:
        errors["response"] = visit.t("portal.staff.response_missing")
    elif len(justification) > TEXT_MAX:
        errors["justification"] = visit.t("portal.staff.text_too_long", max=TEXT_MAX)
    if not errors:
        payload = {
            "adviceId": advice_id,
            "response": response.upper(),
            "justification": justification.strip() or None,
        }
        try:
            await visit.gateway.run(q.ANSWER_ADVICE, input=payload)
        except GatewayError as refusal_:
            errors = refusal(refusal_, ("response", "justification"))
        else:
            return see_other(f"/staff/advice?done=answered#advice-{advice_id}")
    return await _advice_page(visit, landlord, {advice_id: errors}, {advice_id: form}, 400)


# Bookings --------------------------------------------------------------------------------


async def _bookings_page(visit: Visit, landlord: str, errors: dict[str, str], status: int = 200) -> Response:
    now = datetime.now(UTC)
    data = await visit.gateway.run(
        q.PENDING_BOOKINGS,
        landlordId=landlord,
        **{"from": now.isoformat(), "to": (now + BOOKINGS_AHEAD).isoformat()},
    )
    pending = [
        {**booking, "space": space}
        for space in nodes(data["spaces"])
        for booking in nodes(space["bookings"])
        if booking["state"] == "requested"
    ]
    pending.sort(key=lambda b: b["startsAt"])
    return visit.render(
        "staff/bookings.html",
        status,
        pending=pending,
        errors=errors,
        done=visit.request.query_params.get("done"),
    )


@router.get("/bookings")
async def bookings(visit: VisitDep) -> Response:
    """Bookings of the landlord's rooms waiting for approval (the next two months)."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    return await _bookings_page(visit, landlord, {})


@router.post("/bookings/{booking_id}")
async def decide_booking(
    booking_id: str,
    visit: VisitDep,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Approve a booking, or reject it with a reason the booker reads."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    if decision == "reject" and not reason.strip():
        return await _bookings_page(
            visit, landlord, {booking_id: visit.t("portal.staff.reason_missing")}, 400
        )
    try:
        if decision == "approve":
            await visit.gateway.run(q.APPROVE_BOOKING, input={"bookingId": booking_id})
        elif decision == "reject":
            await visit.gateway.run(
                q.REJECT_BOOKING, input={"bookingId": booking_id, "reason": reason.strip()}
            )
        else:
            return await _bookings_page(
                visit, landlord, {booking_id: visit.t("portal.staff.decision_missing")}, 400
            )
    except GatewayError as refusal_:
        return await _bookings_page(visit, landlord, {booking_id: message(refusal_)}, 400)
    return see_other(f"/staff/bookings?done={'approved' if decision == 'approve' else 'rejected'}")


# Consultations and "you said, we did" ----------------------------------------------------


async def _consultations_page(
    visit: Visit, landlord: str, errors: dict[str, dict[str, str]], form: dict[str, Any], status: int = 200
) -> Response:
    data = await visit.gateway.run(q.STAFF_CONSULTATIONS, landlordId=landlord)
    return visit.render(
        "staff/consultations.html",
        status,
        consultations=nodes(data["consultations"]),
        errors=errors,
        form=form,
        done=visit.request.query_params.get("done"),
    )


@router.get("/consultations")
async def consultations(visit: VisitDep) -> Response:
    """Drafts to publish, and closed consultations waiting for their follow-up."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    return await _consultations_page(visit, landlord, {}, {})


@router.post("/consultations/{consultation_id}/publish")
async def publish(consultation_id: str, visit: VisitDep) -> Response:
    """Publish a draft; the gateway says (in the page's language) what is still missing."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    try:
        await visit.gateway.run(q.PUBLISH_CONSULTATION, input={"id": consultation_id})
    except GatewayError as refusal_:
        errors = {consultation_id: {"form": message(refusal_)}}
        return await _consultations_page(visit, landlord, errors, {}, 400)
    return see_other(f"/staff/consultations?done=published#consultation-{consultation_id}")


@router.post("/consultations/{consultation_id}/follow-up")
async def follow_up(
    consultation_id: str,
    visit: VisitDep,
    nl: Annotated[str, Form()] = "",
    fr: Annotated[str, Form()] = "",
    en: Annotated[str, Form()] = "",
) -> Response:
    """Publish "you said, we did" in Dutch and French (English when written)."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    form = {"nl": nl, "fr": fr, "en": en}
    errors = {
        lang: visit.t("portal.staff.follow_up_missing") for lang in ("nl", "fr") if not form[lang].strip()
    }
    errors |= {
        lang: visit.t("portal.staff.text_too_long", max=TEXT_MAX)
        for lang in form
        if len(form[lang]) > TEXT_MAX
    }
    if not errors:
        text = {lang: value.strip() for lang, value in form.items() if value.strip()}
        try:
            await visit.gateway.run(
                q.PUBLISH_FOLLOW_UP, input={"consultationId": consultation_id, "text": text}
            )
        except GatewayError as refusal_:
            errors = refusal(refusal_, ("nl", "fr", "en"))
        else:
            return see_other(f"/staff/consultations?done=follow_up#consultation-{consultation_id}")
    return await _consultations_page(visit, landlord, {consultation_id: errors}, {consultation_id: form}, 400)


# Indicators ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, the value shown in words and the bar's length (0–1)."""

    label: str
    shown: str
    share: float | None
    detail: str = ""


def participation_bars(visit: Visit, data: dict[str, Any]) -> list[Bar]:
    """Households that answered over households invited, per site, over the consultations open
    during the period. The surveys service suppresses a site with too few answers (people could
    be recognised) and says so: shown as "–" with the reason."""
    sites = {raw_id(s["id"]): s["name"] for s in data["landlord"]["sites"]} if data.get("landlord") else {}
    turnout = ((data.get("indicators") or {}).get("surveys") or {}).get("sites") or []
    bars = []
    for site in sorted(turnout, key=lambda t: sites.get(t["siteId"], t["siteId"])):
        label = sites.get(site["siteId"], visit.t("portal.staff.site_unknown"))
        if site["suppressed"] or site["rate"] is None:
            bars.append(Bar(label, "–", None, visit.t("portal.staff.suppressed_short")))
            continue
        share = site["rate"] / 100  # the service gives a percentage
        shown = visit.t("portal.staff.percent", value=round(share * 100))
        detail = visit.t("portal.staff.answered_of", responded=site["responded"], invited=site["invited"])
        bars.append(Bar(label, shown, share, detail))
    return bars


def occupancy_bars(visit: Visit, data: dict[str, Any]) -> list[Bar]:
    """Booked hours over open hours, per room; "–" for a room never open in the period."""
    names = {raw_id(s["id"]): s["name"] for s in nodes(data.get("spaces"))}
    spaces = ((data.get("indicators") or {}).get("spaces") or {}).get("spaces") or []
    bars = []
    for s in sorted(spaces, key=lambda s: names.get(s["spaceId"], "")):
        label = names.get(s["spaceId"], visit.t("portal.staff.room_unknown"))
        rate = s.get("occupancyRate")
        hours = visit.t("portal.staff.hours_of", booked=round(s["bookedHours"]), open=round(s["openHours"]))
        if rate is None:
            bars.append(Bar(label, "–", None, visit.t("portal.staff.never_open")))
        else:
            share = min(float(rate), 1.0)
            bars.append(Bar(label, visit.t("portal.staff.percent", value=round(rate * 100)), share, hours))
    return bars


def _period(visit: Visit) -> tuple[date, date, dict[str, str]]:
    params = visit.request.query_params
    end = parse_day(params.get("to", "")) or today()
    start = parse_day(params.get("from", "")) or (end - timedelta(days=365))
    errors = {}
    if params.get("from") and parse_day(params["from"]) is None:
        errors["from"] = visit.t("portal.staff.date_invalid")
    if params.get("to") and parse_day(params["to"]) is None:
        errors["to"] = visit.t("portal.staff.date_invalid")
    if start > end:
        errors["to"] = visit.t("portal.staff.period_backwards")
        start = end - timedelta(days=365)
    return start, end, errors


@router.get("/indicators")
async def indicators(visit: VisitDep) -> Response:
    """Participation per site and occupancy per room: charts drawn as SVG and the same numbers
    as tables, for a period (the last year unless chosen)."""
    landlord = _staff(visit)
    if landlord is None:
        return visit.forbidden(STAFF_ONLY)
    start, end, errors = _period(visit)
    try:
        data = await visit.gateway.run(
            q.INDICATORS, landlordId=landlord, **{"from": start.isoformat(), "to": end.isoformat()}
        )
    except GatewayError as refused:  # the services set the longest period; their refusal names it
        name, said = refusal(refused, ("from", "to"), ("VALIDATION",)).popitem()
        errors["to" if name == "to" else "from"] = said
        data = {}
    participation = participation_bars(visit, data)
    occupancy = occupancy_bars(visit, data)
    return visit.render(
        "staff/indicators.html",
        400 if errors else 200,
        start=start.isoformat(),
        end=end.isoformat(),
        errors=errors,
        landlord=data.get("landlord"),
        participation=participation,
        occupancy=occupancy,
        councils=(data.get("indicators") or {}).get("councils"),
        suppressed=any(bar.share is None for bar in participation),
        never_open=any(bar.share is None for bar in occupancy),
    )
