"""The partner's pages: sign in, profile, subscriptions, webhook endpoints with their delivery
log and redelivery, announced activities (routes under /partner).

Partners sign in as their organisation's system does: identity's ``client_credentials`` grant
with the client id and secret they were given (no person accounts exist for partners). The
portal keeps only the resulting token, in the sealed session cookie, like everyone else's.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from portal import queries_partner as q
from portal.deps import Visit, VisitDep, see_other
from portal.forms import labels, message
from portal.gateway import GatewayError, nodes
from portal.i18n import BRUSSELS
from portal.sealed import Sealer
from portal.session import Session

router = APIRouter(prefix="/partner")
PARTNER_COOKIE = "inspraak_partner"
PARTNER_COOKIE_AGE = 365 * 24 * 3600
AUDIENCES = ("everyone", "tenants", "children", "youth", "adults", "seniors", "women", "families")
LANGUAGES = ("nl", "fr", "en")
TITLE_MAX = 200
PARTNERS = ("CLIENT",)  # a partner's system signs in as an OAuth client, with no roles
NOT_A_PARTNER = "portal.partner.not_a_partner"
FIELDS = {
    "url": "url",
    "eventtypes": "event_types",
    "title": "title_nl",
    "endsat": "end",
    "audience": "audience",
}


# --- signing in ------------------------------------------------------------------------------


@router.get("/login")
async def login_form(visit: VisitDep) -> Response:
    """The form for a partner organisation's client id and secret."""
    return visit.render("partner/login.html", error=None, client_id="")


@router.post("/login")
async def login(
    visit: VisitDep, client_id: Annotated[str, Form()] = "", client_secret: Annotated[str, Form()] = ""
) -> Response:
    """Exchange the client's id and secret for a token (``client_credentials``), then go on."""
    token = await _client_token(visit, client_id.strip(), client_secret.strip())
    if token is None:
        error = visit.t("portal.partner.login_refused")
        return visit.render("partner/login.html", 400, error=error, client_id=client_id)
    me = (await visit.gateway.for_token(token).run(q.ME))["me"] or {}
    session = Session(token=token, kind=me.get("kind", "CLIENT"), name=me.get("clientId"), roles=["partner"])
    response = see_other("/partner")
    visit.state.cookies.sign_in(response, session)
    return response


async def _client_token(visit: Visit, client_id: str, secret: str) -> str | None:
    if not client_id or not secret:
        return None
    url = visit.state.settings.issuer.rstrip("/") + "/oauth/token"
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    try:
        response = await visit.state.http.post(url, data=form, headers={"Accept-Language": visit.lang})
        body = response.json()
    except (httpx.HTTPError, ValueError):
        return None
    token = body.get("access_token") if isinstance(body, dict) else None
    return token if response.status_code == 200 and isinstance(token, str) else None


# --- the profile -------------------------------------------------------------------------------


def _sealer(visit: Visit) -> Sealer:
    return Sealer(visit.state.settings.session_key, "partner")


def _known_partner(visit: Visit) -> str | None:
    """The partner id learnt from an activity this client announced (see the README)."""
    value = _sealer(visit).open(visit.request.cookies.get(PARTNER_COOKIE))
    if isinstance(value, dict) and value.get("client") == (visit.session.name if visit.session else None):
        return str(value.get("partner"))
    return None


@router.get("")
async def profile(visit: VisitDep) -> Response:
    """Who is signed in, the public profile (once on the social map), and the ways on."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    me = (await visit.gateway.run(q.ME))["me"] or {}
    return visit.render("partner/profile.html", client_id=me.get("clientId"), partner=await _mine(visit))


async def _mine(visit: Visit) -> dict[str, Any] | None:
    """The calling partner's profile; None when its client is not on the social map yet."""
    try:
        found: dict[str, Any] = (await visit.gateway.run(q.MINE))["myPartner"]
    except GatewayError as missing:
        message(missing, "NOT_FOUND", "FORBIDDEN")  # not on the social map yet; else raised again
        return None
    return found


PROFILE_FIELDS = {"name": "name", "description": "description", "services": "services"}
PROFILE_FIELDS |= {"languages": "languages", "contact": "contact", "opening_hours": "opening_hours"}


@router.get("/profile")
async def profile_form(visit: VisitDep, done: str = "") -> Response:
    """The partner's own profile, to change: names, what it does, services, languages, contact."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    partner = await _mine(visit)
    if partner is None:
        return visit.render("error.html", 404, message=visit.t("portal.partner.profile_unknown"))
    return _profile_form(visit, _form_of(partner), notice="saved" if done == "saved" else None)


@router.post("/profile")
async def profile_save(request: Request, visit: VisitDep) -> Response:
    """Save the changes; each refusal shows next to its field."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    form = {key: str(value) for key, value in (await request.form()).items()}
    errors: dict[str, str] = {}
    contact = _lines(form.get("contact", ""))
    hours = _lines(form.get("opening_hours", ""))
    if contact is None:
        errors["contact"] = visit.t("portal.partner.lines_invalid")
    if hours is None:
        errors["opening_hours"] = visit.t("portal.partner.lines_invalid")
    if errors or contact is None or hours is None:
        return _profile_form(visit, form, errors, 400)
    changes = {
        "name": {lang: form.get(f"name_{lang}", "").strip() or None for lang in LANGUAGES},
        "description": {lang: form.get(f"description_{lang}", "").strip() or None for lang in LANGUAGES},
        "services": _words(form.get("services", "")),
        "languages": _words(form.get("languages", "")),
        "contact": [{"kind": kind, "value": value} for kind, value in contact],
        "openingHours": [{"day": day, "hours": value} for day, value in hours],
    }
    try:
        await visit.gateway.run(q.UPDATE_PROFILE, input=changes)
    except GatewayError as refused_change:
        error = message(refused_change, "VALIDATION")
        field = PROFILE_FIELDS.get(refused_change.field or "", "form")
        return _profile_form(visit, form, {field: error}, 400)
    return see_other("/partner/profile?done=saved")


def _form_of(partner: dict[str, Any]) -> dict[str, str]:
    names = {t["lang"]: t["text"] for t in (partner.get("localizedName") or {}).get("translations") or []}
    about = {
        t["lang"]: t["text"] for t in (partner.get("localizedDescription") or {}).get("translations") or []
    }
    form = {f"name_{lang}": names.get(lang, "") for lang in LANGUAGES}
    form |= {f"description_{lang}": about.get(lang, "") for lang in LANGUAGES}
    form["services"] = ", ".join(partner.get("services") or [])
    form["languages"] = ", ".join(partner.get("languages") or [])
    form["contact"] = "\n".join(f"{c['kind']}: {c['value']}" for c in partner.get("contact") or [])
    form["opening_hours"] = "\n".join(f"{o['day']}: {o['hours']}" for o in partner.get("openingHours") or [])
    return form


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


def _lines(text: str) -> list[tuple[str, str]] | None:
    """``name: text`` lines (blank lines skipped); None when a line has no name."""
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or not value.strip():
            return None
        found.append((name.strip(), value.strip()))
    return found


def _profile_form(
    visit: Visit,
    form: dict[str, str],
    errors: dict[str, str] | None = None,
    status: int = 200,
    notice: str | None = None,
) -> Response:
    return visit.render(
        "partner/profile_edit.html",
        status,
        form=form,
        errors=errors or {},
        languages=LANGUAGES,
        notice=notice,
    )


# --- subscriptions -----------------------------------------------------------------------------


@router.get("/subscriptions")
async def subscriptions(visit: VisitDep, done: str = "") -> Response:
    """The partner's subscriptions and the form to add one."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    return await _subscriptions_page(visit, notice=done if done in ("removed",) else None)


async def _subscriptions_page(
    visit: Visit,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    data = await visit.gateway.run(q.SUBSCRIPTIONS)
    return visit.render(
        "partner/subscriptions.html",
        status,
        subscriptions=nodes(data["mySubscriptions"]),
        event_types=data["eventTypes"],
        landlords=data["landlords"],
        form=form or {"channel": "webhook", "url": "", "event_types": [], "landlord": ""},
        errors=errors or {},
        notice=notice,
    )


@router.post("/subscriptions")
async def subscribe(request: Request, visit: VisitDep) -> Response:
    """Subscribe; a webhook's secret is shown on this answer only (it cannot be shown again)."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    sent = await request.form()
    form = {
        "channel": "feed" if sent.get("channel") == "feed" else "webhook",
        "url": str(sent.get("url", "")).strip(),
        "event_types": [str(v) for v in sent.getlist("event_types")],
        "landlord": str(sent.get("landlord", "")),
    }
    errors: dict[str, str] = {}
    if form["channel"] == "webhook" and not form["url"]:
        errors["url"] = visit.t("portal.partner.url_missing")
    if not form["event_types"]:
        errors["event_types"] = visit.t("portal.partner.event_types_missing")
    if errors:
        return await _subscriptions_page(visit, form, errors, status=400)
    payload = {
        "channel": form["channel"],
        "url": form["url"] if form["channel"] == "webhook" else None,
        "eventTypes": form["event_types"],
        "landlordIds": [form["landlord"]] if form["landlord"] else [],
    }
    try:
        created = (await visit.gateway.run(q.SUBSCRIBE, input=payload))["subscribe"]
    except GatewayError as refused_subscription:
        error = message(refused_subscription, "VALIDATION", "CONFLICT", "FORBIDDEN")
        key = FIELDS.get((refused_subscription.field or "").lower().replace("_", ""), "form")
        return await _subscriptions_page(visit, form, {key: error}, status=400)
    return visit.render("partner/subscribed.html", subscription=created)


@router.post("/subscriptions/{subscription_id}/remove")
async def unsubscribe(subscription_id: str, visit: VisitDep) -> Response:
    """End a subscription (its delivery log stays)."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    try:
        await visit.gateway.run(q.UNSUBSCRIBE, id=subscription_id)
    except GatewayError as refused_removal:
        error = message(refused_removal, "NOT_FOUND", "VALIDATION")
        return await _subscriptions_page(visit, errors={"form": error}, status=404)
    return see_other("/partner/subscriptions?done=removed")


# --- webhook endpoints and their delivery log --------------------------------------------------


@router.get("/deliveries")
async def deliveries(visit: VisitDep, done: str = "") -> Response:
    """Each webhook endpoint with its deliveries: status, attempts, last error, time."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    return await _deliveries_page(visit, notice=done if done in ("redelivered", "enabled") else None)


async def _deliveries_page(
    visit: Visit, notice: str | None = None, error: str | None = None, status: int = 200
) -> Response:
    data = await visit.gateway.run(q.DELIVERIES)
    endpoints = []
    for subscription in nodes(data["mySubscriptions"]):
        if subscription["channel"] != "webhook":
            continue
        log = [_delivery_row(d) for d in nodes(subscription.get("deliveries"))]
        log.sort(key=lambda row: row["time"] or "", reverse=True)
        endpoints.append({**subscription, "log": log})
    return visit.render(
        "partner/deliveries.html", status, endpoints=endpoints, notice=notice, error=error, **labels(visit.t)
    )


def _delivery_row(delivery: dict[str, Any]) -> dict[str, Any]:
    attempts = sorted(delivery.get("attempts") or [], key=lambda a: a["number"])
    last = attempts[-1] if attempts else None
    moment = (last or {}).get("attemptedAt") or delivery.get("deliveredAt") or delivery.get("createdAt")
    return {
        **delivery,
        "tries": len(attempts),
        "last_error": (last or {}).get("error"),
        "last_code": (last or {}).get("statusCode"),
        "time": moment,
        "moment": datetime.fromisoformat(moment) if moment else None,
    }


@router.post("/deliveries/{delivery_id}/redeliver")
async def redeliver(delivery_id: str, visit: VisitDep) -> Response:
    """Send one delivery again; the log shows the new attempt."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    try:
        await visit.gateway.run(q.REDELIVER, id=delivery_id)
    except GatewayError as refused_redelivery:
        error = message(refused_redelivery, "NOT_FOUND", "CONFLICT", "VALIDATION")
        return await _deliveries_page(visit, error=error, status=409)
    return see_other("/partner/deliveries?done=redelivered")


@router.post("/subscriptions/{subscription_id}/enable")
async def enable(subscription_id: str, visit: VisitDep) -> Response:
    """Switch a disabled endpoint on again."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    try:
        await visit.gateway.run(q.ENABLE, id=subscription_id)
    except GatewayError as refused_enable:
        error = message(refused_enable, "NOT_FOUND", "CONFLICT", "VALIDATION")
        return await _deliveries_page(visit, error=error, status=409)
    return see_other("/partner/deliveries?done=enabled")


# --- activities --------------------------------------------------------------------------------


@router.get("/activities")
async def activities(visit: VisitDep, landlord: str = "", done: str = "") -> Response:
    """A landlord's agenda of announced activities, and the form to announce one."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    form = {"landlord": landlord, "audience": "everyone", "languages": []}
    return await _activities_page(visit, landlord, form, notice="announced" if done == "announced" else None)


async def _activities_page(
    visit: Visit,
    landlord: str,
    form: dict[str, Any],
    errors: dict[str, str] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    if landlord:
        data = await visit.gateway.run(q.ACTIVITIES, landlordId=landlord)
        found = sorted(nodes(data["activities"]), key=lambda a: a["startsAt"])
    else:
        data, found = await visit.gateway.run(q.LANDLORDS), []
    for activity in found:
        activity["period"] = (
            datetime.fromisoformat(activity["startsAt"]),
            datetime.fromisoformat(activity["endsAt"]),
        )
    return visit.render(
        "partner/activities.html",
        status,
        landlords=data["landlords"],
        landlord=landlord,
        activities=found,
        mine=_known_partner(visit),
        form=form,
        errors=errors or {},
        notice=notice,
        audiences=AUDIENCES,
        languages=LANGUAGES,
        **labels(visit.t),
    )


@router.post("/activities")
async def announce(request: Request, visit: VisitDep) -> Response:
    """Announce an activity on the landlord's agenda (titles in NL and FR, EN if given)."""
    if (denied := visit.require(PARTNERS, NOT_A_PARTNER)) is not None:
        return denied
    sent = await request.form()
    names = ("landlord", "title_nl", "title_fr", "title_en", "day", "start", "end", "audience")
    form: dict[str, Any] = {name: str(sent.get(name, "")).strip() for name in names}
    form["languages"] = [str(v) for v in sent.getlist("languages") if v in LANGUAGES]
    errors = _activity_errors(visit, form)
    period = None if errors else _period(form)
    if period is None:
        errors = errors or {"end": visit.t("portal.partner.end_before_start")}
        return await _activities_page(visit, form["landlord"], form, errors, status=400)
    payload = {
        "landlordId": form["landlord"],
        "title": {lang: form[f"title_{lang}"] or None for lang in LANGUAGES},
        "startsAt": period[0].isoformat(),
        "endsAt": period[1].isoformat(),
        "audience": form["audience"],
        "languages": form["languages"],
    }
    try:
        created = (await visit.gateway.run(q.ANNOUNCE, input=payload))["announceActivity"]
    except GatewayError as refused_activity:
        error = message(refused_activity, "VALIDATION", "FORBIDDEN", "CONFLICT")
        key = FIELDS.get((refused_activity.field or "").lower().replace("_", ""), "form")
        return await _activities_page(visit, form["landlord"], form, {key: error}, status=400)
    response = see_other(f"/partner/activities?landlord={form['landlord']}&done=announced")
    remembered = {"client": visit.user().name, "partner": created["partnerId"]}
    response.set_cookie(
        PARTNER_COOKIE,
        _sealer(visit).seal(remembered, PARTNER_COOKIE_AGE),
        max_age=PARTNER_COOKIE_AGE,
        path="/",
        secure=visit.state.settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )
    return response


def _activity_errors(visit: Visit, form: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not form["landlord"]:
        errors["landlord"] = visit.t("portal.partner.landlord_missing")
    for lang in ("nl", "fr"):
        if not form[f"title_{lang}"]:
            errors[f"title_{lang}"] = visit.t("portal.partner.title_missing")
        elif len(form[f"title_{lang}"]) > TITLE_MAX:
            errors[f"title_{lang}"] = visit.t("portal.partner.title_too_long", max=TITLE_MAX)
    if form["audience"] not in AUDIENCES:
        errors["audience"] = visit.t("portal.partner.audience_missing")
    if _period(form) is None and not errors.get("end"):
        try:
            date.fromisoformat(form["day"])
        except ValueError:
            errors["day"] = visit.t("portal.partner.day_invalid")
        for name in ("start", "end"):
            try:
                time.fromisoformat(form[name])
            except ValueError:
                errors[name] = visit.t("portal.partner.time_invalid")
    return errors


def _period(form: dict[str, Any]) -> tuple[datetime, datetime] | None:
    try:
        day = date.fromisoformat(form["day"])
        start, end = time.fromisoformat(form["start"]), time.fromisoformat(form["end"])
    except ValueError:
        return None
    if end <= start:
        return None
    return datetime.combine(day, start, BRUSSELS), datetime.combine(day, end, BRUSSELS)
