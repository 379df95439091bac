"""Teams, their self-audits and action plans, kept in the shared store.

SQLAlchemy Core on the shared engine (SQLite by default, PostgreSQL by URL).
The tables and their numbered schema steps are in ``tables``, following up
actions in ``action_store``; this module holds the functions the dashboards
call and re-exports the other two, so a dashboard imports one module.

Why it is shaped like this:

- Every save is one transaction. An audit, its answers, its actions and its
  version row are written together or not at all, so a failed save (a bad
  value, a lost connection, another save at the same moment) never leaves
  half an audit or touches an earlier one. SQLite waits its turn
  (``BEGIN IMMEDIATE`` in the shared engine); PostgreSQL's row locks and
  unique keys do the same job.
- Everything is checked before the transaction starts, with the same rules as
  a file import (``model.audit_from_document``), so the store never holds an
  audit that the book could not open again.
- Each audit has the ``audit_id`` its file carries, and every version of it is
  kept (``fidelity_audit_versions``, the saved-file document as JSON).
  Saving it again from a dashboard is a versioned edit; importing an edited
  file stores its next version and says what changed; importing content that
  is already stored, in any version, is refused rather than stored twice.
  Files from before audits had ids get one made from their content.
- Reading for the dashboards takes three queries however many teams there
  are (audits, answers, actions), and the lead's overview reads only each
  team's two newest audits, so it stays quick as histories grow.
- Every function that changes something takes the acting user
  (``store.acting``), recorded in ``changed_by``; on PostgreSQL the rows a
  connection sees are limited to the teams in scope (``tables``, step 5).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import (
    Connection,
    Engine,
    delete,
    func,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from connecting_people.common.dates import uk_date
from connecting_people.fidelity.action_store import (
    ActionRow,
    action_from_row,
    action_history_rows,
    as_follow_up,
    get_action,
    open_actions,
    overdue_counts,
    set_action_done,
    team_actions,
    update_action,
)
from connecting_people.fidelity.checklist import Checklist, load_checklist
from connecting_people.fidelity.compare import document_changes
from connecting_people.fidelity.csvio import AuditCsvReport, read_audit_csv
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
from connecting_people.fidelity.tables import (
    ACTION_STATUS_CHECK,
    COMPONENT,
    FIDELITY_POLICIES,
    MIGRATIONS,
    action_history,
    actions,
    answers,
    audit_versions_table,
    audits,
    ensure_schema,
    metadata,
    teams,
)
from connecting_people.fidelity.textsafety import text_problem
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import StoreConflict, StoreError
from connecting_people.store.versioned import (
    conflict,
    insert_many,
    retry_when_locked,
    update_versioned,
)

# The names dashboards, tests and the schema commands use, all from this one module.
__all__ = [
    "ACTION_STATUS_CHECK", "COMPONENT", "FIDELITY_POLICIES", "MIGRATIONS", "ActionRow",
    "StoreConflict", "StoreError", "action_history", "action_history_rows", "actions", "answers",
    "as_follow_up", "audit_versions_table", "audits", "ensure_schema", "get_action", "metadata",
    "open_actions", "overdue_counts", "set_action_done", "team_actions", "teams",
    "update_action",
]

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
# Each action's follow-up lives in the actions table, with its own history; the
# audit's versions hold what the team rated and planned. So a file exported after
# an action was done, and imported back unchanged, is the same audit, not a new version.
FOLLOW_UP_FIELDS = ("status", "done", "reason")


def _canonical(document: dict) -> tuple[str, str]:
    """The document as stored in the version history, and its digest (same content, same text)."""
    content = {**document, "action_plan": [
        {key: value for key, value in entry.items() if key not in FOLLOW_UP_FIELDS}
        for entry in document.get("action_plan", [])]}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return canonical, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_version(connection: Connection, audit_row_id: int, version: int, document: dict, *,
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


def stored_document(connection: Connection, audit_row_id: int) -> dict:
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
        select(actions.c.item_id, actions.c.owner, actions.c.due_date, actions.c.status,
               actions.c.reason, actions.c.done_on, actions.c.done_at)
        .where(actions.c.audit_id == audit_row_id).order_by(actions.c.id)
    ).all()
    return audit_to_document(_audit_of(row, scores, notes, plan))


def _plan_entry(action) -> PlanEntry:
    """A stored action as the file's plan entry, with its follow-up, so an exported audit
    keeps what the team recorded (and the static run chart can mark what was done)."""
    done = None
    if action.status == "done":
        # Rows marked done before the day itself was kept have only the moment it was saved.
        done = action.done_on or (action.done_at.date() if action.done_at else None)
    return PlanEntry(action.item_id, action.owner, action.due_date, action.status, done,
                     (action.reason or "") if action.status == "dropped" else "")


def _audit_of(row, scores: dict, notes: dict, plan: Iterable) -> Audit:
    """An ``Audit`` from its row (joined with its team), answers, notes and plan rows."""
    return Audit(
        team=Team(row.name, row.trust, row.service),
        date=row.audit_date,
        answers=scores,
        participants=tuple(json.loads(row.participants)),
        notes=row.notes,
        item_notes=notes,
        plan=tuple(_plan_entry(a) for a in plan),
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
    what = f"The audit of {uk_date(audit.date)}"
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
    write_version(connection, audit_row_id, version, audit_to_document(audit), user=user,
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
                # A version 2 file brings each action's follow-up for a new action.
                "due_date": entry.due, "status": entry.status, "reason": entry.reason,
                "done_on": entry.done, "done_at": now if entry.status == "done" else None,
                "version": 1,
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
                                               row.saved_at, tuple(map(action_from_row, rows)),
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
            message = (f"Imported the audit of {uk_date(audit.date)} for "
                       f"{audit.team.name}{where}{new}.")
        else:
            message = (f"Imported a new version (version {result.version}) of the audit of "
                       f"{uk_date(audit.date)} for {audit.team.name}{where}."
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
    stored = _latest_document(connection, audit_row_id) or stored_document(connection,
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
    # An audit refused by the store (already there, another team's) is a line of the report too.
    report.not_imported += [o.message for o in outcomes if not o.accepted]
    problems = [f"Row {r.number}: {r.reason}" for r in report.rejected] + report.not_imported
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
