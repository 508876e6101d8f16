"""The Inspraak GraphQL gateway: one strawberry schema over the services' REST APIs."""
