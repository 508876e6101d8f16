"""Sealed cookies: JSON encrypted and authenticated with AES-GCM, so that neither the user's
token nor their unsent answers can be read or changed by anyone holding the cookie jar's file.

The value carries its own expiry; a cookie that is forged, tampered with, sealed under another
key or past its time opens as ``None``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
MAX_COOKIE_CHARS = 3800
"""Browsers keep about 4096 bytes per cookie, name and attributes included."""


class TooLarge(ValueError):
    """The value does not fit in one cookie."""


class Sealer:
    """Seals and opens JSON values under one secret, for one purpose (the associated data)."""

    def __init__(self, secret: str, purpose: str) -> None:
        self._aead = AESGCM(hashlib.sha256(secret.encode()).digest())
        self._purpose = purpose.encode()

    def seal(self, value: Any, max_age: int) -> str:
        """The cookie text for ``value``, valid for ``max_age`` seconds."""
        payload = json.dumps({"exp": int(time.time()) + max_age, "v": value}, separators=(",", ":"))
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, zlib.compress(payload.encode()), self._purpose)
        text = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        if len(text) > MAX_COOKIE_CHARS:
            raise TooLarge(f"{len(text)} characters")
        return text

    def open(self, text: str | None) -> Any:
        """The value sealed in ``text``; ``None`` when absent, invalid or expired."""
        if not text:
            return None
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._purpose)
            payload = json.loads(zlib.decompress(plain))
        except (ValueError, InvalidTag, zlib.error):
            return None
        if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
            return None
        return payload.get("v")
