"""Read-side queries: consultation lists, the caller's invitation, overdue follow-ups."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime

from kernel.auth import Principal
from kernel.errors import ValidationFailed
from surveys.domain.consultation import Consultation, Phase
from surveys.service.clock import today, utcnow
from surveys.service.permissions import managed_landlords, require_manager
from surveys.service.unit_of_work import UnitOfWork

MAX_PAGE = 100


def cursor_of(created_at: datetime, consultation_id: uuid.UUID) -> str:
    """An opaque cursor pointing after this consultation."""
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{consultation_id}".encode()).decode()


def _position(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    if not cursor:
        return None
    try:
        at, _, ident = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(at), uuid.UUID(ident)
    except ValueError:
        raise ValidationFailed("bad cursor", field="after", message_key="error.invalid_value") from None


async def list_consultations(
    uow: UnitOfWork,
    actor: Principal | None,
    *,
    landlord_id: uuid.UUID | None,
    phase: Phase | None,
    first: int,
    after: str | None,
) -> tuple[list[Consultation], str | None]:
    """A page of consultations (newest first) and the cursor of the next page, if any."""
    if not 1 <= first <= MAX_PAGE:
        raise ValidationFailed(
            f"first must be 1 to {MAX_PAGE}", field="first", message_key="error.invalid_value"
        )
    rows = await uow.consultations.page(
        landlord_id=landlord_id,
        phase=phase,
        drafts_of=managed_landlords(actor),
        now=utcnow(),
        first=first + 1,
        after=_position(after),
    )
    page = rows[:first]
    next_cursor = cursor_of(page[-1][1], page[-1][0].id) if len(rows) > first else None
    return [consultation for consultation, _ in page], next_cursor


async def invitation_state(uow: UnitOfWork, actor: Principal | None, consultation_id: uuid.UUID) -> str:
    """For a signed-in household: ``not_invited``, ``invited`` or ``answered``."""
    if actor is None or actor.household_id is None:
        return "not_invited"
    used = await uow.invitations.find(consultation_id, household_id=uuid.UUID(actor.household_id))
    return "not_invited" if used is None else ("answered" if used else "invited")


async def overdue_follow_ups(uow: UnitOfWork, actor: Principal, landlord_id: uuid.UUID) -> list[Consultation]:
    """Consultations of ``landlord_id`` whose follow-up date passed without a follow-up."""
    require_manager(actor, landlord_id)
    return await uow.consultations.overdue([landlord_id], today())
