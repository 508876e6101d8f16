"""Tables and repositories of the partners schema."""
