"""Record forms built from declarative field specs."""
