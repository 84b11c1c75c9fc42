"""Table models over the core listings (lazy, paged)."""
