"""Memberships: a role within a landlord, active from its first to its last day, until revoked."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from identity.domain.people import Membership, active_grants
from kernel.auth import Grant
from kernel.errors import Conflict, ValidationFailed

LANDLORD = uuid.uuid4()
PERSON = uuid.uuid4()
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def member(
    role: str = "council_member", start: date = date(2025, 1, 1), end: date | None = date(2028, 12, 31)
) -> Membership:
    return Membership.grant(PERSON, role, LANDLORD, start, end)


@pytest.mark.parametrize(
    ("day", "active"),
    [
        (date(2024, 12, 31), False),
        (date(2025, 1, 1), True),
        (date(2026, 7, 1), True),
        (date(2028, 12, 31), True),
        (date(2029, 1, 1), False),
    ],
)
def test_a_membership_holds_from_its_first_to_its_last_day(day: date, active: bool) -> None:
    assert member().is_active_on(day) is active


def test_an_open_ended_membership_holds_after_its_start() -> None:
    assert member(end=None).is_active_on(date(2099, 1, 1))


def test_a_revoked_membership_no_longer_holds_but_did_before() -> None:
    revoked = member().revoke(NOW)
    assert not revoked.is_active_on(date(2025, 6, 16))
    assert revoked.is_active_on(date(2025, 6, 1), at=datetime(2025, 6, 1, tzinfo=UTC))
    with pytest.raises(Conflict):
        revoked.revoke(NOW)


def test_only_regional_admins_hold_a_role_for_the_whole_region() -> None:
    assert Membership.grant(PERSON, "regional_admin", None, date(2025, 1, 1)).landlord_id is None
    with pytest.raises(ValidationFailed) as region_wide_tenant:
        Membership.grant(PERSON, "tenant", None, date(2025, 1, 1))
    assert region_wide_tenant.value.field == "landlord_id"
    with pytest.raises(ValidationFailed):
        Membership.grant(PERSON, "regional_admin", LANDLORD, date(2025, 1, 1))


def test_unknown_roles_and_backwards_periods_are_refused() -> None:
    with pytest.raises(ValidationFailed) as role:
        member(role="mayor")
    assert role.value.field == "role"
    with pytest.raises(ValidationFailed) as period:
        member(start=date(2025, 5, 2), end=date(2025, 5, 1))
    assert period.value.field == "valid_to"


def test_a_token_carries_each_active_grant_once_in_a_stable_order() -> None:
    memberships = [
        member("landlord_staff"),
        member("council_member"),
        member("council_member", start=date(2025, 3, 1)),
        member("community_worker", end=date(2025, 2, 1)),
        member("tenant").revoke(NOW),
    ]
    grants = active_grants(memberships, NOW.date(), NOW)
    assert grants == (Grant("council_member", str(LANDLORD)), Grant("landlord_staff", str(LANDLORD)))
