"""Activities a partner announces on a landlord's public agenda (optionally asking for a room)."""

from __future__ import annotations

import re
from datetime import datetime

from kernel.errors import ValidationFailed
from kernel.localisation import OFFICIAL_LANGUAGES, LocalizedText

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")  # ISO 639: partners speak far more than NL/FR/EN
AUDIENCES = ("everyone", "tenants", "children", "youth", "adults", "seniors", "women", "families")


def check_activity(
    title: LocalizedText, starts_at: datetime, ends_at: datetime, audience: str, languages: list[str]
) -> None:
    """A title in NL and FR, an end after the start, a known audience and known languages."""
    if title.missing(OFFICIAL_LANGUAGES):
        raise ValidationFailed("title in NL and FR", field="title", message_key="partners.title_languages")
    if ends_at <= starts_at:
        raise ValidationFailed(
            "ends before it starts", field="endsAt", message_key="partners.activity_period"
        )
    if audience not in AUDIENCES:
        raise ValidationFailed(f"audience {audience!r}", field="audience", message_key="partners.audience")
    if not all(LANGUAGE_CODE.match(lang) for lang in languages):
        raise ValidationFailed("languages", field="languages", message_key="partners.language_unknown")
