"""The GraphQL operations of the council members' pages (schema/graphql/schema.graphql)."""

ITEM_FIELDS = "id title motivation category state proposedBy proposerSignature meetingId position"
MEETING_FIELDS = f"""
id startsAt endsAt venue venueStatus heldAt sitting present presentIds
minutes {{ publishedAt summary todos {{ text owner }} decisions {{ itemId outcome title decision }} }}
agenda {{ {ITEM_FIELDS} decision decisionMotivation }}
"""
ADVICE_FIELDS = """
id origin subject state question text dueOn issuedAt answerDueOn response justification
answeredAt answeredOnTime overdue followUpDue
"""

BOARD = f"""
query CouncilBoard($landlordId: ID!) {{
  councils(landlordId: $landlordId) {{
    id name viewer seats quorum
    upcomingMeeting {{ {MEETING_FIELDS} }}
    proposed: items(states: ["proposed"], first: 50) {{ nodes {{ {ITEM_FIELDS} }} }}
    waiting: items(states: ["accepted", "postponed"], first: 50) {{ nodes {{ {ITEM_FIELDS} }} }}
    meetings(first: 50) {{
      nodes {{ id startsAt endsAt venue venueStatus heldAt minutes {{ publishedAt }} }}
    }}
    advice(first: 50) {{ nodes {{ {ADVICE_FIELDS} }} }}
    overdueAdvice {{ id }}
  }}
}}
"""

COUNCIL_WAITING = f"""
query CouncilWaiting($landlordId: ID!) {{
  councils(landlordId: $landlordId) {{
    id name viewer
    waiting: items(states: ["accepted", "postponed"], first: 50) {{ nodes {{ {ITEM_FIELDS} }} }}
  }}
}}
"""

MEETING = f"""
query CouncilMeeting($id: ID!) {{
  councilMeeting(id: $id) {{ councilId {MEETING_FIELDS} }}
}}
"""

MANDATES = """
query CouncilMandates($id: ID!) {
  council(id: $id) { id name viewer quorum mandates { id personId displayName role termStart termEnd } }
}
"""

REVIEW_ITEM = """
mutation ReviewItem($input: ReviewAgendaItemInput!) {
  reviewAgendaItem(input: $input) { id state meetingId }
}
"""

SCHEDULE_MEETING = """
mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) { id }
}
"""

RECORD_ATTENDANCE = """
mutation RecordAttendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { id present }
}
"""

RECORD_VOTE = """
mutation RecordVote($input: RecordVoteInput!) {
  recordVote(input: $input) { votesFor votesAgainst abstentions }
}
"""

DECIDE_ITEM = """
mutation DecideItem($input: DecideAgendaItemInput!) {
  decideAgendaItem(input: $input) { id state }
}
"""

PUBLISH_MINUTES = """
mutation PublishMinutes($input: PublishMinutesInput!) {
  publishMinutes(input: $input) { id }
}
"""

ISSUE_ADVICE = """
mutation IssueAdvice($input: IssueAdviceInput!) {
  issueAdvice(input: $input) { id state }
}
"""
