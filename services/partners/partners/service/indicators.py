"""Partner activity around a landlord over a period, for its staff and regional admins."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text

from kernel.auth import Principal
from kernel.errors import Forbidden, Unauthenticated
from kernel.periods import Period
from partners.domain.indicators import PartnerIndicators
from partners.service.unit_of_work import UnitOfWork

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


@dataclass(frozen=True)
class LandlordIndicators:
    """A landlord's partner indicators over a period."""

    landlord_id: uuid.UUID
    period: Period
    values: PartnerIndicators


async def landlord_indicators(
    uow: UnitOfWork, actor: Principal | None, landlord_id: uuid.UUID, period: Period
) -> LandlordIndicators:
    """Indicators for landlord staff of ``landlord_id`` and regional admins (as the councils'
    indicators); UNAUTHENTICATED without a token, FORBIDDEN for anyone else."""
    if actor is None:
        raise Unauthenticated("bearer token required")
    if not (actor.is_regional_admin or actor.has("landlord_staff", str(landlord_id))):
        raise Forbidden("requires landlord staff", message_key="partners.indicators_only")
    params = {"landlord": landlord_id, "begins": period.begins, "ends": period.ends}
    row = (await (await uow.session.connection()).execute(COUNTS, params)).one()
    return LandlordIndicators(landlord_id, period, PartnerIndicators(*(int(n) for n in row)))
