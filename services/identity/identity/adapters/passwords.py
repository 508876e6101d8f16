"""Argon2id hashing of passwords and client secrets.

Parameters follow OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): strong enough,
and a burst of logins cannot exhaust memory. At most a few hashes run at once; callers run
this in worker threads, never on the event loop.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_slots = threading.BoundedSemaphore(4)
# Verified when the user is unknown, so that unknown and known names take as long.
_DUMMY_HASH = _hasher.hash("inspraak-no-such-user")


def hash_secret(secret: str) -> str:
    """The argon2id hash of ``secret``."""
    with _slots:
        return _hasher.hash(secret)


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """True when ``secret`` matches ``secret_hash`` (None: compare with a dummy, say no)."""
    with _slots:
        try:
            return _hasher.verify(secret_hash or _DUMMY_HASH, secret) and secret_hash is not None
        except (VerificationError, InvalidHashError):
            return False
