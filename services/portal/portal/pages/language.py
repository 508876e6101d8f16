"""The language links on every page: set the cookie, go back to the same page."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi import APIRouter

from kernel.localisation import LANGUAGES
from portal.deps import see_other
from portal.i18n import LANGUAGE_COOKIE

router = APIRouter()
ONE_YEAR = 365 * 24 * 3600


def local_path(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/`` (no open redirects)."""
    path = unquote(target or "/")
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/lang/{lang}")
async def choose_language(lang: str, next: str | None = None) -> object:
    """Remember ``lang`` (when NL, FR or EN) and show the page ``next`` again."""
    response = see_other(local_path(next))
    if lang in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=ONE_YEAR, path="/", httponly=True, samesite="lax")
    return response
