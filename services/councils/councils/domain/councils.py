"""Councils (one per landlord) and mandates: who sits, in which role, for which term."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from kernel.errors import ValidationFailed
from kernel.localisation import LocalizedText

MIN_SEATS = 5
MAX_SEATS = 15
MandateRole = Literal["president", "secretary", "member", "board_delegate"]
MANDATE_ROLES: tuple[MandateRole, ...] = get_args(MandateRole)


@dataclass(frozen=True)
class Council:
    """The tenant advisory council (ARHUU/CoCoLo) of one landlord."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    name: LocalizedText
    seats: int
    quorum: int | None = None

    @classmethod
    def create(
        cls, landlord_id: uuid.UUID, name: LocalizedText, seats: int, quorum: int | None = None
    ) -> Council:
        """A new council: 5 to 15 seats; a configured quorum lies between 1 and the seats."""
        if not MIN_SEATS <= seats <= MAX_SEATS:
            raise ValidationFailed(
                "a council has 5 to 15 seats",
                field="seats",
                message_key="councils.seats_range",
                params={"min": MIN_SEATS, "max": MAX_SEATS},
            )
        if quorum is not None and not 1 <= quorum <= seats:
            raise ValidationFailed("quorum between 1 and the seats", field="quorum")
        if not name.text():
            raise ValidationFailed("a council has a name", field="name", message_key="error.field_required")
        return cls(uuid.uuid4(), landlord_id, name, seats, quorum)


@dataclass(frozen=True)
class Mandate:
    """A person's seat on a council, in a role, for a term."""

    id: uuid.UUID
    council_id: uuid.UUID
    person_id: uuid.UUID
    role: MandateRole
    term_start: date
    term_end: date

    def sits_on(self, day: date) -> bool:
        """True when the mandate runs on ``day``."""
        return self.term_start <= day <= self.term_end


def appoint(
    council: Council,
    sitting: list[Mandate],
    person_id: uuid.UUID,
    role: str,
    term_start: date,
    term_end: date,
) -> Mandate:
    """A new mandate; refused when the role is unknown, the term empty or the seats all taken."""
    checked = next((r for r in MANDATE_ROLES if r == role), None)
    if checked is None:
        raise ValidationFailed(f"role must be one of {', '.join(MANDATE_ROLES)}", field="role")
    if term_end <= term_start:
        raise ValidationFailed("a term ends after it starts", field="term_end")
    overlapping = [m for m in sitting if m.term_start <= term_end and term_start <= m.term_end]
    if any(m.person_id == person_id for m in overlapping):
        raise ValidationFailed("this person already sits then", field="person_id")
    if len(overlapping) >= council.seats:
        raise ValidationFailed(
            "every seat is taken",
            field="person_id",
            message_key="councils.seats_full",
            params={"seats": council.seats},
        )
    return Mandate(uuid.uuid4(), council.id, person_id, checked, term_start, term_end)
