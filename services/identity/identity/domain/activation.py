"""One-time activation codes, printed on a letter to a household.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed as
``XXXX-XXXX-XXXX``: about 59 bits of randomness, so it cannot be guessed. Only its SHA-256
is stored; the plain code is shown once, to the person who prints the letter.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4
DEFAULT_VALID_DAYS = 90
MAX_VALID_DAYS = 365


def generate_code() -> str:
    """A new random code, formatted for printing."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(raw: str) -> str:
    """``ABCDEFGHJKMN`` → ``ABCD-EFGH-JKMN``."""
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise_code(typed: str) -> str | None:
    """The canonical form of what someone typed (any case, spaces or dashes), or None if it
    cannot be a code at all."""
    raw = "".join(typed.split()).replace("-", "").upper()
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return format_code(raw)


def hash_code(code: str) -> str:
    """The stored form of a (normalised) code: its SHA-256 in hex."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class ActivationCode:
    """An issued code: only its hash, the household it opens and its validity."""

    id: uuid.UUID
    code_hash: str
    household_id: uuid.UUID
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None

    @classmethod
    def issue(
        cls, household_id: uuid.UUID, now: datetime, valid_days: int = DEFAULT_VALID_DAYS
    ) -> tuple[ActivationCode, str]:
        """A new code for ``household_id`` and its plain text (to print once, never to store)."""
        if not 1 <= valid_days <= MAX_VALID_DAYS:
            raise ValueError(f"valid_days must be between 1 and {MAX_VALID_DAYS}")
        plain = generate_code()
        expires_at = now + timedelta(days=valid_days)
        return cls(uuid.uuid4(), hash_code(plain), household_id, now, expires_at), plain

    def usable_at(self, now: datetime) -> bool:
        """True when the code was not used yet and has not expired."""
        return self.used_at is None and now < self.expires_at
