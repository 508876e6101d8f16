"""Who a token is about and the claims it carries (verified by ``kernel.auth.TokenVerifier``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Literal

from identity.domain.households import Household
from identity.domain.people import Person
from kernel.auth import Grant

Kind = Literal["person", "household", "client"]


@dataclass(frozen=True)
class TokenSubject:
    """The subject of an access token: a person, a tenant household or a partner client."""

    kind: Kind
    subject: str
    grants: tuple[Grant, ...] = ()
    person_id: str | None = None
    household_id: str | None = None
    client_id: str | None = None

    @classmethod
    def person(cls, person: Person, grants: tuple[Grant, ...]) -> TokenSubject:
        """A person with the grants of their active memberships."""
        household = str(person.household_id) if person.household_id else None
        person_id = str(person.id)
        return cls("person", person_id, grants, person_id=person_id, household_id=household)

    @classmethod
    def household(cls, household: Household) -> TokenSubject:
        """A tenant household: the tenant role within its landlord."""
        grant = Grant("tenant", str(household.placement.landlord_id))
        return cls("household", str(household.id), (grant,), household_id=str(household.id))

    @classmethod
    def client(cls, client_id: str) -> TokenSubject:
        """A partner organisation's system (partnerships are the partners service's business)."""
        return cls("client", client_id, (Grant("partner"),), client_id=client_id)


def access_token_claims(
    subject: TokenSubject, *, issuer: str, audience: str, issued_at: int, ttl_seconds: int
) -> dict[str, Any]:
    """The JWT claims of an access token for ``subject``."""
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject.subject,
        "iat": issued_at,
        "nbf": issued_at,
        "exp": issued_at + ttl_seconds,
        "jti": str(uuid.uuid4()),
        "kind": subject.kind,
        "roles": [{"role": g.role, "landlord": g.landlord} for g in subject.grants],
    }
    optional = {
        "person": subject.person_id,
        "household": subject.household_id,
        "client_id": subject.client_id,
    }
    claims.update({name: value for name, value in optional.items() if value is not None})
    return claims
