"""The GraphQL operations the pages run (names and fields from schema/graphql/schema.graphql)."""

ME = """
query Me {
  me {
    kind
    person { displayName }
    household { id landlord { id } }
    memberships { role landlord { id } }
  }
}
"""

HOME = """
query Home($landlordId: ID!) {
  landlord(id: $landlordId) { name }
  consultations(landlordId: $landlordId, status: OPEN) {
    nodes { id title { text } closesAt myInvitation }
  }
  councils(landlordId: $landlordId) {
    id name
    upcomingMeeting { startsAt endsAt venue venueStatus agenda { title } }
  }
}
"""

CONSULTATION = """
query Consultation($id: ID!) {
  consultation(id: $id) {
    id phase myInvitation closesAt
    title { text } description { text }
    questions {
      key kind required maxChoices minValue maxValue maxLength
      text { text }
      options { key label { text } }
      scaleLabels { text }
      showIf { question anyOf }
    }
  }
}
"""

SUBMIT_RESPONSE = """
mutation Submit($input: SubmitResponseInput!) {
  submitResponse(input: $input) { accepted }
}
"""

FOLLOW_UPS = """
query FollowUps($landlordId: ID!) {
  consultations(landlordId: $landlordId, status: CLOSED) {
    nodes { id title { text } closesAt followUp { publishedAt text { text } } }
  }
}
"""

COUNCILS = """
query Councils($landlordId: ID!) {
  councils(landlordId: $landlordId) { id name }
}
"""

PROPOSE_AGENDA_ITEM = """
mutation Propose($input: ProposeAgendaItemInput!) {
  proposeAgendaItem(input: $input) { id state }
}
"""

CONSULTATION_BY_SHORT_ID = """
query ConsultationByShortId($shortId: String!) {
  consultationByShortId(shortId: $shortId) { id }
}
"""

INVITATION_BY_CODE = """
query InvitationByCode($code: String!) {
  invitationByCode(code: $code) { unused consultation { id } }
}
"""

RECORD_ASSISTED_RESPONSE = """
mutation RecordAssisted($input: AssistedResponseInput!) {
  recordAssistedResponse(input: $input) { accepted }
}
"""

COUNCIL_MINUTES = """
query CouncilMinutes($landlordId: ID!) {
  councils(landlordId: $landlordId) {
    id name
    meetings(first: 50) {
      nodes {
        id startsAt heldAt
        minutes {
          publishedAt summary
          decisions { itemId outcome title decision motivation }
          todos { text owner }
        }
      }
    }
  }
}
"""

COUNCIL_ADVICE = """
query CouncilAdvice($landlordId: ID!) {
  councils(landlordId: $landlordId) {
    id name
    advice(first: 50) {
      nodes {
        id subject state question text issuedAt answerDueOn overdue
        response justification answeredAt
        followUps { on status text }
      }
    }
  }
}
"""
