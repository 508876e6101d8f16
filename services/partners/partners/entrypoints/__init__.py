"""How the partners service is reached: REST routes, consumers, the app factory."""
