"""Staying signed in: a household's expired access token is renewed before the page runs.

A tenant signs in once with the code of the letter; identity gives a refresh token with the
access token (1 h). When the access token is about to expire, this middleware trades the
refresh token for new ones and hands the page the renewed session, and the browser the new
cookie, so the tenant notices nothing. When identity refuses (revoked by signing out, expired
after 90 days unused, unknown), the page runs as for someone not signed in: pages that need a
user send them back to the welcome page, which forgets the session cookie.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from fastapi import Request, Response

from portal.i18n import page_language
from portal.login import LoginRefused
from portal.session import RENEWED, SESSION_COOKIE

REFRESH_MARGIN_SECONDS = 60
NO_SESSION_NEEDED = ("/static/", "/healthz", "/readyz")


async def keep_households_signed_in(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Renew the household's tokens when they expire within a minute (see the module)."""
    state = getattr(request.app.state, "portal", None)
    if state is None or request.url.path.startswith(NO_SESSION_NEEDED):
        return await call_next(request)
    session = state.cookies.session(request)
    if session is None or not session.refresh_token:
        return await call_next(request)
    if not session.expires_within(REFRESH_MARGIN_SECONDS, time.time()):
        return await call_next(request)
    try:
        tokens = await state.tokens.refreshed(session.refresh_token, page_language(request))
    except LoginRefused:
        # Not deleting the cookie here: another tab may just have renewed it.
        setattr(request.state, RENEWED, None)
        return await call_next(request)
    renewed = replace(
        session,
        token=tokens.access_token,
        expires_at=tokens.expires_at,
        refresh_token=tokens.refresh_token or session.refresh_token,
    )
    setattr(request.state, RENEWED, renewed)  # the page reads it instead of the cookie sent
    response = await call_next(request)
    if not any(value.startswith(SESSION_COOKIE + "=") for value in response.headers.getlist("set-cookie")):
        state.cookies.sign_in(response, renewed)
    return response
