"""Small-cell suppression: counts small enough to identify people are hidden.

A group (a site, a channel) with fewer respondents than the threshold is hidden whole; in a
shown group, each answer count between 1 and the threshold is hidden. When only one group or
one count would be hidden, the smallest other is hidden too, so that it cannot be found back
by subtracting the others from the total that stays shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One answer's count in a group; ``None`` when suppressed."""

    key: str
    count: int | None


@dataclass(frozen=True)
class Group:
    """One group of a breakdown; ``respondents`` is ``None`` when the group is suppressed."""

    key: str
    respondents: int | None
    cells: tuple[Cell, ...] = ()

    @property
    def suppressed(self) -> bool:
        """True when the whole group is hidden."""
        return self.respondents is None


def _hidden(sizes: Mapping[str, int], threshold: int) -> set[str]:
    hidden = {key for key, size in sizes.items() if 0 < size < threshold}
    if len(hidden) == 1:
        shown = [key for key, size in sizes.items() if size >= threshold]
        if shown:
            hidden.add(min(shown, key=lambda key: (sizes[key], key)))
    return hidden


def breakdown(
    respondents: Mapping[str, int],
    counts: Mapping[str, Counter[str]],
    answer_keys: Sequence[str],
    threshold: int,
) -> tuple[Group, ...]:
    """Groups (sorted by key) with their respondents and answer counts, small cells hidden."""
    hidden_groups = _hidden(respondents, threshold)
    groups = []
    for key in sorted(respondents):
        if key in hidden_groups:
            groups.append(Group(key, None))
            continue
        tally = counts.get(key, Counter())
        sizes = {answer: tally[answer] for answer in answer_keys}
        hidden = _hidden(sizes, threshold)
        cells = tuple(Cell(answer, None if answer in hidden else sizes[answer]) for answer in answer_keys)
        groups.append(Group(key, respondents[key], cells))
    return tuple(groups)
