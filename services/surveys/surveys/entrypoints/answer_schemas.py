"""API models of answers, invitations, results and participation."""

from __future__ import annotations

import uuid

from pydantic import BaseModel

from kernel.localisation import LocalizedText
from surveys.domain.answers import Answer
from surveys.domain.participation import Channel, Turnout
from surveys.domain.results import Results
from surveys.domain.suppression import Group
from surveys.entrypoints.schemas import ConsultationPublic, Create
from surveys.service.results import Participation


class AnswerModel(Create):
    """An answer: ``choices`` (choice), ``number`` (scale 1–5, number), ``yes``, or ``text``."""

    question: str
    choices: list[str] | None = None
    number: float | None = None
    text: str | None = None
    yes: bool | None = None

    def to_domain(self) -> Answer:
        """The domain answer."""
        choices = tuple(self.choices) if self.choices is not None else None
        return Answer(self.question, choices, self.number, self.text, self.yes)


class ResponseCreate(Create):
    """Answers, with the letter's code (or none, with a household's token)."""

    code: str | None = None
    answers: list[AnswerModel]


class AssistedResponseCreate(Create):
    """Answers a worker enters on behalf of a consenting household: its id, or the code of its
    letter (one of the two)."""

    household_id: uuid.UUID | None = None
    code: str | None = None
    channel: Channel
    consent_confirmed: bool
    answers: list[AnswerModel]


class InvitationLookup(Create):
    """A letter's code, to find its consultation without using the code up."""

    code: str


class InvitationFound(BaseModel):
    """The consultation a code invites to, and whether the code still works (never whose it is)."""

    consultation: ConsultationPublic
    unused: bool


class FollowUpCreate(Create):
    """What was done with the answers (NL and FR required)."""

    text: LocalizedText


class Accepted(BaseModel):
    """An answer set was taken (and nothing about it is returned)."""

    accepted: bool = True


class InvitationsPublic(BaseModel):
    """The invitations issued now (with their letters, shown only this once)."""

    issued: int
    already_invited: int
    letters_csv: str


class CellPublic(BaseModel):
    """One answer's count in a group; null when suppressed."""

    key: str
    count: int | None


class GroupPublic(BaseModel):
    """A group (site or channel) of a breakdown; ``suppressed`` hides it whole."""

    key: str
    suppressed: bool
    respondents: int | None
    cells: list[CellPublic]

    @classmethod
    def of(cls, group: Group) -> GroupPublic:
        """The API view of a breakdown group."""
        cells = [CellPublic(key=c.key, count=c.count) for c in group.cells]
        return cls(key=group.key, suppressed=group.suppressed, respondents=group.respondents, cells=cells)


class OptionPublic(BaseModel):
    """How many chose an answer, and their share (%)."""

    key: str
    count: int
    percentage: float


class QuestionResultPublic(BaseModel):
    """A question's results."""

    key: str
    kind: str
    respondents: int
    options: list[OptionPublic]
    mean: float | None
    by_site: list[GroupPublic]
    by_channel: list[GroupPublic]


class ResultsPublic(BaseModel):
    """A consultation's results; ``free_texts`` only after closing."""

    consultation_id: uuid.UUID
    respondents: int
    suppression_threshold: int
    by_site: list[GroupPublic]
    by_channel: list[GroupPublic]
    questions: list[QuestionResultPublic]
    free_texts: dict[str, list[str]] | None

    @classmethod
    def of(cls, consultation_id: uuid.UUID, r: Results) -> ResultsPublic:
        """The API view of results."""
        questions = [
            QuestionResultPublic(
                key=q.key,
                kind=q.kind.value,
                respondents=q.respondents,
                mean=q.mean,
                options=[OptionPublic(key=o.key, count=o.count, percentage=o.percentage) for o in q.options],
                by_site=[GroupPublic.of(g) for g in q.by_site],
                by_channel=[GroupPublic.of(g) for g in q.by_channel],
            )
            for q in r.questions
        ]
        return cls(
            consultation_id=consultation_id,
            respondents=r.respondents,
            suppression_threshold=r.threshold,
            by_site=[GroupPublic.of(g) for g in r.by_site],
            by_channel=[GroupPublic.of(g) for g in r.by_channel],
            questions=questions,
            free_texts=r.free_texts,
        )


class TurnoutPublic(BaseModel):
    """Invited and responded households of a place, and the rate (%)."""

    key: str
    invited: int
    responded: int
    rate: float

    @classmethod
    def of(cls, t: Turnout) -> TurnoutPublic:
        """The API view of a turnout."""
        return cls(key=t.key, invited=t.invited, responded=t.responded, rate=t.rate)


class ParticipationPublic(BaseModel):
    """Participation in all, per site, per building, and per channel."""

    total: TurnoutPublic
    by_site: list[TurnoutPublic]
    by_building: list[TurnoutPublic]
    by_channel: dict[str, int]

    @classmethod
    def of(cls, p: Participation) -> ParticipationPublic:
        """The API view of participation."""
        return cls(
            total=TurnoutPublic.of(p.total),
            by_site=[TurnoutPublic.of(t) for t in p.by_site],
            by_building=[TurnoutPublic.of(t) for t in p.by_building],
            by_channel=p.by_channel,
        )
