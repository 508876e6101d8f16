"""Who is calling: JWT verification against the issuer's JWKS, and the ``Principal``.

Tokens are verified with joserfc: only asymmetric algorithms are accepted (so ``none`` and
HMAC confusion are impossible), and ``iss``, ``aud``, ``exp`` are essential. The key set of each
trusted issuer is fetched from its JWKS (found by OIDC discovery for external issuers) and
fetched again when a token names an unknown ``kid`` (key rotation).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, get_args

import httpx
from joserfc import jws, jwt
from joserfc.errors import ExpiredTokenError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from kernel.errors import Forbidden, Unauthenticated

ALGORITHMS = ["ES256", "RS256", "EdDSA"]
# Built once: joserfc builds a registry per decode otherwise (measurable in a booking rush).
JWS_REGISTRY = jws.JWSRegistry(algorithms=ALGORITHMS)

Role = Literal[
    "tenant",
    "council_member",
    "community_worker",
    "landlord_staff",
    "partner",
    "regional_admin",
]
ROLES: tuple[Role, ...] = get_args(Role)


@dataclass(frozen=True)
class Grant:
    """A role held within one landlord (``landlord`` None: region-wide, for regional admins)."""

    role: str
    landlord: str | None = None


@dataclass(frozen=True)
class Principal:
    """The verified caller: a person, a tenant household, or a partner client."""

    subject: str
    kind: Literal["person", "household", "client"]
    grants: tuple[Grant, ...] = ()
    person_id: str | None = None
    household_id: str | None = None
    client_id: str | None = None
    token: str = field(default="", repr=False)
    # The token's ``exp``: when whatever it opened (a subscription) ends.
    expires_at: datetime | None = None

    def has(self, role: str, landlord: str | None = None) -> bool:
        """True when the caller holds ``role`` for ``landlord`` (any landlord when None).

        A grant without a landlord is not a wildcard: only regional admins act across
        landlords, and :meth:`require` lets them through explicitly.
        """
        return any(g.role == role and (landlord is None or g.landlord == landlord) for g in self.grants)

    def landlords(self, role: str | None = None) -> set[str]:
        """The landlords the caller acts within (optionally for one role)."""
        return {g.landlord for g in self.grants if g.landlord and (role is None or g.role == role)}

    @property
    def is_regional_admin(self) -> bool:
        """Regional admins (SLRB/BGHM) see across landlords."""
        return any(g.role == "regional_admin" for g in self.grants)

    def is_staff_of(self, landlord_id: object) -> bool:
        """Landlord staff of ``landlord_id`` (a str or UUID), or a regional admin."""
        return self.is_regional_admin or self.has("landlord_staff", str(landlord_id))

    def require(self, role: str, landlord: str | None = None) -> None:
        """Raise FORBIDDEN unless the caller holds ``role`` for ``landlord``."""
        if not (self.has(role, landlord) or self.is_regional_admin):
            raise Forbidden(f"requires role {role}" + (f" for landlord {landlord}" if landlord else ""))

    @classmethod
    def from_claims(cls, claims: dict[str, Any], token: str = "") -> Principal:
        """Map verified claims to a principal."""
        grants = tuple(
            Grant(role=str(g["role"]), landlord=g.get("landlord"))
            for g in claims.get("roles", [])
            if isinstance(g, dict) and "role" in g
        )
        kind = claims.get("kind", "person")
        if kind not in ("person", "household", "client"):
            raise Unauthenticated("unknown principal kind", message_key="error.token_invalid")
        exp = claims.get("exp")
        expires_at = (
            datetime.fromtimestamp(exp, UTC)
            if isinstance(exp, int | float) and not isinstance(exp, bool)
            else None
        )
        return cls(
            subject=str(claims["sub"]),
            kind=kind,
            grants=grants,
            person_id=claims.get("person"),
            household_id=claims.get("household"),
            client_id=claims.get("client_id"),
            token=token,
            expires_at=expires_at,
        )


KeySource = Callable[[str, bool], Awaitable[KeySet]]
"""``(issuer, refresh) -> KeySet``: where an issuer's public keys come from."""


class JwksKeySource:
    """Fetches JWKS over HTTP, from a configured URL or by OIDC discovery; caches them."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        jwks_urls: dict[str, str | None],
        *,
        min_refresh_seconds: float = 10.0,
    ) -> None:
        self.http = http
        self.jwks_urls = dict(jwks_urls)
        self.min_refresh_seconds = min_refresh_seconds
        self._cache: dict[str, tuple[float, KeySet]] = {}
        # One fetch per issuer at a time, awaited by every caller: a burst of requests arriving
        # with a cold cache (or an unknown kid) would otherwise fetch the key set once each, and
        # when the issuer is down each would wait out its own timeout in turn.
        self._inflight: dict[str, asyncio.Task[KeySet]] = {}

    async def _jwks_url(self, issuer: str) -> str:
        url = self.jwks_urls.get(issuer)
        if url:
            return url
        discovery = await self.http.get(issuer.rstrip("/") + "/.well-known/openid-configuration")
        discovery.raise_for_status()
        url = str(discovery.json()["jwks_uri"])
        self.jwks_urls[issuer] = url
        return url

    def _fresh(self, issuer: str, refresh: bool) -> KeySet | None:
        cached = self._cache.get(issuer)
        if cached and (not refresh or time.monotonic() - cached[0] < self.min_refresh_seconds):
            return cached[1]
        return None

    async def __call__(self, issuer: str, refresh: bool) -> KeySet:
        if (keys := self._fresh(issuer, refresh)) is not None:
            return keys
        task = self._inflight.get(issuer)
        if task is None:
            task = asyncio.ensure_future(self._fetch(issuer))
            self._inflight[issuer] = task
        # Shielded: one caller being cancelled must not cancel the fetch the others await.
        return await asyncio.shield(task)

    async def _fetch(self, issuer: str) -> KeySet:
        try:
            now = time.monotonic()
            response = await self.http.get(await self._jwks_url(issuer))
            response.raise_for_status()
            keys = KeySet.import_key_set(response.json())
            self._cache[issuer] = (now, keys)
            return keys
        finally:
            self._inflight.pop(issuer, None)


class TokenVerifier:
    """Verifies bearer tokens of the trusted issuers for one audience."""

    def __init__(self, audience: str, key_sources: dict[str, KeySource], leeway: int = 30) -> None:
        self.audience = audience
        self.key_sources = key_sources
        self.leeway = leeway

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; UNAUTHENTICATED for anything else."""
        try:
            compact = jws.extract_compact(token.encode())
            header = compact.headers()
            claims_unverified = json.loads(compact.payload)
        except (JoseError, ValueError, TypeError) as exc:
            raise Unauthenticated("malformed token", message_key="error.token_invalid") from exc
        if header.get("alg") not in ALGORITHMS:
            raise Unauthenticated("algorithm not allowed", message_key="error.token_invalid")
        issuer = claims_unverified.get("iss") if isinstance(claims_unverified, dict) else None
        source = self.key_sources.get(issuer) if isinstance(issuer, str) else None
        if source is None:
            raise Unauthenticated("untrusted issuer", message_key="error.token_invalid")
        assert isinstance(issuer, str)
        decoded = await self._decode(token, issuer, source)
        registry = jwt.JWTClaimsRegistry(
            leeway=self.leeway,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except ExpiredTokenError as exc:
            raise Unauthenticated("token expired", message_key="error.token_expired") from exc
        except JoseError as exc:
            raise Unauthenticated(f"invalid claims: {exc}", message_key="error.token_invalid") from exc
        return Principal.from_claims(decoded.claims, token)

    async def _decode(self, token: str, issuer: str, source: KeySource) -> jwt.Token:
        for refresh in (False, True):
            try:
                keys = await source(issuer, refresh)
            except Exception as exc:
                raise Unauthenticated("issuer keys unavailable", message_key="error.token_invalid") from exc
            try:
                return jwt.decode(token, keys, registry=JWS_REGISTRY)
            except InvalidKeyIdError:  # no key with that kid: the issuer may have rotated
                continue
            except JoseError as exc:
                raise Unauthenticated(f"bad signature: {exc}", message_key="error.token_invalid") from exc
        raise Unauthenticated("unknown signing key", message_key="error.token_invalid")
