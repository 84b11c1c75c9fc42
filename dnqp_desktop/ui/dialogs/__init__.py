"""Dialogs: backup, restore, settings and other one-off windows."""
