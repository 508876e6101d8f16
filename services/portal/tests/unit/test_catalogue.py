"""Every label exists in NL, FR and EN, and templates show no text outside the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
LOCALES = PORTAL / "locales"
SOURCES = [*PORTAL.rglob("*.py"), *(PORTAL / "templates").rglob("*.html")]
KEY = re.compile(r"""['"](portal\.[a-z_]+\.[a-z_0-9]+)['"]""")
DYNAMIC = {"portal.language.": ("nl", "fr", "en"), "portal.scale.": ("1", "2", "3", "4", "5")}
JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
TEXT_ATTRIBUTE = re.compile(r"""\b(aria-label|placeholder|title|alt)="([^"{]*[^\W\d_][^"{]*)\"""")


def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(LOCALES.rglob(f"{lang}.json")):
        part = json.loads(path.read_text(encoding="utf-8"))
        assert not part.keys() & merged.keys(), f"{path} repeats {sorted(part.keys() & merged.keys())[:3]}"
        merged.update(part)
    return merged


def test_nl_fr_and_en_have_the_same_keys_and_no_empty_label() -> None:
    nl, fr, en = catalogue("nl"), catalogue("fr"), catalogue("en")
    assert nl.keys() == fr.keys() == en.keys()
    assert all(text.strip() for lang in (nl, fr, en) for text in lang.values())


def test_every_key_the_code_and_templates_use_is_in_the_catalogue() -> None:
    used = {key for path in SOURCES for key in KEY.findall(path.read_text(encoding="utf-8"))}
    used |= {prefix + suffix for prefix, suffixes in DYNAMIC.items() for suffix in suffixes}
    used |= {f"portal.role.{role}" for role in ("tenant", "council_member", "community_worker")}
    missing = used - catalogue("en").keys()
    assert not missing, sorted(missing)


def test_templates_hold_no_literal_user_facing_text() -> None:
    for template in (PORTAL / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        without_code = JINJA.sub(" ", source)
        visible = TAG.sub(" ", without_code)
        words = re.findall(r"[^\W\d_]{2,}", visible)
        assert not words, f"{template.name} shows {words[:5]} outside the catalogue"
        attributes = TEXT_ATTRIBUTE.findall(without_code)
        assert not attributes, f"{template.name} has literal {attributes[:3]}"
