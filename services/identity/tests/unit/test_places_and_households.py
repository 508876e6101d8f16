"""Landlords, places and households: the rules of their registration and moves."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from identity.domain.households import Household, Placement
from identity.domain.people import Person
from identity.domain.places import Building, Landlord, Site
from kernel.errors import ValidationFailed
from kernel.localisation import LocalizedText

BILINGUAL = LocalizedText(nl="Anderlechtse Haard", fr="Foyer Anderlechtois")
NOW = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("code", ["foyer-anderlechtois", "abc", "logis-floreal-2"])
def test_landlord_codes_are_lowercase_slugs(code: str) -> None:
    assert Landlord.register(code, BILINGUAL, ("Anderlecht",), 3400).code == code


@pytest.mark.parametrize("code", ["Foyer", "foyer anderlechtois", "-foyer", "foyer--x", "", "log'iris"])
def test_other_codes_are_refused(code: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Landlord.register(code, BILINGUAL, (), 3400)
    assert error.value.field == "code"


def test_a_public_name_needs_dutch_and_french() -> None:
    with pytest.raises(ValidationFailed) as error:
        Site.register(uuid.uuid4(), LocalizedText(fr="Cité des Tilleuls", en="Linden Estate"), "Anderlecht")
    assert error.value.field == "name.nl"


def placement() -> Placement:
    site = Site.register(uuid.uuid4(), BILINGUAL, "Anderlecht")
    return Placement.of(site, Building.register(site.id, "A", "Rue A 1"))


def test_a_household_moves_to_another_building_but_not_to_its_own() -> None:
    household = Household.register(placement(), "fr", NOW)
    elsewhere = placement()
    moved = household.move_to(elsewhere)
    assert moved.id == household.id and moved.placement == elsewhere
    with pytest.raises(ValidationFailed) as error:
        moved.move_to(elsewhere)
    assert error.value.field == "building_id"


def test_a_household_speaks_one_of_the_platform_languages() -> None:
    with pytest.raises(ValidationFailed) as error:
        Household.register(placement(), "de", NOW)
    assert error.value.field == "language"


def test_a_building_belongs_to_the_site_it_is_placed_on() -> None:
    site = Site.register(uuid.uuid4(), BILINGUAL, "Anderlecht")
    with pytest.raises(ValueError):
        Placement.of(site, Building.register(uuid.uuid4(), "A", "Rue A 1"))


@pytest.mark.parametrize("username", ["ab", "Staff", "staff demo", "x" * 65])
def test_usernames_are_short_lowercase_words(username: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Person.register("Testa Persoon", "nl", username=username)
    assert error.value.field == "username"
