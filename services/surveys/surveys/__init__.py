"""The surveys service of Inspraak."""
