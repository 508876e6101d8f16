"""Every label exists in NL, FR and EN, and templates show no text outside the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
LOCALES = PORTAL / "locales"
SOURCES = [*PORTAL.rglob("*.py"), *(PORTAL / "templates").rglob("*.html")]
KEY = re.compile(r"""['"](portal\.[a-z_]+\.[a-z_0-9]+)['"]""")
LANGUAGES = ("nl", "fr", "en")
# Keys built at run time (``t('portal.worker.' ~ 'state_' ~ b.state)``, ``f"portal.scale.{n}"``): each
# family and every value it can take. The last test fails when code builds a family not listed here.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "portal.language.": LANGUAGES,
    "portal.scale.": ("1", "2", "3", "4", "5"),
    "portal.role.": (
        "tenant",
        "council_member",
        "community_worker",
        "landlord_staff",
        "partner",
        "regional_admin",
    ),
    "portal.channel.": ("paper", "phone", "home_visit", "office"),
    "portal.advice_response.": ("followed", "partly_followed", "not_followed"),
    "portal.advice_status.": ("planned", "in_progress", "done", "abandoned"),
    "portal.advice_subject.": (
        "maintenance_programme",
        "service_charges",
        "house_rules",
        "collective_equipment",
        "social_activities",
        "own_initiative",
    ),
    "portal.council.advice.": ("requested", "issued", "answered"),
    "portal.council.category.": (
        "maintenance_programme",
        "service_charges",
        "house_rules",
        "collective_equipment",
        "social_activities",
        "own_initiative",
        "other",
    ),
    "portal.council.done.": (
        "accepted",
        "declined",
        "scheduled",
        "draft",
        "published",
        "planned",
        "attendance",
        "decided",
        "postponed",
    ),
    "portal.council.item.": (
        "proposed",
        "accepted",
        "declined",
        "merged",
        "scheduled",
        "discussed",
        "decided",
        "postponed",
    ),
    "portal.council.outcome.": ("decided", "postponed"),
    "portal.council.proposed_by.": ("tenant", "member", "system"),
    "portal.council.response.": ("followed", "partly_followed", "not_followed"),
    "portal.council.role.": ("president", "secretary", "board_delegate", "member"),
    "portal.council.vote.": ("for", "against", "abstain"),
    "portal.staff.done.": ("published", "follow_up", "approved", "rejected", "requested", "answered"),
    "portal.staff.follow_up_in.": LANGUAGES,
    "portal.staff.phase.": ("draft", "scheduled", "open", "closed"),
    "portal.worker.access_": (
        "step_free_access",
        "accessible_toilet",
        "hearing_loop",
        "lift",
        "accessible_parking",
    ),
    "portal.worker.done_": ("confirmed", "requested", "cancelled"),
    "portal.worker.reason_": (
        "closed",
        "outside_opening_hours",
        "too_short_notice",
        "too_far_ahead",
        "booked",
        "quota",
    ),
    "portal.worker.state_": ("requested", "confirmed", "rejected", "cancelled", "checked_in", "no_show"),
    "portal.worker.weekday_": ("0", "1", "2", "3", "4", "5", "6"),
    "portal.partner.": ("day_field", "start_field", "end_field"),  # t('portal.partner.' ~ name ~ '_field')
    "portal.partner.audience_": (
        "everyone",
        "tenants",
        "children",
        "youth",
        "adults",
        "seniors",
        "women",
        "families",
    ),
    "portal.partner.channel_": ("webhook", "feed"),
    "portal.partner.delivery_": ("pending", "delivered", "failed"),
    "portal.partner.disabled_": ("gone", "failing"),
    "portal.partner.done_": ("removed", "redelivered", "enabled", "announced", "saved"),
    "portal.partner.in_": LANGUAGES,
    "portal.partner.nav_": ("home", "profile", "subscriptions", "deliveries", "activities"),
    "portal.partner.subscription_": ("active", "disabled"),
    "portal.partner.title_": LANGUAGES,
}
# 'portal.worker.' ~ 'state_' ~ x  →  portal.worker.state_ ;  f"portal.scale.{n}"  →  portal.scale.
TEMPLATE_FAMILY = re.compile(r"""['"](portal\.[a-z_.]*)['"]\s*~\s*(?:['"]([a-z_.]*)['"]\s*~)?""")
PYTHON_FAMILY = re.compile(r"""f['"](portal\.[a-z_.]+)\{""")
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
    missing = used - catalogue("en").keys()
    assert not missing, sorted(missing)


def test_every_value_of_a_dynamic_key_family_is_in_nl_fr_and_en() -> None:
    built = {prefix + suffix for prefix, suffixes in DYNAMIC.items() for suffix in suffixes}
    for lang in LANGUAGES:
        missing = built - catalogue(lang).keys()
        assert not missing, f"{lang}: {sorted(missing)}"


def test_every_dynamic_key_family_the_code_builds_is_listed() -> None:
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        for match in TEMPLATE_FAMILY.finditer(source):
            found.setdefault(match.group(1) + (match.group(2) or ""), set()).add(path.name)
        for match in PYTHON_FAMILY.finditer(source):
            found.setdefault(match.group(1), set()).add(path.name)
    unlisted = {family: sorted(files) for family, files in found.items() if family not in DYNAMIC}
    assert not unlisted, f"add these key families and their values to DYNAMIC: {unlisted}"


def test_templates_hold_no_literal_user_facing_text() -> None:
    for template in (PORTAL / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        without_code = JINJA.sub(" ", source)
        visible = TAG.sub(" ", without_code)
        words = re.findall(r"[^\W\d_]{2,}", visible)
        assert not words, f"{template.name} shows {words[:5]} outside the catalogue"
        attributes = TEXT_ATTRIBUTE.findall(without_code)
        assert not attributes, f"{template.name} has literal {attributes[:3]}"
