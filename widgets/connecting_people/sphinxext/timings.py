"""The ``{timing}`` role and the tables that print the book's timings.

Every page that says how long a step takes, how big the example team is or
how long the course runs reads it from ``connecting_people.timings`` through
these, so the book cannot say "five minutes" on one page and "30 minutes" on
another (tests/build/test_timings_in_prose.py fails a page that states such a
number directly).

- ``{timing}`key``` prints one value: ``make_map`` gives "about 40 minutes
  (20 minutes to 1 hour)"; ``make_map:range``, ``budget:likely*20``,
  ``team:size`` and ``course:modular`` are other keys, and a costed sum
  the manual works out is a named figure (``directory_upkeep:likely``) or an
  amount (``20m:likely*team*4``), so no page types a sum's result
  (see ``Timings.say``).
- ``timings-table`` prints every practice task with its range and basis.
- ``person-budget`` prints one person's steps over six months and the total.
- ``year-one-costs`` prints the team's first year in staff hours, the
  business case's table (``year_one:total``, ``year_one:percent`` and the
  other ``year_one`` keys print its totals in a sentence).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from connecting_people.sphinxext.data_directive import DataDirective, serve_static
from connecting_people.timings import (
    TIMINGS_PATH,
    TimingKeyError,
    Timings,
    TimingsError,
    format_minutes,
    format_range,
    load_timings,
)

ESTIMATE_TEXT = "The book's estimate"
# Print styles for the one-page starts, which promise one or two A4 pages.
STATIC_DIR = Path(__file__).resolve().parent.parent / "timings" / "static"
STYLESHEET = "cp-one-page.css"


def _basis_nodes(directive: SphinxDirective, basis: str) -> list[nodes.Node]:
    """'The book's estimate', or the source as a citation parsed like any MyST text."""
    if basis == "estimate":
        return [nodes.paragraph(text=ESTIMATE_TEXT)]
    return directive.parse_text_to_nodes(f"{{cite:t}}`{basis}`")


class TimingRole(SphinxRole):
    """``{timing}`make_map:range``` -> "20 minutes to 1 hour"."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.env.note_dependency(str(TIMINGS_PATH))
        try:
            text = load_timings().say(self.text)
        except (TimingKeyError, TimingsError) as error:
            message = self.inliner.reporter.error(f"timing: {error}", line=self.lineno)
            return [nodes.problematic(self.rawtext, self.rawtext)], [message]
        return [nodes.inline(self.rawtext, text, classes=["cp-timing"])], []


class _TimingsDirective(DataDirective):
    data_error = TimingsError

    def data_files(self) -> list[Path]:
        return [TIMINGS_PATH]

    def read_data(self) -> Timings:
        return load_timings()

    def table(self, headers: list[str], rows: list[list], widths: list[int]) -> nodes.table:
        return DataDirective.table(headers, rows, widths, classes=("cp-timings-table",))


class TimingsTableDirective(_TimingsDirective):
    """Every task: what it is, how long it usually takes, the range and the basis."""

    def render(self, timings: Timings) -> list[nodes.Node]:
        rows = [[task.name, format_minutes(task.likely), format_range(task.low, task.high),
                 _basis_nodes(self, task.basis), task.note]
                for task in timings.tasks.values()]
        return [self.table(["Task", "Usually", "Range", "Where the number comes from", "Notes"],
                       rows, [20, 10, 16, 14, 40])]


class PersonBudgetDirective(_TimingsDirective):
    """One person's six months: each step, how often, and the total as a range."""

    def render(self, timings: Timings) -> list[nodes.Node]:
        rows = []
        for task, times in timings.budget.steps:
            how_often = "Once" if times == 1 else f"{times} times"
            rows.append([task.name, how_often, format_minutes(task.likely * times),
                         format_range(task.low * times, task.high * times)])
        budget = timings.budget
        likely = nodes.strong(text=format_minutes(budget.total("likely")))
        rows.append([[nodes.paragraph("", "", nodes.strong(text="Total"))], "",
                     [nodes.paragraph("", "", likely)], timings.say("budget:range")])
        return [self.table(["Step", "How often", "Usually", "Range"], rows, [46, 14, 20, 20])]


class YearOneDirective(_TimingsDirective):
    """The team's first year in staff hours: each item, how it is worked out, the total."""

    def render(self, timings: Timings) -> list[nodes.Node]:
        rows = []
        for item, hours in timings.year_one_hours():
            how = self.parse_text_to_nodes(item.how)
            link = nodes.paragraph("", "", self.page_link(item.page))
            rows.append([item.label, f"{hours:,}", how, [link]])
        total = nodes.strong(text=timings.say("year_one:total"))
        rows.append([[nodes.paragraph("", "", nodes.strong(text="Total"))],
                     [nodes.paragraph("", "", total)], "", ""])
        headers = ["Item", "Hours in year one", "How it is worked out", "Where to read more"]
        return [self.table(headers, rows, [22, 12, 36, 30])]


def setup(app: Sphinx) -> None:
    serve_static(app, STATIC_DIR, STYLESHEET)
    app.add_role("timing", TimingRole())
    app.add_directive("timings-table", TimingsTableDirective)
    app.add_directive("person-budget", PersonBudgetDirective)
    app.add_directive("year-one-costs", YearOneDirective)
