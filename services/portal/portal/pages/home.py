"""The tenant's home, "you said, we did", the council's minutes and advice, and proposing an
item to the council."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from portal import queries
from portal.deps import VisitDep, see_other
from portal.forms import message
from portal.gateway import GatewayError, nodes

router = APIRouter()
TITLE_MAX = 200
MOTIVATION_MAX = 2000


@router.get("/")
async def home(visit: VisitDep) -> Response:
    """Welcome (not signed in), else open consultations and the council's next meeting."""
    if visit.session is None:
        return visit.render("welcome.html")
    landlord = visit.session.landlord_id
    if landlord is None:
        return visit.render("home.html", landlord=None, consultations=[], council=None)
    data = await visit.gateway.run(queries.HOME, landlordId=landlord)
    councils = data["councils"]
    return visit.render(
        "home.html",
        landlord=data["landlord"],
        consultations=nodes(data["consultations"]),
        council=councils[0] if councils else None,
    )


@router.get("/you-said-we-did")
async def follow_ups(visit: VisitDep) -> Response:
    """Closed consultations and what the landlord did with the answers."""
    landlord = visit.user().landlord_id
    items = []
    if landlord:
        items = nodes((await visit.gateway.run(queries.FOLLOW_UPS, landlordId=landlord))["consultations"])
    return visit.render("follow_ups.html", consultations=items)


@router.get("/minutes")
async def minutes(visit: VisitDep) -> Response:
    """What the council decided: the published minutes of its meetings, newest first."""
    council = await _council_data(visit, queries.COUNCIL_MINUTES)
    meetings = (council or {}).get("meetings", {}).get("nodes", [])
    published = [m for m in meetings if m.get("minutes")]
    published.sort(key=lambda m: str(m["minutes"]["publishedAt"]), reverse=True)
    return visit.render("minutes.html", council=council, meetings=published)


@router.get("/advice")
async def advice(visit: VisitDep) -> Response:
    """What the council advised the landlord, and what the landlord answered and did."""
    council = await _council_data(visit, queries.COUNCIL_ADVICE)
    items = [a for a in (council or {}).get("advice", {}).get("nodes", []) if a.get("issuedAt")]
    items.sort(key=lambda a: str(a["issuedAt"]), reverse=True)
    for item in items:
        item["answerDueOn"] = _day(item.get("answerDueOn"))
        for follow_up in item.get("followUps") or []:
            follow_up["on"] = _day(follow_up.get("on"))
    return visit.render("advice.html", council=council, advice=items)


@router.get("/council/propose")
async def propose_form(visit: VisitDep) -> Response:
    """The form to propose an item for the council's agenda."""
    council = await _council(visit)
    return visit.render("propose.html", council=council, form={})


@router.post("/council/propose")
async def propose(
    visit: VisitDep,
    title: Annotated[str, Form()] = "",
    motivation: Annotated[str, Form()] = "",
    signature: Annotated[str, Form()] = "",
) -> Response:
    """Send the proposal to the council; it reviews it before its next meeting."""
    council = await _council(visit)
    form = {"title": title, "motivation": motivation, "signature": signature}
    if council is None:
        return visit.render("propose.html", 400, council=None, form=form)
    errors = _proposal_errors(visit, title, motivation)
    if errors:
        return visit.render("propose.html", 400, council=council, form=form, errors=errors)
    payload = {
        "councilId": council["id"],
        "title": {visit.lang: title.strip()},
        "motivation": {visit.lang: motivation.strip()} if motivation.strip() else None,
        "signature": signature.strip() or None,
    }
    try:
        await visit.gateway.run(queries.PROPOSE_AGENDA_ITEM, input=payload)
    except GatewayError as refused:
        errors = {"form": message(refused, "VALIDATION")}
        return visit.render("propose.html", 400, council=council, form=form, errors=errors)
    return see_other("/council/proposed")


@router.get("/council/proposed")
async def proposed(visit: VisitDep) -> Response:
    """Thank the proposer and say what happens next."""
    visit.user()
    return visit.render("proposed.html")


async def _council(visit: VisitDep) -> dict[str, Any] | None:
    landlord = visit.user().landlord_id
    if landlord is None:
        return None
    councils = (await visit.gateway.run(queries.COUNCILS, landlordId=landlord))["councils"]
    return councils[0] if councils else None


def _proposal_errors(visit: VisitDep, title: str, motivation: str) -> dict[str, str]:
    errors = {}
    if not title.strip():
        errors["title"] = visit.t("portal.propose.title_missing")
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = visit.t("portal.propose.title_too_long", max=TITLE_MAX)
    if len(motivation.strip()) > MOTIVATION_MAX:
        errors["motivation"] = visit.t("portal.propose.motivation_too_long", max=MOTIVATION_MAX)
    return errors


async def _council_data(visit: VisitDep, query: str) -> dict[str, Any] | None:
    landlord = visit.user().landlord_id
    if landlord is None:
        return None
    councils = (await visit.gateway.run(query, landlordId=landlord))["councils"]
    return councils[0] if councils else None


def _day(value: str | None) -> str:
    """A date from the gateway (``2026-05-12``) as people write it here (``12/05/2026``)."""
    if not value:
        return ""
    return date.fromisoformat(value).strftime("%d/%m/%Y")
