"""Initial schema: every table of the domain model (units, people, talks, delegations, agreements,
plan items, attachments, accounts and the audit log).

Revision ID: 0001
Revises:
Create Date: 2026-11-26 19:44:59.609686
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("owner_kind", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_owner_kind"), ["owner_kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("actor_name", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_kind"), ["record_kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_seq"), ["seq"], unique=True)

    op.create_table(
        "unit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("name_vi", sa.String(length=300), nullable=False),
        sa.Column("name_lo", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=80), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("contact", sa.String(length=500), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_to", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["unit.id"], name=op.f("fk_unit_parent_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_level"), ["level"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "user_account",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_deleted_at"), ["deleted_at"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("name_vi", sa.String(length=200), nullable=False),
        sa.Column("name_lo", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_person_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "talk",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title_vi", sa.String(length=500), nullable=False),
        sa.Column("title_lo", sa.String(length=500), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("place_vi", sa.String(length=300), nullable=False),
        sa.Column("place_lo", sa.String(length=300), nullable=False),
        sa.Column("host_unit_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.String(length=1000), nullable=False),
        sa.Column("series_id", sa.String(length=36), nullable=True),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["host_unit_id"], ["unit.id"], name=op.f("fk_talk_host_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk")),
    )
    with op.batch_alter_table("talk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_host_unit_id"), ["host_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_start_at"), ["start_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_status"), ["status"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("symbol", sa.String(length=60), nullable=False),
        sa.Column("title_vi", sa.String(length=500), nullable=False),
        sa.Column("title_lo", sa.String(length=500), nullable=False),
        sa.Column("place_vi", sa.String(length=200), nullable=False),
        sa.Column("place_lo", sa.String(length=200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("originals_count", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.String(length=36), nullable=True),
        sa.Column("talk_id", sa.String(length=36), nullable=True),
        sa.Column("preamble_vi", sa.Text(), nullable=False),
        sa.Column("preamble_lo", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["supersedes_id"], ["agreement.id"], name=op.f("fk_agreement_supersedes_id_agreement")),
        sa.ForeignKeyConstraint(["talk_id"], ["talk.id"], name=op.f("fk_agreement_talk_id_talk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_signed_on"), ["signed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "delegation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("purpose_vi", sa.String(length=1000), nullable=False),
        sa.Column("purpose_lo", sa.String(length=1000), nullable=False),
        sa.Column("own_unit_id", sa.String(length=36), nullable=True),
        sa.Column("head_person_id", sa.String(length=36), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("border_gate", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=1000), nullable=False),
        sa.Column("cost_vnd", sa.BigInteger(), nullable=True),
        sa.Column("gifts", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.String(length=1000), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("decision_number", sa.String(length=50), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("approver_person_id", sa.String(length=36), nullable=True),
        sa.Column("passport_override_reason", sa.String(length=1000), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approver_person_id"], ["person.id"], name=op.f("fk_delegation_approver_person_id_person")
        ),
        sa.ForeignKeyConstraint(["head_person_id"], ["person.id"], name=op.f("fk_delegation_head_person_id_person")),
        sa.ForeignKeyConstraint(["own_unit_id"], ["unit.id"], name=op.f("fk_delegation_own_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation")),
    )
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_direction"), ["direction"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_own_unit_id"), ["own_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_status"), ["status"], unique=False)

    op.create_table(
        "passport",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_passport_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passport")),
    )
    with op.batch_alter_table("passport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passport_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_passport_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_position",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("title_vi", sa.String(length=300), nullable=False),
        sa.Column("title_lo", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_position_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_person_position_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_position")),
    )
    with op.batch_alter_table("person_position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_position_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_position_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "person_rank",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("rank", sa.String(length=40), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_rank_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_rank")),
    )
    with op.batch_alter_table("person_rank", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_rank_person_id"), ["person_id"], unique=False)

    op.create_table(
        "talk_participant",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("talk_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_talk_participant_person_id_person")),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["talk.id"], name=op.f("fk_talk_participant_talk_id_talk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_participant")),
    )
    with op.batch_alter_table("talk_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_participant_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_participant_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "talk_unit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("talk_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["talk_id"], ["talk.id"], name=op.f("fk_talk_unit_talk_id_talk"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_talk_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_unit")),
    )
    with op.batch_alter_table("talk_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_unit_talk_id"), ["talk_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_unit_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "agreement_article",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=False),
        sa.Column("chapter_position", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_vi", sa.String(length=500), nullable=False),
        sa.Column("title_lo", sa.String(length=500), nullable=False),
        sa.Column("body_vi", sa.Text(), nullable=False),
        sa.Column("body_lo", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_article_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_article")),
    )
    with op.batch_alter_table("agreement_article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_article_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_chapter",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_vi", sa.String(length=500), nullable=False),
        sa.Column("title_lo", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_chapter_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_chapter")),
    )
    with op.batch_alter_table("agreement_chapter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_chapter_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_party",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_party_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_agreement_party_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_party")),
    )
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_party_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_party_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "agreement_signatory",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=True),
        sa.Column("rank", sa.String(length=40), nullable=False),
        sa.Column("position_vi", sa.String(length=300), nullable=False),
        sa.Column("position_lo", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_signatory_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_agreement_signatory_person_id_person")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_agreement_signatory_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signatory")),
    )
    with op.batch_alter_table("agreement_signatory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_signatory_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_signatory_person_id"), ["person_id"], unique=False)

    op.create_table(
        "delegation_member",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("delegation_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegation.id"],
            name=op.f("fk_delegation_member_delegation_id_delegation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_delegation_member_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_member")),
    )
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_member_delegation_id"), ["delegation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_member_person_id"), ["person_id"], unique=False)

    op.create_table(
        "delegation_unit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("delegation_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegation.id"],
            name=op.f("fk_delegation_unit_delegation_id_delegation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_delegation_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegation_unit")),
    )
    with op.batch_alter_table("delegation_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegation_unit_delegation_id"), ["delegation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_delegation_unit_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "plan_item",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("agreement_id", sa.String(length=36), nullable=True),
        sa.Column("unit_id", sa.String(length=36), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=100), nullable=False),
        sa.Column("title_vi", sa.String(length=500), nullable=False),
        sa.Column("title_lo", sa.String(length=500), nullable=False),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("measure", sa.String(length=100), nullable=False),
        sa.Column("result", sa.Float(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreement.id"], name=op.f("fk_plan_item_agreement_id_agreement")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_plan_item_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_item")),
    )
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_item_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_year"), ["year"], unique=False)

    op.create_table(
        "twinning",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("unit_a_id", sa.String(length=36), nullable=False),
        sa.Column("unit_b_id", sa.String(length=36), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("regulation_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["regulation_id"], ["agreement.id"], name=op.f("fk_twinning_regulation_id_agreement")),
        sa.ForeignKeyConstraint(["unit_a_id"], ["unit.id"], name=op.f("fk_twinning_unit_a_id_unit")),
        sa.ForeignKeyConstraint(["unit_b_id"], ["unit.id"], name=op.f("fk_twinning_unit_b_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_twinning")),
    )
    with op.batch_alter_table("twinning", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_twinning_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_twinning_unit_a_id"), ["unit_a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_twinning_unit_b_id"), ["unit_b_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("twinning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_twinning_unit_b_id"))
        batch_op.drop_index(batch_op.f("ix_twinning_unit_a_id"))
        batch_op.drop_index(batch_op.f("ix_twinning_deleted_at"))

    op.drop_table("twinning")
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_item_year"))
        batch_op.drop_index(batch_op.f("ix_plan_item_unit_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_plan_item_agreement_id"))

    op.drop_table("plan_item")
    with op.batch_alter_table("delegation_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_unit_unit_id"))
        batch_op.drop_index(batch_op.f("ix_delegation_unit_delegation_id"))

    op.drop_table("delegation_unit")
    with op.batch_alter_table("delegation_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_member_person_id"))
        batch_op.drop_index(batch_op.f("ix_delegation_member_delegation_id"))

    op.drop_table("delegation_member")
    with op.batch_alter_table("agreement_signatory", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_signatory_person_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_signatory_agreement_id"))

    op.drop_table("agreement_signatory")
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_party_unit_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_party_agreement_id"))

    op.drop_table("agreement_party")
    with op.batch_alter_table("agreement_chapter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_chapter_agreement_id"))

    op.drop_table("agreement_chapter")
    with op.batch_alter_table("agreement_article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_article_agreement_id"))

    op.drop_table("agreement_article")
    with op.batch_alter_table("talk_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_unit_unit_id"))
        batch_op.drop_index(batch_op.f("ix_talk_unit_talk_id"))

    op.drop_table("talk_unit")
    with op.batch_alter_table("talk_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_participant_talk_id"))
        batch_op.drop_index(batch_op.f("ix_talk_participant_person_id"))

    op.drop_table("talk_participant")
    with op.batch_alter_table("person_rank", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_rank_person_id"))

    op.drop_table("person_rank")
    with op.batch_alter_table("person_position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_position_unit_id"))
        batch_op.drop_index(batch_op.f("ix_person_position_person_id"))

    op.drop_table("person_position")
    with op.batch_alter_table("passport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passport_person_id"))
        batch_op.drop_index(batch_op.f("ix_passport_number"))

    op.drop_table("passport")
    with op.batch_alter_table("delegation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegation_status"))
        batch_op.drop_index(batch_op.f("ix_delegation_start_date"))
        batch_op.drop_index(batch_op.f("ix_delegation_own_unit_id"))
        batch_op.drop_index(batch_op.f("ix_delegation_direction"))
        batch_op.drop_index(batch_op.f("ix_delegation_deleted_at"))

    op.drop_table("delegation")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_talk_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_status"))
        batch_op.drop_index(batch_op.f("ix_agreement_signed_on"))
        batch_op.drop_index(batch_op.f("ix_agreement_kind"))
        batch_op.drop_index(batch_op.f("ix_agreement_deleted_at"))

    op.drop_table("agreement")
    with op.batch_alter_table("talk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_status"))
        batch_op.drop_index(batch_op.f("ix_talk_start_at"))
        batch_op.drop_index(batch_op.f("ix_talk_series_id"))
        batch_op.drop_index(batch_op.f("ix_talk_kind"))
        batch_op.drop_index(batch_op.f("ix_talk_host_unit_id"))
        batch_op.drop_index(batch_op.f("ix_talk_deleted_at"))

    op.drop_table("talk")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_unit_id"))
        batch_op.drop_index(batch_op.f("ix_person_deleted_at"))

    op.drop_table("person")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_deleted_at"))

    op.drop_table("user_account")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_parent_id"))
        batch_op.drop_index(batch_op.f("ix_unit_level"))
        batch_op.drop_index(batch_op.f("ix_unit_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_unit_country"))

    op.drop_table("unit")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_seq"))
        batch_op.drop_index(batch_op.f("ix_audit_log_record_kind"))
        batch_op.drop_index(batch_op.f("ix_audit_log_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor_id"))

    op.drop_table("audit_log")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_owner_kind"))
        batch_op.drop_index(batch_op.f("ix_attachment_owner_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_deleted_at"))

    op.drop_table("attachment")
