"""Twenty processes saving self-audits to one SQLite file at once all land; the file stays sound.

Real processes, not threads: SQLite's locking between processes is what is tested.
"""

from __future__ import annotations

import multiprocessing
from datetime import date

from sqlalchemy import text

from connecting_people.fidelity import store
from connecting_people.store import make_engine
from tests.unit.test_fidelity_store import make_audit


def _save_in_another_process(url: str, team_id: int, n: int, start) -> None:
    start.wait(30)
    engine = make_engine(url)
    store.save_audit(engine, team_id, make_audit(when=date(2026, 5, 1 + n)), source="file")
    engine.dispose()


def test_twenty_processes_saving_at_once_to_one_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    engine = make_engine(url)
    store.ensure_schema(engine)
    team = store.create_team(engine, "Riverside CMHT")
    context = multiprocessing.get_context("fork")
    start = context.Event()
    processes = [context.Process(target=_save_in_another_process, args=(url, team.id, n, start))
                 for n in range(20)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * 20
    assert len(store.team_audits(engine, team.id)) == 20
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    engine.dispose()
