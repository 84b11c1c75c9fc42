"""DNQP Desktop: offline records manager for defence-diplomacy work."""

__version__ = "0.1.0"
