"""The council members' pages: the board (proposed items, next meeting, advice), planning a
meeting, attendance and votes, the minutes editor and issuing advice.

Every change is a plain form posted to the portal, which calls the gateway and answers with a
303 to a page that says what happened (POST/redirect/GET, no JavaScript). A refusal from the
gateway (VALIDATION with the field it names, CONFLICT) is shown next to the field, in the page's
language; the gateway writes its messages in the language the portal forwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from portal import queries_council as q
from portal.deps import Visit, VisitDep, see_other
from portal.forms import message, parse_day, refusal
from portal.gateway import GatewayError, nodes
from portal.i18n import BRUSSELS
from portal.sealed import Sealer, TooLarge
from portal.session import cookie_name

router = APIRouter(prefix="/council")
CATEGORIES = (
    "maintenance_programme",
    "service_charges",
    "house_rules",
    "collective_equipment",
    "social_activities",
    "own_initiative",
    "other",
)
MINUTES_COOKIE = "inspraak_minutes_"
MINUTES_MAX_AGE = 30 * 24 * 3600
TEXT_MAX = 4000
MEMBERS = ("council_member", "regional_admin")
MEMBERS_ONLY = "portal.council.members_only"


# Shared with the staff pages -------------------------------------------------------------


def parse_clock(value: str) -> time | None:
    """A ``HH:MM`` from a time input, else None."""
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        return None


def today() -> date:
    """Today in Brussels."""
    return datetime.now(BRUSSELS).date()


def texts(lang: str, value: str) -> dict[str, str] | None:
    """A text written in the page's language, as a ``CouncilTextInput``."""
    return {lang: value.strip()} if value.strip() else None


# The board -------------------------------------------------------------------------------


@dataclass
class Board:
    """What the board shows, with the errors of a refused form (by item and field)."""

    council: dict[str, Any] | None
    errors: dict[str, dict[str, str]] = field(default_factory=dict)
    forms: dict[str, dict[str, str]] = field(default_factory=dict)


async def _council(visit: Visit, query: str) -> dict[str, Any] | None:
    landlord = visit.user().landlord_id
    if landlord is None:
        return None
    councils = (await visit.gateway.run(query, landlordId=landlord))["councils"]
    return councils[0] if councils else None


def _advice_rows(advice: list[dict[str, Any]], day: date) -> list[dict[str, Any]]:
    """Advice with ``late``: the council's answer is past its due date, or the landlord's is."""
    rows = []
    for a in advice:
        due = parse_day(a.get("dueOn") or "")
        late_council = a["state"] == "requested" and due is not None and due < day
        rows.append({**a, "late": bool(a.get("overdue")) or late_council, "late_council": late_council})
    return sorted(rows, key=lambda a: (not a["late"], a["state"] == "answered", a.get("dueOn") or "9999"))


async def _board(visit: Visit, board: Board | None = None, status: int = 200) -> Response:
    council = await _council(visit, q.BOARD)
    board = board or Board(council)
    if council is None:
        return visit.render("council/board.html", status, council=None)
    if council["viewer"] != "member":
        return visit.forbidden(MEMBERS_ONLY)
    day = today()
    meetings = nodes(council["meetings"])
    held_without_minutes = [m for m in meetings if m.get("heldAt") and not m.get("minutes")]
    upcoming = council["upcomingMeeting"]
    if upcoming and upcoming.get("agenda") is None:
        # A council's meeting list leaves the agenda out (null); the meeting itself has it.
        upcoming = (await visit.gateway.run(q.MEETING, id=upcoming["id"]))["councilMeeting"]
    return visit.render(
        "council/board.html",
        status,
        council=council,
        proposed=nodes(council["proposed"]),
        waiting=nodes(council["waiting"]),
        meeting=upcoming,
        to_minute=held_without_minutes,
        advice=_advice_rows(nodes(council["advice"]), day),
        categories=CATEGORIES,
        errors=board.errors,
        forms=board.forms,
        done=visit.request.query_params.get("done"),
    )


@router.get("")
@router.get("/board")
async def board(visit: VisitDep) -> Response:
    """The council's board: items to review, the next meeting, items to plan, advice."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    return await _board(visit)


@router.post("/items/{item_id}/review")
async def review_item(
    item_id: str,
    visit: VisitDep,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
) -> Response:
    """Accept (with its subject) or decline (with a reason the proposer will read) an item."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    form = {"decision": decision, "reason": reason, "category": category}
    errors: dict[str, str] = {}
    if decision == "accept" and category not in CATEGORIES:
        errors["category"] = visit.t("portal.council.category_missing")
    elif decision == "decline" and not reason.strip():
        errors["reason"] = visit.t("portal.council.reason_missing")
    elif decision not in ("accept", "decline"):
        errors["form"] = visit.t("portal.council.decision_missing")
    if not errors:
        payload: dict[str, Any] = {"itemId": item_id, "decision": decision.upper()}
        if decision == "accept":
            payload["category"] = category.upper()
        else:
            payload["reason"] = reason.strip()
        try:
            item = (await visit.gateway.run(q.REVIEW_ITEM, input=payload))["reviewAgendaItem"]
        except GatewayError as refused:
            errors = refusal(refused, ("reason", "category"))
        else:
            done = (
                "declined"
                if decision == "decline"
                else ("scheduled" if item.get("meetingId") else "accepted")
            )
            return see_other(f"/council/board?done={done}#item-{item_id}")
    return await _board(visit, Board(None, {item_id: errors}, {item_id: form}), 400)


# Planning a meeting ----------------------------------------------------------------------


@router.get("/meetings/new")
async def plan_form(visit: VisitDep, item: str = "") -> Response:
    """Plan a meeting and put accepted items on its agenda."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    return await _plan(visit, {"items": [item] if item else []}, {})


async def _plan(visit: Visit, form: dict[str, Any], errors: dict[str, str], status: int = 200) -> Response:
    council = await _council(visit, q.COUNCIL_WAITING)
    if council is not None and council["viewer"] != "member":
        return visit.forbidden(MEMBERS_ONLY)
    waiting = nodes(council["waiting"]) if council else []
    return visit.render(
        "council/plan.html", status, council=council, waiting=waiting, form=form, errors=errors
    )


@router.post("/meetings/new")
async def plan(
    request: Request,
    visit: VisitDep,
    day: Annotated[str, Form()] = "",
    starts: Annotated[str, Form()] = "",
    ends: Annotated[str, Form()] = "",
    venue: Annotated[str, Form()] = "",
) -> Response:
    """Schedule the meeting (the gateway refuses a date in the past, naming the field)."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    items = [str(v) for v in (await request.form()).getlist("items")]
    form = {"day": day, "starts": starts, "ends": ends, "venue": venue, "items": items}
    errors: dict[str, str] = {}
    when, start, end = parse_day(day), parse_clock(starts), parse_clock(ends)
    if when is None:
        errors["day"] = visit.t("portal.council.day_missing")
    if start is None:
        errors["starts"] = visit.t("portal.council.time_missing")
    if end is None:
        errors["ends"] = visit.t("portal.council.time_missing")
    elif start is not None and end <= start:
        errors["ends"] = visit.t("portal.council.ends_before_start")
    council = await _council(visit, q.COUNCIL_WAITING)
    if council is None:
        return await _plan(visit, form, {"form": visit.t("portal.council.none")}, 400)
    if errors or when is None or start is None or end is None:
        return await _plan(visit, form, errors, 400)
    payload = {
        "councilId": council["id"],
        "startsAt": datetime.combine(when, start, BRUSSELS).isoformat(),
        "endsAt": datetime.combine(when, end, BRUSSELS).isoformat(),
        "itemIds": items,
        "venue": venue.strip() or None,
    }
    try:
        meeting = (await visit.gateway.run(q.SCHEDULE_MEETING, input=payload))["scheduleMeeting"]
    except GatewayError as refused:
        errors = refusal(refused, ("starts_at", "ends_at", "item_ids", "venue"))
        renamed = {"starts_at": "day", "ends_at": "ends", "item_ids": "items"}
        return await _plan(visit, form, {renamed.get(k, k): v for k, v in errors.items()}, 400)
    return see_other(f"/council/meetings/{meeting['id']}?done=planned")


# One meeting: attendance, votes, outcomes ------------------------------------------------


async def _meeting_page(
    visit: Visit, meeting_id: str, errors: dict[str, str] | None = None, status: int = 200
) -> Response:
    meeting = (await visit.gateway.run(q.MEETING, id=meeting_id))["councilMeeting"]
    council = (await visit.gateway.run(q.MANDATES, id=meeting["councilId"]))["council"]
    if council["viewer"] != "member":
        return visit.forbidden(MEMBERS_ONLY)
    params = visit.request.query_params
    tally = None
    if params.get("voted"):
        tally = {k: params.get(k, "0") for k in ("for", "against", "abstain")}
    return visit.render(
        "council/meeting.html",
        status,
        council=council,
        meeting=meeting,
        members=_members(council["mandates"], meeting),
        present=set(meeting.get("presentIds") or []),
        errors=errors or {},
        done=params.get("done"),
        tally=tally,
        voted_item=params.get("voted"),
    )


def _members(mandates: list[dict[str, Any]], meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """The seats at the meeting's date, numbered in a stable order (the gateway names each
    member for the council and staff; the number stands in when it does not)."""
    day = datetime.fromisoformat(meeting["startsAt"]).astimezone(BRUSSELS).date().isoformat()
    sitting = [m for m in mandates if m["termStart"] <= day <= m["termEnd"]]
    ordered = sorted(sitting, key=lambda m: (m["role"] != "president", m["role"], m["personId"]))
    return [{**m, "number": index} for index, m in enumerate(ordered, start=1)]


@router.get("/meetings/{meeting_id}")
async def meeting(meeting_id: str, visit: VisitDep) -> Response:
    """The meeting: agenda, who was present, votes and outcomes."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    return await _meeting_page(visit, meeting_id)


@router.post("/meetings/{meeting_id}/attendance")
async def attendance(meeting_id: str, request: Request, visit: VisitDep) -> Response:
    """Record who is present (the meeting is then held)."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    present = [str(v) for v in (await request.form()).getlist("present")]
    try:
        await visit.gateway.run(q.RECORD_ATTENDANCE, input={"meetingId": meeting_id, "present": present})
    except GatewayError as refused:
        return await _meeting_page(visit, meeting_id, {"present": message(refused)}, 400)
    return see_other(f"/council/meetings/{meeting_id}?done=attendance#votes")


@router.post("/meetings/{meeting_id}/votes")
async def vote(
    meeting_id: str,
    visit: VisitDep,
    item: Annotated[str, Form()] = "",
    person: Annotated[str, Form()] = "",
    choice: Annotated[str, Form()] = "",
) -> Response:
    """Record a present member's vote on an item; the count so far is shown."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    key = f"vote-{item}"
    if choice not in ("for", "against", "abstain") or not person:
        return await _meeting_page(visit, meeting_id, {key: visit.t("portal.council.vote_missing")}, 400)
    payload = {"meetingId": meeting_id, "itemId": item, "personId": person, "choice": choice.upper()}
    try:
        tally = (await visit.gateway.run(q.RECORD_VOTE, input=payload))["recordVote"]
    except GatewayError as refused:
        return await _meeting_page(visit, meeting_id, {key: message(refused)}, 400)
    counts = f"for={tally['votesFor']}&against={tally['votesAgainst']}&abstain={tally['abstentions']}"
    return see_other(f"/council/meetings/{meeting_id}?voted={item}&{counts}#item-{item}")


@router.post("/meetings/{meeting_id}/outcome")
async def outcome(
    meeting_id: str,
    visit: VisitDep,
    item: Annotated[str, Form()] = "",
    result: Annotated[str, Form()] = "",
    decision: Annotated[str, Form()] = "",
) -> Response:
    """Record an item's outcome: decided (with what was decided) or postponed to the next meeting."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    key = f"outcome-{item}"
    if result not in ("decided", "postponed"):
        return await _meeting_page(visit, meeting_id, {key: visit.t("portal.council.outcome_missing")}, 400)
    if result == "decided" and not decision.strip():
        return await _meeting_page(
            visit, meeting_id, {key: visit.t("portal.council.decision_text_missing")}, 400
        )
    payload = {"itemId": item, "outcome": result.upper(), "decision": texts(visit.lang, decision)}
    try:
        await visit.gateway.run(q.DECIDE_ITEM, input=payload)
    except GatewayError as refused:
        return await _meeting_page(visit, meeting_id, {key: message(refused)}, 400)
    return see_other(f"/council/meetings/{meeting_id}?done={result}#item-{item}")


# The minutes editor ----------------------------------------------------------------------


def _sealer(visit: Visit) -> Sealer:
    return Sealer(visit.state.settings.session_key, "minutes")


def minutes_cookie(meeting_id: str) -> str:
    """The draft's cookie name (the meeting's raw id: the gateway's global id holds "=")."""
    return cookie_name(MINUTES_COOKIE, meeting_id)


def _draft(visit: Visit, meeting_id: str) -> dict[str, str]:
    value = _sealer(visit).open(visit.request.cookies.get(minutes_cookie(meeting_id)))
    return value if isinstance(value, dict) else {}


def parse_todos(text: str) -> list[dict[str, str]] | None:
    """One to-do a line, "what — who" (or "what - who", "what: who"); None when a line names no one."""
    todos = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        parts = re.split(r"\s+[—–-]\s+|:\s+", line, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            return None
        todos.append({"text": parts[0].strip(), "owner": parts[1].strip()})
    return todos


async def _minutes_page(
    visit: Visit, meeting_id: str, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> Response:
    meeting = (await visit.gateway.run(q.MEETING, id=meeting_id))["councilMeeting"]
    return visit.render(
        "council/minutes.html",
        status,
        meeting=meeting,
        form=form,
        errors=errors,
        done=visit.request.query_params.get("done"),
    )


@router.get("/meetings/{meeting_id}/minutes")
async def minutes_form(meeting_id: str, visit: VisitDep) -> Response:
    """The minutes editor, with the draft kept in this browser."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    return await _minutes_page(visit, meeting_id, _draft(visit, meeting_id), {})


@router.post("/meetings/{meeting_id}/minutes")
async def minutes(
    meeting_id: str,
    visit: VisitDep,
    summary: Annotated[str, Form()] = "",
    todos: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "draft",
) -> Response:
    """Keep the draft (sealed cookie, 30 days) or publish the minutes to the tenants."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    form = {"summary": summary, "todos": todos}
    errors: dict[str, str] = {}
    if len(summary) > TEXT_MAX:
        errors["summary"] = visit.t("portal.council.text_too_long", max=TEXT_MAX)
    parsed = parse_todos(todos)
    if parsed is None:
        errors["todos"] = visit.t("portal.council.todo_needs_owner")
    if action == "publish" and not summary.strip():
        errors["summary"] = visit.t("portal.council.summary_missing")
    if errors or parsed is None:
        return await _minutes_page(visit, meeting_id, form, errors, 400)
    if action != "publish":
        response = see_other(f"/council/meetings/{meeting_id}/minutes?done=draft")
        try:
            sealed = _sealer(visit).seal(form, MINUTES_MAX_AGE)
        except TooLarge:
            error = {"summary": visit.t("portal.council.draft_too_long")}
            return await _minutes_page(visit, meeting_id, form, error, 400)
        secure = visit.state.settings.cookie_secure
        response.set_cookie(
            minutes_cookie(meeting_id),
            sealed,
            max_age=MINUTES_MAX_AGE,
            path="/council",
            secure=secure,
            httponly=True,
            samesite="lax",
        )
        return response
    payload = {"meetingId": meeting_id, "summary": texts(visit.lang, summary), "todos": parsed}
    try:
        await visit.gateway.run(q.PUBLISH_MINUTES, input=payload)
    except GatewayError as refused:
        errors = refusal(refused, ("summary", "todos"))
        return await _minutes_page(visit, meeting_id, form, errors, 400)
    response = see_other(f"/council/meetings/{meeting_id}/minutes?done=published")
    response.delete_cookie(
        minutes_cookie(meeting_id),
        path="/council",
        secure=visit.state.settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )
    return response


# Advice ----------------------------------------------------------------------------------


async def _advice_page(
    visit: Visit, advice_id: str, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> Response:
    council = await _council(visit, q.BOARD)
    found = [a for a in nodes(council["advice"]) if a["id"] == advice_id] if council else []
    if not found:
        return visit.render("not_found.html", 404)
    if council is not None and council["viewer"] != "member":
        return visit.forbidden(MEMBERS_ONLY)
    [advice] = _advice_rows(found, today())
    return visit.render(
        "council/advice.html",
        status,
        advice=advice,
        form=form,
        errors=errors,
        done=visit.request.query_params.get("done"),
    )


@router.get("/advice/{advice_id}")
async def advice(advice_id: str, visit: VisitDep) -> Response:
    """One advice request: what is asked, by when, and the council's advice."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    return await _advice_page(visit, advice_id, {}, {})


@router.post("/advice/{advice_id}")
async def issue_advice(advice_id: str, visit: VisitDep, text: Annotated[str, Form()] = "") -> Response:
    """Issue the council's advice to the landlord; its answer is then due within 90 days."""
    if (denied := visit.require(MEMBERS, MEMBERS_ONLY)) is not None:
        return denied
    form = {"text": text}
    if not text.strip():
        return await _advice_page(
            visit, advice_id, form, {"text": visit.t("portal.council.advice_missing")}, 400
        )
    if len(text) > TEXT_MAX:
        error = {"text": visit.t("portal.council.text_too_long", max=TEXT_MAX)}
        return await _advice_page(visit, advice_id, form, error, 400)
    try:
        await visit.gateway.run(
            q.ISSUE_ADVICE, input={"adviceId": advice_id, "text": texts(visit.lang, text)}
        )
    except GatewayError as refused:
        return await _advice_page(visit, advice_id, form, refusal(refused, ("text",)), 400)
    return see_other(f"/council/advice/{advice_id}?done=issued")
