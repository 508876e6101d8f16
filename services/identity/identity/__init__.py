"""The identity service of Inspraak: landlords, places, households, people, memberships, tokens."""
