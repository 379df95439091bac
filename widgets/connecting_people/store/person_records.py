"""Everything kept about one person, to hand over (subject access) or to erase (UK GDPR).

A person is known only by their pseudonym, unique within a team. What is kept
about them: the tracker row and its history snapshots, the outcomes review
pair, maps saved on the server whose "person" is that pseudonym, and the
access log rows saying who read their records. ``export_person`` gathers all
of it as one JSON document. ``erase_person`` deletes the records, the history
and the map files in one go; it keeps the access log (who read what and
when, with the pseudonym only, never the record), because that log is how
the Trust shows that the records were handled properly, and adds one row
saying who erased them. The Trust page says the same to the people it affects.

Only an admin may do either (``access.decide``); the person at the server's
command line is that admin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from connecting_people import access
from connecting_people.outcomes import store as outcomes
from connecting_people.store import access_log
from connecting_people.store.acting import acting_user
from connecting_people.store.common import clean_team
from connecting_people.store.errors import AccessRefused, StoreError
from connecting_people.tracker import store as tracker

EXPORT_FORMAT = "connecting-people/person-export"
EXPORT_VERSION = 1


class PersonNotFound(StoreError):
    """Nothing is kept about this pseudonym in this team; the message says where we looked."""


@dataclass
class PersonData:
    """What is kept about one pseudonym in one team."""

    team: str
    identifier: str
    tracker: list[dict] = field(default_factory=list)
    tracker_history: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    access_log: list[dict] = field(default_factory=list)
    map_files: list[Path] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.tracker or self.outcomes or self.map_files)


def _plain(row: sa.Row) -> dict:
    return {
        key: (value.isoformat() if isinstance(value, date | datetime) else value)
        for key, value in row._mapping.items()
    }


def _allowed(user: access.User, action: access.Action) -> None:
    decision = access.decide(user, action)
    if not decision.allowed:
        raise AccessRefused(decision.reason)


def _maps_of(identifier: str, maps_folder: Path | None) -> list[Path]:
    """Saved maps whose person is the pseudonym (files that are not maps are left alone)."""
    if maps_folder is None or not maps_folder.is_dir():
        return []
    found = []
    for path in sorted(maps_folder.glob("*.json")):
        try:
            person = json.loads(path.read_text(encoding="utf-8")).get("person", "")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(person, str) and person.strip().upper() == identifier:
            found.append(path)
    return found


def gather(engine: Engine, team: str, identifier: str, maps_folder: Path | None) -> PersonData:
    """Read everything kept about ``identifier`` in ``team`` (no access log row is written)."""
    team, identifier = clean_team(team), identifier.strip().upper()
    data = PersonData(team, identifier, map_files=_maps_of(identifier, maps_folder))
    with engine.connect() as connection:
        # Through this connection: on SQLite a second one would wait on this one's lock.
        inspector = sa.inspect(connection)
        if inspector.has_table(tracker.people.name):
            rows = connection.execute(sa.select(tracker.people).where(
                tracker.people.c.team == team, tracker.people.c.identifier == identifier)).all()
            data.tracker = [_plain(row) for row in rows]
            ids = [row.id for row in rows]
            data.tracker_history = [_plain(row) for row in connection.execute(
                sa.select(tracker.history).where(tracker.history.c.person_id.in_(ids))
                .order_by(tracker.history.c.id))]
        if inspector.has_table(outcomes.pairs.name):
            data.outcomes = [_plain(row) for row in connection.execute(sa.select(outcomes.pairs)
                             .where(outcomes.pairs.c.team == team,
                                    outcomes.pairs.c.identifier == identifier))]
        if inspector.has_table(access_log.entries.name):
            data.access_log = [_plain(row) for row in connection.execute(
                sa.select(access_log.entries).where(access_log.entries.c.team == team,
                                                    access_log.entries.c.pseudonym == identifier)
                .order_by(access_log.entries.c.id))]
    return data


def not_found(data: PersonData) -> PersonNotFound:
    return PersonNotFound(
        f"Nothing is kept about {data.identifier} in team {data.team}: no tracker record, "
        "no review pair and no saved map. Check the team and the identifier."
    )


def export_person(engine: Engine, team: str, identifier: str, *, user: access.User,
                  maps_folder: Path | None = None) -> dict:
    """Every record, history row, access log row and saved map for the person, as one document."""
    _allowed(user, access.Action.EXPORT_PERSON)
    data = gather(engine, team, identifier, maps_folder)
    if not data.found:
        raise not_found(data)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "team": data.team,
        "identifier": data.identifier,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "exported_by": acting_user(user.name),
        "tracker": data.tracker,
        "tracker_history": data.tracker_history,
        "outcomes": data.outcomes,
        "access_log": data.access_log,
        "maps": [{"file": path.name, "map": json.loads(path.read_text(encoding="utf-8"))}
                 for path in data.map_files],
    }


def erase_person(engine: Engine, team: str, identifier: str, *, user: access.User,
                 maps_folder: Path | None = None) -> PersonData:
    """Delete the person's records, history and saved maps; return what was deleted."""
    _allowed(user, access.Action.ERASE_PERSON)
    data = gather(engine, team, identifier, maps_folder)
    if not data.found:
        raise not_found(data)
    ids = [row["id"] for row in data.tracker]
    with engine.begin() as connection:
        if ids:
            connection.execute(tracker.history.delete().where(tracker.history.c.person_id.in_(ids)))
            connection.execute(tracker.people.delete().where(tracker.people.c.id.in_(ids)))
        if data.outcomes:
            connection.execute(outcomes.pairs.delete().where(
                outcomes.pairs.c.team == data.team, outcomes.pairs.c.identifier == data.identifier))
        if sa.inspect(connection).has_table(access_log.entries.name):
            access_log.record_reads(connection, [(data.team, data.identifier)], tool="erasure",
                                    what="erased every record (erase-person)", user=user.name)
    # The files go after the database rows are gone: a failure here leaves files to retry,
    # never database rows pointing at nothing.
    for path in data.map_files:
        path.unlink(missing_ok=True)
    return data


def describe(data: PersonData) -> str:
    """One sentence saying what an erasure deleted."""
    return (
        f"Erased {data.identifier} in team {data.team}: {len(data.tracker)} tracker record(s) "
        f"with {len(data.tracker_history)} history row(s), {len(data.outcomes)} review pair(s) "
        f"and {len(data.map_files)} saved map(s). The access log keeps "
        f"{len(data.access_log)} earlier row(s) and one for this erasure."
    )
