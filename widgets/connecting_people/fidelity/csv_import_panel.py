"""CSV import of audits on the self-audit dashboards, through the one import panel.

The file is in the CSV export's format (one row per answer). The panel's
two steps are the same as in every team tool: check the file and show the
report row by row, then import the whole audits that passed with a second
click. The store keeps each audit whole or not at all (``store.import_audit_csv``);
an audit already stored in another version is kept as its next version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from connecting_people.dashboards.import_panel import ImportPanel
from connecting_people.fidelity import store
from connecting_people.fidelity.checklist import Checklist
from connecting_people.fidelity.csvio import AuditCsvReport, read_audit_csv

FILE_NAME = "the CSV file"


@dataclass
class CsvImportResult:
    """What the panel shows after the import: the store's outcome, every line of it."""

    outcome: store.ImportOutcome

    @property
    def problem(self) -> str:
        return self.outcome.report.problem if self.outcome.report else ""

    def lines(self) -> list[str]:
        return [self.outcome.message, *self.outcome.problems, *self.outcome.details,
                *(f"Warning: {w}" for w in self.outcome.warnings)]


def audit_csv_panel(engine: Engine, checklist: Checklist, *, user: str,
                    may_import: Callable[[], object], after_save: Callable[[], None]
                    ) -> ImportPanel:
    """The import panel for a CSV of audits; ``may_import`` raises when this person may not."""

    def check(data: bytes) -> AuditCsvReport:
        return read_audit_csv(data, checklist)

    def save(data: bytes) -> CsvImportResult:
        may_import()
        return CsvImportResult(store.import_audit_csv(engine, FILE_NAME, data, checklist,
                                                      user=user))

    return ImportPanel(check, save, after_save, label="Choose a CSV file of audits")
