"""The councils domain: pure rules (no I/O) for councils, agenda items, meetings and advice."""
