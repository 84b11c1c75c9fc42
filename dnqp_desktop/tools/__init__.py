"""Developer and build tools that ship with the package (catalog compilation runs at install)."""
