"""The delivery worker's database side: claim due deliveries, record each attempt's outcome.

Claims take a lease (``FOR UPDATE SKIP LOCKED``, then ``lease_until``) and commit at once, so
no transaction stays open during HTTP calls; a worker that dies mid-call leaves a lease that
expires, and the delivery is tried again with the same ``webhook-id`` (receivers dedupe).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlmodel import col, update

from contracts.partners import EndpointDisabled
from kernel.db import SessionFactory, transaction
from kernel.outbox import record_event
from partners.adapters.mapping import secrets_of
from partners.adapters.tables import AttemptRow, DeliveryRow, SubscriptionRow
from partners.domain.retries import AttemptResult, Outcome, RetryPolicy

CLAIM = text("""
    UPDATE deliveries SET lease_until = :lease_until
    WHERE id IN (
        SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= :now
          AND (d.lease_until IS NULL OR d.lease_until < :now)
          AND s.status = 'active' AND s.deleted_at IS NULL
        ORDER BY d.position LIMIT :limit
        FOR UPDATE OF d SKIP LOCKED)
    RETURNING id, subscription_id, position, attempts
""")
COUNT_ATTEMPTS = text("SELECT count(*) FROM delivery_attempts WHERE delivery_id = :id")
# Successful attempts, recorded together: each pending delivery delivered and its attempt
# logged, and the endpoints' failing streaks ended, in one statement.
RECORD_DELIVERED = text("""
    WITH attempt AS (
        SELECT * FROM unnest(
            CAST(:deliveries AS uuid[]), CAST(:attempts AS uuid[]), CAST(:codes AS int[]),
            CAST(:latencies AS int[]), CAST(:excerpts AS text[])
        ) AS a(delivery_id, id, status_code, latency_ms, excerpt)
    ), done AS (
        UPDATE deliveries d SET status = 'delivered', delivered_at = :now, attempts = d.attempts + 1,
            lease_until = NULL, next_attempt_at = NULL
        FROM attempt a WHERE d.id = a.delivery_id AND d.status = 'pending'
        RETURNING d.id, d.subscription_id
    ), logged AS (
        INSERT INTO delivery_attempts
            (id, delivery_id, number, attempted_at, status_code, latency_ms, error, response_excerpt)
        SELECT a.id, a.delivery_id,
            (SELECT count(*) FROM delivery_attempts x WHERE x.delivery_id = a.delivery_id) + 1,
            :now, a.status_code, a.latency_ms, NULL, a.excerpt
        FROM attempt a JOIN done ON done.id = a.delivery_id
    )
    UPDATE subscriptions s SET failing_since = NULL
    WHERE s.id IN (SELECT subscription_id FROM done) AND s.failing_since IS NOT NULL
""")
ENVELOPES = text("SELECT position, envelope FROM event_log WHERE position = ANY(:positions)")


@dataclass(frozen=True)
class Claimed:
    """A delivery this worker holds the lease of, with what it needs to send it."""

    delivery_id: uuid.UUID
    subscription_id: uuid.UUID
    position: int
    attempts: int
    url: str
    secrets: list[str]
    body: bytes

    @property
    def message_id(self) -> str:
        """The ``webhook-id``: the same for every attempt of this delivery."""
        return f"msg_{self.delivery_id.hex}"


@dataclass(frozen=True)
class Attempt:
    """What one HTTP attempt gave."""

    result: AttemptResult
    latency_ms: int
    error: str | None = None
    excerpt: str | None = None


def body_of(envelope: dict[str, object]) -> bytes:
    """The exact bytes sent (and signed)."""
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode()


async def claim(sessions: SessionFactory, limit: int, lease: timedelta) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries of active endpoints, in event order."""
    now = datetime.now(UTC)
    async with transaction(sessions) as session:
        params = {"now": now, "lease_until": now + lease, "limit": limit}
        rows = (await (await session.connection()).execute(CLAIM, params)).all()
        if not rows:
            return []
        positions = [r.position for r in rows]
        envelopes: dict[int, dict[str, object]] = dict(
            (await (await session.connection()).execute(ENVELOPES, {"positions": positions})).all()
        )
        subscriptions = {
            r.subscription_id: await session.get(SubscriptionRow, r.subscription_id) for r in rows
        }
    claimed = []
    for r in sorted(rows, key=lambda r: r.position):
        sub = subscriptions[r.subscription_id]
        assert sub is not None and sub.url is not None
        signing = secrets_of(sub).signing(now)
        body = body_of(envelopes[r.position])
        claimed.append(Claimed(r.id, r.subscription_id, r.position, r.attempts, sub.url, signing, body))
    return claimed


async def release(sessions: SessionFactory, deliveries: list[Claimed]) -> None:
    """Give leases back unused (their endpoint was just disabled)."""
    async with transaction(sessions) as session:
        ids = [c.delivery_id for c in deliveries]
        await (await session.connection()).execute(
            update(DeliveryRow).where(col(DeliveryRow.id).in_(ids)).values(lease_until=None)
        )


async def record_delivered(sessions: SessionFactory, delivered: list[tuple[Claimed, Attempt]]) -> None:
    """Record successful attempts (2xx answers) in one transaction; a delivery that moved on
    without us meanwhile is left as it is."""
    if not delivered:
        return
    assert all(attempt.result.succeeded for _, attempt in delivered)
    params = {
        "deliveries": [claimed.delivery_id for claimed, _ in delivered],
        "attempts": [uuid.uuid4() for _ in delivered],
        "codes": [attempt.result.status_code for _, attempt in delivered],
        "latencies": [attempt.latency_ms for _, attempt in delivered],
        "excerpts": [attempt.excerpt for _, attempt in delivered],
        "now": datetime.now(UTC),
    }
    async with transaction(sessions) as session:
        await (await session.connection()).execute(RECORD_DELIVERED, params)


async def record(
    sessions: SessionFactory, claimed: Claimed, attempt: Attempt, policy: RetryPolicy
) -> Outcome | None:
    """Log the attempt and move the delivery (and its endpoint's health) on; None if it moved on
    without us (delivered or given up meanwhile)."""
    now = datetime.now(UTC)
    async with transaction(sessions) as session:
        sub = await session.get(SubscriptionRow, claimed.subscription_id, with_for_update=True)
        delivery = await session.get(DeliveryRow, claimed.delivery_id, with_for_update=True)
        if sub is None or delivery is None or delivery.status != "pending":
            return None
        delivery.attempts += 1
        logged = (
            await (await session.connection()).execute(COUNT_ATTEMPTS, {"id": claimed.delivery_id})
        ).scalar_one()
        session.add(_attempt_row(claimed, attempt, now, logged + 1))
        failing_since = None if attempt.result.succeeded else (sub.failing_since or now)
        outcome = policy.outcome(attempt.result, delivery.attempts, now, failing_since)
        sub.failing_since = failing_since
        delivery.lease_until = None
        delivery.next_attempt_at = outcome.next_attempt_at
        if outcome.delivered:
            delivery.status, delivery.delivered_at = "delivered", now
        elif outcome.given_up:
            delivery.status = "failed"
        if outcome.disable and sub.status == "active":
            sub.status, sub.disabled_reason, sub.disabled_at = "disabled", outcome.disable, now
            event = EndpointDisabled(
                subscription_id=sub.id, partner_id=sub.partner_id, reason=outcome.disable
            )
            record_event(session, event)
        return outcome


def _attempt_row(claimed: Claimed, attempt: Attempt, now: datetime, number: int) -> AttemptRow:
    return AttemptRow(
        id=uuid.uuid4(),
        delivery_id=claimed.delivery_id,
        number=number,
        attempted_at=now,
        status_code=attempt.result.status_code,
        latency_ms=attempt.latency_ms,
        error=attempt.error,
        response_excerpt=attempt.excerpt,
    )
