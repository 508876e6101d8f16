"""Households: a dwelling's household, known only by a pseudonymous id and where it lives."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from identity.domain.places import Building, Site
from kernel.errors import ValidationFailed
from kernel.localisation import LANGUAGES, Language


@dataclass(frozen=True)
class Placement:
    """Where a dwelling is: landlord, site and building (always consistent with each other)."""

    landlord_id: uuid.UUID
    site_id: uuid.UUID
    building_id: uuid.UUID

    @classmethod
    def of(cls, site: Site, building: Building) -> Placement:
        """The placement of ``building`` (which must stand on ``site``)."""
        if building.site_id != site.id:
            raise ValueError("building is not on this site")
        return cls(site.landlord_id, site.id, building.id)


def language_of(value: str, field: str = "language") -> Language:
    """``value`` as one of the platform's languages (NL, FR, EN)."""
    for language in LANGUAGES:
        if value == language:
            return language
    raise ValidationFailed(f"{field} must be one of {', '.join(LANGUAGES)}", field=field)


@dataclass(frozen=True)
class Household:
    """The household of one social dwelling. No names: the id is pseudonymous."""

    id: uuid.UUID
    placement: Placement
    language: Language
    registered_at: datetime

    @classmethod
    def register(cls, placement: Placement, language: str, now: datetime) -> Household:
        """A newly known household, speaking ``language`` with its landlord."""
        return cls(uuid.uuid4(), placement, language_of(language), now)

    def move_to(self, placement: Placement) -> Household:
        """The same household living in another building (possibly of another landlord)."""
        if placement.building_id == self.placement.building_id:
            raise ValidationFailed(
                "household already lives in this building",
                field="building_id",
                message_key="identity.household_same_building",
            )
        return replace(self, placement=placement)
