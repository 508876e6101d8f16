"""Rows to domain objects and back."""

from __future__ import annotations

from identity.adapters.tables import (
    BuildingRow,
    HouseholdRow,
    LandlordRow,
    MembershipRow,
    PartnerClientRow,
    PersonRow,
    SiteRow,
)
from identity.domain.clients import PartnerClient
from identity.domain.households import Household, Placement, language_of
from identity.domain.people import Membership, Person, role_of
from identity.domain.places import Building, Landlord, Site
from kernel.localisation import LocalizedText


def landlord(row: LandlordRow) -> Landlord:
    """The landlord stored in ``row``."""
    name = LocalizedText.model_validate(row.name)
    return Landlord(row.id, row.code, name, tuple(row.municipalities), row.dwellings)


def landlord_row(landlord: Landlord) -> LandlordRow:
    """The row that stores ``landlord``."""
    return LandlordRow(
        id=landlord.id,
        code=landlord.code,
        name=landlord.name.model_dump(),
        municipalities=list(landlord.municipalities),
        dwellings=landlord.dwellings,
    )


def site(row: SiteRow) -> Site:
    """The site stored in ``row``."""
    return Site(row.id, row.landlord_id, LocalizedText.model_validate(row.name), row.municipality)


def site_row(site: Site) -> SiteRow:
    """The row that stores ``site``."""
    return SiteRow(
        id=site.id,
        landlord_id=site.landlord_id,
        name=site.name.model_dump(),
        municipality=site.municipality,
    )


def building(row: BuildingRow) -> Building:
    """The building stored in ``row``."""
    return Building(row.id, row.site_id, row.name, row.address)


def building_row(building: Building) -> BuildingRow:
    """The row that stores ``building``."""
    return BuildingRow(id=building.id, site_id=building.site_id, name=building.name, address=building.address)


def household(row: HouseholdRow) -> Household:
    """The household stored in ``row``."""
    placement = Placement(row.landlord_id, row.site_id, row.building_id)
    return Household(row.id, placement, language_of(row.language), row.registered_at)


def household_row(household: Household) -> HouseholdRow:
    """The row that stores ``household``."""
    place = household.placement
    return HouseholdRow(
        id=household.id,
        landlord_id=place.landlord_id,
        site_id=place.site_id,
        building_id=place.building_id,
        language=household.language,
        registered_at=household.registered_at,
    )


def person(row: PersonRow) -> Person:
    """The person stored in ``row`` (never their password hash)."""
    language = language_of(row.preferred_language)
    return Person(row.id, row.display_name, language, row.household_id, row.username)


def person_row(person: Person, password_hash: str | None) -> PersonRow:
    """The row that stores ``person`` and their password hash."""
    return PersonRow(
        id=person.id,
        display_name=person.display_name,
        preferred_language=person.preferred_language,
        household_id=person.household_id,
        username=person.username,
        password_hash=password_hash,
    )


def membership(row: MembershipRow) -> Membership:
    """The membership stored in ``row``."""
    return Membership(
        row.id,
        row.person_id,
        role_of(row.role),
        row.landlord_id,
        row.valid_from,
        row.valid_to,
        row.revoked_at,
    )


def membership_row(membership: Membership) -> MembershipRow:
    """The row that stores ``membership``."""
    return MembershipRow(
        id=membership.id,
        person_id=membership.person_id,
        role=membership.role,
        landlord_id=membership.landlord_id,
        valid_from=membership.valid_from,
        valid_to=membership.valid_to,
        revoked_at=membership.revoked_at,
    )


def partner_client(row: PartnerClientRow) -> PartnerClient:
    """The partner client stored in ``row``."""
    return PartnerClient(row.client_id, row.secret_hash, row.name, row.organisation)
