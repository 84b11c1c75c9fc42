"""Alembic environment: the only way the schema is created or changed.

The app passes an open connection in ``config.attributes["connection"]`` (see core/db.py); the
alembic command line, used by developers to write new revisions, gets a URL from
``DNQP_DATABASE_URL`` or the ``-x url=…`` option instead.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlmodel.sql.sqltypes import AutoString

from dnqp_desktop.core.db import include_name
from dnqp_desktop.core.models import metadata
from dnqp_desktop.core.models.base import UTCDateTime

config = context.config


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write revisions with plain SQLAlchemy types, so old revisions never import today's models."""
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        transactional_ddl=True,  # the whole upgrade commits or none of it does
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,  # the search index's tables have no models
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left {len(broken)} broken references, first: {broken[0]}")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("DNQP_DATABASE_URL")
    if not url:
        raise SystemExit("give a database with -x url=sqlite:///path or DNQP_DATABASE_URL")
    engine = create_engine(url)
    with engine.connect() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
