"""Teams, their self-audits and action plans, kept in the shared store.

SQLAlchemy Core on the shared engine (SQLite by default, PostgreSQL by URL):
this module only adds the ``fidelity`` component's tables, its numbered
migrations, and the functions the dashboards call.

Why it is shaped like this:

- Every save is one transaction. An audit, its answers and its action plan
  are written together or not at all, so a failed save (a bad value, a lost
  connection, another save at the same moment) never leaves half an audit or
  touches an earlier one. SQLite waits its turn (``BEGIN IMMEDIATE`` in the
  shared engine); PostgreSQL's row locks and unique keys do the same job.
- Everything is checked before the transaction starts, with the same rules as
  a file import (``audit.audit_from_document``), so the store never holds an
  audit that the book could not open again.
- Each audit has the ``audit_id`` its file carries. Saving the same audit
  again from a dashboard updates it; importing a file that is already stored
  is refused with a clear message rather than stored twice.
- Reading for the dashboards takes three queries however many teams there
  are (audits, answers, actions), and the lead's overview reads only each
  team's two newest audits, so it stays quick as histories grow.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

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
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from connecting_people.fidelity.checklist import Checklist, load_checklist
from connecting_people.fidelity.compare import document_changes
from connecting_people.fidelity.csvio import AuditCsvReport, read_audit_csv
from connecting_people.fidelity.follow_up import CLOSED, Action, action_problems
from connecting_people.fidelity.model import (
    Audit,
    AuditFileError,
    PlanEntry,
    Team,
    audit_from_document,
    audit_to_document,
    parse_document,
    stable_audit_id,
    version_warnings,
)
from connecting_people.fidelity.textsafety import text_problem
from connecting_people.store import Migration, migrate, register_component, row_security
from connecting_people.store.acting import acting_user
from connecting_people.store.common import add_missing_columns, history_table
from connecting_people.store.errors import StoreConflict, StoreError
from connecting_people.store.migrations import in_hub_mode, open_schema
from connecting_people.store.versioned import (
    changed_columns,
    conflict,
    insert_many,
    retry_when_locked,
    update_versioned,
)

COMPONENT = "fidelity"
ACTION_STATUS_CHECK = "status IN ('not_started', 'in_progress', 'done', 'dropped')"
__all__ = ["StoreConflict", "StoreError"]


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
    for row in connection.execute(select(audits.c.id, audits.c.version, audits.c.changed_by,
                                         audits.c.changed_at, audits.c.saved_at)).all():
        _write_version(connection, row.id, row.version, _stored_document(connection, row.id),
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


# ------------------------------------------------------------ plain results
@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    trust: str
    service: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.trust})" if self.trust else self.name


@dataclass(frozen=True)
class ActionRow:
    id: int
    audit_uid: str
    audit_date: date
    item_id: str
    owner: str
    due: date | None
    status: str  # not_started, in_progress, done or dropped (follow_up.STATUSES)
    text: str = ""
    reason: str = ""  # why it was dropped
    done_on: date | None = None
    version: int = 1
    changed_by: str = ""

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


def as_follow_up(row: ActionRow) -> Action:
    """The stored action as the pure follow-up rules take it (overdue, done marks, checks)."""
    return Action(row.item_id, row.text, row.owner, row.due, row.status, row.reason, row.done_on)


@dataclass(frozen=True)
class AuditVersion:
    """One saved version of an audit, and what changed since the version before it."""

    version: int
    changed_by: str
    changed_at: datetime
    document: dict
    changed_items: tuple[str, ...] = ()  # items whose answer, note or action differs
    changed_parts: tuple[str, ...] = ()  # other parts that differ, in words ("the notes")


@dataclass(frozen=True)
class StoredAudit:
    id: int
    team_id: int
    audit: Audit
    source: str
    saved_at: datetime
    actions: tuple[ActionRow, ...] = field(default_factory=tuple)
    version: int = 1
    changed_by: str = ""


@dataclass(frozen=True)
class SaveResult:
    audit_id: int
    created: bool  # False when an earlier save of the same audit was updated
    version: int = 1


@dataclass
class ImportOutcome:
    file_name: str
    accepted: bool
    message: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # imported, but worth knowing
    details: list[str] = field(default_factory=list)  # a CSV file: what each audit did
    report: AuditCsvReport | None = None  # a CSV file: the row-by-row check


# ------------------------------------------------------------------ helpers
def _now() -> datetime:
    return datetime.now(UTC)


def team_key(name: str, trust: str) -> str:
    """Teams match on name and Trust, ignoring case and spacing: "riverside  cmht" is one team."""
    def norm(value: str) -> str:
        return " ".join(value.split()).casefold()

    return f"{norm(name)}\x1f{norm(trust)}"


def _check_team_text(name: str, trust: str, service: str) -> None:
    if not name.strip():
        raise StoreError("Give the team a name.")
    for label, value in (("The team name", name), ("The Trust", trust), ("The service", service)):
        reason = text_problem(value, kind="name")
        if reason:
            raise StoreError(f"{label} {reason}.")


def _checked(audit: Audit, checklist: Checklist) -> Audit:
    """The audit as the store will keep it, checked with a file import's rules."""
    try:
        return audit_from_document(audit_to_document(audit), checklist)
    except AuditFileError as error:
        raise StoreError("The audit was not saved:\n" + str(error)) from error


# -------------------------------------------------------------------- teams
def create_team(engine: Engine, name: str, trust: str = "", service: str = "", *,
                user: str | None = None) -> TeamRow:
    _check_team_text(name, trust, service)
    now = _now()
    row = {"team_key": team_key(name, trust), "name": name.strip(), "trust": trust.strip(),
           "service": service.strip(), "created_at": now, "changed_by": acting_user(user),
           "changed_at": now}
    try:
        with engine.begin() as connection:
            new_id = connection.execute(teams.insert().values(**row)).inserted_primary_key[0]
    except IntegrityError as error:
        where = f" in {trust.strip()}" if trust.strip() else ""
        raise StoreError(f"There is already a team called {name.strip()}{where}. "
                         "Choose it from the list instead.") from error
    return TeamRow(new_id, row["name"], row["trust"], row["service"])


def _team_row(row) -> TeamRow:
    return TeamRow(row.id, row.name, row.trust, row.service)


def list_teams(engine: Engine, *, trust: str | None = None,
               service: str | None = None) -> list[TeamRow]:
    query = select(teams).order_by(teams.c.trust, teams.c.name, teams.c.id)
    if trust:
        query = query.where(teams.c.trust == trust)
    if service:
        query = query.where(teams.c.service == service)
    with engine.connect() as connection:
        return [_team_row(row) for row in connection.execute(query)]


def get_team(engine: Engine, team_id: int) -> TeamRow:
    with engine.connect() as connection:
        row = connection.execute(select(teams).where(teams.c.id == team_id)).first()
    if row is None:
        raise StoreError("That team is no longer in the records. Reload the page.")
    return _team_row(row)


def _delete_audits(connection: Connection, audit_ids) -> None:
    """Delete audits (a query or list of ids) with everything that belongs to them."""
    action_ids = select(actions.c.id).where(actions.c.audit_id.in_(audit_ids))
    connection.execute(delete(action_history).where(action_history.c.action_id.in_(action_ids)))
    connection.execute(delete(actions).where(actions.c.audit_id.in_(audit_ids)))
    connection.execute(delete(answers).where(answers.c.audit_id.in_(audit_ids)))
    connection.execute(delete(audit_versions_table)
                       .where(audit_versions_table.c.audit_id.in_(audit_ids)))
    connection.execute(delete(audits).where(audits.c.id.in_(audit_ids)))


def delete_team(engine: Engine, team_id: int, *, user: str | None = None) -> None:
    """Remove a team with all its audits and actions (the visible way to delete)."""
    acting_user(user)
    with engine.begin() as connection:
        ids = connection.execute(select(audits.c.id).where(audits.c.team_id == team_id)).scalars()
        _delete_audits(connection, list(ids))
        connection.execute(delete(teams).where(teams.c.id == team_id))


# ----------------------------------------------------------- audit versions
def _canonical(document: dict) -> tuple[str, str]:
    """The document as stored in the version history, and its digest (same content, same text)."""
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write_version(connection: Connection, audit_row_id: int, version: int, document: dict, *,
                   user: str, now: datetime) -> None:
    canonical, digest = _canonical(document)
    connection.execute(audit_versions_table.insert().values(
        audit_id=audit_row_id, version=version, digest=digest, document=canonical,
        changed_by=user, changed_at=now))


def _latest_document(connection: Connection, audit_row_id: int) -> dict | None:
    row = connection.execute(
        select(audit_versions_table.c.document)
        .where(audit_versions_table.c.audit_id == audit_row_id)
        .order_by(audit_versions_table.c.version.desc()).limit(1)
    ).first()
    return None if row is None else json.loads(row.document)


def _stored_document(connection: Connection, audit_row_id: int) -> dict:
    """The audit as its tables hold it now, as a saved-file document."""
    row = connection.execute(
        select(audits, teams.c.name, teams.c.trust, teams.c.service)
        .join(teams, teams.c.id == audits.c.team_id).where(audits.c.id == audit_row_id)
    ).one()
    scores: dict[str, int | None] = {}
    notes: dict[str, str] = {}
    for answer in connection.execute(select(answers).where(answers.c.audit_id == audit_row_id)):
        if answer.score is not None or answer.cannot_rate:
            scores[answer.item_id] = answer.score
        if answer.note:
            notes[answer.item_id] = answer.note
    plan = connection.execute(
        select(actions.c.item_id, actions.c.owner, actions.c.due_date)
        .where(actions.c.audit_id == audit_row_id).order_by(actions.c.id)
    ).all()
    return audit_to_document(_audit_of(row, scores, notes, plan))


def _audit_of(row, scores: dict, notes: dict, plan: Iterable) -> Audit:
    """An ``Audit`` from its row (joined with its team), answers, notes and plan rows."""
    return Audit(
        team=Team(row.name, row.trust, row.service),
        date=row.audit_date,
        answers=scores,
        participants=tuple(json.loads(row.participants)),
        notes=row.notes,
        item_notes=notes,
        plan=tuple(PlanEntry(a.item_id, a.owner, a.due_date) for a in plan),
        checklist_version=row.checklist_version,
        audit_id=row.uid,
    )


def audit_versions(engine: Engine, audit_uid: str) -> list[AuditVersion]:
    """Every saved version of an audit, oldest first, each with what changed since the last."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(audit_versions_table)
            .join(audits, audits.c.id == audit_versions_table.c.audit_id)
            .where(audits.c.uid == audit_uid).order_by(audit_versions_table.c.version)
        ).all()
    result: list[AuditVersion] = []
    before: dict | None = None
    for row in rows:
        document = json.loads(row.document)
        items, parts = document_changes(before, document) if before is not None else ((), ())
        result.append(AuditVersion(row.version, row.changed_by, row.changed_at, document,
                                   items, parts))
        before = document
    return result


def _changes_sentence(before: dict | None, after: dict) -> str:
    if before is None:
        return ""
    items, parts = document_changes(before, after)
    pieces = []
    if items:
        pieces.append(f"item{'s' if len(items) != 1 else ''} " + ", ".join(items))
    pieces += parts
    return " Changed: " + "; ".join(pieces) + "." if pieces else ""


# ------------------------------------------------------------------- audits
def _write_audit(connection: Connection, team_id: int, audit: Audit, source: str, *,
                 user: str, expected_version: int | None, checklist: Checklist,
                 new_version_of_import: bool = False) -> SaveResult:
    """Write an audit, its answers, its actions and a version row, in the caller's transaction.

    An import (``new_version_of_import``) of an audit already stored replaces it
    as its next version: the audit row is locked first (``FOR UPDATE`` on
    PostgreSQL, the write lock on SQLite), so two imports at once both land, in turn.
    """
    existing = connection.execute(
        select(audits.c.id, audits.c.team_id, audits.c.version)
        .where(audits.c.uid == audit.audit_id).with_for_update()
    ).first()
    now = _now()
    values = {
        "team_id": team_id,
        "audit_date": audit.date,
        "checklist_version": audit.checklist_version,
        "participants": json.dumps(list(audit.participants), ensure_ascii=False),
        "notes": audit.notes,
        "source": source,
        "saved_at": now,
    }
    what = f"The audit of {audit.date.isoformat()}"
    previous_plan: dict[str, tuple[str, date | None]] = {}
    if existing is None:
        audit_row_id = connection.execute(
            audits.insert().values(uid=audit.audit_id, version=1, changed_by=user,
                                   changed_at=now, **values)
        ).inserted_primary_key[0]
        created, version = True, 1
    else:
        if existing.team_id != team_id:
            raise StoreError("This audit is already saved for a different team, so it was not "
                             "saved again.")
        if expected_version is None:
            if not new_version_of_import:
                # The form did not know the audit was saved: someone else saved it.
                raise conflict(connection, audits, existing.id, what)
            expected_version = existing.version
        audit_row_id = existing.id
        created = False
        previous = _latest_document(connection, audit_row_id)
        if previous is not None:
            previous_plan = {e["item_id"]: (e.get("owner", ""),
                                            date.fromisoformat(e["due"]) if e.get("due") else None)
                             for e in previous.get("action_plan", [])}
        version = update_versioned(connection, audits, audit_row_id,
                                   expected_version=expected_version, values=values, user=user,
                                   now=now, what=what)
        connection.execute(delete(answers).where(answers.c.audit_id == audit_row_id))
    answer_rows = [
        {"audit_id": audit_row_id, "item_id": item_id, "score": score,
         "cannot_rate": score is None, "note": audit.item_notes.get(item_id, "")}
        for item_id, score in audit.answers.items()
    ]
    answer_rows += [
        {"audit_id": audit_row_id, "item_id": item_id, "score": None, "cannot_rate": False,
         "note": note}
        for item_id, note in audit.item_notes.items() if item_id not in audit.answers
    ]
    if answer_rows:
        connection.execute(answers.insert(), answer_rows)
    _sync_actions(connection, audit_row_id, audit.plan, previous_plan, checklist, user=user,
                  now=now)
    _write_version(connection, audit_row_id, version, audit_to_document(audit), user=user,
                   now=now)
    return SaveResult(audit_row_id, created, version)


def _sync_actions(connection: Connection, audit_row_id: int, plan: Iterable[PlanEntry],
                  previous_plan: dict[str, tuple[str, date | None]], checklist: Checklist, *,
                  user: str, now: datetime) -> None:
    """Bring the audit's actions in line with its plan, keeping their follow-up.

    An action still in the plan keeps its row, status and history; its owner or
    date change only where the plan itself changed them since the last version
    (so a new version of the file does not undo what follow-up recorded). An
    action no longer in the plan is removed with its history.
    """
    current = {row.item_id: row for row in connection.execute(
        select(actions).where(actions.c.audit_id == audit_row_id))}
    known = set(checklist.item_ids)
    wanted = {entry.item_id for entry in plan}
    gone = [row.id for item_id, row in current.items() if item_id not in wanted]
    if gone:
        connection.execute(delete(action_history).where(action_history.c.action_id.in_(gone)))
        connection.execute(delete(actions).where(actions.c.id.in_(gone)))
    new_rows = []
    for entry in plan:
        row = current.get(entry.item_id)
        if row is None:
            new_rows.append({
                "audit_id": audit_row_id, "item_id": entry.item_id, "owner": entry.owner,
                "due_date": entry.due, "status": "not_started", "version": 1,
                "text": checklist.item(entry.item_id).action_text if entry.item_id in known else "",
            })
            continue
        planned = (entry.owner, entry.due)
        if planned != previous_plan.get(entry.item_id) and planned != (row.owner, row.due_date):
            update_versioned(connection, actions, row.id, expected_version=row.version,
                             values={"owner": entry.owner, "due_date": entry.due}, user=user,
                             now=now, what="An action of this audit",
                             history=(action_history, "action_id"), action="planned")
    insert_many(connection, actions, new_rows, user=user, now=now,
                history=(action_history, "action_id"),
                duplicate=lambda row: StoreError(f"The plan lists item {row['item_id']} twice."))


def save_audit(engine: Engine, team_id: int, audit: Audit, *, source: str = "dashboard",
               checklist: Checklist | None = None, expected_version: int | None = None,
               user: str | None = None) -> SaveResult:
    """Save one audit for a team, all in one transaction.

    A new audit needs no version. Saving an audit that is already stored is an
    edit: pass the ``expected_version`` it was opened at (``StoreConflict`` if
    someone saved it since).
    """
    checklist = checklist or load_checklist()
    audit = _checked(audit, checklist)
    user = acting_user(user)

    def work() -> SaveResult:
        with engine.begin() as connection:
            if connection.execute(select(teams.c.id).where(teams.c.id == team_id)).first() is None:
                raise StoreError("That team is no longer in the records, so the audit was not "
                                 "saved. Reload the page and choose the team again.")
            return _write_audit(connection, team_id, audit, source, user=user,
                                expected_version=expected_version, checklist=checklist)

    return retry_when_locked(work, what="The audit")


def delete_audit(engine: Engine, audit_uid: str, *, user: str | None = None) -> bool:
    """Remove an audit with its answers, actions and versions; False if it was not there."""
    acting_user(user)
    with engine.begin() as connection:
        row = connection.execute(select(audits.c.id).where(audits.c.uid == audit_uid)).first()
        if row is None:
            return False
        _delete_audits(connection, [row.id])
    return True


def _newest_audit_ids(team_ids: list[int] | None, latest: int):
    """A subquery of the ids of each team's ``latest`` newest audits (a window function)."""
    rank = func.row_number().over(
        partition_by=audits.c.team_id,
        order_by=(audits.c.audit_date.desc(), audits.c.id.desc()),
    ).label("rank")
    ranked = select(audits.c.id, rank)
    if team_ids is not None:
        ranked = ranked.where(audits.c.team_id.in_(team_ids))
    ranked = ranked.subquery()
    return select(ranked.c.id).where(ranked.c.rank <= latest)


def load_audits(engine: Engine, team_ids: Iterable[int] | None = None, *,
                latest: int | None = None) -> dict[int, list[StoredAudit]]:
    """The audits of the given teams (all teams when None), oldest first, in three queries.

    With ``latest``, only each team's newest ``latest`` audits are read, so an
    overview of many teams with long histories reads only what it shows.
    """
    audit_query = select(audits, teams.c.name, teams.c.trust, teams.c.service).join(
        teams, teams.c.id == audits.c.team_id
    ).order_by(audits.c.team_id, audits.c.audit_date, audits.c.id)
    answer_query = select(answers)
    action_query = select(actions, audits.c.uid, audits.c.audit_date).join(
        audits, audits.c.id == actions.c.audit_id
    ).order_by(actions.c.id)
    wanted = None if team_ids is None else list(team_ids)
    if latest is not None:
        chosen = _newest_audit_ids(wanted, latest)
    elif wanted is not None:
        chosen = select(audits.c.id).where(audits.c.team_id.in_(wanted))
    else:
        chosen = None
    if chosen is not None:
        audit_query = audit_query.where(audits.c.id.in_(chosen))
        answer_query = answer_query.where(answers.c.audit_id.in_(chosen))
        action_query = action_query.where(actions.c.audit_id.in_(chosen))
    with engine.connect() as connection:
        audit_rows = connection.execute(audit_query).all()
        scores: dict[int, dict[str, int | None]] = defaultdict(dict)
        notes: dict[int, dict[str, str]] = defaultdict(dict)
        for row in connection.execute(answer_query):
            if row.score is not None or row.cannot_rate:
                scores[row.audit_id][row.item_id] = row.score
            if row.note:
                notes[row.audit_id][row.item_id] = row.note
        plan_rows: dict[int, list] = defaultdict(list)
        for row in connection.execute(action_query):
            plan_rows[row.audit_id].append(row)
    result: dict[int, list[StoredAudit]] = defaultdict(list)
    for row in audit_rows:
        rows = plan_rows.get(row.id, [])
        audit = _audit_of(row, scores.get(row.id, {}), notes.get(row.id, {}), rows)
        result[row.team_id].append(StoredAudit(row.id, row.team_id, audit, row.source,
                                               row.saved_at, tuple(map(_action_row, rows)),
                                               row.version, row.changed_by))
    return dict(result)


def audit_counts(engine: Engine, team_ids: Iterable[int] | None = None) -> dict[int, int]:
    query = select(audits.c.team_id, func.count()).group_by(audits.c.team_id)
    if team_ids is not None:
        query = query.where(audits.c.team_id.in_(list(team_ids)))
    with engine.connect() as connection:
        return {team_id: count for team_id, count in connection.execute(query)}


def team_audits(engine: Engine, team_id: int) -> list[StoredAudit]:
    return load_audits(engine, [team_id]).get(team_id, [])


def count_audits(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(audits)).scalar_one()


# ------------------------------------------------------------------ actions
def _action_row(row) -> ActionRow:
    """An action row joined with its audit's uid and date."""
    return ActionRow(row.id, row.uid, row.audit_date, row.item_id, row.owner, row.due_date,
                     row.status, row.text, row.reason, row.done_on, row.version, row.changed_by)


def _action_query():
    return select(actions, audits.c.uid, audits.c.audit_date).join(
        audits, audits.c.id == actions.c.audit_id)


def get_action(engine: Engine, action_id: int) -> ActionRow:
    with engine.connect() as connection:
        row = connection.execute(_action_query().where(actions.c.id == action_id)).first()
    if row is None:
        raise StoreError("That action is no longer in the records. Reload the page.")
    return _action_row(row)


def team_actions(engine: Engine, team_id: int) -> list[ActionRow]:
    """Every action of the team's audits: the newest audit's first, each plan in its order."""
    query = _action_query().where(audits.c.team_id == team_id).order_by(
        audits.c.audit_date.desc(), audits.c.id.desc(), actions.c.id)
    with engine.connect() as connection:
        return [_action_row(row) for row in connection.execute(query)]


def open_actions(engine: Engine, team_id: int) -> list[ActionRow]:
    """The team's actions not yet done or dropped, from every audit, soonest due first."""
    rows = [a for a in team_actions(engine, team_id) if a.is_open]
    return sorted(rows, key=lambda a: (a.due is None, a.due or date.max, a.id))


def _follow_up_problems(current: ActionRow, candidate: Action, *, owner_given: bool,
                        due_given: bool) -> list[str]:
    """``follow_up.action_problems`` for an edit of a stored action.

    Plans saved before follow-up existed may have no owner, date or text; an
    edit that does not set those is judged on what it does set, so such an
    action can still be marked done. Setting an owner or date checks it in full.
    """
    probe = candidate
    if not owner_given and not current.owner:
        probe = replace(probe, owner="not named")
    if not due_given and current.due is None:
        probe = replace(probe, due=date.min)
    if not probe.text.strip():
        probe = replace(probe, text=current.item_id)
    return action_problems(probe)


def update_action(engine: Engine, action_id: int, *, status: str, reason: str = "",
                  owner: str | None = None, due: date | None = None,
                  done_on: date | None = None, expected_version: int,
                  user: str | None = None) -> ActionRow:
    """Follow up one action: its status (with the reason when dropped, the day when done),
    and optionally a new owner or due date. ``None`` keeps the owner or date it has.

    A versioned edit (``store.versioned``): a save from a form opened before
    someone else's save raises ``StoreConflict`` and changes nothing.
    """
    user = acting_user(user)
    current = get_action(engine, action_id)
    candidate = Action(current.item_id, current.text,
                       current.owner if owner is None else owner.strip(),
                       current.due if due is None else due, status, reason.strip(), done_on)
    problems = _follow_up_problems(current, candidate, owner_given=owner is not None,
                                   due_given=due is not None)
    if problems:
        raise StoreError("The action was not saved:\n" + "\n".join(problems))
    now = _now()
    values = {"status": status, "reason": candidate.reason, "owner": candidate.owner,
              "due_date": candidate.due, "done_on": done_on,
              "done_at": now if status == "done" else None}

    def work() -> None:
        with engine.begin() as connection:
            update_versioned(connection, actions, action_id, expected_version=expected_version,
                             values=values, user=user, now=now, what="The action",
                             history=(action_history, "action_id"))

    retry_when_locked(work, what="The action")
    return get_action(engine, action_id)


def set_action_done(engine: Engine, action_id: int, done: bool = True, *,
                    user: str | None = None) -> None:
    """Mark an action done today (or not started again): a thin wrapper on ``update_action``.

    Ticking a box that is already in the wanted state changes nothing.
    """
    current = get_action(engine, action_id)
    if (current.status == "done") == done:
        return
    update_action(engine, action_id, status="done" if done else "not_started",
                  done_on=_now().date() if done else None, expected_version=current.version,
                  user=user)


def action_history_rows(engine: Engine, action_id: int) -> list[dict]:
    """Every recorded state of an action, oldest first (``action``, ``version``, who, when)."""
    with engine.connect() as connection:
        rows = connection.execute(select(action_history)
                                  .where(action_history.c.action_id == action_id)
                                  .order_by(action_history.c.id)).all()
    return [{"action": row.action, "version": row.version, "changed_by": row.changed_by,
             "changed_at": row.changed_at, **json.loads(row.snapshot)} for row in rows]


# ------------------------------------------------------------------ imports
def _refused_by_row_security(error: DBAPIError) -> bool:
    return "row-level security" in str(error.orig if error.orig is not None else error)


def import_audit(engine: Engine, file_name: str, audit: Audit, *, user: str,
                 checklist: Checklist, warnings: list[str] | None = None,
                 answers_only: bool = False) -> ImportOutcome:
    """Store one checked audit from a file: new, or the next version of one already stored.

    The same content as any stored version is refused as already in the records.
    With ``answers_only`` (a CSV file, which holds only answers and evidence
    notes) a stored audit keeps its participants, notes and plan.
    """
    warnings = list(warnings or [])
    where = f", {audit.team.trust}" if audit.team.trust else ""

    def work() -> ImportOutcome:
        nonlocal audit
        with engine.begin() as connection:
            existing = connection.execute(
                select(audits.c.id, audits.c.version).where(audits.c.uid == audit.audit_id)
                .with_for_update()).first()
            before = None
            if existing is not None and answers_only:
                audit = _with_stored_parts(connection, existing.id, audit, checklist)
            document = audit_to_document(audit)
            _, digest = _canonical(document)
            if existing is not None:
                same = connection.execute(
                    select(audit_versions_table.c.version)
                    .where(audit_versions_table.c.audit_id == existing.id,
                           audit_versions_table.c.digest == digest)
                    .order_by(audit_versions_table.c.version.desc())).first()
                if same is not None and same.version != existing.version:
                    return ImportOutcome(
                        file_name, False, f"Not imported: this file is version {same.version} "
                        f"of an audit already in the records, which now holds version "
                        f"{existing.version}. Nothing was changed.")
                if same is not None:
                    return ImportOutcome(file_name, False, "Not imported: this audit is already "
                                                           "in the records (it was imported or "
                                                           "saved before).")
                before = _latest_document(connection, existing.id)
            key = team_key(audit.team.name, audit.team.trust)
            team = connection.execute(select(teams.c.id).where(teams.c.team_key == key)).first()
            created = team is None
            if created:
                now = _now()
                team_id = connection.execute(teams.insert().values(
                    team_key=key, name=audit.team.name, trust=audit.team.trust,
                    service=audit.team.service, created_at=now, changed_by=user,
                    changed_at=now)).inserted_primary_key[0]
            else:
                team_id = team.id
            result = _write_audit(connection, team_id, audit, "file", user=user,
                                  expected_version=None, checklist=checklist,
                                  new_version_of_import=True)
        new = " (a new team in the records)" if created else ""
        if result.created:
            message = (f"Imported the audit of {audit.date.isoformat()} for "
                       f"{audit.team.name}{where}{new}.")
        else:
            message = (f"Imported a new version (version {result.version}) of the audit of "
                       f"{audit.date.isoformat()} for {audit.team.name}{where}."
                       + _changes_sentence(before, document))
        return ImportOutcome(file_name, True, message, warnings=warnings)

    try:
        try:
            return retry_when_locked(work, what=f"The audit in {file_name}")
        except IntegrityError:
            # Another import created the same team or audit at the same moment; the
            # transaction rolled back, so try once more against what is there now.
            return retry_when_locked(work, what=f"The audit in {file_name}")
    except IntegrityError:
        return ImportOutcome(file_name, False, "Not imported: this audit's id is already used "
                                               "in the records by an audit you cannot see.")
    except DBAPIError as error:
        if not _refused_by_row_security(error):
            raise
        return ImportOutcome(file_name, False, f"Not imported: the file is for the team "
                                               f"{audit.team.name}{where}, which is not one of "
                                               "your teams.")
    except StoreError as error:
        return ImportOutcome(file_name, False, f"Not imported: {error}")


def _with_stored_parts(connection: Connection, audit_row_id: int, audit: Audit,
                       checklist: Checklist) -> Audit:
    """``audit``'s answers and notes with the stored audit's participants, notes and plan."""
    stored = _latest_document(connection, audit_row_id) or _stored_document(connection,
                                                                            audit_row_id)
    merged = audit_to_document(audit) | {key: stored[key] for key in (
        "participants", "notes", "action_plan", "checklist_version") if key in stored}
    return audit_from_document(merged, checklist)


def import_audit_csv(engine: Engine, file_name: str, data: bytes | str,
                     checklist: Checklist | None = None, *,
                     user: str | None = None) -> ImportOutcome:
    """Import the audits in a CSV file in the CSV export's format, each whole or not at all.

    ``problems`` is the report row by row (``Row 7: ...``) and a line for each
    audit left out; ``report`` is the checked file, for an import panel.
    """
    checklist = checklist or load_checklist()
    user = acting_user(user)
    report = read_audit_csv(data, checklist)
    if report.problem:
        return ImportOutcome(file_name, False, f"Not imported: {report.problem}", report=report)
    outcomes = [import_audit(engine, file_name, audit, user=user, checklist=checklist,
                             answers_only=True) for _, audit in report.valid]
    report.saved = sum(o.accepted for o in outcomes)
    problems = [f"Row {r.number}: {r.reason}" for r in report.rejected] + report.not_imported
    problems += [o.message for o in outcomes if not o.accepted]
    found = len(report.valid) + len(report.not_imported)
    message = (f"Imported {report.saved} of the {found} audit{'s' if found != 1 else ''} in "
               f"{file_name}.")
    return ImportOutcome(file_name, report.saved > 0, message, problems,
                         details=[o.message for o in outcomes if o.accepted], report=report)


def import_audit_file(engine: Engine, file_name: str, data: bytes | str,
                      checklist: Checklist | None = None, *,
                      user: str | None = None) -> ImportOutcome:
    """Import one saved audit file, all or nothing; the outcome says what happened and why.

    A file saved before audits had an id gets a stable one, made from its
    content, so importing the same old file twice is refused as already stored.
    """
    checklist = checklist or load_checklist()
    user = acting_user(user)
    given_id: list[str] = []
    try:
        document = parse_document(data)
        if isinstance(document, dict) and "audit_id" not in document:
            document["audit_id"] = stable_audit_id(document)
            given_id.append(document["audit_id"])
        audit = audit_from_document(document, checklist)
    except AuditFileError as error:
        return ImportOutcome(file_name, False, "Not imported: the file has problems.",
                             [p.message for p in error.problems])
    warnings = version_warnings(document, checklist)
    if given_id:
        warnings.append(f"The file has no audit id (it was saved before audits had one), so it "
                        f"was given the id {given_id[0]}, made from its content.")
    return import_audit(engine, file_name, audit, user=user, checklist=checklist,
                        warnings=warnings)


def import_audit_files(engine: Engine, files: Iterable[tuple[str, bytes | str]],
                       checklist: Checklist | None = None, *,
                       user: str | None = None) -> list[ImportOutcome]:
    checklist = checklist or load_checklist()
    return [import_audit_file(engine, name, data, checklist, user=user) for name, data in files]
