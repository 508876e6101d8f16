"""``LocalizedText``: a text in NL, FR and EN, read in the request language by default."""

from __future__ import annotations

import strawberry

from gateway.context import Info
from gateway.fields import field
from kernel import localisation
from kernel.errors import ValidationFailed


@strawberry.type(description="A text in one language.")
class Translation:
    lang: str
    text: str


@strawberry.type(description="A text in NL, FR and EN (NL and FR are equal, EN is optional).")
class LocalizedText:
    value: strawberry.Private[localisation.LocalizedText]

    @field(description="The text in `lang` (default: the request language), else in NL, FR, EN.")
    def text(self, info: Info, lang: str | None = None) -> str:
        if lang is not None and lang not in localisation.LANGUAGES:
            raise ValidationFailed(
                f"unknown language {lang!r}", field="lang", message_key="error.invalid_value"
            )
        return self.value.text(lang or info.context.language)

    @field(description="Every language that has a text, in NL, FR, EN order.")
    def translations(self) -> list[Translation]:
        return [
            Translation(lang=lang, text=text)
            for lang in localisation.LANGUAGES
            if (text := getattr(self.value, lang))
        ]

    @field(description="The languages (of NL, FR, EN) that have no text yet.")
    def missing(self) -> list[str]:
        return list(self.value.missing())
