"""The partner network end to end through GraphQL: the real gateway in front of the real
partners service (PostgreSQL, NATS and a loopback webhook receiver real too); only identity is
replaced, as it is someone else's service."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from standardwebhooks import Webhook

from contracts.councils import MeetingScheduled
from gateway.testing import gateway_over
from kernel.events import CloudEvent, nats_subject
from kernel.messaging import EventBus
from kernel.settings import Settings
from kernel.testing.tokens import TestIssuer
from partners.entrypoints.app import build_app as build_partners
from partners.settings import PartnerSettings
from partners.testing import WebhookReceiver, eventually, migrate

Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def partners_settings(make_settings: Callable[..., Settings], test_issuer: TestIssuer) -> Settings:
    """The partners service's settings, migrated."""
    settings = make_settings(issuer=test_issuer.issuer, database_schema="partners")
    await migrate(settings)
    return settings


@pytest.fixture
async def gql(
    partners_settings: Settings, make_settings: Callable[..., Settings], test_issuer: TestIssuer
) -> AsyncIterator[Gql]:
    """POST a GraphQL query to the real gateway with a token; return the JSON body."""
    own = PartnerSettings(allow_loopback=True, retry_jitter=0, delivery_poll_seconds=0.05)
    partners = build_partners(partners_settings, own)
    test_issuer.install(partners.state.runtime.verifier)
    async with (
        partners.router.lifespan_context(partners),
        gateway_over(make_settings(), {"partners": partners}, test_issuer) as http,
    ):

        async def run(query: str, variables: dict[str, Any] | None = None, *, token: str) -> dict[str, Any]:
            headers = {"Authorization": f"Bearer {token}", "Accept-Language": "fr"}
            response = await http.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            body: dict[str, Any] = response.json()
            return body

        yield run


async def publish_meeting(settings: Settings, landlord: uuid.UUID) -> CloudEvent:
    """The councils service schedules a meeting (published as its relay would)."""
    starts = datetime.now(UTC) + timedelta(days=5)
    event = MeetingScheduled(
        meeting_id=uuid.uuid4(),
        council_id=uuid.uuid4(),
        landlord_id=landlord,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    envelope = CloudEvent.wrap(event, landlord=str(landlord))
    bus = EventBus(settings, "councils-test")
    try:
        await bus.ensure_stream("councils")
        subject = nats_subject(envelope.type, settings.event_namespace)
        await bus.publish(subject, envelope.model_dump_json(exclude_none=True).encode(), msg_id=envelope.id)
    finally:
        await bus.close()
    return envelope


REGISTER = (
    """mutation ($input: RegisterPartnerInput!) { registerPartner(input: $input) { id name services } }"""
)
GRANT = """mutation ($input: GrantPartnershipInput!) { grantPartnership(input: $input) { id landlordId } }"""
SUBSCRIBE = """mutation ($input: SubscribeInput!) { subscribe(input: $input) { id status secret } }"""
MINE = """{ mySubscriptions { id status deliveries { eventType status attempts { number statusCode } } } }"""


async def test_a_partner_registers_is_granted_subscribes_and_receives_a_signed_council_event(
    gql: Gql, test_issuer: TestIssuer, partners_settings: Settings
) -> None:
    landlord = uuid.uuid4()
    admin = test_issuer.person("regional_admin", None)
    staff = test_issuer.person("landlord_staff", landlord)
    partner = test_issuer.partner("cpas-molenbeek")
    receiver = await WebhookReceiver().start()
    try:
        partner_input = {
            "name": {"nl": "OCMW Molenbeek", "fr": "CPAS de Molenbeek"},
            "type": "welfare_centre",
            "services": ["debt-advice"],
            "languages": ["fr", "nl", "ar"],
            "landlordIds": [str(landlord)],
            "clientIds": ["cpas-molenbeek"],
        }
        registered = await gql(REGISTER, {"input": partner_input}, token=admin)
        partner_id = registered["data"]["registerPartner"]["id"]
        assert registered["data"]["registerPartner"]["name"] == "CPAS de Molenbeek"

        found = await gql('{ partners(service: "debt-advice", language: "ar") { id } }', token=partner)
        assert found["data"]["partners"] == [{"id": partner_id}]
        forbidden = await gql(
            GRANT, {"input": {"partnerId": partner_id, "landlordId": str(landlord)}}, token=partner
        )
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        granted = await gql(
            GRANT, {"input": {"partnerId": partner_id, "landlordId": str(landlord)}}, token=staff
        )
        assert granted["data"]["grantPartnership"]["landlordId"] == str(landlord)

        internal = await gql(
            SUBSCRIBE, {"input": {"channel": "webhook", "url": "http://10.0.0.8/x"}}, token=partner
        )
        assert internal["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "url"}
        sub = await gql(SUBSCRIBE, {"input": {"channel": "webhook", "url": receiver.url}}, token=partner)
        secret = sub["data"]["subscribe"]["secret"]

        event = await publish_meeting(partners_settings, landlord)
        await eventually(lambda: any(b"meeting.scheduled" in r.body for r in receiver.requests))
        meeting = next(r for r in receiver.requests if b"meeting.scheduled" in r.body)
        assert Webhook(secret).verify(meeting.body, meeting.headers)["id"] == event.id

        async def logged() -> bool:
            subs = (await gql(MINE, token=partner))["data"]["mySubscriptions"]
            return any(d["status"] == "delivered" for d in subs[0]["deliveries"])

        await eventually(logged)
        deliveries = (await gql(MINE, token=partner))["data"]["mySubscriptions"][0]["deliveries"]
        delivered = [d for d in deliveries if d["eventType"] == "inspraak.councils.meeting.scheduled"]
        assert delivered[0]["attempts"] == [{"number": 1, "statusCode": 200}]

        only_meetings = (
            '{ events(types: ["inspraak.councils.meeting.scheduled"]) { items { id landlordId } } }'
        )
        feed = await gql(only_meetings, token=partner)
        assert feed["data"]["events"]["items"] == [{"id": event.id, "landlordId": str(landlord)}]
    finally:
        await receiver.stop()


REVOKE = """mutation ($id: ID!) { revokePartnership(id: $id) { id validTo revokedAt } }"""


async def test_only_that_landlords_staff_revoke_a_partnership(gql: Gql, test_issuer: TestIssuer) -> None:
    landlord = uuid.uuid4()
    admin = test_issuer.person("regional_admin", None)
    staff = test_issuer.person("landlord_staff", landlord)
    other_staff = test_issuer.person("landlord_staff", uuid.uuid4())
    partner_input = {
        "name": {"nl": "Huiswerkklas", "fr": "École de devoirs"},
        "type": "cohesion_project",
        "landlordIds": [str(landlord)],
        "clientIds": ["edd"],
    }
    partner_id = (await gql(REGISTER, {"input": partner_input}, token=admin))["data"]["registerPartner"]["id"]
    grant = {"input": {"partnerId": partner_id, "landlordId": str(landlord)}}
    partnership = (await gql(GRANT, grant, token=staff))["data"]["grantPartnership"]["id"]

    refused = await gql(REVOKE, {"id": partnership}, token=other_staff)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    revoked = await gql(REVOKE, {"id": partnership}, token=staff)
    assert revoked["data"]["revokePartnership"]["revokedAt"] is not None


async def test_the_catalogue_lists_each_event_type_with_its_json_schema(
    gql: Gql, test_issuer: TestIssuer
) -> None:
    body = await gql("{ eventTypes { type description public jsonSchema } }", token=test_issuer.partner())
    types = {t["type"]: t for t in body["data"]["eventTypes"]}
    meeting = types["inspraak.councils.meeting.scheduled"]
    assert meeting["public"] is True and meeting["description"]
    assert meeting["jsonSchema"]["$id"] == "urn:inspraak:events:inspraak.councils.meeting.scheduled:v1"
    assert "meeting_id" in meeting["jsonSchema"]["properties"]


async def test_a_partner_announces_an_activity_on_the_landlords_agenda(
    gql: Gql, test_issuer: TestIssuer
) -> None:
    landlord = uuid.uuid4()
    partner = test_issuer.partner("psc-helmet")
    admin = test_issuer.person("regional_admin", None)
    partner_input = {"name": {"nl": "PSC Helmet", "fr": "PCS Helmet"}, "type": "cohesion_project"}
    registered = await gql(REGISTER, {"input": {**partner_input, "clientIds": ["psc-helmet"]}}, token=admin)
    partner_id = registered["data"]["registerPartner"]["id"]
    starts = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    activity = {
        "landlordId": str(landlord),
        "title": {"nl": "Huiswerkschool", "fr": "École de devoirs"},
        "startsAt": starts.isoformat(),
        "endsAt": (starts + timedelta(hours=2)).isoformat(),
        "audience": "children",
        "languages": ["nl", "fr"],
        "roomSiteId": str(uuid.uuid4()),
        "roomMinCapacity": 15,
    }
    announce = "mutation ($input: AnnounceActivityInput!) { announceActivity(input: $input) { id title } }"
    refused = await gql(announce, {"input": activity}, token=partner)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN", "no partnership with this landlord yet"

    staff = test_issuer.person("landlord_staff", landlord)
    await gql(GRANT, {"input": {"partnerId": partner_id, "landlordId": str(landlord)}}, token=staff)
    announced = await gql(announce, {"input": activity}, token=partner)
    assert announced["data"]["announceActivity"]["title"] == "École de devoirs"
    agenda = await gql(
        "query ($l: ID!) { activities(landlordId: $l) { title audience } }", {"l": str(landlord)}, token=staff
    )
    assert agenda["data"]["activities"] == [{"title": "École de devoirs", "audience": "children"}]
