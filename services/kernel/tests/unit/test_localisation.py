"""Languages: NL, FR and EN are equal; the browser's choice wins when we speak it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kernel.localisation import LANGUAGES, LocalizedText, negotiate_language, translate

LOCALES = Path(__file__).resolve().parents[2] / "kernel" / "locales"


@pytest.mark.parametrize(
    "header,expected",
    [
        (None, "nl"),
        ("fr-BE,fr;q=0.9,en;q=0.8", "fr"),
        ("ar, en;q=0.5", "en"),
        ("de-DE", "nl"),
        ("en;q=0.3, nl;q=0.7", "nl"),
        ("fr;q=abc, en", "en"),
    ],
)
def test_the_language_follows_accept_language(header: str | None, expected: str) -> None:
    assert negotiate_language(header) == expected


def test_every_catalogue_has_every_key_in_every_language() -> None:
    keys = {lang: set(json.loads((LOCALES / f"{lang}.json").read_text())) for lang in LANGUAGES}
    assert keys["nl"] == keys["fr"] == keys["en"]


def test_messages_are_translated_with_their_parameters() -> None:
    assert translate("error.internal", "fr", correlation_id="abc").endswith("Référence : abc")
    assert translate("error.forbidden", "xx") == translate("error.forbidden", "nl")
    assert translate("no.such.key", "en") == "no.such.key"


def test_localized_text_falls_back_and_reports_what_is_missing() -> None:
    text = LocalizedText(nl="Huurdersraad", fr="Conseil des locataires")
    assert text.text("fr") == "Conseil des locataires"
    assert text.text("en") == "Huurdersraad"
    assert text.missing() == ["en"]
    assert text.missing(("nl", "fr")) == []
