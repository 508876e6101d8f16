"""Invitation codes: one single-use code per household and consultation, printed on a letter.

A code is 16 characters of Crockford's base32 (no I, L, O, U), printed ``XXXX-XXXX-XXXX-XXXX``:
80 random bits, so neither guessing online nor brute-forcing a leaked hash offline pays off.
Only the SHA-256 of the canonical code is stored.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4
# What people type for the letters Crockford leaves out.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate_code() -> str:
    """A new random code, formatted for printing."""
    number = secrets.randbits(LENGTH * 5)
    raw = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    """``0123456789ABCDEF`` → ``0123-4567-89AB-CDEF``."""
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise_code(typed: str) -> str | None:
    """The canonical form of what someone typed (any case, spaces, dashes, O for 0), or None
    when it cannot be a code."""
    raw = "".join(typed.split()).replace("-", "").upper().translate(LOOK_ALIKES)
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return format_code(raw)


def hash_code(code: str) -> str:
    """The stored form of a canonical code."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def issue_codes(count: int) -> list[tuple[str, str]]:
    """``count`` fresh (code, hash) pairs."""
    codes = [generate_code() for _ in range(count)]
    return [(code, hash_code(code)) for code in codes]
