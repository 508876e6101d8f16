"""Consultations, their questions, results and participation (records of the surveys service)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from gateway.clients.surveys import SurveysClient
from gateway.connections import PagedConnection
from gateway.context import Info
from gateway.fields import field
from gateway.types.housing import Landlord
from gateway.types.localized import LocalizedText
from kernel import localisation

Json = dict[str, Any]


def localized(value: Json | None) -> LocalizedText:
    """A LocalizedText object of a JSON text."""
    return LocalizedText(value=localisation.LocalizedText.model_validate(value or {}))


def surveys(info: Info) -> SurveysClient:
    """The surveys service, called on behalf of the request's caller."""
    return SurveysClient(info.context.clients["surveys"], info.context.headers)


@strawberry.enum(description="Where a consultation stands.")
class ConsultationPhase(Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


@strawberry.enum(description="What a question asks for.")
class QuestionKind(Enum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    YES_NO = "yes_no"
    NUMBER = "number"
    FREE_TEXT = "free_text"


@strawberry.enum(description="How answers came in: online, or assisted by a worker.")
class AnswerChannel(Enum):
    ONLINE = "online"
    PAPER = "paper"
    PHONE = "phone"
    HOME_VISIT = "home_visit"
    OFFICE = "office"


@strawberry.enum(description="The signed-in household's invitation to a consultation.")
class InvitationState(Enum):
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    ANSWERED = "answered"


@strawberry.type(description="An answer option of a choice question.")
class QuestionOption:
    key: str
    label: LocalizedText


@strawberry.type(description="Show a question only when an earlier one got one of these answers.")
class DisplayCondition:
    question: str
    any_of: list[str] = strawberry.field(description="Answer keys; empty means any answer.")


@strawberry.type(description="A question of a consultation.")
class Question:
    key: str
    kind: QuestionKind
    text: LocalizedText
    required: bool
    options: list[QuestionOption]
    max_choices: int | None
    scale_labels: list[LocalizedText] = strawberry.field(description="One label per face (1 to 5).")
    min_value: float | None
    max_value: float | None
    max_length: int
    show_if: DisplayCondition | None

    @classmethod
    def from_json(cls, q: Json) -> Question:
        """The GraphQL object of a service record."""
        condition = q.get("show_if")
        return cls(
            key=q["key"],
            kind=QuestionKind(q["kind"]),
            text=localized(q["text"]),
            required=q["required"],
            options=[QuestionOption(key=o["key"], label=localized(o["label"])) for o in q["options"]],
            max_choices=q["max_choices"],
            scale_labels=[localized(t) for t in q["scale_labels"]],
            min_value=q["min_value"],
            max_value=q["max_value"],
            max_length=q["max_length"],
            show_if=DisplayCondition(question=condition["question"], any_of=condition["any_of"])
            if condition
            else None,
        )


@strawberry.type(description='"You said, we did": what was done with the answers.')
class FollowUp:
    text: LocalizedText
    published_at: datetime


@strawberry.type(description="One answer's count in a group; null when suppressed.")
class ResultCell:
    key: str
    count: int | None


@strawberry.type(description="A site or channel in a breakdown; small groups are suppressed.")
class ResultGroup:
    key: str
    suppressed: bool
    respondents: int | None
    cells: list[ResultCell]

    @classmethod
    def many(cls, groups: list[Json]) -> list[ResultGroup]:
        """GraphQL objects of breakdown groups."""
        return [
            cls(
                key=g["key"],
                suppressed=g["suppressed"],
                respondents=g["respondents"],
                cells=[ResultCell(key=c["key"], count=c["count"]) for c in g["cells"]],
            )
            for g in groups
        ]


@strawberry.type(description="How many chose an answer and their share (%).")
class OptionCount:
    key: str
    count: int
    percentage: float


@strawberry.type(description="The results of one question.")
class QuestionResult:
    key: str
    kind: QuestionKind
    respondents: int
    options: list[OptionCount]
    mean: float | None
    by_site: list[ResultGroup]
    by_channel: list[ResultGroup]


@strawberry.type(description="Free-text answers of a question (after closing, without metadata).")
class FreeTexts:
    question: str
    texts: list[str]


@strawberry.type(description="The results of a consultation.")
class ConsultationResults:
    respondents: int
    suppression_threshold: int
    by_site: list[ResultGroup]
    by_channel: list[ResultGroup]
    questions: list[QuestionResult]
    free_texts: list[FreeTexts] | None

    @classmethod
    def from_json(cls, r: Json) -> ConsultationResults:
        """The GraphQL object of a service record."""
        questions = [
            QuestionResult(
                key=q["key"],
                kind=QuestionKind(q["kind"]),
                respondents=q["respondents"],
                mean=q["mean"],
                options=[
                    OptionCount(key=o["key"], count=o["count"], percentage=o["percentage"])
                    for o in q["options"]
                ],
                by_site=ResultGroup.many(q["by_site"]),
                by_channel=ResultGroup.many(q["by_channel"]),
            )
            for q in r["questions"]
        ]
        texts = r.get("free_texts")
        return cls(
            respondents=r["respondents"],
            suppression_threshold=r["suppression_threshold"],
            by_site=ResultGroup.many(r["by_site"]),
            by_channel=ResultGroup.many(r["by_channel"]),
            questions=questions,
            free_texts=[FreeTexts(question=k, texts=v) for k, v in texts.items()]
            if texts is not None
            else None,
        )


@strawberry.type(description="Invited and responded households of a place, and the rate (%).")
class Turnout:
    key: str
    invited: int
    responded: int
    rate: float


@strawberry.type(description="Answer sets per channel.")
class ChannelCount:
    channel: AnswerChannel
    count: int


@strawberry.type(description="Participation in a consultation (counts only).")
class Participation:
    total: Turnout
    by_site: list[Turnout]
    by_building: list[Turnout]
    by_channel: list[ChannelCount]

    @classmethod
    def from_json(cls, p: Json) -> Participation:
        """The GraphQL object of a service record."""
        return cls(
            total=Turnout(**p["total"]),
            by_site=[Turnout(**t) for t in p["by_site"]],
            by_building=[Turnout(**t) for t in p["by_building"]],
            by_channel=[
                ChannelCount(channel=AnswerChannel(k), count=v) for k, v in sorted(p["by_channel"].items())
            ],
        )


@strawberry.type(description="A consultation (bevraging / enquête) of a landlord's tenants.")
class Consultation(relay.Node):
    id: relay.NodeID[str]
    landlord_id: strawberry.ID
    council_id: strawberry.ID | None
    owner_id: str | None
    title: LocalizedText
    description: LocalizedText
    phase: ConsultationPhase
    site_ids: list[strawberry.ID]
    building_ids: list[strawberry.ID]
    objective_tags: list[str]
    opens_at: datetime
    closes_at: datetime
    follow_up_due: date | None
    live_results: bool
    suppression_threshold: int
    questions: list[Question]
    follow_up: FollowUp | None
    follow_up_overdue: bool
    my_invitation: InvitationState | None

    @field(description="The landlord running the consultation (one identity call for a whole page).")
    async def landlord(self, info: Info) -> Landlord | None:
        record = await info.context.loaders.landlord.load(str(self.landlord_id))
        return Landlord.from_record(record) if record else None

    @field(description="Counts and percentages; breakdowns with small cells suppressed.")
    async def results(self, info: Info) -> ConsultationResults:
        return ConsultationResults.from_json(await surveys(info).part(str(self.id), "results"))

    @field(description="The results as CSV (suppressed cells marked).")
    async def results_csv(self, info: Info) -> str:
        return await surveys(info).results_csv(str(self.id))

    @field(description="Invited and responded households per site and building, answers per channel.")
    async def participation(self, info: Info) -> Participation:
        return Participation.from_json(await surveys(info).part(str(self.id), "participation"))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Consultation | None]:
        """Consultations by id, in one surveys call (``GET /consultations?id=…``); those the
        caller may not see are null."""
        wanted = list(node_ids)
        page = await surveys(info).consultations([("id", i) for i in wanted]) if wanted else {"items": []}
        found = {c["id"]: c for c in page["items"]}
        return [cls.from_json(found[i]) if i in found else None for i in wanted]

    @classmethod
    def from_json(cls, c: Json) -> Consultation:
        """The GraphQL object of a service record."""
        follow_up = c.get("follow_up")
        mine = c.get("my_invitation")
        return cls(
            id=strawberry.ID(c["id"]),
            landlord_id=strawberry.ID(c["landlord_id"]),
            council_id=strawberry.ID(c["council_id"]) if c["council_id"] else None,
            owner_id=c["owner_id"],
            title=localized(c["title"]),
            description=localized(c["description"]),
            phase=ConsultationPhase(c["phase"]),
            site_ids=[strawberry.ID(s) for s in c["site_ids"]],
            building_ids=[strawberry.ID(b) for b in c["building_ids"]],
            objective_tags=c["objective_tags"],
            opens_at=datetime.fromisoformat(c["opens_at"]),
            closes_at=datetime.fromisoformat(c["closes_at"]),
            follow_up_due=date.fromisoformat(c["follow_up_due"]) if c["follow_up_due"] else None,
            live_results=c["live_results"],
            suppression_threshold=c["suppression_threshold"],
            questions=[Question.from_json(q) for q in c["questions"]],
            follow_up=FollowUp(
                text=localized(follow_up["text"]),
                published_at=datetime.fromisoformat(follow_up["published_at"]),
            )
            if follow_up
            else None,
            follow_up_overdue=c["follow_up_overdue"],
            my_invitation=InvitationState(mine) if mine else None,
        )


@strawberry.type(description="Consultations, a page at a time.")
class ConsultationConnection(PagedConnection[Consultation]):
    """Formerly ``ConsultationPage``."""


@strawberry.type(description="Invitations issued now; the letters (CSV with the codes) are shown only once.")
class InvitationBatch:
    issued: int
    already_invited: int
    letters_csv: str


@strawberry.type(
    description="The consultation a letter's code invites to; looking it up does not use the code."
)
class InvitationLookup:
    consultation: Consultation
    unused: bool = strawberry.field(description="False once the code answered (it cannot answer again).")


@strawberry.type(description="An answer set was taken (nothing about it comes back).")
class ResponseAccepted:
    accepted: bool


@strawberry.type(
    description="One site's turnout over a landlord's consultations; null counts when suppressed."
)
class SiteParticipation:
    site_id: strawberry.ID
    invited: int | None
    responded: int | None
    rate: float | None = strawberry.field(description="responded / invited (%)")
    suppressed: bool = strawberry.field(
        description="too few responses to show (or hidden so a small site cannot be found back)"
    )


@strawberry.type(description="A landlord's consultations over a period and participation per site.")
class SurveyIndicators:
    consultations_published: int
    consultations_closed: int
    consultations_open: int = strawberry.field(description="consultations open at some moment of it")
    invited: int = strawberry.field(description="households invited to the consultations open in it")
    responded: int
    participation_rate: float | None = strawberry.field(description="responded / invited (%)")
    suppression_threshold: int = strawberry.field(description="sites with fewer responses are hidden")
    sites: list[SiteParticipation]

    @classmethod
    def from_json(cls, r: Json) -> SurveyIndicators:
        """The GraphQL object of a service record."""
        return cls(
            consultations_published=r["consultations_published"],
            consultations_closed=r["consultations_closed"],
            consultations_open=r["consultations_open"],
            invited=r["invited"],
            responded=r["responded"],
            participation_rate=r["participation_rate"],
            suppression_threshold=r["suppression_threshold"],
            sites=[
                SiteParticipation(
                    site_id=strawberry.ID(s["site_id"]),
                    invited=s["invited"],
                    responded=s["responded"],
                    rate=s["rate"],
                    suppressed=s["suppressed"],
                )
                for s in r["sites"]
            ],
        )
