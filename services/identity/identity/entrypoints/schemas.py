"""API models of the directory and households: ``XCreate`` in, ``XPublic`` out."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from identity.domain.activation import DEFAULT_VALID_DAYS, MAX_VALID_DAYS
from identity.domain.households import Household
from identity.domain.places import Building, Landlord, Site
from kernel.localisation import Language, LocalizedText


class Create(BaseModel):
    """Input: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class LandlordCreate(Create):
    """A landlord to register (regional admins)."""

    code: str = Field(examples=["foyer-anderlechtois"])
    name: LocalizedText
    municipalities: list[str] = []
    dwellings: int = Field(default=0, ge=0)


class LandlordPublic(BaseModel):
    """A landlord (SISP/OVM)."""

    id: uuid.UUID
    code: str
    name: LocalizedText
    municipalities: list[str]
    dwellings: int

    @classmethod
    def of(cls, landlord: Landlord) -> LandlordPublic:
        """The public view of ``landlord``."""
        return cls(
            id=landlord.id,
            code=landlord.code,
            name=landlord.name,
            municipalities=list(landlord.municipalities),
            dwellings=landlord.dwellings,
        )


class SiteCreate(Create):
    """A site (neighbourhood) to register."""

    landlord_id: uuid.UUID
    name: LocalizedText
    municipality: str


class SitePublic(BaseModel):
    """A site (neighbourhood) of a landlord."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    name: LocalizedText
    municipality: str

    @classmethod
    def of(cls, site: Site) -> SitePublic:
        """The public view of ``site``."""
        return cls(id=site.id, landlord_id=site.landlord_id, name=site.name, municipality=site.municipality)


class BuildingCreate(Create):
    """A building to register on a site."""

    site_id: uuid.UUID
    name: str
    address: str


class BuildingPublic(BaseModel):
    """A building of a site."""

    id: uuid.UUID
    site_id: uuid.UUID
    name: str
    address: str

    @classmethod
    def of(cls, building: Building) -> BuildingPublic:
        """The public view of ``building``."""
        return cls(id=building.id, site_id=building.site_id, name=building.name, address=building.address)


class HouseholdCreate(Create):
    """A dwelling's household to register: where it lives and the language it reads."""

    building_id: uuid.UUID
    language: Language


class HouseholdMove(Create):
    """Where a household moves to."""

    building_id: uuid.UUID


class HouseholdPublic(BaseModel):
    """A household: a pseudonymous dwelling, never a name."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    site_id: uuid.UUID
    building_id: uuid.UUID
    language: Language
    registered_at: datetime

    @classmethod
    def of(cls, household: Household) -> HouseholdPublic:
        """The view of ``household``."""
        place = household.placement
        return cls(
            id=household.id,
            landlord_id=place.landlord_id,
            site_id=place.site_id,
            building_id=place.building_id,
            language=household.language,
            registered_at=household.registered_at,
        )


class ActivationCodeCreate(Create):
    """How long the code on the letter stays valid."""

    valid_days: int = Field(default=DEFAULT_VALID_DAYS, ge=1, le=MAX_VALID_DAYS)


class ActivationCodePublic(BaseModel):
    """An issued activation code: the plain code appears in this answer only."""

    code: str = Field(description="The plain code, shown this once only.", examples=["ABCD-EFGH-JKMN"])
    household_id: uuid.UUID
    expires_at: datetime
