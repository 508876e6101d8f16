"""Landlords (SISPs/OVMs) and the places they manage: sites (neighbourhoods) and buildings."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from kernel.errors import ValidationFailed
from kernel.localisation import OFFICIAL_LANGUAGES, LocalizedText

LANDLORD_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def require_official_languages(name: LocalizedText, field: str) -> None:
    """Brussels is bilingual: a public name exists at least in NL and FR."""
    missing = name.missing(OFFICIAL_LANGUAGES)
    if missing:
        raise ValidationFailed(
            f"{field} lacks {', '.join(missing)}",
            field=f"{field}.{missing[0]}",
            message_key="identity.name_official_languages",
        )


def require_text(value: str, field: str, max_length: int = 200) -> str:
    """A trimmed, non-empty text of bounded length."""
    text = value.strip()
    if not text or len(text) > max_length:
        raise ValidationFailed(f"{field} must have 1 to {max_length} characters", field=field)
    return text


@dataclass(frozen=True)
class Landlord:
    """A public housing company (SISP/OVM) and the municipalities it works in."""

    id: uuid.UUID
    code: str
    name: LocalizedText
    municipalities: tuple[str, ...]
    dwellings: int

    @classmethod
    def register(
        cls, code: str, name: LocalizedText, municipalities: tuple[str, ...], dwellings: int
    ) -> Landlord:
        """A new landlord; the code is a lowercase slug such as ``foyer-anderlechtois``."""
        if not LANDLORD_CODE.match(code) or len(code) > 60:
            raise ValidationFailed(
                "code must be a lowercase slug", field="code", message_key="identity.landlord_code"
            )
        require_official_languages(name, "name")
        if dwellings < 0:
            raise ValidationFailed("dwellings must not be negative", field="dwellings")
        places = tuple(require_text(m, "municipalities") for m in municipalities)
        return cls(uuid.uuid4(), code, name, places, dwellings)


@dataclass(frozen=True)
class Site:
    """A neighbourhood (cité, wijk) of one landlord, in one municipality."""

    id: uuid.UUID
    landlord_id: uuid.UUID
    name: LocalizedText
    municipality: str

    @classmethod
    def register(cls, landlord_id: uuid.UUID, name: LocalizedText, municipality: str) -> Site:
        """A new site of ``landlord_id``."""
        require_official_languages(name, "name")
        return cls(uuid.uuid4(), landlord_id, name, require_text(municipality, "municipality"))


@dataclass(frozen=True)
class Building:
    """A building of a site, with its street address."""

    id: uuid.UUID
    site_id: uuid.UUID
    name: str
    address: str

    @classmethod
    def register(cls, site_id: uuid.UUID, name: str, address: str) -> Building:
        """A new building on ``site_id``."""
        return cls(uuid.uuid4(), site_id, require_text(name, "name"), require_text(address, "address"))
