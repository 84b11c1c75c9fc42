"""PDF production from plain data objects. Never imports Qt or the UI."""
