"""Visibility over many random events (property-style), and the SSRF address rules."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kernel.errors import ValidationFailed
from partners.domain.addresses import check_url_shape, forbidden
from partners.domain.facts import EventFacts
from partners.domain.partnerships import Partnership, visible_to
from partners.domain.subscriptions import SubscriptionFilter

NOW = datetime(2025, 3, 1, tzinfo=UTC)
LANDLORDS = [uuid.uuid4() for _ in range(4)]
SITES = [uuid.uuid4() for _ in range(6)]
TYPES = ["inspraak.councils.meeting.scheduled", "inspraak.spaces.booking.confirmed", "inspraak.x.y.z"]


def random_event(rng: random.Random) -> EventFacts:
    return EventFacts(
        event_type=rng.choice(TYPES),
        occurred_at=NOW + timedelta(days=rng.randint(-30, 30)),
        public=rng.random() < 0.5,
        landlord_id=rng.choice([*LANDLORDS, None]),
        site_id=rng.choice([*SITES, None]),
    )


@pytest.mark.parametrize("seed", range(20))
def test_a_partner_never_sees_an_event_outside_its_partnerships(seed: int) -> None:
    rng = random.Random(seed)
    partner = uuid.uuid4()
    partnership = Partnership(
        uuid.uuid4(),
        partner,
        LANDLORDS[0],
        valid_from=NOW - timedelta(days=60),
        site_ids=frozenset(rng.sample(SITES, rng.randint(0, 2))),
        event_types=frozenset(rng.sample(TYPES, rng.randint(0, 2))),
    )
    subscribed_to_everything = SubscriptionFilter()
    for event in (random_event(rng) for _ in range(500)):
        seen = visible_to([partnership], event, partner) and subscribed_to_everything.matches(event)
        if seen:
            assert event.landlord_id == LANDLORDS[0]
            assert not partnership.site_ids or event.site_id in partnership.site_ids
            assert not partnership.event_types or event.event_type in partnership.event_types
        else:
            assert not partnership.covers(event)


@pytest.mark.parametrize("seed", range(5))
def test_without_a_partnership_only_public_events_are_seen(seed: int) -> None:
    rng = random.Random(seed)
    partner = uuid.uuid4()
    for event in (random_event(rng) for _ in range(300)):
        assert visible_to([], event, partner) == event.public


def test_a_partnership_outside_its_period_or_revoked_covers_nothing() -> None:
    p = Partnership(
        uuid.uuid4(),
        uuid.uuid4(),
        LANDLORDS[0],
        NOW,
        NOW + timedelta(days=10),
        revoked_at=NOW + timedelta(days=5),
    )
    event = EventFacts(TYPES[0], NOW + timedelta(days=1), False, LANDLORDS[0])
    assert p.covers(event)
    assert not p.covers(EventFacts(TYPES[0], NOW + timedelta(days=6), False, LANDLORDS[0]))
    assert not p.covers(EventFacts(TYPES[0], NOW - timedelta(days=1), False, LANDLORDS[0]))


def test_facts_about_people_are_never_shared() -> None:
    p = Partnership(uuid.uuid4(), uuid.uuid4(), LANDLORDS[0], NOW - timedelta(days=1))
    household = EventFacts("inspraak.identity.household.registered", NOW, True, LANDLORDS[0])
    assert not visible_to([p], household, p.partner_id)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0"],  # noqa: S104
)
def test_internal_addresses_are_forbidden(address: str) -> None:
    assert forbidden(address, allow_loopback=False)


def test_the_allow_list_lets_loopback_through_but_nothing_else_internal() -> None:
    assert not forbidden("127.0.0.1", allow_loopback=True)
    assert not forbidden("::1", allow_loopback=True)
    assert forbidden("10.0.0.1", allow_loopback=True)
    assert not forbidden("93.184.216.34", allow_loopback=False)


def test_urls_must_be_https_when_required_and_carry_no_credentials() -> None:
    assert check_url_shape("https://partner.example.org/hook", require_https=True) == "partner.example.org"
    for url in ("http://partner.example.org/hook", "https://user:pw@partner.example.org/", "ftp://x/"):
        with pytest.raises(ValidationFailed):
            check_url_shape(url, require_https=True)
