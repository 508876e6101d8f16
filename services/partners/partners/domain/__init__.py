"""The partners domain: pure Python, no I/O (directory, partnerships, visibility, webhooks)."""
