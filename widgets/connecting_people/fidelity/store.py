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

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
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
from sqlalchemy.exc import IntegrityError

from connecting_people.fidelity.checklist import Checklist, load_checklist
from connecting_people.fidelity.model import (
    Audit,
    AuditFileError,
    PlanEntry,
    Team,
    audit_from_document,
    audit_to_document,
    parse_document,
    version_warnings,
)
from connecting_people.fidelity.textsafety import text_problem
from connecting_people.store import Migration, migrate, register_component
from connecting_people.store.acting import acting_user
from connecting_people.store.common import add_missing_columns
from connecting_people.store.errors import StoreConflict, StoreError
from connecting_people.store.migrations import in_hub_mode, open_schema
from connecting_people.store.versioned import (
    changed_columns,
    conflict,
    retry_when_locked,
    update_versioned,
)

COMPONENT = "fidelity"
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
    Column("status", String(8), nullable=False, default="open"),
    Column("done_at", DateTime(timezone=True), nullable=True),
    *changed_columns(),
    UniqueConstraint("audit_id", "item_id", name="uq_fidelity_actions_audit_item"),
    CheckConstraint("status IN ('open', 'done')", name="ck_fidelity_actions_status"),
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


MIGRATIONS = [
    Migration(1, "teams, audits, answers and action plans", _v1_create_tables),
    Migration(2, "index audits by team and date", _v2_index_audits_by_team_and_date),
    Migration(3, "versioned audit edits; who made each change and when",
              _v3_versions_and_who_changed),
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
    status: str


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


def delete_team(engine: Engine, team_id: int) -> None:
    """Remove a team with all its audits and actions (the visible way to delete)."""
    with engine.begin() as connection:
        audit_ids = select(audits.c.id).where(audits.c.team_id == team_id)
        connection.execute(delete(actions).where(actions.c.audit_id.in_(audit_ids)))
        connection.execute(delete(answers).where(answers.c.audit_id.in_(audit_ids)))
        connection.execute(delete(audits).where(audits.c.team_id == team_id))
        connection.execute(delete(teams).where(teams.c.id == team_id))


# ------------------------------------------------------------------- audits
def _write_audit(connection: Connection, team_id: int, audit: Audit, source: str, *,
                 user: str, expected_version: int | None) -> SaveResult:
    existing = connection.execute(
        select(audits.c.id, audits.c.team_id).where(audits.c.uid == audit.audit_id)
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
    kept_status: dict[str, tuple[str, datetime | None]] = {}
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
            # The form did not know the audit was saved: someone else saved it.
            raise conflict(connection, audits, existing.id, what)
        audit_row_id = existing.id
        created = False
        version = update_versioned(connection, audits, audit_row_id,
                                   expected_version=expected_version, values=values, user=user,
                                   now=now, what=what)
        # An action already marked done stays done when the audit is saved again.
        for row in connection.execute(select(actions.c.item_id, actions.c.status,
                                             actions.c.done_at)
                                      .where(actions.c.audit_id == audit_row_id)):
            kept_status[row.item_id] = (row.status, row.done_at)
        connection.execute(delete(answers).where(answers.c.audit_id == audit_row_id))
        connection.execute(delete(actions).where(actions.c.audit_id == audit_row_id))
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
    _insert_actions(connection, audit_row_id, audit.plan, kept_status, user=user, now=now)
    return SaveResult(audit_row_id, created, version)


def _insert_actions(connection: Connection, audit_row_id: int, plan: Iterable[PlanEntry],
                    kept_status: dict[str, tuple[str, datetime | None]], *, user: str,
                    now: datetime) -> None:
    rows = []
    for entry in plan:
        status, done_at = kept_status.get(entry.item_id, ("open", None))
        rows.append({"audit_id": audit_row_id, "item_id": entry.item_id, "owner": entry.owner,
                     "due_date": entry.due, "status": status, "done_at": done_at,
                     "changed_by": user, "changed_at": now})
    if rows:
        connection.execute(actions.insert(), rows)


def save_audit(engine: Engine, team_id: int, audit: Audit, *, source: str = "dashboard",
               checklist: Checklist | None = None, expected_version: int | None = None,
               user: str | None = None) -> SaveResult:
    """Save one audit for a team, all in one transaction.

    A new audit needs no version. Saving an audit that is already stored is an
    edit: pass the ``expected_version`` it was opened at (``StoreConflict`` if
    someone saved it since).
    """
    audit = _checked(audit, checklist or load_checklist())
    user = acting_user(user)

    def work() -> SaveResult:
        with engine.begin() as connection:
            if connection.execute(select(teams.c.id).where(teams.c.id == team_id)).first() is None:
                raise StoreError("That team is no longer in the records, so the audit was not "
                                 "saved. Reload the page and choose the team again.")
            return _write_audit(connection, team_id, audit, source, user=user,
                                expected_version=expected_version)

    return retry_when_locked(work, what="The audit")


def delete_audit(engine: Engine, audit_uid: str) -> bool:
    with engine.begin() as connection:
        row = connection.execute(select(audits.c.id).where(audits.c.uid == audit_uid)).first()
        if row is None:
            return False
        connection.execute(delete(actions).where(actions.c.audit_id == row.id))
        connection.execute(delete(answers).where(answers.c.audit_id == row.id))
        connection.execute(delete(audits).where(audits.c.id == row.id))
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
        audit = Audit(
            team=Team(row.name, row.trust, row.service),
            date=row.audit_date,
            answers=scores.get(row.id, {}),
            participants=tuple(json.loads(row.participants)),
            notes=row.notes,
            item_notes=notes.get(row.id, {}),
            plan=tuple(PlanEntry(a.item_id, a.owner, a.due_date) for a in rows),
            checklist_version=row.checklist_version,
            audit_id=row.uid,
        )
        action_rows = tuple(ActionRow(a.id, a.uid, a.audit_date, a.item_id, a.owner, a.due_date,
                                      a.status) for a in rows)
        result[row.team_id].append(StoredAudit(row.id, row.team_id, audit, row.source,
                                               row.saved_at, action_rows, row.version,
                                               row.changed_by))
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
def open_actions(engine: Engine, team_id: int) -> list[ActionRow]:
    """Open actions from the team's latest audit that has a plan, soonest due first."""
    stored = [s for s in team_audits(engine, team_id) if s.actions]
    if not stored:
        return []
    latest = stored[-1]
    rows = [a for a in latest.actions if a.status == "open"]
    return sorted(rows, key=lambda a: (a.due is None, a.due or date.max, a.id))


def set_action_done(engine: Engine, action_id: int, done: bool = True, *,
                    user: str | None = None) -> None:
    """Mark an action done (or open again). Setting a state, not editing text: two people
    ticking the same box agree, so this is not versioned."""
    now, user = _now(), acting_user(user)
    with engine.begin() as connection:
        changed = connection.execute(
            update(actions).where(actions.c.id == action_id).values(
                status="done" if done else "open", done_at=now if done else None,
                changed_by=user, changed_at=now)
        ).rowcount
    if not changed:
        raise StoreError("That action is no longer in the records. Reload the page.")


# ------------------------------------------------------------------ imports
def import_audit_file(engine: Engine, file_name: str, data: bytes | str,
                      checklist: Checklist | None = None, *,
                      user: str | None = None) -> ImportOutcome:
    """Import one saved audit file, all or nothing; the outcome says what happened and why."""
    checklist = checklist or load_checklist()
    try:
        document = parse_document(data)
        audit = audit_from_document(document, checklist)
    except AuditFileError as error:
        return ImportOutcome(file_name, False, "Not imported: the file has problems.",
                             [p.message for p in error.problems])
    warnings = version_warnings(document, checklist)

    user = acting_user(user)

    def work() -> ImportOutcome:
        with engine.begin() as connection:
            if connection.execute(select(audits.c.id).where(audits.c.uid == audit.audit_id)
                                  ).first() is not None:
                return ImportOutcome(file_name, False, "Not imported: this audit is already in "
                                                       "the records (it was imported or saved "
                                                       "before).")
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
            _write_audit(connection, team_id, audit, "file", user=user, expected_version=None)
        where = f", {audit.team.trust}" if audit.team.trust else ""
        new = " (a new team in the records)" if created else ""
        return ImportOutcome(file_name, True, f"Imported the audit of {audit.date.isoformat()} "
                                              f"for {audit.team.name}{where}{new}.",
                             warnings=warnings)

    try:
        return retry_when_locked(work, what=f"The audit in {file_name}")
    except IntegrityError:
        # Another import created the same team or audit at the same moment; the
        # transaction rolled back, so try once more against what is there now.
        return retry_when_locked(work, what=f"The audit in {file_name}")


def import_audit_files(engine: Engine, files: Iterable[tuple[str, bytes | str]],
                       checklist: Checklist | None = None, *,
                       user: str | None = None) -> list[ImportOutcome]:
    checklist = checklist or load_checklist()
    return [import_audit_file(engine, name, data, checklist, user=user) for name, data in files]

