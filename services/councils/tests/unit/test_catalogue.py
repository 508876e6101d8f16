"""Every message the service shows exists in NL, FR and EN."""

from __future__ import annotations

import json
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "councils"
MESSAGE_KEY = re.compile(r'(?:message_key=|translate\()\s*"(councils\.[a-z_]+)"')


def test_every_message_used_is_in_dutch_french_and_english() -> None:
    catalogues = {
        lang: json.loads((PACKAGE / "locales" / f"{lang}.json").read_text()) for lang in ("nl", "fr", "en")
    }
    assert set(catalogues["nl"]) == set(catalogues["fr"]) == set(catalogues["en"])
    used = {key for path in PACKAGE.rglob("*.py") for key in MESSAGE_KEY.findall(path.read_text())}
    assert "councils.no_quorum" in used
    assert used <= set(catalogues["en"])
