"""The GraphQL object types of the gateway (they hold service records, never call services)."""
