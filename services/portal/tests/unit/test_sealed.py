"""Sealed cookies open only unchanged, under the same key and purpose, before they expire."""

from __future__ import annotations

import pytest

from portal.sealed import Sealer, TooLarge


def test_a_sealed_value_opens_again() -> None:
    sealer = Sealer("secret", "answers")
    assert sealer.open(sealer.seal({"garden": {"yes": False}}, 60)) == {"garden": {"yes": False}}


def test_a_tampered_cookie_another_key_or_purpose_or_an_expired_one_opens_as_none() -> None:
    sealer = Sealer("secret", "session")
    sealed = sealer.seal({"token": "t"}, 60)
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    assert sealer.open(tampered) is None
    assert Sealer("other", "session").open(sealed) is None
    assert Sealer("secret", "answers").open(sealed) is None
    assert sealer.open(sealer.seal("x", -1)) is None
    assert sealer.open("not base64 at all!") is None


def test_the_token_cannot_be_read_from_the_cookie() -> None:
    sealed = Sealer("secret", "session").seal({"token": "eyJhbGciOiJFUzI1NiJ9.payload"}, 60)
    assert "eyJ" not in sealed


def test_a_value_too_big_for_a_cookie_is_refused() -> None:
    with pytest.raises(TooLarge):
        Sealer("secret", "answers").seal({"text": __import__("os").urandom(4000).hex()}, 60)
