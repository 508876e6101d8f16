"""Service layer: command handlers, queries, token issuing and key rotation."""
