"""The partner activity around a landlord over a period, counted in one statement."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from kernel.periods import Period
from partners.domain.indicators import PartnerIndicators

# One statement: the partnerships held in the period, the activities announced in it, and
# the deliveries of the landlord's events to its partners (by delivery or last attempt time).
COUNTS = text("""
    WITH partnered AS (
        SELECT * FROM partnerships p
        WHERE p.landlord_id = :landlord AND p.valid_from < :ends
          AND (p.valid_to IS NULL OR p.valid_to > :begins)
          AND (p.revoked_at IS NULL OR p.revoked_at > :begins)
    ),
    landlord_deliveries AS (
        SELECT d.id, d.status, d.delivered_at FROM deliveries d
        JOIN subscriptions s ON s.id = d.subscription_id
        JOIN event_log e ON e.position = d.position
        WHERE e.landlord_id = :landlord
          AND s.partner_id IN (SELECT partner_id FROM partnerships WHERE landlord_id = :landlord)
    ),
    attempts AS (
        SELECT a.delivery_id, a.attempted_at, a.status_code, a.error FROM delivery_attempts a
        WHERE a.delivery_id IN (SELECT id FROM landlord_deliveries)
    )
    SELECT
        (SELECT count(*) FROM partnered),
        (SELECT count(DISTINCT partner_id) FROM partnered),
        (SELECT count(*) FROM activities
         WHERE landlord_id = :landlord AND announced_at >= :begins AND announced_at < :ends),
        (SELECT count(*) FROM landlord_deliveries
         WHERE status = 'delivered' AND delivered_at >= :begins AND delivered_at < :ends),
        (SELECT count(*) FROM landlord_deliveries d
         WHERE d.status = 'failed'
           AND (SELECT max(attempted_at) FROM attempts a WHERE a.delivery_id = d.id) >= :begins
           AND (SELECT max(attempted_at) FROM attempts a WHERE a.delivery_id = d.id) < :ends),
        (SELECT count(*) FROM attempts
         WHERE attempted_at >= :begins AND attempted_at < :ends
           AND (status_code IS NULL OR status_code NOT BETWEEN 200 AND 299))
""")


class IndicatorFacts:
    """Counts over a landlord's partnerships, activities and deliveries."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def counts(self, landlord_id: uuid.UUID, period: Period) -> PartnerIndicators:
        """The partner indicators of ``landlord_id`` over ``period``."""
        params = {"landlord": landlord_id, "begins": period.begins, "ends": period.ends}
        row = (await (await self.session.connection()).execute(COUNTS, params)).one()
        return PartnerIndicators(*(int(n) for n in row))
