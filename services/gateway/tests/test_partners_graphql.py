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

from contracts.catalogue import event_label
from contracts.councils import MeetingScheduled
from gateway.global_ids import raw_id
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
MINE = """{ mySubscriptions { nodes { id status ... on Timestamped { createdAt }
  deliveries { nodes { eventType status createdAt attempts { number statusCode } } } } } }"""


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

        found = await gql(
            '{ partners(service: "debt-advice", language: "ar") { nodes { id } } }', token=partner
        )
        assert found["data"]["partners"]["nodes"] == [{"id": partner_id}]
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
            subs = (await gql(MINE, token=partner))["data"]["mySubscriptions"]["nodes"]
            return any(d["status"] == "delivered" for d in subs[0]["deliveries"]["nodes"])

        await eventually(logged)
        deliveries = (await gql(MINE, token=partner))["data"]["mySubscriptions"]["nodes"][0]["deliveries"][
            "nodes"
        ]
        delivered = [d for d in deliveries if d["eventType"] == "inspraak.councils.meeting.scheduled"]
        assert delivered[0]["attempts"] == [{"number": 1, "statusCode": 200}]
        assert delivered[0]["createdAt"], "deliveries are Timestamped"
        assert (await gql(MINE, token=partner))["data"]["mySubscriptions"]["nodes"][0]["createdAt"]

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
    body = await gql(
        "{ eventTypes { type description label { text } public jsonSchema } }",
        token=test_issuer.partner(),  # the fixture asks in French
    )
    types = {t["type"]: t for t in body["data"]["eventTypes"]}
    meeting = types["inspraak.councils.meeting.scheduled"]
    assert meeting["public"] is True and meeting["description"]
    assert meeting["label"]["text"] == event_label("inspraak.councils.meeting.scheduled").fr
    assert meeting["label"]["text"] == "Réunion du conseil planifiée"
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
        "query ($l: ID!) { activities(landlordId: $l) { nodes { title audience } } }",
        {"l": str(landlord)},
        token=staff,
    )
    assert agenda["data"]["activities"]["nodes"] == [{"title": "École de devoirs", "audience": "children"}]


UPDATE = """mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) {
  id name services contact { kind value } openingHours { day hours }
  localizedDescription { translations { lang text } } } }"""


async def test_a_partner_reads_and_edits_its_own_profile_and_bad_input_names_the_field(
    gql: Gql, test_issuer: TestIssuer
) -> None:
    admin = test_issuer.person("regional_admin", None)
    partner = test_issuer.partner("maison-quartier")
    partner_input = {"name": {"nl": "Buurthuis", "fr": "Maison de quartier"}, "type": "association"}
    registered = await gql(
        REGISTER, {"input": {**partner_input, "clientIds": ["maison-quartier"]}}, token=admin
    )
    partner_id = registered["data"]["registerPartner"]["id"]

    mine = await gql("{ myPartner { id name } }", token=partner)
    assert mine["data"]["myPartner"] == {"id": partner_id, "name": "Maison de quartier"}
    changes = {
        "description": {"nl": "Koffie en hulp", "fr": "Café et aide"},
        "services": ["language-cafe"],
        "contact": [{"kind": "phone", "value": "02 000 00 00"}],
        "openingHours": [{"day": "monday", "hours": "9:00-12:00"}],
    }
    answer = await gql(UPDATE, {"input": changes}, token=partner)
    assert "errors" not in answer, answer
    updated = answer["data"]["updatePartner"]
    assert updated["id"] == partner_id and updated["services"] == ["language-cafe"]
    assert updated["contact"] == [{"kind": "phone", "value": "02 000 00 00"}]
    assert updated["openingHours"] == [{"day": "monday", "hours": "9:00-12:00"}]
    assert updated["name"] == "Maison de quartier", "fields left out stay"
    assert {"lang": "nl", "text": "Koffie en hulp"} in updated["localizedDescription"]["translations"]

    no_fr = await gql(UPDATE, {"input": {"name": {"nl": "Alleen NL"}}}, token=partner)
    assert no_fr["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "name"}
    staff = test_issuer.person("landlord_staff", uuid.uuid4())
    assert (await gql("{ myPartner { id } }", token=staff))["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_delivery_log_reads_newest_first(
    gql: Gql, test_issuer: TestIssuer, partners_settings: Settings
) -> None:
    landlord = uuid.uuid4()
    admin = test_issuer.person("regional_admin", None)
    staff = test_issuer.person("landlord_staff", landlord)
    partner = test_issuer.partner("log-reader")
    receiver = await WebhookReceiver().start()
    try:
        partner_input = {
            "name": {"nl": "Lezer", "fr": "Lecteur"},
            "type": "association",
            "clientIds": ["log-reader"],
        }
        partner_id = (await gql(REGISTER, {"input": partner_input}, token=admin))["data"]["registerPartner"][
            "id"
        ]
        await gql(GRANT, {"input": {"partnerId": partner_id, "landlordId": str(landlord)}}, token=staff)
        await gql(SUBSCRIBE, {"input": {"channel": "webhook", "url": receiver.url}}, token=partner)
        for _ in range(3):
            await publish_meeting(partners_settings, landlord)
        log = """query ($order: DeliveryOrder!) { mySubscriptions { nodes {
          deliveries(first: 2, order: $order) { nodes { cursor } pageInfo { hasNextPage } } } } }"""

        async def three() -> bool:
            body = await gql(MINE, token=partner)
            return len(body["data"]["mySubscriptions"]["nodes"][0]["deliveries"]["nodes"]) >= 3

        await eventually(three)
        oldest = await gql(log, {"order": "OLDEST_FIRST"}, token=partner)
        newest = await gql(log, {"order": "NEWEST_FIRST"}, token=partner)
        first_page = oldest["data"]["mySubscriptions"]["nodes"][0]["deliveries"]
        latest = newest["data"]["mySubscriptions"]["nodes"][0]["deliveries"]
        old_cursors = [int(d["cursor"]) for d in first_page["nodes"]]
        new_cursors = [int(d["cursor"]) for d in latest["nodes"]]
        assert new_cursors == sorted(new_cursors, reverse=True) and new_cursors[0] > max(old_cursors)
        assert latest["pageInfo"]["hasNextPage"] is True
    finally:
        await receiver.stop()


async def test_a_partner_and_its_subscription_are_refetched_by_their_global_ids(
    gql: Gql, test_issuer: TestIssuer
) -> None:
    landlord = uuid.uuid4()
    partner = test_issuer.partner("cpas-ixelles")
    partner_input = {
        "name": {"nl": "OCMW Elsene", "fr": "CPAS d'Ixelles"},
        "type": "welfare_centre",
        "services": ["debt-advice"],
        "languages": ["fr"],
        "landlordIds": [str(landlord)],
        "clientIds": ["cpas-ixelles"],
    }
    registered = await gql(
        REGISTER, {"input": partner_input}, token=test_issuer.person("regional_admin", None)
    )
    partner_id = registered["data"]["registerPartner"]["id"]
    sub = await gql(SUBSCRIBE, {"input": {"channel": "feed"}}, token=partner)
    subscription_id = sub["data"]["subscribe"]["id"]
    query = """query ($ids: [ID!]!) { nodes(ids: $ids) {
        id ... on Partner { name } ... on EventSubscription { status } } }"""
    found = await gql(query, {"ids": [partner_id, subscription_id]}, token=partner)
    assert found["data"]["nodes"] == [
        {"id": partner_id, "name": "CPAS d'Ixelles"},
        {"id": subscription_id, "status": sub["data"]["subscribe"]["status"]},
    ]
    by_raw = await gql(
        "query ($id: ID!) { partner(id: $id) { id } }", {"id": raw_id(partner_id)}, token=partner
    )
    assert by_raw["data"]["partner"]["id"] == partner_id
    wrong = await gql(
        "mutation ($id: ID!) { rotateSecret(subscriptionId: $id) { id } }", {"id": partner_id}, token=partner
    )
    assert wrong["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "subscriptionId"}
