"""Per-request pieces for the pages: the visit (language, user, gateway) and rendering."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from portal.gateway import Gateway
from portal.i18n import page_language, translator
from portal.session import Session
from portal.state import PortalState


class SignInNeeded(Exception):
    """The page needs a signed-in user (or the gateway no longer accepts their token)."""


@dataclass
class Visit:
    """One page request: its language, its user (if any) and a gateway acting for them."""

    request: Request
    state: PortalState
    lang: str
    t: Callable[..., str]
    session: Session | None
    gateway: Gateway

    def render(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        """``template`` rendered in the visit's language."""
        context |= {"t": self.t, "lang": self.lang, "session": self.session, "here": _here(self.request)}
        return self.state.templates.TemplateResponse(self.request, template, context, status_code=status_code)

    def user(self) -> Session:
        """The signed-in user, or :class:`SignInNeeded`."""
        if self.session is None:
            raise SignInNeeded()
        return self.session

    def require(self, roles: Collection[str], message_key: str) -> Response | None:
        """None when the signed-in user holds one of ``roles`` (a partner's system counts as
        holding its kind, ``CLIENT``); else the friendly "not for you" page saying ``message_key``.
        A regional admin is admitted only where a page lists ``regional_admin``."""
        user = self.user()
        if {*user.roles, user.kind} & set(roles):
            return None
        return self.forbidden(message_key)

    def forbidden(self, message_key: str) -> HTMLResponse:
        """The friendly "not for you" page."""
        return self.render("error.html", 403, message=self.t(message_key))


def _here(request: Request) -> str:
    """The current path and query, for the language links' ``next``."""
    query = f"?{request.url.query}" if request.url.query else ""
    return quote(request.url.path + query, safe="")


def visit(request: Request) -> Visit:
    """The :class:`Visit` of ``request``."""
    state: PortalState = request.app.state.portal
    lang = page_language(request)
    session = state.cookies.session(request)
    gateway = Gateway(state.http, session.token if session else None, lang)
    return Visit(request, state, lang, translator(lang), session, gateway)


VisitDep = Annotated[Visit, Depends(visit)]


def see_other(url: str) -> RedirectResponse:
    """A 303 redirect: after a form post the browser GETs ``url``."""
    return RedirectResponse(url, status_code=303)
