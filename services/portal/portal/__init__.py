"""Inspraak's web portal: server-rendered pages over the gateway's GraphQL API."""
