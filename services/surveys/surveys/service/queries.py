"""Read-side queries: consultation lists, the caller's invitation, overdue follow-ups."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import datetime

from kernel.auth import Principal
from kernel.errors import NotFound, ValidationFailed
from surveys.domain.consultation import Consultation, Phase
from surveys.domain.invitations import hash_code, normalise_code
from surveys.service.clock import today, utcnow
from surveys.service.consultations import consultation_of
from surveys.service.permissions import managed_landlords, may_read, require_manager
from surveys.service.unit_of_work import UnitOfWork

MAX_PAGE = 100
# The letters' address ends in the first 10 hex digits of the consultation's id (``short_url``).
SHORT_ID = re.compile(r"[0-9a-f]{10}")


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


async def consultations_by_id(
    uow: UnitOfWork, actor: Principal | None, ids: list[uuid.UUID]
) -> list[Consultation]:
    """The consultations of ``ids`` that ``actor`` may see (unknown and unseen ids are left out)."""
    if len(ids) > MAX_PAGE:
        raise ValidationFailed(f"at most {MAX_PAGE} ids", field="id", message_key="error.invalid_value")
    return [c for c in await uow.consultations.many(ids) if may_read(actor, c)]


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


async def consultation_by_short_id(uow: UnitOfWork, actor: Principal | None, short_id: str) -> Consultation:
    """The consultation whose letters print ``/c/<short_id>`` (NOT_FOUND like an unknown id)."""
    typed = short_id.strip().lower()
    if not SHORT_ID.fullmatch(typed):
        raise ValidationFailed(
            "a short id is 10 hex digits", field="short_id", message_key="surveys.short_id_invalid"
        )
    found = [c for c in await uow.consultations.by_short_id(typed) if may_read(actor, c)]
    if not found:
        raise NotFound("unknown consultation", message_key="surveys.consultation_unknown")
    return found[0]


async def invitation_by_code(
    uow: UnitOfWork, actor: Principal | None, code: str
) -> tuple[Consultation, bool]:
    """The consultation a letter's code invites to, and whether the code is still unused; the
    code is not used up and its household never shown. VALIDATION naming ``code`` when unknown."""
    canonical = normalise_code(code)
    found = await uow.invitations.by_code_hash(hash_code(canonical)) if canonical else None
    if found is None:
        raise ValidationFailed("unknown code", field="code", message_key="surveys.code_unknown")
    consultation_id, used = found
    return await consultation_of(uow, consultation_id, actor), not used
