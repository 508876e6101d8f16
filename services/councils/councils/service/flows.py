"""Reactions to other services' events: room bookings (spaces) and consultation results (surveys)."""

from __future__ import annotations

import uuid

import structlog

from contracts.councils import AgendaItemAccepted
from contracts.spaces import BookingConfirmed, BookingRejected
from contracts.surveys import ResultsPublished
from councils.domain.agenda import AgendaItem, Proposer
from councils.domain.meetings import booking_outcome
from councils.service.clock import utcnow
from councils.service.scheduling import schedule_on_next
from councils.service.unit_of_work import UnitOfWork
from kernel.localisation import LANGUAGES, LocalizedText, translate

log = structlog.get_logger(__name__)
MEETING_REQUESTS = "councils.meeting"


async def apply_booking(uow: UnitOfWork, outcome: BookingConfirmed | BookingRejected) -> bool:
    """Set a meeting's venue from spaces' answer to its room request; False when not ours."""
    if outcome.request is None or outcome.request.source != MEETING_REQUESTS:
        return False
    meeting = await uow.meetings.get(outcome.request.id, lock=True)
    if meeting is None:
        log.warning("councils.booking_for_unknown_meeting", meeting_id=str(outcome.request.id))
        return False
    confirmed = isinstance(outcome, BookingConfirmed)
    meeting.venue_status = booking_outcome(meeting.venue_status, confirmed)  # type: ignore[arg-type]
    if meeting.venue_status == "given":
        return True
    meeting.space_id = outcome.space_id
    meeting.booking_id = outcome.booking_id
    meeting.venue_reason = None if confirmed else getattr(outcome, "reason_code", None)
    return True


def results_title(consultation: LocalizedText) -> LocalizedText:
    """ "Results: <title>" in each language, from the catalogue's prefix."""
    texts = {
        lang: translate("councils.results_title", lang, title=consultation.text(lang)) for lang in LANGUAGES
    }
    return LocalizedText(**texts)


def results_motivation(respondents: int) -> LocalizedText:
    """Why the item is there, in each language."""
    texts = {
        lang: translate("councils.results_motivation", lang, respondents=respondents) for lang in LANGUAGES
    }
    return LocalizedText(**texts)


async def add_results_item(uow: UnitOfWork, event: ResultsPublished) -> AgendaItem | None:
    """Put a linked consultation's results on the council's next meeting (waiting when none is planned)."""
    if event.council_id is None:
        return None
    council = await uow.councils.get(event.council_id, lock=True)
    if council is None or council.landlord_id != event.landlord_id:
        log.warning("councils.results_for_unknown_council", council_id=str(event.council_id))
        return None
    if existing := await uow.items.of_consultation(council.id, event.consultation_id):
        return existing
    item = AgendaItem(
        uuid.uuid4(),
        council.id,
        council.landlord_id,
        results_title(event.title),
        results_motivation(event.respondents),
        "other",
        (),
        Proposer("system"),
        state="accepted",
        waits_for_next_meeting=True,
        consultation_id=event.consultation_id,
    )
    uow.items.add(item, accepted_at=utcnow())
    uow.record(
        AgendaItemAccepted(
            item_id=item.id,
            council_id=council.id,
            landlord_id=council.landlord_id,
            category="other",
            title=item.title,
        ),
        council.landlord_id,
    )
    await uow.session.flush()
    return await schedule_on_next(uow, item)
