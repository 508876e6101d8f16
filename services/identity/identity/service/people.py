"""Handlers for people and their memberships."""

from __future__ import annotations

import asyncio

from contracts.identity import MembershipGranted, MembershipRevoked
from identity.adapters.passwords import hash_secret
from identity.domain.commands import GrantMembership, RegisterPerson, RevokeMembership
from identity.domain.people import Membership, Person
from identity.service.clock import today, utcnow
from identity.service.permissions import require_some_staff, require_staff
from identity.service.unit_of_work import UnitOfWork
from kernel.auth import Principal
from kernel.errors import Conflict, NotFound, ValidationFailed

MIN_PASSWORD_LENGTH = 10


async def check_household(uow: UnitOfWork, actor: Principal, command: RegisterPerson) -> None:
    """A person's household must exist and belong to a landlord the actor works for."""
    if command.household_id is None:
        return
    household = await uow.households.get(command.household_id)
    if household is None:
        raise ValidationFailed(
            "unknown household", field="household_id", message_key="identity.household_unknown"
        )
    require_staff(actor, household.placement.landlord_id)


async def password_hash_of(command: RegisterPerson) -> str | None:
    """The hash of the person's password (hashed off the event loop), if they have one."""
    if command.password is None:
        return None
    if command.username is None:
        raise ValidationFailed("a password needs a username", field="username")
    if len(command.password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            "password too short",
            field="password",
            message_key="identity.password_too_short",
            params={"length": MIN_PASSWORD_LENGTH},
        )
    return await asyncio.to_thread(hash_secret, command.password)


async def register_person(uow: UnitOfWork, actor: Principal, command: RegisterPerson) -> Person:
    """Landlord staff or a regional admin register a person (no event: people stay here)."""
    require_some_staff(actor)
    person = Person.register(
        command.display_name, command.preferred_language, command.household_id, command.username
    )
    await check_household(uow, actor, command)
    if person.username and await uow.people.username_taken(person.username):
        raise Conflict("username taken", field="username", message_key="identity.username_taken")
    uow.people.add(person, await password_hash_of(command))
    return person


async def grant_membership(uow: UnitOfWork, actor: Principal, command: GrantMembership) -> Membership:
    """Staff of the landlord (or a regional admin) grant a role → ``MembershipGranted``."""
    require_staff(actor, command.landlord_id)
    if await uow.people.get(command.person_id) is None:
        raise ValidationFailed("unknown person", field="person_id", message_key="identity.person_unknown")
    if command.landlord_id and await uow.landlords.get(command.landlord_id) is None:
        raise ValidationFailed(
            "unknown landlord", field="landlord_id", message_key="identity.landlord_unknown"
        )
    membership = Membership.grant(
        command.person_id,
        command.role,
        command.landlord_id,
        command.valid_from or today(),
        command.valid_to,
    )
    uow.memberships.add(membership)
    event = MembershipGranted(
        membership_id=membership.id,
        person_id=membership.person_id,
        role=membership.role,
        landlord_id=membership.landlord_id,
        valid_from=membership.valid_from,
        valid_to=membership.valid_to,
    )
    uow.record(event, membership.landlord_id)
    return membership


async def revoke_membership(uow: UnitOfWork, actor: Principal, command: RevokeMembership) -> Membership:
    """Staff of the landlord (or a regional admin) take a role back → ``MembershipRevoked``."""
    membership = await uow.memberships.get(command.membership_id, lock=True)
    if membership is None:
        raise NotFound("unknown membership", message_key="identity.membership_unknown")
    require_staff(actor, membership.landlord_id)
    revoked = membership.revoke(utcnow())
    await uow.memberships.save_revocation(revoked)
    event = MembershipRevoked(
        membership_id=revoked.id,
        person_id=revoked.person_id,
        role=revoked.role,
        landlord_id=revoked.landlord_id,
    )
    uow.record(event, revoked.landlord_id)
    return revoked
