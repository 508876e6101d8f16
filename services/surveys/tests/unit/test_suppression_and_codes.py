"""Small-cell suppression and invitation codes (pure domain)."""

from __future__ import annotations

from collections import Counter

from surveys.domain.invitations import LENGTH, generate_code, hash_code, issue_codes, normalise_code
from surveys.domain.suppression import breakdown


def test_a_small_group_is_hidden_with_the_next_smallest_so_it_cannot_be_subtracted() -> None:
    groups = breakdown({"a": 3, "b": 6, "c": 8}, {}, (), threshold=5)
    assert [(g.key, g.respondents) for g in groups] == [("a", None), ("b", None), ("c", 8)]


def test_two_small_groups_hide_each_other() -> None:
    groups = breakdown({"a": 3, "b": 4, "c": 8}, {}, (), threshold=5)
    assert [g.suppressed for g in groups] == [True, True, False]


def test_nothing_is_hidden_when_every_group_is_large_enough() -> None:
    groups = breakdown({"a": 5, "b": 9}, {"a": Counter(x=5), "b": Counter(x=4, y=5)}, ("x", "y"), threshold=3)
    assert [(c.key, c.count) for c in groups[0].cells] == [("x", 5), ("y", 0)]
    assert [(c.key, c.count) for c in groups[1].cells] == [("x", 4), ("y", 5)]


def test_one_small_cell_is_hidden_with_the_next_smallest_of_its_group() -> None:
    [group] = breakdown({"a": 12}, {"a": Counter(x=2, y=4, z=6)}, ("x", "y", "z"), threshold=5)
    assert [(c.key, c.count) for c in group.cells] == [("x", None), ("y", None), ("z", 6)]
    [group] = breakdown({"a": 12}, {"a": Counter(x=2, y=5, z=5)}, ("x", "y", "z"), threshold=5)
    assert [c.count for c in group.cells] == [None, None, 5]


def test_codes_are_long_random_and_forgiving_when_typed() -> None:
    codes = {generate_code() for _ in range(2000)}
    assert len(codes) == 2000
    code = next(iter(codes))
    assert len(code.replace("-", "")) == LENGTH
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert normalise_code("ABCD") is None
    assert normalise_code("oooo-iiii-llll-0000") == "0000-1111-1111-0000"


def test_only_hashes_are_kept() -> None:
    [(code, digest)] = issue_codes(1)
    assert digest == hash_code(code) and code not in digest and len(digest) == 64
