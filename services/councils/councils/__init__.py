"""The councils service of Inspraak."""
