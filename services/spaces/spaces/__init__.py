"""The spaces service of Inspraak."""
