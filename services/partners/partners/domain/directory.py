"""The social map: partner organisations, what they offer, where and in which languages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal, get_args

from kernel.errors import ValidationFailed
from kernel.localisation import OFFICIAL_LANGUAGES, LocalizedText
from partners.domain.activities import LANGUAGE_CODE

PartnerType = Literal[
    "welfare_centre",
    "cohesion_project",
    "social_support_service",
    "municipality",
    "school",
    "health_service",
    "tenant_self_organisation",
    "association",
]
PARTNER_TYPES: tuple[str, ...] = get_args(PartnerType)


@dataclass(frozen=True)
class Areas:
    """Where a partner works (empty: not said)."""

    landlord_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    site_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    municipalities: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Partner:
    """A partner's public profile and the OAuth clients it signs in with."""

    id: uuid.UUID
    name: LocalizedText
    type: str
    description: LocalizedText
    services: frozenset[str]
    languages: frozenset[str]
    areas: Areas
    client_ids: frozenset[str] = field(default_factory=frozenset)

    def offers(self, service: str | None, language: str | None, landlord_id: uuid.UUID | None) -> bool:
        """True when the profile matches the social map's filters (None: any)."""
        if service is not None and service not in self.services:
            return False
        if language is not None and language not in self.languages:
            return False
        return landlord_id is None or landlord_id in self.areas.landlord_ids


def check_partner(
    name: LocalizedText, type_: str, services: frozenset[str], languages: frozenset[str]
) -> None:
    """A partner has a name in NL and FR, a known type, tidy service tags, ISO language codes."""
    if name.missing(OFFICIAL_LANGUAGES):
        raise ValidationFailed("name in NL and FR", field="name", message_key="partners.name_languages")
    if type_ not in PARTNER_TYPES:
        raise ValidationFailed(f"unknown type {type_!r}", field="type", message_key="partners.type_unknown")
    if any(not tag or tag != tag.strip().lower() or len(tag) > 60 for tag in services):
        raise ValidationFailed("service tags", field="services", message_key="partners.service_tag")
    if not all(LANGUAGE_CODE.match(lang) for lang in languages):
        raise ValidationFailed("languages", field="languages", message_key="partners.language_unknown")


MAX_ENTRIES = 20
MAX_KEY = 40
MAX_VALUE = 300


def check_entries(entries: dict[str, str], field_name: str) -> None:
    """Contact channels and opening hours: a few short, non-empty keys with short texts."""
    if len(entries) > MAX_ENTRIES or any(
        not key.strip() or len(key) > MAX_KEY or len(value) > MAX_VALUE for key, value in entries.items()
    ):
        raise ValidationFailed(
            f"{field_name}: at most {MAX_ENTRIES} short entries",
            field=field_name,
            message_key="partners.entries_invalid",
        )
