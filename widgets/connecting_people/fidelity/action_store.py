"""Following up an audit's actions in the store: status, reason, day done, owner and date.

Each change is a versioned edit (``store.versioned.update_versioned``): the
version is in the UPDATE's WHERE clause, the row count is checked, and the
action's history gets a row only for a change that took effect, so a losing
edit gets the one conflict message and nothing is saved twice or lost. The
rules are the pure ones of ``follow_up`` (``check_action``); ``as_follow_up``
hands a stored action to them for overdue lists and run-chart marks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select

from connecting_people.fidelity.follow_up import CLOSED, Action, action_problems
from connecting_people.fidelity.tables import action_history, actions, audits
from connecting_people.store.acting import acting_user
from connecting_people.store.errors import StoreError
from connecting_people.store.versioned import retry_when_locked, update_versioned


def _now() -> datetime:
    return datetime.now(UTC)


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


def action_from_row(row) -> ActionRow:
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
    return action_from_row(row)


def team_actions(engine: Engine, team_id: int) -> list[ActionRow]:
    """Every action of the team's audits: the newest audit's first, each plan in its order."""
    query = _action_query().where(audits.c.team_id == team_id).order_by(
        audits.c.audit_date.desc(), audits.c.id.desc(), actions.c.id)
    with engine.connect() as connection:
        return [action_from_row(row) for row in connection.execute(query)]


def open_actions(engine: Engine, team_id: int) -> list[ActionRow]:
    """The team's actions not yet done or dropped, from every audit, soonest due first."""
    rows = [a for a in team_actions(engine, team_id) if a.is_open]
    return sorted(rows, key=lambda a: (a.due is None, a.due or date.max, a.id))


def overdue_counts(engine: Engine, team_ids: Iterable[int], on: date) -> dict[int, int]:
    """Team id -> how many of its actions are open and due before ``on`` (``is_overdue``),
    for every team in one query; a team with none is left out."""
    wanted = list(team_ids)
    if not wanted:
        return {}
    query = (select(audits.c.team_id, func.count(actions.c.id))
             .join(audits, audits.c.id == actions.c.audit_id)
             .where(audits.c.team_id.in_(wanted), actions.c.status.not_in(sorted(CLOSED)),
                    actions.c.due_date.is_not(None), actions.c.due_date < on)
             .group_by(audits.c.team_id))
    with engine.connect() as connection:
        return {team_id: count for team_id, count in connection.execute(query)}


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
