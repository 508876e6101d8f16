"""Results of a consultation: counts and percentages per question, breakdowns by site and by
channel with small cells suppressed, free texts (only after closing, without metadata)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from surveys.domain.questions import AnswerValue, Question, QuestionKind
from surveys.domain.suppression import Group, breakdown


@dataclass(frozen=True)
class AnswerSet:
    """One anonymous response: where (site) and how (channel) it came, and its answers."""

    site_id: str
    channel: str
    answers: dict[str, AnswerValue]


@dataclass(frozen=True)
class OptionCount:
    """How many chose an answer, and the share of those who answered the question (%)."""

    key: str
    count: int
    percentage: float


@dataclass(frozen=True)
class QuestionResult:
    """The results of one question."""

    key: str
    kind: QuestionKind
    respondents: int
    options: tuple[OptionCount, ...]
    mean: float | None
    by_site: tuple[Group, ...]
    by_channel: tuple[Group, ...]


@dataclass(frozen=True)
class Results:
    """The results of a consultation."""

    respondents: int
    threshold: int
    by_site: tuple[Group, ...]
    by_channel: tuple[Group, ...]
    questions: tuple[QuestionResult, ...]
    free_texts: dict[str, list[str]] | None


def percentage(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, one decimal (0 when nobody answered)."""
    return round(100.0 * part / whole, 1) if whole else 0.0


def _sizes(sets: Sequence[AnswerSet], dimension: str) -> dict[str, int]:
    return dict(Counter(getattr(answer_set, dimension) for answer_set in sets))


def tally(question: Question, sets: Sequence[AnswerSet], threshold: int) -> QuestionResult:
    """Counts, percentages, mean and breakdowns of ``question`` over the answer sets."""
    answered = [s for s in sets if question.key in s.answers]
    keys = question.answer_keys()
    totals: Counter[str] = Counter()
    per: dict[str, dict[str, Counter[str]]] = {
        "site_id": defaultdict(Counter),
        "channel": defaultdict(Counter),
    }
    for answer_set in answered:
        chosen = question.keys_of(answer_set.answers[question.key])
        totals.update(chosen)
        for dimension, groups in per.items():
            groups[getattr(answer_set, dimension)].update(chosen)
    options = tuple(OptionCount(key, totals[key], percentage(totals[key], len(answered))) for key in keys)
    return QuestionResult(
        key=question.key,
        kind=question.kind,
        respondents=len(answered),
        options=options,
        mean=_mean(question, answered),
        by_site=breakdown(_sizes(answered, "site_id"), per["site_id"], keys, threshold) if keys else (),
        by_channel=breakdown(_sizes(answered, "channel"), per["channel"], keys, threshold) if keys else (),
    )


def _mean(question: Question, answered: Sequence[AnswerSet]) -> float | None:
    if question.kind not in (QuestionKind.SCALE, QuestionKind.NUMBER) or not answered:
        return None
    values = [float(s.answers[question.key]) for s in answered]  # type: ignore[arg-type]
    return round(sum(values) / len(values), 2)


def compute_results(
    questions: Sequence[Question], sets: Sequence[AnswerSet], threshold: int, *, with_texts: bool
) -> Results:
    """The results of a consultation; free texts only ``with_texts`` (after closing), sorted so
    that their order tells nothing."""
    texts = None
    if with_texts:
        texts = {
            q.key: sorted(str(s.answers[q.key]) for s in sets if q.key in s.answers)
            for q in questions
            if q.kind is QuestionKind.FREE_TEXT
        }
    return Results(
        respondents=len(sets),
        threshold=threshold,
        by_site=breakdown(_sizes(sets, "site_id"), {}, (), threshold),
        by_channel=breakdown(_sizes(sets, "channel"), {}, (), threshold),
        questions=tuple(tally(question, sets, threshold) for question in questions),
        free_texts=texts,
    )
