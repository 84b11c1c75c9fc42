"""The sections of the main window: record lists, trash, search results."""
