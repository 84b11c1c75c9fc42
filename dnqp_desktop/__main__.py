"""``python -m dnqp_desktop`` is the same as the ``dnqp`` command."""

import sys

from dnqp_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
