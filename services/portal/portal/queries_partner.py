"""The GraphQL operations of the partner's pages (profile, subscriptions, deliveries, activities).

List fields are read through :func:`portal.queries_worker.nodes` (a list, ``{ nodes }`` or
``{ items }``), so the gateway's move to connections does not break the pages.
"""

ME = """
query PartnerMe {
  me { kind clientId }
}
"""

PARTNER_FIELDS = """
    id name type description services languages municipalities
    contact { kind value }
    openingHours { day hours }
    localizedName { translations { lang text } }
    localizedDescription { translations { lang text } }
"""

MINE = f"""
query PartnerMine {{
  myPartner {{ {PARTNER_FIELDS} }}
}}
"""

UPDATE_PROFILE = f"""
mutation PartnerUpdate($input: UpdatePartnerInput!) {{
  updatePartner(input: $input) {{ {PARTNER_FIELDS} }}
}}
"""

SUBSCRIPTIONS = """
query PartnerSubscriptions {
  mySubscriptions(first: 100) {
    nodes { id channel url eventTypes landlordIds status disabledReason disabledAt createdAt }
  }
  eventTypes { type label { text } public }
  landlords { id name }
}
"""

DELIVERIES = """
query PartnerDeliveries {
  mySubscriptions(first: 20) {
    nodes {
      id channel url eventTypes status disabledReason disabledAt createdAt
      deliveries(first: 50, order: NEWEST_FIRST) {
        nodes {
          id eventType status nextAttemptAt createdAt deliveredAt
          attempts { number attemptedAt statusCode error }
        }
      }
    }
  }
}
"""

SUBSCRIBE = """
mutation PartnerSubscribe($input: SubscribeInput!) {
  subscribe(input: $input) { id channel url secret }
}
"""

UNSUBSCRIBE = """
mutation PartnerUnsubscribe($id: ID!) {
  unsubscribe(subscriptionId: $id) { id }
}
"""

ENABLE = """
mutation PartnerEnable($id: ID!) {
  enableSubscription(subscriptionId: $id) { id status }
}
"""

REDELIVER = """
mutation PartnerRedeliver($id: ID!) {
  redeliver(deliveryId: $id) { id status }
}
"""

ACTIVITIES = """
query PartnerActivities($landlordId: ID!) {
  landlords { id name }
  activities(landlordId: $landlordId, first: 100) {
    nodes { id partnerId title startsAt endsAt audience languages }
  }
}
"""

LANDLORDS = """
query PartnerLandlords {
  landlords { id name }
}
"""

ANNOUNCE = """
mutation PartnerAnnounce($input: AnnounceActivityInput!) {
  announceActivity(input: $input) { id partnerId }
}
"""
