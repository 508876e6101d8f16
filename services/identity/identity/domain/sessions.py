"""Household sessions: how a tenant stays signed in after the one-time code of the letter.

The activation code opens a session; each refresh gives a new access token and a new refresh
token (rotation), and the session lasts ``SESSION_DAYS`` after the last use. A refresh token
used twice means it leaked: the whole session (its family) is revoked. Only the SHA-256 of a
refresh token is stored.
"""

from __future__ import annotations

import hashlib
import secrets

SESSION_DAYS = 90
TOKEN_BYTES = 32


def new_refresh_token() -> tuple[str, str]:
    """A fresh refresh token (256 random bits, URL-safe) and its stored hash."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    """The stored form of a refresh token."""
    return hashlib.sha256(token.strip().encode()).hexdigest()
