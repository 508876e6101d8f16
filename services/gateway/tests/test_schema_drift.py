"""The committed SDL is the code's schema: regenerate it with ``python -m gateway export-schema``."""

from __future__ import annotations

from gateway.export_schema import SDL_PATH
from gateway.schema import sdl


def test_committed_sdl_matches_the_code() -> None:
    committed = SDL_PATH.read_text(encoding="utf-8") if SDL_PATH.exists() else ""
    assert committed == sdl(), (
        f"{SDL_PATH} is out of date: run `python -m gateway export-schema` and commit it"
    )


def test_sdl_names_the_contract_fields() -> None:
    text = sdl()
    for expected in (
        "me: Me",
        "landlords: [Landlord!]!",
        "landlord(id: ID!): Landlord",
        "localizedName: LocalizedText!",
        "text(lang: String = null): String!",
        "translations: [Translation!]!",
        "missing: [String!]!",
    ):
        assert expected in text
