"""Read every team's run-chart data from the store in three queries, scoring in the database.

The lead's overview charts every audit of every team: 50 teams with ten
audits each is 13,000 answers. Reading them all into ``Audit`` objects and
scoring each in Python would make the page grow with the Trust; instead the
database sums and counts each audit's rated answers (items on this checklist
only), and Python rounds the mean exactly as ``rules.score_audit`` does
(``round_half_up_tenths``), so the numbers match the audit's own page.
Actions done come with their day, for the marks on the chart.

Reads the tables of ``fidelity.store`` and changes nothing. The wiring step
could move ``team_runs`` into ``store.py`` with the other queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Engine, func, select

from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.follow_up import Action
from connecting_people.fidelity.rules import round_half_up_tenths
from connecting_people.fidelity.run_chart import make_series
from connecting_people.fidelity.run_chart_figure import TeamRun
from connecting_people.fidelity.store import actions, answers, audits, teams


def team_runs(engine: Engine, checklist: Checklist,
              team_ids: Iterable[int] | None = None) -> list[TeamRun]:
    """Each team's whole-audit series and its actions done, teams in name order."""
    wanted = None if team_ids is None else list(team_ids)
    team_query = select(teams.c.id, teams.c.name, teams.c.trust).order_by(
        teams.c.name, teams.c.trust, teams.c.id)
    item_ids = checklist.item_ids
    # Summed over the answers table alone (its key starts with the audit id, so
    # the groups come in key order), then joined to the audits: much faster
    # than grouping the join.
    sums = (select(answers.c.audit_id, func.sum(answers.c.score).label("total"),
                   func.count(answers.c.score).label("rated"))
            .where(answers.c.item_id.in_(item_ids))
            .group_by(answers.c.audit_id).subquery())
    score_query = (
        select(audits.c.team_id, audits.c.audit_date, sums.c.total, sums.c.rated)
        .select_from(audits.outerjoin(sums, sums.c.audit_id == audits.c.id))
        # Same-day audits in the order saved, as the team page orders them.
        .order_by(audits.c.team_id, audits.c.audit_date, audits.c.id))
    action_query = (
        select(audits.c.team_id, actions.c.item_id, actions.c.text, actions.c.owner,
               actions.c.due_date, actions.c.done_on)
        .join(audits, audits.c.id == actions.c.audit_id)
        .where(actions.c.status == "done", actions.c.done_on.is_not(None))
        .order_by(actions.c.done_on, actions.c.id))
    if wanted is not None:
        team_query = team_query.where(teams.c.id.in_(wanted))
        score_query = score_query.where(audits.c.team_id.in_(wanted))
        action_query = action_query.where(audits.c.team_id.in_(wanted))
    known = frozenset(item_ids)
    with engine.connect() as connection:
        team_rows = connection.execute(team_query).all()
        points: dict[int, list] = defaultdict(list)
        for team_id, day, total, count in connection.execute(score_query):
            points[team_id].append((day, round_half_up_tenths(total, count) if count else None))
        done: dict[int, list[Action]] = defaultdict(list)
        for row in connection.execute(action_query):
            item = checklist.item(row.item_id) if row.item_id in known else None
            text = row.text or (item.action_text if item else row.item_id)
            done[row.team_id].append(Action(row.item_id, text, row.owner or "no owner",
                                            row.due_date, status="done", done_on=row.done_on))
    return [TeamRun(f"{row.name} ({row.trust})" if row.trust else row.name,
                    make_series("total", "Whole audit", points.get(row.id, [])),
                    tuple(done.get(row.id, ())))
            for row in team_rows]
