"""The two tables kept apart: the participation ledger and the anonymous answers.

Nothing written here links one to the other: the answers row gets a fresh random id, no
time, and only the site and channel that results are broken down by.

Taking an answer set is one statement (:meth:`ResponseRepository.take`): the invitation is
marked used, the ledger row and the anonymous answers row are written from it, and the
participation announcement is claimed, all or nothing, in one round trip.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession as CoreSession
from sqlmodel.ext.asyncio.session import AsyncSession

from surveys.adapters.db import run
from surveys.adapters.tables import answers, participation
from surveys.domain.participation import Channel
from surveys.domain.questions import AnswerValue
from surveys.domain.results import AnswerSet

InvitationMatch = Literal["code_hash", "household_id"]

PARTICIPATION_ANNOUNCED_AT_MOST_EVERY = "1 minute"
"""A rush of responses announces participation once per this interval, not once per response."""

_TAKE = """
WITH used AS (
    UPDATE invitations SET used = true
    WHERE consultation_id = :consultation_id AND used = false AND {match} = :match
    RETURNING id, site_id, building_id
), ledger AS (
    INSERT INTO participation (invitation_id, consultation_id, site_id, building_id, channel, day)
    SELECT id, :consultation_id, site_id, building_id, :channel, :day FROM used
), anonymous AS (
    INSERT INTO answers (id, consultation_id, site_id, channel, answers)
    SELECT :answers_id, :consultation_id, site_id, :channel, :answers FROM used
), announced AS (
    UPDATE consultations SET participation_announced_at = now()
    WHERE id = :consultation_id AND EXISTS (SELECT FROM used)
      AND (participation_announced_at IS NULL
           OR participation_announced_at < now() - interval '{quiet}')
    RETURNING id
)
SELECT (SELECT count(*) FROM used) AS used, (SELECT count(*) FROM announced) AS announced
"""
# The anonymous row takes only the invitation's site: never its id, household or a time.
TAKE = {
    match: text(_TAKE.format(match=match, quiet=PARTICIPATION_ANNOUNCED_AT_MOST_EVERY)).bindparams(
        bindparam("answers", type_=JSONB)
    )
    for match in ("code_hash", "household_id")
}


@dataclass(frozen=True)
class Taken:
    """What :meth:`ResponseRepository.take` did: whether an unused invitation was used (and
    both rows written), and whether this answer set claimed the participation announcement."""

    used: bool
    announce: bool


class ResponseRepository:
    """Participation (who took part, by day and channel) and answers (what, anonymously)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def take(
        self,
        consultation_id: uuid.UUID,
        match: InvitationMatch,
        value: Any,
        channel: Channel,
        day: date,
        values: dict[str, AnswerValue],
    ) -> Taken:
        """Use the unused invitation whose ``match`` column is ``value`` and write the ledger
        and anonymous answers rows from it, in one statement; nothing is written when there is
        no unused invitation. Concurrent attempts queue on the invitation's row lock: one wins."""
        params = {
            "consultation_id": consultation_id,
            "match": value,
            "channel": channel.value,
            "day": day,
            "answers_id": uuid.uuid4(),
            "answers": values,
        }
        row = (await CoreSession.execute(self.session, TAKE[match], params)).one()
        return Taken(used=bool(row.used), announce=bool(row.announced))

    async def answer_sets(self, consultation_id: uuid.UUID) -> list[AnswerSet]:
        """Every answer set of the consultation."""
        query = select(answers.c.site_id, answers.c.channel, answers.c.answers).where(
            answers.c.consultation_id == consultation_id
        )
        rows = (await run(self.session, query)).all()
        return [AnswerSet(str(r.site_id), r.channel, r.answers) for r in rows]

    async def respondents(self, consultation_id: uuid.UUID) -> int:
        """How many took part."""
        query = select(func.count()).where(participation.c.consultation_id == consultation_id)
        return int((await run(self.session, query)).one()[0])

    async def by_channel(self, consultation_id: uuid.UUID) -> dict[str, int]:
        """How many took part through each channel."""
        column = participation.c.channel
        query = (
            select(column, func.count())
            .where(participation.c.consultation_id == consultation_id)
            .group_by(column)
        )
        return {str(r[0]): int(r[1]) for r in (await run(self.session, query)).all()}
