"""The ``inspraak`` command: the whole platform on one machine."""
