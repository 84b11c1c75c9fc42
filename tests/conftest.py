"""Shared fixtures: every test gets its own data folder with a freshly migrated database.

Migrating takes a moment, so one template database is built per session and copied per test
(the way calibre's tests copy a template library).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

# Before anything can import Qt: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DNQP_DATA_DIR", None)
os.environ.pop("DNQP_DATABASE_URL", None)
os.environ.pop("DNQP_LANG", None)
os.environ.pop("DNQP_USER", None)  # a developer's automatic log-in must not reach the tests
os.environ.pop("DNQP_PASSWORD_FILE", None)

import pytest  # noqa: E402

from dnqp_desktop.core import i18n  # noqa: E402
from dnqp_desktop.core.config import DATABASE_FILENAME  # noqa: E402
from dnqp_desktop.core.library import Library  # noqa: E402
from dnqp_desktop.core.models.enums import Role  # noqa: E402
from dnqp_desktop.core.services.policy import SYSTEM, Actor  # noqa: E402
from tests.helpers import database_dump  # noqa: E402


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    with Library.open(folder):
        pass
    return folder / DATABASE_FILENAME


@pytest.fixture
def data_dir(tmp_path: Path, template_database: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(template_database, folder / DATABASE_FILENAME)
    return folder


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    lib = Library.open(data_dir)
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def system() -> Actor:
    return SYSTEM


@pytest.fixture
def clerk() -> Actor:
    return Actor(username="clerk", role=Role.CLERK)


@pytest.fixture
def viewer() -> Actor:
    return Actor(username="viewer", role=Role.VIEWER)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    i18n.setup("vi")
    yield
    i18n.setup("vi")


@pytest.fixture
def unchanged(library: Library) -> Iterator[None]:
    """Fails the test if the database content differs at its end from its start."""
    before = database_dump(library)
    yield
    assert database_dump(library) == before, "the database changed"
