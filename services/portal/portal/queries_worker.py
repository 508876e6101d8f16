"""The GraphQL operations of the community worker's pages (rooms, week calendar, bookings).

List fields are read through :func:`portal.queries_worker.nodes`, so a plain list, a Relay
connection (``{ nodes }``) or the older page (``{ items }``) all work.
"""

SITES = """
query WorkerSites($landlordId: ID!) {
  landlord(id: $landlordId) { name sites { id name } }
}
"""

FIND_SPACES = """
query FindSpaces($landlordId: ID, $siteId: ID, $minCapacity: Int, $accessible: [String!],
                 $freeFrom: DateTime, $freeTo: DateTime) {
  spaces(landlordId: $landlordId, siteId: $siteId, minCapacity: $minCapacity,
         accessible: $accessible, freeFrom: $freeFrom, freeTo: $freeTo, first: 100) {
    nodes { id siteId name capacity accessibility equipment }
  }
}
"""

SPACE_WEEK = """
query SpaceWeek($id: ID!, $from: DateTime!, $to: DateTime!) {
  space(id: $id) {
    id siteId landlordId name capacity accessibility equipment houseRules
    openingHours { weekday opens closes }
    availability(from: $from, to: $to) { startsAt endsAt }
    bookings(from: $from, to: $to, first: 200) { nodes { id startsAt endsAt state purpose } }
  }
}
"""

SPACE = """
query BookingSpace($id: ID!) {
  space(id: $id) { id siteId landlordId name capacity accessibility houseRules }
}
"""

SPACE_CLASH = """
query SpaceClash($id: ID!, $from: DateTime!, $to: DateTime!, $nextTo: DateTime!) {
  space(id: $id) {
    bookings(from: $from, to: $to, first: 50) { nodes { startsAt endsAt state purpose } }
    availability(from: $from, to: $nextTo) { startsAt endsAt }
  }
}
"""

REQUEST_BOOKING = """
mutation RequestBooking($input: RequestBookingInput!) {
  requestBooking(input: $input) {
    seriesId
    bookings { id startsAt endsAt state }
    conflicts { startsAt endsAt reason }
  }
}
"""

MY_BOOKINGS = """
query MyBookings {
  myBookings(first: 50) {
    nodes {
      id seriesId purpose attendees startsAt endsAt state rejectionReason
      space { id name }
    }
  }
}
"""

CANCEL_BOOKING = """
mutation CancelBooking($input: CancelBookingInput!) {
  cancelBooking(input: $input) { id state }
}
"""
