"""Signing-key material with joserfc: ES256 keys, public JWKS and signed JWTs."""

from __future__ import annotations

from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

ALGORITHM = "ES256"


def generate_private_jwk() -> tuple[str, dict[str, Any]]:
    """A new P-256 key: its kid (the RFC 7638 thumbprint) and its private JWK."""
    key = ECKey.generate_key("P-256", private=True)
    kid = key.thumbprint()
    return kid, {**key.as_dict(private=True), "kid": kid, "alg": ALGORITHM, "use": "sig"}


def public_jwk(private_jwk: dict[str, Any]) -> dict[str, Any]:
    """The public half of a private JWK, as published in the JWKS."""
    key = ECKey.import_key(private_jwk)
    return {
        **key.as_dict(private=False),
        "kid": private_jwk["kid"],
        "alg": ALGORITHM,
        "use": "sig",
    }


def key_set(private_jwks: list[dict[str, Any]]) -> KeySet:
    """A joserfc key set of the public keys (for verification)."""
    return KeySet.import_key_set({"keys": [public_jwk(jwk) for jwk in private_jwks]})


def sign(claims: dict[str, Any], private_jwk: dict[str, Any]) -> str:
    """A compact JWT of ``claims`` signed with ``private_jwk`` (kid in the header)."""
    key = ECKey.import_key(private_jwk)
    header = {"alg": ALGORITHM, "kid": private_jwk["kid"], "typ": "at+jwt"}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])
