"""The two tables kept apart: the participation ledger and the anonymous answers.

Nothing written here links one to the other: the answers row gets a fresh random id, no
time, and only the site and channel that results are broken down by.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, insert, select
from sqlmodel.ext.asyncio.session import AsyncSession

from surveys.adapters.db import run
from surveys.adapters.invitations import UsedInvitation
from surveys.adapters.tables import answers, participation
from surveys.domain.participation import Channel
from surveys.domain.questions import AnswerValue
from surveys.domain.results import AnswerSet


class ResponseRepository:
    """Participation (who took part, by day and channel) and answers (what, anonymously)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        consultation_id: uuid.UUID,
        invitation: UsedInvitation,
        channel: Channel,
        day: date,
        values: dict[str, AnswerValue],
    ) -> None:
        """Write the ledger row and the anonymous answers row (same transaction)."""
        await run(
            self.session,
            insert(participation).values(
                invitation_id=invitation.id,
                consultation_id=consultation_id,
                site_id=invitation.site_id,
                building_id=invitation.building_id,
                channel=channel.value,
                day=day,
            ),
        )
        await run(
            self.session,
            insert(answers).values(
                id=uuid.uuid4(),
                consultation_id=consultation_id,
                site_id=invitation.site_id,
                channel=channel.value,
                answers=values,
            ),
        )

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
