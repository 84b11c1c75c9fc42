"""Data, rules and use cases. Nothing here may import Qt, ``documents`` or ``ui``."""
