"""The partners service of Inspraak."""
