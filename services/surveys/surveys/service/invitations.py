"""Issuing invitations: one code per household of the audience, and the letters to print.

Codes are shown once, in the letters returned by this call; only their hashes are kept.
Issuing again only invites households that joined the audience since.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kernel.auth import Principal
from kernel.errors import Conflict
from kernel.localisation import translate
from surveys.adapters.invitations import Invitee
from surveys.domain.commands import ConsultationCommand
from surveys.domain.consultation import Consultation, Phase
from surveys.domain.invitations import issue_codes
from surveys.service.clock import utcnow
from surveys.service.consultations import consultation_of
from surveys.service.permissions import require_manager
from surveys.service.unit_of_work import UnitOfWork

LETTER_COLUMNS = ("household_id", "site_id", "building_id", "language", "code", "url", "letter")


@dataclass(frozen=True)
class IssuedInvitations:
    """How many invitations were issued now and before, and the letters of the new ones (CSV)."""

    issued: int
    already_invited: int
    letters_csv: str


def short_url(public_url: str, consultation: Consultation) -> str:
    """The address printed on the letter."""
    return f"{public_url.rstrip('/')}/c/{consultation.id.hex[:10]}"


def letters_csv(consultation: Consultation, issued: list[tuple[Invitee, str]], url: str) -> str:
    """One line per letter, in the household's language, with its code and the short URL."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LETTER_COLUMNS)
    for who, code in issued:
        title = consultation.title.text(who.language)
        letter = translate("surveys.letter", who.language, title=title, url=url, code=code)
        writer.writerow((who.household_id, who.site_id, who.building_id, who.language, code, url, letter))
    return buffer.getvalue()


async def issue_invitations(
    uow: UnitOfWork, actor: Principal, command: ConsultationCommand, public_url: str
) -> IssuedInvitations:
    """Invite every household of the audience not invited yet (published, not closed)."""
    consultation = await consultation_of(uow, command.consultation_id, actor, lock=True)
    require_manager(actor, consultation.landlord_id)
    if consultation.phase(utcnow()) in (Phase.DRAFT, Phase.CLOSED):
        raise Conflict("only a published, open consultation invites", message_key="surveys.not_inviting")
    invitees = await uow.invitations.uninvited(consultation.id, consultation.audience)
    codes = issue_codes(len(invitees))
    await uow.invitations.copy_in(
        consultation.id, [(w, h) for w, (_, h) in zip(invitees, codes, strict=True)]
    )
    [turnout] = await uow.invitations.turnout(consultation.id, None)
    url = short_url(public_url, consultation)
    plain = [(who, code) for who, (code, _) in zip(invitees, codes, strict=True)]
    return IssuedInvitations(
        len(invitees), turnout.invited - len(invitees), letters_csv(consultation, plain, url)
    )
