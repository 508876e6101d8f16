"""A token issuer for tests of any service: signs real ES256 JWTs the kernel verifies.

Services other than identity must not import identity, so their tests get tokens here::

    issuer = TestIssuer(settings.issuer, settings.audience)
    issuer.install(runtime.verifier)          # trust it instead of fetching a JWKS
    token = issuer.person("landlord_staff", landlord_id)
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from kernel.auth import TokenVerifier


class TestIssuer:
    """Signs tokens with claims shaped as identity's, and serves its key to verifiers."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, issuer: str = "http://identity.test", audience: str = "inspraak") -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = ECKey.generate_key("P-256", parameters={"kid": f"test-{uuid.uuid4().hex[:8]}"})

    async def key_source(self, issuer: str, refresh: bool) -> KeySet:
        """A kernel key source publishing this issuer's key."""
        return KeySet([self.key])

    def jwks(self) -> dict[str, Any]:
        """The public JWKS (to serve from a fake issuer)."""
        return {"keys": [self.key.as_dict(private=False)]}

    def install(self, verifier: TokenVerifier) -> None:
        """Make ``verifier`` trust this issuer without HTTP."""
        verifier.key_sources[self.issuer] = self.key_source

    def token(
        self,
        *,
        kind: str = "person",
        grants: tuple[tuple[str, uuid.UUID | str | None], ...] = (),
        subject: str | None = None,
        ttl: int = 600,
        **claims: Any,
    ) -> str:
        """A signed token; ``grants`` are (role, landlord) pairs; ``claims`` add or override."""
        now = int(time.time())
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject or str(uuid.uuid4()),
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
            "kind": kind,
            "roles": [
                {"role": role, "landlord": str(landlord) if landlord else None} for role, landlord in grants
            ],
        }
        payload.update(claims)
        return jwt.encode({"alg": "ES256", "kid": self.key.kid}, payload, self.key)

    def person(self, role: str, landlord: uuid.UUID | str | None, person_id: str | None = None) -> str:
        """A person's token holding ``role`` within ``landlord``."""
        person = person_id or str(uuid.uuid4())
        return self.token(grants=((role, landlord),), subject=person, person=person)

    def tenant(self, landlord: uuid.UUID | str, household_id: str | None = None) -> str:
        """A tenant household's token (as the activation-code grant gives)."""
        household = household_id or str(uuid.uuid4())
        return self.token(
            kind="household", grants=(("tenant", landlord),), subject=household, household=household
        )

    def partner(self, client_id: str = "partner-client") -> str:
        """A partner client's token (client credentials)."""
        return self.token(kind="client", grants=(("partner", None),), subject=client_id, client_id=client_id)


def bearer(token: str) -> dict[str, str]:
    """An ``Authorization`` header."""
    return {"Authorization": f"Bearer {token}"}
