"""Imported by the crash tests' fork server: warms it up once (see ``crash_child.warm_up``)."""

from tests.crash_child import warm_up

warm_up()
