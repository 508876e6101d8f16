"""Signing in (code from the letter, or username and password) and signing out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form
from fastapi.responses import Response

from portal import queries
from portal.deps import VisitDep, see_other
from portal.login import LoginRefused, Tokens
from portal.session import Session

router = APIRouter()


@router.get("/login/code")
async def code_form(visit: VisitDep) -> Response:
    """The form for the activation code printed on the tenant's letter."""
    return visit.render("login_code.html")


@router.post("/login/code")
async def code_login(visit: VisitDep, code: Annotated[str, Form()] = "") -> Response:
    """Sign a household in with its code, then go home."""
    if not code.strip():
        return visit.render("login_code.html", 400, error=visit.t("portal.login.code_missing"))
    try:
        tokens = await visit.state.tokens.with_activation_code(code, visit.lang)
    except LoginRefused as refused:
        error = refused.message or visit.t("portal.login.code_refused")
        return visit.render("login_code.html", 400, error=error, code=code)
    return await _signed_in(visit, tokens)


@router.get("/login/account")
async def account_form(visit: VisitDep) -> Response:
    """The form for staff, council members and workers."""
    return visit.render("login_account.html")


@router.post("/login/account")
async def account_login(
    visit: VisitDep, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = ""
) -> Response:
    """Sign a person in with username and password, then go home."""
    try:
        tokens = await visit.state.tokens.with_password(username.strip(), password, visit.lang)
    except LoginRefused:
        error = visit.t("portal.login.account_refused")
        return visit.render("login_account.html", 400, error=error, username=username)
    return await _signed_in(visit, tokens)


@router.post("/logout")
async def logout(visit: VisitDep) -> Response:
    """Forget the user in this browser; a household's session ends at identity too."""
    if visit.session and visit.session.refresh_token:
        await visit.state.tokens.revoke(visit.session.refresh_token)
    response = see_other("/")
    visit.state.cookies.sign_out(response)
    return response


async def _signed_in(visit: VisitDep, tokens: Tokens) -> Response:
    visit.gateway = visit.gateway.for_token(tokens.access_token)
    me = (await visit.gateway.run(queries.ME))["me"] or {}
    response = see_other("/")
    session = session_of(tokens.access_token, me)
    session.refresh_token, session.expires_at = tokens.refresh_token, tokens.expires_at
    visit.state.cookies.sign_in(response, session)
    return response


def session_of(token: str, me: dict[str, Any]) -> Session:
    """The session to remember for the caller ``me`` holding ``token``."""
    household = me.get("household") or {}
    memberships = me.get("memberships") or []
    landlords = [m["landlord"]["id"] for m in memberships if m.get("landlord")]
    landlord = (household.get("landlord") or {}).get("id") or (landlords[0] if landlords else None)
    return Session(
        token=token,
        kind=me.get("kind", "PERSON"),
        landlord_id=landlord,
        name=(me.get("person") or {}).get("displayName"),
        roles=sorted({m["role"] for m in memberships}),
    )
