"""``inspraak bench``: the platform's hot paths against the stack's own ceilings, same run."""
