"""Rows to domain objects and back."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from councils.adapters.tables import AdviceRow, AgendaItemRow, CouncilRow, FollowUpRow, MandateRow
from councils.domain.advice import Advice, AdviceState, Origin, Response, Subject
from councils.domain.agenda import AgendaItem, Category, ItemState, Proposer, ProposerKind
from councils.domain.councils import Council, Mandate, MandateRole
from councils.domain.follow_ups import FollowUp, FollowUpStatus
from kernel.localisation import LocalizedText


def text(value: dict[str, Any] | None) -> LocalizedText | None:
    """A stored LocalizedText."""
    return LocalizedText.model_validate(value) if value is not None else None


def stored(value: LocalizedText | None) -> dict[str, Any] | None:
    """A LocalizedText to store."""
    return value.model_dump() if value is not None else None


def council(row: CouncilRow) -> Council:
    """The council stored in ``row``."""
    return Council(row.id, row.landlord_id, LocalizedText.model_validate(row.name), row.seats, row.quorum)


def council_row(council: Council) -> CouncilRow:
    """The row that stores ``council``."""
    return CouncilRow(
        id=council.id,
        landlord_id=council.landlord_id,
        name=council.name.model_dump(),
        seats=council.seats,
        quorum=council.quorum,
    )


def mandate(row: MandateRow) -> Mandate:
    """The mandate stored in ``row``."""
    return Mandate(
        row.id, row.council_id, row.person_id, cast(MandateRole, row.role), row.term_start, row.term_end
    )


def mandate_row(mandate: Mandate) -> MandateRow:
    """The row that stores ``mandate``."""
    return MandateRow(
        id=mandate.id,
        council_id=mandate.council_id,
        person_id=mandate.person_id,
        role=mandate.role,
        term_start=mandate.term_start,
        term_end=mandate.term_end,
    )


def item(row: AgendaItemRow) -> AgendaItem:
    """The agenda item stored in ``row``."""
    proposer = Proposer(
        cast(ProposerKind, row.proposer_kind),
        row.proposer_person_id,
        row.proposer_household_id,
        row.proposer_signature,
    )
    return AgendaItem(
        id=row.id,
        council_id=row.council_id,
        landlord_id=row.landlord_id,
        title=LocalizedText.model_validate(row.title),
        motivation=LocalizedText.model_validate(row.motivation),
        category=cast(Category | None, row.category),
        attachments=tuple(row.attachments),
        proposer=proposer,
        state=cast(ItemState, row.state),
        decline_reason=row.decline_reason,
        merged_into=row.merged_into,
        meeting_id=row.meeting_id,
        position=row.position,
        waits_for_next_meeting=row.waits_for_next_meeting,
        decision=text(row.decision),
        decision_motivation=text(row.decision_motivation),
        consultation_id=row.consultation_id,
    )


def item_values(item: AgendaItem) -> dict[str, Any]:
    """The column values that store ``item``."""
    return {
        "id": item.id,
        "council_id": item.council_id,
        "landlord_id": item.landlord_id,
        "title": item.title.model_dump(),
        "motivation": item.motivation.model_dump(),
        "category": item.category,
        "attachments": list(item.attachments),
        "proposer_kind": item.proposer.kind,
        "proposer_person_id": item.proposer.person_id,
        "proposer_household_id": item.proposer.household_id,
        "proposer_signature": item.proposer.signature,
        "state": item.state,
        "decline_reason": item.decline_reason,
        "merged_into": item.merged_into,
        "meeting_id": item.meeting_id,
        "position": item.position,
        "waits_for_next_meeting": item.waits_for_next_meeting,
        "decision": stored(item.decision),
        "decision_motivation": stored(item.decision_motivation),
        "consultation_id": item.consultation_id,
    }


def follow_up(row: FollowUpRow) -> FollowUp:
    """The follow-up entry stored in ``row``."""
    return FollowUp(
        row.id,
        row.advice_id,
        row.recorded_on,
        cast(FollowUpStatus, row.status),
        LocalizedText.model_validate(row.text),
    )


def follow_up_row(entry: FollowUp) -> FollowUpRow:
    """The row that stores ``entry``."""
    return FollowUpRow(
        id=entry.id,
        advice_id=entry.advice_id,
        recorded_on=entry.on,
        status=entry.status,
        text=entry.text.model_dump(),
    )


def advice(row: AdviceRow, follow_ups: Iterable[FollowUpRow] = ()) -> Advice:
    """The advice stored in ``row`` with its follow-up entries (oldest first)."""
    return Advice(
        id=row.id,
        council_id=row.council_id,
        landlord_id=row.landlord_id,
        origin=cast(Origin, row.origin),
        subject=cast(Subject, row.subject),
        question=LocalizedText.model_validate(row.question),
        documents=tuple(row.documents),
        due_on=row.due_on,
        state=cast(AdviceState, row.state),
        text=text(row.text),
        issued_at=row.issued_at,
        answer_due_on=row.answer_due_on,
        response=cast(Response | None, row.response),
        justification=row.justification,
        answered_at=row.answered_at,
        overdue=row.overdue_at is not None,
        follow_ups=tuple(follow_up(entry) for entry in follow_ups),
    )


def advice_values(advice: Advice) -> dict[str, Any]:
    """The column values that store ``advice`` (``overdue_at`` is the overdue check's own)."""
    return {
        "id": advice.id,
        "council_id": advice.council_id,
        "landlord_id": advice.landlord_id,
        "origin": advice.origin,
        "subject": advice.subject,
        "question": advice.question.model_dump(),
        "documents": list(advice.documents),
        "due_on": advice.due_on,
        "state": advice.state,
        "text": stored(advice.text),
        "issued_at": advice.issued_at,
        "answer_due_on": advice.answer_due_on,
        "response": advice.response,
        "justification": advice.justification,
        "answered_at": advice.answered_at,
    }


def uuids(values: list[str] | None) -> list[uuid.UUID]:
    """Stored id strings as UUIDs."""
    return [uuid.UUID(value) for value in values or []]
