"""Every dashboard draws its charts without importing plotly's Python side.

In a training room each participant's click runs in their own kernel, 30
kernels on two cores: plotly's figure classes cost a kernel megabytes and its
first chart about 100 ms of CPU. The charts are plain data
(``figure_spec.FigureSpec``); this guards against a ``go.Figure`` coming back.
A fresh interpreter is needed, as other tests import plotly.
"""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, sys, tempfile, uuid
from datetime import date
from IPython.core.interactiveshell import InteractiveShell

shell = InteractiveShell.instance()  # display() formats every figure, as in a kernel
bundles = []
shell.display_pub.publish = lambda data, *args, **kwargs: bundles.append(sorted(data))
from connecting_people.store import make_engine

def engine():
    return make_engine(f"sqlite:///{tempfile.mkdtemp()}/s.sqlite3")

from connecting_people.community import examples as ce, store as cs
from connecting_people.community.dashboard import DirectoryDashboard
e = engine(); cs.open_store(e); cs.add_resources(e, "Team", [s.resource for s in ce.entries()])
DirectoryDashboard(e, team="Team", today=ce.TODAY).section.value = "What we know"

from connecting_people.tracker import examples as te, store as ts
from connecting_people.tracker.dashboard import TrackerDashboard
e = engine(); ts.open_store(e); ts.add_people(e, "Team", te.records())
board = TrackerDashboard(e, team="Team", today=te.TODAY)
board.section.value = "Funnel"; board.section.value = "Over time"

from connecting_people.outcomes import examples as oe
from connecting_people.outcomes.dashboard import OutcomesDashboard
board = OutcomesDashboard(engine(), team="Team", today=date(2026, 11, 1))
board.start_upload.receive([("a.json", oe.map_json("NG-101", "before").encode())])
board.review_upload.receive([("b.json", oe.map_json("NG-101", "after").encode())])

from connecting_people.fidelity import store as fs
from connecting_people.fidelity.checklist import load_checklist
from connecting_people.fidelity.dashboard import TeamProgressDashboard
from connecting_people.fidelity.lead_dashboard import LeadOverviewDashboard
from connecting_people.fidelity.model import Audit, Team
e = engine(); fs.ensure_schema(e); checklist = load_checklist()
team = fs.create_team(e, "Riverside CMHT", trust="Example Trust")
for n, when in enumerate([date(2026, 1, 10), date(2026, 7, 10)]):
    answers = {i: 2 + n + (k % 2) for k, i in enumerate(checklist.item_ids)}
    fs.save_audit(e, team.id, Audit(team=Team("Riverside CMHT"), date=when, answers=answers,
                                    audit_id=str(uuid.uuid4())))
TeamProgressDashboard(e, today=date(2026, 8, 1))
LeadOverviewDashboard(e)

from connecting_people.dashboards.study_overview import StudyOverview
StudyOverview()

loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("plotly", "_plotly_utils"))
print("\n" + json.dumps({"loaded": loaded, "bundles": bundles}))  # after clear_output's escapes
"""


def test_no_dashboard_imports_plotly_to_draw_its_charts():
    # About 2 s; the limit only stops a hung child from hanging the run.
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=30, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    plotly_bundles = [b for b in report["bundles"] if "application/vnd.plotly.v1+json" in b]
    # Directory 1, tracker 2, outcomes 1, team progress radar + run chart, lead heat map
    # + run charts, study 1: every chart drawn, and each with the book's HTML beside it.
    assert len(plotly_bundles) == 9
    assert all("text/html" in b for b in plotly_bundles)
    assert report["loaded"] == []
