"""HTTP clients of the services behind the gateway (one pooled client per service)."""
