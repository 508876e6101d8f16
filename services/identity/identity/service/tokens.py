"""Issuing access tokens, and what the token endpoint's grants look up in the database."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from identity.adapters.jwk import sign
from identity.domain.activation import hash_code, normalise_code
from identity.domain.clients import PartnerClient
from identity.domain.people import active_grants
from identity.domain.sessions import SESSION_DAYS, hash_refresh_token, new_refresh_token
from identity.domain.tokens import TokenSubject, access_token_claims
from identity.service.clock import today, utcnow
from identity.service.keys import KeyRing
from identity.service.unit_of_work import unit_of_work
from kernel.db import SessionFactory
from kernel.settings import Settings


class TokenIssuer:
    """Signs access tokens (JWT, ES256) with the key ring's current key. Synchronous."""

    def __init__(self, keys: KeyRing, settings: Settings) -> None:
        self.keys = keys
        self.settings = settings

    def issue(self, subject: TokenSubject) -> dict[str, Any]:
        """An OAuth token response body for ``subject`` (no refresh token)."""
        ttl = self.settings.access_token_ttl_seconds
        claims = access_token_claims(
            subject,
            issuer=self.settings.issuer,
            audience=self.settings.audience,
            issued_at=int(time.time()),
            ttl_seconds=ttl,
        )
        token = sign(claims, self.keys.signing_jwk())
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl}


class Logins:
    """The database side of the grants: clients, password logins, activation codes."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions

    async def partner_client(self, client_id: str) -> PartnerClient | None:
        """The partner client ``client_id``, if registered."""
        async with unit_of_work(self.sessions) as uow:
            return await uow.clients.get(client_id)

    async def person_login(self, username: str) -> tuple[str, TokenSubject] | None:
        """The password hash of ``username`` and the token subject they would become."""
        async with unit_of_work(self.sessions) as uow:
            found = await uow.people.login(username.strip().lower())
            if found is None:
                return None
            person, password_hash = found
            memberships = await uow.memberships.of_person(person.id)
        now = utcnow()
        return password_hash, TokenSubject.person(person, active_grants(memberships, today(now), now))

    async def redeem_activation_code(self, typed: str) -> tuple[TokenSubject, str] | None:
        """Use an activation code (once, atomically): its household's token subject and the
        refresh token of the session it opens, or None."""
        code = normalise_code(typed)
        if code is None:
            return None
        async with unit_of_work(self.sessions) as uow:
            household_id = await uow.codes.consume(hash_code(code))
            household = await uow.households.get(household_id) if household_id else None
            if household is None:
                return None
            refresh, refresh_hash = new_refresh_token()
            uow.household_sessions.start(household.id, refresh_hash, _session_end())
        return TokenSubject.household(household), refresh

    async def refresh_household(self, token: str) -> tuple[TokenSubject, str] | None:
        """Rotate a household's refresh token: its token subject and the next refresh token,
        or None (unknown, expired, revoked or replayed; a replay revokes the session)."""
        async with unit_of_work(self.sessions) as uow:
            used = await uow.household_sessions.use(hash_refresh_token(token))
            household = await uow.households.get(used[0]) if used else None
            if used is None or household is None:
                return None
            refresh, refresh_hash = new_refresh_token()
            uow.household_sessions.start(household.id, refresh_hash, _session_end(), family_id=used[1])
        return TokenSubject.household(household), refresh

    async def revoke_refresh_token(self, token: str) -> None:
        """End the session of a refresh token (unknown tokens are ignored, as RFC 7009 says)."""
        async with unit_of_work(self.sessions) as uow:
            await uow.household_sessions.revoke(hash_refresh_token(token))


def _session_end() -> datetime:
    """A household session ends ``SESSION_DAYS`` after its last use."""
    return utcnow() + timedelta(days=SESSION_DAYS)
