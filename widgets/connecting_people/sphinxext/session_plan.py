"""Directives that print the training course from its data files.

``session-plan`` prints one part of a session (objectives, preparation, the
timed plan, the short modules for team meetings, or the knowledge check);
``training-agenda`` prints the printable agenda for one delivery format; and
``practice-questions`` prints which sessions answer each of the twelve
practice questions; ``agenda-item-plans`` prints the plans for the welcomes
and closes; ``slide-outlines`` prints every session's slide outline. All of
them read ``connecting_people.training``, so a page, an agenda and the tests
that check the minutes can never disagree.

Handouts become ordinary document links, so a handout that is not in the book
is a broken link and fails the build (``-n -W``). Dashboards are named in
plain words, not linked: they run only where someone has started them, so
each comes with its paper fallback and, where one exists, a link to the
book's page whose exercise works with no server.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from connecting_people.sphinxext.data_directive import DataDirective, serve_static
from connecting_people.training import (
    COURSE_FILE,
    SESSIONS_DIR,
    Activity,
    SessionPlan,
    SessionPlanError,
    format_duration,
    load_course,
    load_sessions,
    modular_agenda,
    two_day_agenda,
)

# A small stylesheet, mostly for printing: answers shown, rows kept whole.
STATIC_DIR = Path(__file__).resolve().parent.parent / "training" / "static"
STYLESHEET = "cp-training.css"
SESSION_PARTS = ("length", "objectives", "preparation", "plan", "modules", "short", "check")
AGENDA_FORMATS = ("two_day", "modular", "half_hour")
# The page that prints the plans for the welcomes and closes; agenda lines link to it.
ITEM_PLANS_PAGE = "training_manual/welcomes_and_closes"


def _elapsed(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


class _CourseDirective(DataDirective):
    """Shared loading, linking and table building for the course directives."""

    data_error = SessionPlanError

    def data_files(self) -> list[Path]:
        return [COURSE_FILE, *sorted(SESSIONS_DIR.glob("*.yaml"))]

    def read_data(self):
        sessions = load_sessions()
        self.course = load_course(sessions=sessions)
        return sessions, self.course

    @staticmethod
    def table(headers: list[str], rows: list[list], widths: list[int],
              title: str | None = None, classes: tuple[str, ...] = ()) -> nodes.table:
        return DataDirective.table(headers, rows, widths, title,
                                   ("cp-training-table", *classes))

    def needs(self, activity: Activity) -> list[nodes.Node]:
        """What an activity needs: handouts (linked), dashboards and materials."""
        items = []
        for page in activity.handouts:
            para = nodes.paragraph()
            para += self.page_link(page)
            items.append(para)
        items.extend(nodes.paragraph(text=material) for material in activity.materials)
        for dashboard in activity.dashboards:
            para = nodes.paragraph(classes=["cp-dashboard-need"])
            wanted = "needed" if activity.needs_dashboards else "optional"
            para += nodes.Text(f"Dashboard ({wanted}): {self.course.dashboard_name(dashboard)}.")
            items.append(para)
        if activity.fallback is not None:
            para = nodes.paragraph(classes=["cp-fallback"])
            para += nodes.strong(text="If it is not running: ")
            para += nodes.Text(activity.fallback.paper + " ")
            if activity.fallback.page:
                para += nodes.Text("Or use this page, which needs nothing else running: ")
                para += self.page_link(activity.fallback.page)
                para += nodes.Text(".")
            items.append(para)
        return items or [nodes.paragraph(text="Nothing extra")]

    @staticmethod
    def activity_cell(title: str, summary: str | None = None) -> list[nodes.Node]:
        heading = nodes.paragraph()
        heading += nodes.strong(text=title)
        cell = [heading]
        if summary:
            cell.append(nodes.paragraph(text=summary))
        return cell


class SessionPlanDirective(_CourseDirective):
    """Print one part of a session plan: ``{session-plan} mapping`` with ``:part: plan``."""

    required_arguments = 1
    option_spec = {"part": lambda value: directives.choice(value, SESSION_PARTS)}

    def render(self, data) -> list[nodes.Node]:
        sessions, course = data
        by_id = {plan.id: plan for plan in sessions}
        plan = by_id.get(self.arguments[0])
        if plan is None:
            return self.fail(f"no session '{self.arguments[0]}'; "
                             f"known sessions: {sorted(by_id)}")
        part = self.options.get("part", "plan")
        if part == "length":
            return [self.length(plan)]
        if part == "objectives":
            return [self.bullets(plan.objectives)]
        if part == "preparation":
            return [self.bullets(plan.preparation or ("Nothing beyond the usual room set-up.",))]
        if part == "check":
            return [self.knowledge_check(plan)]
        if part == "modules":
            return self.modules(plan, course, sessions)
        if part == "short":
            return self.short_versions(plan)
        return [self.plan_table(plan)]

    @staticmethod
    def length(plan: SessionPlan) -> nodes.paragraph:
        """'How long it takes' in words, from the data, so the page cannot disagree with it."""
        slots = [format_duration(module.minutes) for module in plan.modules]
        if len(slots) == 1:
            modular = f"one team meeting slot of {slots[0]}"
        else:
            modular = f"{len(slots)} team meeting slots of " + ", ".join(slots[:-1]) \
                + f" and {slots[-1]}"
        para = nodes.paragraph()
        para += nodes.strong(text="How long it takes: ")
        para += nodes.Text(f"{format_duration(plan.minutes)} in the two-day course, "
                           f"or {modular} in the modular format.")
        return para

    @staticmethod
    def bullets(items) -> nodes.bullet_list:
        listing = nodes.bullet_list()
        for item in items:
            listing += nodes.list_item("", nodes.paragraph(text=item))
        return listing

    def plan_table(self, plan: SessionPlan) -> nodes.table:
        rows, clock = [], 0
        for activity in plan.activities:
            rows.append([
                f"{_elapsed(clock)} to {_elapsed(clock + activity.minutes)}",
                str(activity.minutes),
                self.activity_cell(activity.title, activity.summary),
                activity.kind_label,
                self.needs(activity),
            ])
            clock += activity.minutes
        rows.append(["Total", str(plan.minutes), self.activity_cell("Whole session"), "", ""])
        title = f"Timed plan for the two-day course: {format_duration(plan.minutes)}"
        return self.table(["Time", "Minutes", "Activity", "Kind", "What you need"], rows,
                          [12, 8, 45, 13, 22], title=title)

    def modules(self, plan: SessionPlan, course, sessions) -> list[nodes.Node]:
        numbers = {meeting.module.id: meeting.number
                   for meeting in modular_agenda(course, sessions)}
        out = []
        for module in plan.modules:
            rows = [[str(step.minutes), self.activity_cell(step.activity.title),
                     self.needs(step.activity)] for step in module.steps]
            rows.append([str(module.minutes), self.activity_cell("Whole meeting slot"), ""])
            title = (f"Team meeting {numbers[module.id]}: {module.title} "
                     f"({format_duration(module.minutes)})")
            out.append(self.table(["Minutes", "Activity", "What you need"], rows, [12, 50, 38],
                                  title=title))
            if module.short is not None:
                out.extend(self.short_table(module))
        return out

    def short_table(self, module) -> list[nodes.Node]:
        """The half-hour version of one module, and what it leaves out."""
        short = module.short
        rows = [[str(step.minutes), self.activity_cell(step.activity.title),
                 self.needs(step.activity)] for step in short.steps]
        rows.append([str(short.minutes), self.activity_cell("Whole half-hour slot"), ""])
        title = f"In half an hour: {module.title} ({format_duration(short.minutes)})"
        note = nodes.paragraph(classes=["cp-left-out"])
        note += nodes.strong(text="What the half-hour version leaves out: ")
        note += nodes.Text(short.left_out)
        return [self.table(["Minutes", "Activity", "What you need"], rows, [12, 50, 38],
                           title=title, classes=("cp-half-hour",)), note]

    def short_versions(self, plan: SessionPlan) -> list[nodes.Node]:
        out = []
        for module in plan.modules:
            if module.short is not None:
                out.extend(self.short_table(module))
        return out or [nodes.paragraph(text="This session has no half-hour version.")]

    def knowledge_check(self, plan: SessionPlan) -> nodes.enumerated_list:
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for item in plan.knowledge_check:
            answer = nodes.admonition(classes=["dropdown", "cp-answer"])
            answer += nodes.title(text="Answer")
            answer += nodes.paragraph(text=item.answer)
            listing += nodes.list_item("", nodes.paragraph(text=item.question), answer)
        return listing


class TrainingAgendaDirective(_CourseDirective):
    """Print the agenda for one format: ``{training-agenda} two_day`` or ``modular``."""

    required_arguments = 1

    def render(self, data) -> list[nodes.Node]:
        which = self.arguments[0]
        if which not in AGENDA_FORMATS:
            return self.fail(f"'{which}' is not one of {AGENDA_FORMATS}")
        sessions, course = data
        if which == "two_day":
            return self.two_day(course, sessions)
        return self.modular(course, sessions, half_hour=which == "half_hour")

    def session_cell(self, plan: SessionPlan, title: str | None = None) -> list[nodes.Node]:
        heading = nodes.paragraph()
        label = title or f"Session {plan.order}: {plan.title}"
        heading += nodes.strong("", "", self.page_link(plan.page, label))
        steps = nodes.bullet_list(classes=["cp-agenda-steps"])
        for activity in plan.activities:
            steps += nodes.list_item(
                "", nodes.paragraph(text=f"{activity.title} ({activity.minutes} minutes)"))
        return [heading, steps]

    def two_day(self, course, sessions) -> list[nodes.Node]:
        out = []
        days = two_day_agenda(course, sessions)
        for day in days:
            rows = []
            for row in day.rows:
                if row.session:
                    item = self.session_cell(row.session)
                elif row.plan is not None:
                    heading = nodes.paragraph()
                    heading += nodes.strong("", "", self.page_link(ITEM_PLANS_PAGE, row.title))
                    item = [heading]
                else:
                    item = self.activity_cell(row.title)
                rows.append([f"{row.start} to {row.end}", item, str(row.minutes)])
            title = (f"{day.title}: {day.start} to {day.end} "
                     f"({format_duration(day.session_minutes)} of sessions)")
            out.append(self.table(["Time", "Session or break", "Minutes"], rows, [18, 67, 15],
                                  title=title, classes=("cp-agenda",)))
        teaching = sum(day.session_minutes for day in days)
        total = sum(day.total_minutes for day in days)
        out.append(nodes.paragraph(text=(
            f"In all: {len(sessions)} sessions over {len(days)} days, "
            f"{format_duration(teaching)} of sessions and "
            f"{format_duration(total)} including welcomes, breaks and lunch."
        )))
        return out

    def modular(self, course, sessions, half_hour: bool = False) -> list[nodes.Node]:
        meetings = modular_agenda(course, sessions)
        rows = []
        for meeting in meetings:
            module = meeting.module
            steps_of = module.short.steps if half_hour else module.steps
            minutes = module.short.minutes if half_hour else meeting.minutes
            heading = nodes.paragraph()
            heading += nodes.strong("", "", self.page_link(meeting.session.page,
                                                           meeting.module.title))
            part_of = nodes.paragraph(text=f"Part of session {meeting.session.order}: "
                                           f"{meeting.session.title}")
            steps = nodes.bullet_list(classes=["cp-agenda-steps"])
            for step in steps_of:
                steps += nodes.list_item(
                    "", nodes.paragraph(text=f"{step.activity.title} ({step.minutes} minutes)"))
            # The date column is left blank for the manager to fill in on paper.
            rows.append([str(meeting.number), [heading, part_of, steps], str(minutes), ""])
        if half_hour:
            total = sum(meeting.module.short.minutes for meeting in meetings)
            table = self.table(["Slot", "Module", "Minutes", "Date"], rows, [8, 64, 12, 16],
                               title=f"The half-hour format: {len(meetings)} slots of "
                                     f"{course.short_minutes} minutes",
                               classes=("cp-agenda",))
            summary = nodes.paragraph(text=(
                f"In all: {len(sessions)} sessions in {len(meetings)} slots of "
                f"{course.short_minutes} minutes, {format_duration(total)} altogether. "
                "Each slot's plan, and what it leaves out, is on its session's page."
            ))
            return [table, summary]
        total = sum(meeting.minutes for meeting in meetings)
        table = self.table(["Slot", "Module", "Minutes", "Date"], rows, [8, 64, 12, 16],
                           title=f"The modular format: {len(meetings)} team meeting slots",
                           classes=("cp-agenda",))
        summary = nodes.paragraph(text=(
            f"In all: {len(sessions)} sessions in {len(meetings)} slots of "
            f"{course.module_min_minutes} to {course.module_max_minutes} minutes, "
            f"{format_duration(total)} altogether."
        ))
        return [table, summary]


class PracticeQuestionsDirective(_CourseDirective):
    """Print the twelve practice questions and the sessions that answer each."""

    def render(self, data) -> list[nodes.Node]:
        sessions, course = data
        rows = []
        for question in course.practice_questions:
            cell = []
            for plan in sessions:
                if question.id in plan.practice_questions:
                    para = nodes.paragraph()
                    para += self.page_link(plan.page, f"{plan.order}. {plan.title}")
                    cell.append(para)
            rows.append([question.text, cell or "Not yet covered"])
        return [self.table(["Practice question", "Sessions that answer it"], rows, [50, 50],
                           title="The twelve practice questions and where the course answers them")]


class AgendaItemPlansDirective(_CourseDirective):
    """Print the plan for every welcome and close in the two-day agenda."""

    def render(self, data) -> list[nodes.Node]:
        sessions, course = data
        out = []
        for day in two_day_agenda(course, sessions):
            for row in day.rows:
                if row.plan is None:
                    continue
                rows, clock = [], 0
                for step in row.plan.steps:
                    rows.append([f"{_elapsed(clock)} to {_elapsed(clock + step.minutes)}",
                                 str(step.minutes),
                                 self.activity_cell(step.title, step.summary)])
                    clock += step.minutes
                rows.append(["Total", str(row.plan.minutes), self.activity_cell("Whole item")])
                title = (f"{day.title}, {row.start} to {row.end}: {row.title} "
                         f"({format_duration(row.minutes)})")
                out.append(self.table(["Time", "Minutes", "What happens"], rows, [14, 10, 76],
                                      title=title))
                if row.plan.materials:
                    para = nodes.paragraph()
                    para += nodes.strong(text="You need: ")
                    para += nodes.Text("; ".join(row.plan.materials) + ".")
                    out.append(para)
        return out


class SlideOutlinesDirective(_CourseDirective):
    """Print the slide outline of every session, or of one: ``{slide-outlines} mapping``."""

    optional_arguments = 1

    def render(self, data) -> list[nodes.Node]:
        sessions, _ = data
        if self.arguments:
            sessions = [plan for plan in sessions if plan.id == self.arguments[0]]
            if not sessions:
                return self.fail(f"no session '{self.arguments[0]}'")
        out = []
        for plan in sessions:
            box = nodes.container(classes=["cp-slide-outline"])
            heading = nodes.paragraph(classes=["cp-slide-session"])
            heading += nodes.strong("", "", self.page_link(
                plan.page, f"Session {plan.order}: {plan.title}"))
            box += heading
            if not plan.slides:
                box += nodes.paragraph(text="This session has no slides: it is all practice.")
            listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for slide in plan.slides:
                item = nodes.list_item(classes=["cp-slide"])
                title = nodes.paragraph()
                title += nodes.strong(text=slide.title)
                if slide.activity:
                    title += nodes.Text(f" (for: {plan.activity(slide.activity).title})")
                item += title
                item += SessionPlanDirective.bullets(slide.points)
                listing += item
            if plan.slides:
                box += listing
            out.append(box)
        return out


def setup(app: Sphinx) -> dict:
    serve_static(app, STATIC_DIR, STYLESHEET)
    app.add_directive("session-plan", SessionPlanDirective)
    app.add_directive("training-agenda", TrainingAgendaDirective)
    app.add_directive("practice-questions", PracticeQuestionsDirective)
    app.add_directive("agenda-item-plans", AgendaItemPlansDirective)
    app.add_directive("slide-outlines", SlideOutlinesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
