"""The self-audit's tables and their numbered schema steps, kept apart from the queries.

The current shape of each table is declared once here for the queries in
``store`` and ``action_store``; each migration keeps its own frozen copy of
its step, so changing these later can never change what an old step did.
Step 5 puts row-level security on every fidelity table (PostgreSQL only):
teams by name against the transaction's team scope (``store/row_security.py``),
everything else through the audit or action it belongs to.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
    update,
)

from connecting_people.fidelity.checklist import load_checklist
from connecting_people.store import Migration, migrate, register_component, row_security
from connecting_people.store.common import add_missing_columns, history_table
from connecting_people.store.migrations import in_hub_mode, open_schema
from connecting_people.store.versioned import changed_columns

COMPONENT = "fidelity"
ACTION_STATUS_CHECK = "status IN ('not_started', 'in_progress', 'done', 'dropped')"


# --------------------------------------------------------------- the tables
# The current shape, used by the queries below. The migrations further down
# keep their own frozen copy of each step, so that changing these later can
# never change what an old step did.
metadata = MetaData()

teams = Table(
    "fidelity_teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_key", String(250), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("trust", String(120), nullable=False, default=""),
    Column("service", String(120), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    *changed_columns(),
)

audits = Table(
    "fidelity_audits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("team_id", Integer, ForeignKey("fidelity_teams.id", ondelete="CASCADE"),
           nullable=False),
    Column("audit_date", Date, nullable=False),
    Column("checklist_version", String(10), nullable=False),
    Column("participants", Text, nullable=False, default="[]"),
    Column("notes", Text, nullable=False, default=""),
    Column("source", String(16), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    # Saving an audit again from a dashboard is a versioned edit (store.versioned).
    Column("version", Integer, nullable=False, server_default="1"),
    *changed_columns(),
)

answers = Table(
    "fidelity_answers",
    metadata,
    Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
           primary_key=True),
    Column("item_id", String(64), primary_key=True),
    # A rated item has a score; "cannot rate: no evidence" has no score and
    # cannot_rate set; a row with neither holds only a note on an unanswered item.
    Column("score", SmallInteger, nullable=True),
    Column("cannot_rate", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)",
                    name="ck_fidelity_answers_score"),
    CheckConstraint("NOT (cannot_rate AND score IS NOT NULL)",
                    name="ck_fidelity_answers_one_kind"),
)

actions = Table(
    "fidelity_actions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
           nullable=False),
    Column("item_id", String(64), nullable=False),
    Column("owner", String(120), nullable=False, default=""),
    Column("due_date", Date, nullable=True),
    Column("status", String(16), nullable=False, default="not_started"),
    Column("done_at", DateTime(timezone=True), nullable=True),
    *changed_columns(),
    # Follow-up (schema step 4): what the action is, why it was dropped, the
    # day it was done (where the run chart marks it), and its version.
    Column("text", Text, nullable=False, server_default=""),
    Column("reason", Text, nullable=False, server_default=""),
    Column("done_on", Date, nullable=True),
    Column("version", Integer, nullable=False, server_default="1"),
    UniqueConstraint("audit_id", "item_id", name="uq_fidelity_actions_audit_item"),
    CheckConstraint(ACTION_STATUS_CHECK, name="ck_fidelity_actions_status"),
)

# Every change to an action, as it was after the change (store.versioned).
action_history = history_table("fidelity_action_history", metadata, "action_id",
                               "fidelity_actions")

# Every version of every audit, as the saved-file document: re-importing an
# edited file adds a version, and the change between versions can be shown.
audit_versions_table = Table(
    "fidelity_audit_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
           nullable=False),
    Column("version", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("document", Text, nullable=False),
    Column("changed_by", String(200), nullable=False, server_default=""),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("audit_id", "version", name="uq_fidelity_audit_versions"),
)


# ----------------------------------------------------------- the migrations
def _v1_create_tables(connection: Connection) -> None:
    frozen = MetaData()
    Table("fidelity_teams", frozen,
          Column("id", Integer, primary_key=True),
          Column("team_key", String(250), nullable=False, unique=True),
          Column("name", String(120), nullable=False),
          Column("trust", String(120), nullable=False),
          Column("service", String(120), nullable=False),
          Column("created_at", DateTime(timezone=True), nullable=False))
    Table("fidelity_audits", frozen,
          Column("id", Integer, primary_key=True),
          Column("uid", String(36), nullable=False, unique=True),
          Column("team_id", Integer, ForeignKey("fidelity_teams.id", ondelete="CASCADE"),
                 nullable=False),
          Column("audit_date", Date, nullable=False),
          Column("checklist_version", String(10), nullable=False),
          Column("participants", Text, nullable=False),
          Column("notes", Text, nullable=False),
          Column("source", String(16), nullable=False),
          Column("saved_at", DateTime(timezone=True), nullable=False))
    Table("fidelity_answers", frozen,
          Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
                 primary_key=True),
          Column("item_id", String(64), primary_key=True),
          Column("score", SmallInteger, nullable=True),
          Column("cannot_rate", Boolean, nullable=False),
          Column("note", Text, nullable=False),
          CheckConstraint("score IS NULL OR (score >= 1 AND score <= 5)",
                          name="ck_fidelity_answers_score"),
          CheckConstraint("NOT (cannot_rate AND score IS NOT NULL)",
                          name="ck_fidelity_answers_one_kind"))
    Table("fidelity_actions", frozen,
          Column("id", Integer, primary_key=True),
          Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
                 nullable=False),
          Column("item_id", String(64), nullable=False),
          Column("owner", String(120), nullable=False),
          Column("due_date", Date, nullable=True),
          Column("status", String(8), nullable=False),
          Column("done_at", DateTime(timezone=True), nullable=True),
          UniqueConstraint("audit_id", "item_id", name="uq_fidelity_actions_audit_item"),
          CheckConstraint("status IN ('open', 'done')", name="ck_fidelity_actions_status"))
    frozen.create_all(connection)


def _v2_index_audits_by_team_and_date(connection: Connection) -> None:
    # The dashboards read a team's audits in date order.
    connection.execute(text(
        "CREATE INDEX ix_fidelity_audits_team_date ON fidelity_audits (team_id, audit_date)"
    ))


def _v3_versions_and_who_changed(connection: Connection) -> None:
    add_missing_columns(connection, teams, ["changed_by", "changed_at"])
    add_missing_columns(connection, audits, ["version", "changed_by", "changed_at"])
    add_missing_columns(connection, actions, ["changed_by", "changed_at"])
    connection.execute(update(teams).values(changed_at=teams.c.created_at))
    connection.execute(update(audits).values(changed_at=audits.c.saved_at))


def _v4_follow_up_and_audit_versions(connection: Connection) -> None:
    # Actions move from open/done to the four follow-up statuses, and gain
    # their text, a reason (for dropped), the day done and a version. SQLite
    # cannot change a CHECK constraint, so there the table is rebuilt.
    frozen = MetaData()
    Table("fidelity_audits", frozen, Column("id", Integer, primary_key=True))
    v4_actions = Table(
        "fidelity_actions_v4" if connection.dialect.name == "sqlite" else "fidelity_actions",
        frozen,
        Column("id", Integer, primary_key=True),
        Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
               nullable=False),
        Column("item_id", String(64), nullable=False),
        Column("owner", String(120), nullable=False),
        Column("due_date", Date, nullable=True),
        Column("status", String(16), nullable=False),
        Column("done_at", DateTime(timezone=True), nullable=True),
        Column("changed_by", String(200), nullable=False, server_default=""),
        Column("changed_at", DateTime(timezone=True), nullable=True),
        Column("text", Text, nullable=False, server_default=""),
        Column("reason", Text, nullable=False, server_default=""),
        Column("done_on", Date, nullable=True),
        Column("version", Integer, nullable=False, server_default="1"),
        UniqueConstraint("audit_id", "item_id", name="uq_fidelity_actions_audit_item"),
        CheckConstraint("status IN ('not_started', 'in_progress', 'done', 'dropped')",
                        name="ck_fidelity_actions_status"),
    )
    old_columns = ("id, audit_id, item_id, owner, due_date, "
                   "CASE status WHEN 'done' THEN 'done' ELSE 'not_started' END, done_at, "
                   "changed_by, changed_at")
    new_columns = "id, audit_id, item_id, owner, due_date, status, done_at, changed_by, changed_at"
    if connection.dialect.name == "sqlite":
        v4_actions.create(connection)
        connection.execute(text(f"INSERT INTO fidelity_actions_v4 ({new_columns}) "  # noqa: S608
                                f"SELECT {old_columns} FROM fidelity_actions"))
        connection.execute(text("DROP TABLE fidelity_actions"))
        connection.execute(text("ALTER TABLE fidelity_actions_v4 RENAME TO fidelity_actions"))
    else:
        connection.execute(text("ALTER TABLE fidelity_actions "
                                "DROP CONSTRAINT ck_fidelity_actions_status"))
        connection.execute(text("ALTER TABLE fidelity_actions ALTER COLUMN status TYPE "
                                "VARCHAR(16)"))
        add_missing_columns(connection, v4_actions, ["text", "reason", "done_on", "version"])
        connection.execute(text("UPDATE fidelity_actions SET status = CASE status WHEN 'done' "
                                "THEN 'done' ELSE 'not_started' END"))
        connection.execute(text("ALTER TABLE fidelity_actions ADD CONSTRAINT "
                                "ck_fidelity_actions_status CHECK (status IN ('not_started', "
                                "'in_progress', 'done', 'dropped'))"))
    # The day done is the day it was ticked; the text is the checklist's action.
    checklist = load_checklist()
    known = set(checklist.item_ids)
    for row in connection.execute(text("SELECT id, item_id, done_at FROM fidelity_actions")).all():
        done_at = row.done_at
        if isinstance(done_at, str):  # SQLite hands back text through a plain query
            done_at = datetime.fromisoformat(done_at)
        connection.execute(
            text("UPDATE fidelity_actions SET text = :text, done_on = :done_on WHERE id = :id"),
            {"id": row.id, "done_on": done_at.date() if done_at else None,
             "text": checklist.item(row.item_id).action_text if row.item_id in known else ""})
    frozen_later = MetaData()
    Table("fidelity_audits", frozen_later, Column("id", Integer, primary_key=True))
    Table("fidelity_actions", frozen_later, Column("id", Integer, primary_key=True))
    history_table("fidelity_action_history", frozen_later, "action_id", "fidelity_actions")
    Table("fidelity_audit_versions", frozen_later,
          Column("id", Integer, primary_key=True),
          Column("audit_id", Integer, ForeignKey("fidelity_audits.id", ondelete="CASCADE"),
                 nullable=False),
          Column("version", Integer, nullable=False),
          Column("digest", String(64), nullable=False),
          Column("document", Text, nullable=False),
          Column("changed_by", String(200), nullable=False, server_default=""),
          Column("changed_at", DateTime(timezone=True), nullable=False),
          UniqueConstraint("audit_id", "version", name="uq_fidelity_audit_versions"))
    frozen_later.create_all(connection, tables=[frozen_later.tables["fidelity_action_history"],
                                                frozen_later.tables["fidelity_audit_versions"]])
    # Each audit saved before this step starts its history with what it is now.
    from connecting_people.fidelity.store import stored_document, write_version

    for row in connection.execute(select(audits.c.id, audits.c.version, audits.c.changed_by,
                                         audits.c.changed_at, audits.c.saved_at)).all():
        write_version(connection, row.id, row.version, stored_document(connection, row.id),
                      user=row.changed_by, now=row.changed_at or row.saved_at)


# The policies on the fidelity tables (PostgreSQL only): a team's row is seen
# only when the team's name is in the transaction's team scope, and every
# other fidelity row through the audit (or action) it belongs to.
_TEAM_VISIBLE = (
    f"current_setting('{row_security.SETTING}', true) = '{row_security.EVERY_TEAM}' "
    f"OR name = ANY (string_to_array(current_setting('{row_security.SETTING}', true), chr(31)))"
)
FIDELITY_POLICIES = {
    "fidelity_teams": _TEAM_VISIBLE,
    "fidelity_audits": "team_id IN (SELECT id FROM fidelity_teams)",
    "fidelity_answers": "audit_id IN (SELECT id FROM fidelity_audits)",
    "fidelity_actions": "audit_id IN (SELECT id FROM fidelity_audits)",
    "fidelity_audit_versions": "audit_id IN (SELECT id FROM fidelity_audits)",
    "fidelity_action_history": "action_id IN (SELECT id FROM fidelity_actions)",
}


def _v5_row_level_security(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    for table, condition in FIDELITY_POLICIES.items():
        row_security._protect(connection, table, condition)  # noqa: SLF001 - one policy shape


MIGRATIONS = [
    Migration(1, "teams, audits, answers and action plans", _v1_create_tables),
    Migration(2, "index audits by team and date", _v2_index_audits_by_team_and_date),
    Migration(3, "versioned audit edits; who made each change and when",
              _v3_versions_and_who_changed),
    Migration(4, "action follow-up (four statuses, reason, day done, versions); audit versions",
              _v4_follow_up_and_audit_versions),
    Migration(5, "row-level security on the fidelity tables", _v5_row_level_security),
]
register_component(COMPONENT, MIGRATIONS)


def ensure_schema(engine: Engine) -> list[tuple[str, int]]:
    """Bring the fidelity tables up to date (safe to call every time a dashboard starts).

    On a Trust server (Hub mode) this checks the tables instead of changing them.
    """
    if in_hub_mode():
        open_schema(engine, [COMPONENT])
        return []
    return migrate(engine, [COMPONENT])
