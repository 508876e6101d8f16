"""Quarterly follow-up of advice: what the landlord did with it, at least once a quarter.

Once the landlord answered an advice, its staff record dated follow-up entries (planned, in
progress, done, abandoned). A follow-up is due while the advice is answered, the last entry does
not close it (done or abandoned) and no entry was recorded in the current calendar quarter.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from kernel.errors import ValidationFailed
from kernel.localisation import LocalizedText

FollowUpStatus = Literal["planned", "in_progress", "done", "abandoned"]
FOLLOW_UP_STATUSES: tuple[FollowUpStatus, ...] = get_args(FollowUpStatus)
CLOSING: frozenset[FollowUpStatus] = frozenset({"done", "abandoned"})
MAX_TEXT = 4000


@dataclass(frozen=True)
class FollowUp:
    """One dated entry of what was done with an advice."""

    id: uuid.UUID
    advice_id: uuid.UUID
    on: date
    status: FollowUpStatus
    text: LocalizedText


def quarter_of(day: date) -> tuple[int, int]:
    """The calendar quarter of ``day`` as (year, 1–4)."""
    return day.year, (day.month - 1) // 3 + 1


def status_of(value: str) -> FollowUpStatus:
    """``value`` as a follow-up status (VALIDATION naming ``status`` otherwise)."""
    for status in FOLLOW_UP_STATUSES:
        if value == status:
            return status
    raise ValidationFailed(f"status must be one of {', '.join(FOLLOW_UP_STATUSES)}", field="status")


def new_follow_up(
    advice_id: uuid.UUID, on: date | None, status: str, text: LocalizedText, today: date
) -> FollowUp:
    """A follow-up entry dated ``on`` (default today; never in the future), with a text."""
    day = on or today
    if day > today:
        raise ValidationFailed(
            "a follow-up records what was done", field="on", message_key="councils.follow_up_in_future"
        )
    written = text.text().strip()
    if not written:
        raise ValidationFailed("the follow-up needs a text", field="text", message_key="error.field_required")
    if any(len(value or "") > MAX_TEXT for value in (text.nl, text.fr, text.en)):
        raise ValidationFailed("the text is too long", field="text", message_key="error.invalid_value")
    return FollowUp(uuid.uuid4(), advice_id, day, status_of(status), text)


def latest(entries: Iterable[FollowUp]) -> FollowUp | None:
    """The most recent entry (by its date; the last recorded wins a tie)."""
    ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].on, pair[0]))
    return ordered[-1][1] if ordered else None


def follow_up_due(answered: bool, entries: Iterable[FollowUp], today: date) -> bool:
    """True when an answered advice still open has no follow-up in ``today``'s quarter."""
    if not answered:
        return False
    recorded = list(entries)
    last = latest(recorded)
    if last is not None and last.status in CLOSING:
        return False
    return all(quarter_of(entry.on) != quarter_of(today) for entry in recorded)
