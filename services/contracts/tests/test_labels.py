"""Every event type has a plain-language label in NL, FR and EN, and no label is left over."""

from __future__ import annotations

import pytest

from contracts.catalogue import CATALOGUE, LABELS, event_label, label_key
from kernel.localisation import LANGUAGES, translate


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_type_has_a_label_and_no_extra_keys(lang: str) -> None:
    expected = {label_key(event_type) for event_type in CATALOGUE}
    assert set(LABELS[lang]) == expected
    assert all(text.strip() for text in LABELS[lang].values())


def test_labels_are_registered_for_translate() -> None:
    event_type = "inspraak.spaces.booking.confirmed"
    assert translate(label_key(event_type), "fr") == event_label(event_type).fr
    assert event_label(event_type).missing() == []
