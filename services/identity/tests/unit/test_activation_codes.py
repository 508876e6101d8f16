"""Activation codes: printable, unguessable, forgiving to type, stored only as a hash."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from identity.domain.activation import ALPHABET, ActivationCode, generate_code, hash_code, normalise_code

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_a_code_is_three_groups_of_four_unambiguous_characters() -> None:
    code = generate_code()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code), code
    assert not set("01ILO") & set(ALPHABET)


def test_codes_do_not_repeat() -> None:
    codes = {generate_code() for _ in range(5000)}
    assert len(codes) == 5000


@pytest.mark.parametrize("typed", ["abcd-efgh-jkmn", " ABCD EFGH JKMN ", "ABCDEFGHJKMN", "abcd efgh-jkmn"])
def test_what_people_type_is_normalised(typed: str) -> None:
    assert normalise_code(typed) == "ABCD-EFGH-JKMN"


@pytest.mark.parametrize(
    "typed", ["", "ABCD-EFGH", "ABCD-EFGH-JKMN-P", "ABCD-EFGH-JKM0", "ABCD-EFGH-JKMI", "ÀBCD-EFGH-JKMN"]
)
def test_what_cannot_be_a_code_is_refused(typed: str) -> None:
    assert normalise_code(typed) is None


def test_only_the_hash_is_kept_and_it_is_stable() -> None:
    code, plain = ActivationCode.issue(uuid.uuid4(), NOW)
    assert code.code_hash == hash_code(plain) == hash_code(normalise_code(plain.lower()) or "")
    assert plain not in code.code_hash and len(code.code_hash) == 64
    assert hash_code("ABCD-EFGH-JKMN") != hash_code("ABCD-EFGH-JKMP")


def test_a_code_is_usable_until_it_expires_or_is_used() -> None:
    code, _ = ActivationCode.issue(uuid.uuid4(), NOW, valid_days=30)
    assert code.expires_at == NOW + timedelta(days=30)
    assert code.usable_at(NOW + timedelta(days=29))
    assert not code.usable_at(NOW + timedelta(days=30))
    used = ActivationCode(code.id, code.code_hash, code.household_id, NOW, code.expires_at, used_at=NOW)
    assert not used.usable_at(NOW)


@pytest.mark.parametrize("days", [0, 366])
def test_validity_is_between_a_day_and_a_year(days: int) -> None:
    with pytest.raises(ValueError):
        ActivationCode.issue(uuid.uuid4(), NOW, valid_days=days)
