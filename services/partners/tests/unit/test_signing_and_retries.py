"""Signatures match an independent Standard Webhooks implementation; the retry rules."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from partners.domain.retries import AttemptResult, RetryPolicy, parse_retry_after
from partners.domain.signing import webhook_headers
from partners.domain.subscriptions import Secrets, new_secret
from partners.settings import DEFAULT_SCHEDULE

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)
POLICY = RetryPolicy(schedule=tuple(DEFAULT_SCHEDULE), jitter=0.1)


def test_our_signature_verifies_with_the_standardwebhooks_package() -> None:
    secret, body = new_secret(), b'{"type":"inspraak.councils.meeting.scheduled"}'
    stamp = int(datetime.now(UTC).timestamp())
    headers = webhook_headers([secret], "msg_1", stamp, body)
    assert Webhook(secret).verify(body, headers) == {"type": "inspraak.councils.meeting.scheduled"}


def test_during_rotation_both_secrets_sign_and_afterwards_only_the_new_one() -> None:
    old = Secrets(new_secret())
    rotated = old.rotated(NOW, timedelta(hours=24))
    assert rotated.signing(NOW + timedelta(hours=23)) == [rotated.current, old.current]
    assert rotated.signing(NOW + timedelta(hours=24)) == [rotated.current]


def test_the_schedule_is_immediately_5s_5min_30min_2h_5h_10h_10h_with_jitter() -> None:
    rng = random.Random(1)
    delays = []
    for attempt in range(1, 8):
        outcome = POLICY.outcome(AttemptResult(500), attempt, NOW, NOW, rng)
        assert outcome.next_attempt_at is not None
        delays.append((outcome.next_attempt_at - NOW).total_seconds())
    for delay, expected in zip(delays, DEFAULT_SCHEDULE[1:], strict=True):
        assert expected * 0.9 <= delay <= expected * 1.1
    assert POLICY.outcome(AttemptResult(500), 8, NOW, NOW).given_up


def test_retry_after_wins_over_a_shorter_scheduled_delay() -> None:
    outcome = POLICY.outcome(AttemptResult(503, retry_after=600), 2, NOW, NOW, random.Random(2))
    assert outcome.next_attempt_at == NOW + timedelta(seconds=600)


@pytest.mark.parametrize(
    ("status", "failing_for", "disable"),
    [(410, timedelta(0), "gone"), (500, timedelta(days=5), "failing"), (500, timedelta(days=4), None)],
)
def test_gone_disables_at_once_and_five_days_of_failures_disable(
    status: int, failing_for: timedelta, disable: str | None
) -> None:
    assert POLICY.outcome(AttemptResult(status), 1, NOW, NOW - failing_for).disable == disable


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after("Sat, 01 Mar 2025 12:01:00 GMT", NOW) == 60
    assert parse_retry_after("soon", NOW) is None
