"""Languages, localized text and message catalogues (NL, FR and EN are equal).

User-facing strings live in JSON catalogues (``locales/<lang>.json``), never only in code.
Services add their own catalogues with :func:`register_catalogue`.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Template
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "nl"
OFFICIAL_LANGUAGES: tuple[Language, ...] = ("nl", "fr")

_catalogues: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}


def register_catalogue(folder: Path) -> None:
    """Load ``<folder>/<lang>.json`` for every language into the message catalogue."""
    for lang in LANGUAGES:
        path = folder / f"{lang}.json"
        if path.exists():
            _catalogues[lang].update(json.loads(path.read_text(encoding="utf-8")))


def translate(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (falling back to NL, FR, EN, then the key itself)."""
    order = [lang] if lang in LANGUAGES else []
    order += [candidate for candidate in (DEFAULT_LANGUAGE, "fr", "en") if candidate not in order]
    for candidate in order:
        text = _catalogues[candidate].get(key) if candidate else None
        if text is not None:
            return Template(text).safe_substitute({k: str(v) for k, v in params.items()})
    return key


def negotiate_language(accept_language: str | None, default: Language = DEFAULT_LANGUAGE) -> Language:
    """Pick NL, FR or EN from an ``Accept-Language`` header, by quality then order."""
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()[:2]))
    for _, _, primary in sorted(ranked):
        if primary in LANGUAGES:
            return primary
    return default


class LocalizedText(BaseModel):
    """A text in NL, FR and (optionally) EN."""

    model_config = ConfigDict(frozen=True)

    nl: str | None = None
    fr: str | None = None
    en: str | None = None

    def text(self, lang: str | None = None) -> str:
        """The text in ``lang``, else the first present of NL, FR, EN."""
        order = [lang] if lang in LANGUAGES else []
        order += [candidate for candidate in LANGUAGES if candidate not in order]
        for candidate in order:
            value = getattr(self, candidate)
            if value:
                return str(value)
        return ""

    def missing(self, required: tuple[Language, ...] = LANGUAGES) -> list[Language]:
        """The languages of ``required`` with no text."""
        return [lang for lang in required if not getattr(self, lang)]


register_catalogue(Path(__file__).parent / "locales")
