"""The Qt interface. Only this package imports PySide6."""
