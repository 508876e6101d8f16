"""Form helpers shared by the pages: a gateway refusal shown next to the field it names, dates
typed in a form, and the date and time labels the templates print."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from portal.gateway import GatewayError
from portal.i18n import BRUSSELS

REFUSALS = ("VALIDATION", "CONFLICT")


def field_name(refused: GatewayError) -> str:
    """The form field a gateway refusal names (``dueOn``, ``due_on`` or ``todos.0`` → ``due_on``,
    ``todos``); ``form`` when it names none."""
    if not refused.field:
        return "form"
    first = refused.field.split(".")[0]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", first).lower()


def refusal(
    refused: GatewayError, known: tuple[str, ...], codes: tuple[str, ...] = REFUSALS
) -> dict[str, str]:
    """``{field: message}`` for a refusal with one of ``codes``; raised again otherwise (the app's
    error page shows it in the page's language)."""
    message(refused, *codes)
    name = field_name(refused)
    return {name if name in known else "form": refused.message}


def message(refused: GatewayError, *codes: str) -> str:
    """The gateway's message of a refusal with one of ``codes`` (default VALIDATION/CONFLICT), to
    show on the page; raised again otherwise."""
    if refused.code not in (codes or REFUSALS):
        raise refused
    return refused.message


def parse_day(value: str) -> date | None:
    """A ``YYYY-MM-DD`` from a date input, else None."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def labels(t: Callable[..., str]) -> dict[str, Any]:
    """Date and time labels in the page language for the templates."""

    def day(value: date | datetime) -> str:
        moment = value.astimezone(BRUSSELS).date() if isinstance(value, datetime) else value
        weekday = t(f"portal.worker.weekday_{moment.weekday()}")
        return t("portal.worker.day_label", weekday=weekday, date=moment.strftime("%d/%m/%Y"))

    def clock(value: datetime) -> str:
        return value.astimezone(BRUSSELS).strftime("%H:%M")

    def period(start: datetime, end: datetime) -> str:
        return t("portal.worker.period", day=day(start), start=clock(start), end=clock(end))

    def iso_day(value: datetime) -> str:
        return value.astimezone(BRUSSELS).date().isoformat()

    return {"day": day, "clock": clock, "period": period, "iso_day": iso_day}
