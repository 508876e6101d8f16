"""The page language: chosen with a link (remembered in a cookie), else from the browser.

Every label lives in ``locales/<lang>.json`` or ``locales/<area>/<lang>.json`` (one folder per
audience: council, worker, staff, partner) under ``portal.``; templates call ``t('portal.…')``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import Request

from kernel.localisation import LANGUAGES, Language, negotiate_language, register_catalogue, translate

LOCALES = Path(__file__).parent / "locales"
LANGUAGE_COOKIE = "inspraak_lang"
BRUSSELS = ZoneInfo("Europe/Brussels")

for _folder in (LOCALES, *sorted(path for path in LOCALES.iterdir() if path.is_dir())):
    register_catalogue(_folder)


def page_language(request: Request) -> Language:
    """The remembered choice, else the best match of ``Accept-Language`` (NL by default)."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    for lang in LANGUAGES:
        if chosen == lang:
            return lang
    return negotiate_language(request.headers.get("accept-language"))


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **params)`` for templates and routes in ``lang``."""

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    return t


def local_time(value: str | None, lang: str) -> str:
    """An ISO date-time from the gateway as Brussels wall time, e.g. ``12/05/2026 19:00``."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value).astimezone(BRUSSELS)
    return translate(
        "portal.format.datetime", lang, date=moment.strftime("%d/%m/%Y"), time=moment.strftime("%H:%M")
    )


def local_date(value: str | None) -> str:
    """An ISO date from the gateway as Belgians write it, e.g. ``12/05/2026`` (NL, FR and EN)."""
    if not value:
        return ""
    return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
