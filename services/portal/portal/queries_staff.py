"""The GraphQL operations of the landlord staff's pages (schema/graphql/schema.graphql)."""

STAFF_ADVICE = """
query StaffAdvice($landlordId: ID!) {
  councils(landlordId: $landlordId) {
    id name viewer
    advice(first: 50) {
      nodes {
        id origin subject state question text dueOn issuedAt answerDueOn response justification
        answeredAt overdue followUpDue
      }
    }
  }
}
"""

REQUEST_ADVICE = """
mutation RequestAdvice($input: RequestAdviceInput!) {
  requestAdvice(input: $input) { id }
}
"""

ANSWER_ADVICE = """
mutation AnswerAdvice($input: AnswerAdviceInput!) {
  answerAdvice(input: $input) { id state }
}
"""

PENDING_BOOKINGS = """
query PendingBookings($landlordId: ID!, $from: DateTime!, $to: DateTime!) {
  spaces(landlordId: $landlordId, first: 100) {
    nodes {
      id name capacity
      bookings(from: $from, to: $to, first: 100) {
        nodes { id state purpose attendees startsAt endsAt }
      }
    }
  }
}
"""

APPROVE_BOOKING = """
mutation ApproveBooking($input: ApproveBookingInput!) {
  approveBooking(input: $input) { id state }
}
"""

REJECT_BOOKING = """
mutation RejectBooking($input: RejectBookingInput!) {
  rejectBooking(input: $input) { id state }
}
"""

STAFF_CONSULTATIONS = """
query StaffConsultations($landlordId: ID!) {
  consultations(landlordId: $landlordId, first: 50) {
    nodes {
      id phase opensAt closesAt followUpDue followUpOverdue
      title { text }
      followUp { publishedAt text { text } }
    }
  }
}
"""

PUBLISH_CONSULTATION = """
mutation PublishConsultation($input: ConsultationRefInput!) {
  publishConsultation(input: $input) { id phase }
}
"""

PUBLISH_FOLLOW_UP = """
mutation PublishFollowUp($input: FollowUpInput!) {
  publishFollowUp(input: $input) { id }
}
"""

INDICATORS = """
query StaffIndicators($landlordId: ID!, $from: Date!, $to: Date!) {
  landlord(id: $landlordId) { name sites { id name } }
  spaces(landlordId: $landlordId, first: 100) { nodes { id name siteId } }
  indicators(landlordId: $landlordId, from: $from, to: $to) {
    periodFrom periodTo
    spaces {
      total { openHours bookedHours occupancyRate }
      spaces { spaceId siteId openHours bookedHours occupancyRate }
    }
    councils { itemsProposed itemsAccepted adviceIssued adviceAnswered meetingsHeld attendanceRate }
    surveys { sites { siteId invited responded rate suppressed } }
  }
}
"""
