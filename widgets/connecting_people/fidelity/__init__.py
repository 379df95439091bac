"""The team self-audit of fidelity: the book's own checklist, honest scores, plans, history.

How it fits together (data flows one way, from the checklist file outwards):

- ``checklist.yaml`` + ``checklist.schema.json``: the one data file. The book
  page (``sphinxext.fidelity_checklist``), the widget and the reports read it.
- ``checklist``: loads and checks it. ``scoring`` and ``compare``: the rules
  (pure Python; mirrored in ``scoring.js`` and proved equal by a parity test).
- ``audit`` and ``textsafety``: the saved-file format and the checks every
  file and every save passes. ``export`` (CSV, JSON) and ``report`` (printable
  HTML with ``radar``) turn audits into things to share.
- ``store``: teams, audits and action plans in the shared SQLAlchemy store.
- Views, which alone import ipywidgets: ``widget`` (the anywidget, with
  ``scoring.js`` + ``self_audit.js``), ``figures`` (plotly, pure functions) and
  the Voila dashboards ``dashboard`` (team progress) and ``lead_dashboard``.

Importing this package imports none of the views.
"""

from connecting_people.fidelity.audit import Audit, AuditFileError, PlanEntry, Team, load_audit
from connecting_people.fidelity.checklist import Checklist, load_checklist
from connecting_people.fidelity.compare import compare_audits
from connecting_people.fidelity.scoring import score_audit

__all__ = [
    "Audit",
    "AuditFileError",
    "Checklist",
    "PlanEntry",
    "Team",
    "compare_audits",
    "load_audit",
    "load_checklist",
    "score_audit",
]
