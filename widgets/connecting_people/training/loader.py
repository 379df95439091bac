"""Load and check the session plan files and the course file.

Every file is checked twice: against its JSON Schema (shape and types), then
against the rules a trainer relies on (the minutes add up, ids are unique, a
short module only uses activities of its own session). Any problem raises
``SessionPlanError`` naming the file and the place in it, so the person who
edited it can put it right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from connecting_people.common.data_files import read_yaml, schema_problems
from connecting_people.paths import BOOK_DIR, DASHBOARDS_DIR
from connecting_people.training.model import (
    RESTING_KINDS,
    Activity,
    Course,
    CourseDay,
    CourseItem,
    Fallback,
    ItemPlan,
    ItemStep,
    KnowledgeCheck,
    Module,
    ModuleStep,
    PracticeQuestion,
    SessionPlan,
    ShortVersion,
    Slide,
)
from connecting_people.training.schema import COURSE_SCHEMA, SESSION_SCHEMA

TRAINING_DIR = Path(__file__).resolve().parent
SESSIONS_DIR = TRAINING_DIR / "sessions"
COURSE_FILE = TRAINING_DIR / "course.yaml"


class SessionPlanError(ValueError):
    """A session plan or course file is missing, malformed or does not add up."""


def _read_yaml(path: Path) -> Any:
    return read_yaml(path, SessionPlanError)


def _check_schema(data: Any, schema: dict, name: str, kind: str = "session plan") -> None:
    problems = schema_problems(data, schema)
    if problems:
        lines = problems[:8]
        if len(problems) > 8:
            lines.append(f"and {len(problems) - 8} more problems")
        raise SessionPlanError(f"{name} does not follow the {kind} format:\n  "
                               + "\n  ".join(lines))


def _duplicates(values) -> list:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _activity(item: dict, name: str) -> Activity:
    dashboards = tuple(item.get("dashboards", ()))
    use = item.get("dashboard_use", "optional" if dashboards else "none")
    where = f"{name}: activity '{item['id']}'"
    if dashboards and use == "none":
        raise SessionPlanError(f"{where} names a dashboard, so its dashboard_use cannot be "
                               "'none'; say 'optional' or 'required'")
    if not dashboards and use != "none":
        raise SessionPlanError(f"{where} says dashboard_use '{use}' but names no dashboard")
    if dashboards and "fallback" not in item:
        raise SessionPlanError(f"{where} uses a dashboard but gives no fallback: say what "
                               "the trainer does on paper if the dashboard is not running")
    fallback = None
    if "fallback" in item:
        fallback = Fallback(paper=item["fallback"]["paper"], page=item["fallback"].get("page"))
    return Activity(
        id=item["id"], title=item["title"], minutes=item["minutes"], kind=item["kind"],
        summary=item["summary"], handouts=tuple(item.get("handouts", ())),
        materials=tuple(item.get("materials", ())), dashboards=dashboards,
        dashboard_use=use, fallback=fallback,
    )


def _steps(steps: list, by_id: dict, name: str, module_id: str) -> tuple[ModuleStep, ...]:
    out = []
    for step in steps:
        activity = by_id.get(step["activity"])
        if activity is None:
            raise SessionPlanError(
                f"{name}: module '{module_id}' names activity '{step['activity']}', "
                f"which is not in this session (activities: {sorted(by_id)})"
            )
        if step["minutes"] > activity.minutes:
            raise SessionPlanError(
                f"{name}: module '{module_id}' gives '{activity.id}' {step['minutes']} "
                f"minutes, longer than the full activity ({activity.minutes} minutes)"
            )
        out.append(ModuleStep(activity=activity, minutes=step["minutes"]))
    return tuple(out)


def _short_version(module: dict, by_id: dict, name: str) -> ShortVersion | None:
    short = module.get("short")
    if short is None:
        return None
    steps = _steps(short["steps"], by_id, name, module["id"])
    total = sum(step.minutes for step in steps)
    if total != short["minutes"]:
        raise SessionPlanError(
            f"{name}: the short version of module '{module['id']}' says it lasts "
            f"{short['minutes']} minutes, but its steps add up to {total} minutes"
        )
    if short["minutes"] >= module["minutes"]:
        raise SessionPlanError(
            f"{name}: the short version of module '{module['id']}' is not shorter "
            f"than the module ({short['minutes']} against {module['minutes']} minutes)"
        )
    return ShortVersion(minutes=short["minutes"], steps=steps, left_out=short["left_out"])


def session_from_data(data: Any, name: str = "session plan") -> SessionPlan:
    """Build a checked ``SessionPlan`` from parsed YAML; ``name`` is used in messages."""
    _check_schema(data, SESSION_SCHEMA, name)
    activities = tuple(_activity(item, name) for item in data["activities"])
    repeated = _duplicates(activity.id for activity in activities)
    if repeated:
        raise SessionPlanError(f"{name}: activity ids must be unique; repeated: {repeated}")
    total = sum(activity.minutes for activity in activities)
    if total != data["minutes"]:
        raise SessionPlanError(
            f"{name}: the session says it lasts {data['minutes']} minutes, "
            f"but its activities add up to {total} minutes"
        )
    by_id = {activity.id: activity for activity in activities}
    modules = []
    for module in data["modules"]:
        steps = _steps(module["steps"], by_id, name, module["id"])
        module_total = sum(step.minutes for step in steps)
        if module_total != module["minutes"]:
            raise SessionPlanError(
                f"{name}: module '{module['id']}' says it lasts {module['minutes']} minutes, "
                f"but its steps add up to {module_total} minutes"
            )
        modules.append(Module(id=module["id"], title=module["title"],
                              minutes=module["minutes"], steps=steps,
                              short=_short_version(module, by_id, name)))
    repeated = _duplicates(module.id for module in modules)
    if repeated:
        raise SessionPlanError(f"{name}: module ids must be unique; repeated: {repeated}")
    slides = []
    for slide in data.get("slides", ()):
        if slide.get("activity") is not None and slide["activity"] not in by_id:
            raise SessionPlanError(
                f"{name}: slide '{slide['title']}' names activity '{slide['activity']}', "
                f"which is not in this session (activities: {sorted(by_id)})"
            )
        slides.append(Slide(title=slide["title"], points=tuple(slide["points"]),
                            activity=slide.get("activity")))
    return SessionPlan(
        id=data["id"], order=data["order"], title=data["title"], page=data["page"],
        minutes=data["minutes"], objectives=tuple(data["objectives"]),
        practice_questions=tuple(data.get("practice_questions", ())),
        activities=activities, modules=tuple(modules),
        knowledge_check=tuple(KnowledgeCheck(question=item["question"], answer=item["answer"])
                              for item in data["knowledge_check"]),
        preparation=tuple(data.get("preparation", ())),
        slides=tuple(slides),
    )


def load_session(path: Path) -> SessionPlan:
    """Load one session plan file; its name must be its id (``mapping.yaml`` holds ``mapping``)."""
    path = Path(path)
    plan = session_from_data(_read_yaml(path), path.name)
    if plan.id != path.stem:
        raise SessionPlanError(
            f"{path.name}: the file holds session '{plan.id}'; name the file {plan.id}.yaml"
        )
    return plan


def load_sessions(folder: Path = SESSIONS_DIR) -> list[SessionPlan]:
    """Every session plan in ``folder``, in course order."""
    paths = sorted(Path(folder).glob("*.yaml"))
    if not paths:
        raise SessionPlanError(f"{folder}: no session plan files (*.yaml) found")
    plans = [load_session(path) for path in paths]
    repeated = _duplicates(plan.order for plan in plans)
    if repeated:
        raise SessionPlanError(f"{folder}: two sessions share the order number {repeated}")
    repeated = _duplicates(module.id for plan in plans for module in plan.modules)
    if repeated:
        raise SessionPlanError(f"{folder}: module ids must be unique across sessions: {repeated}")
    return sorted(plans, key=lambda plan: plan.order)


def course_from_data(data: Any, sessions: list[SessionPlan], name: str = "course") -> Course:
    """Build a checked ``Course`` from parsed YAML, checked against the sessions it names."""
    _check_schema(data, COURSE_SCHEMA, name, "training course")
    questions = tuple(PracticeQuestion(id=item["id"], text=item["text"])
                      for item in data["practice_questions"])
    repeated = _duplicates(question.id for question in questions)
    if repeated:
        raise SessionPlanError(f"{name}: practice question ids must be unique: {repeated}")
    known_questions = {question.id for question in questions}
    by_id = {plan.id: plan for plan in sessions}
    for plan in sessions:
        unknown = sorted(set(plan.practice_questions) - known_questions)
        if unknown:
            raise SessionPlanError(
                f"session '{plan.id}' names practice questions not in {name}: {unknown}"
            )

    plans = {}
    for item in data.get("item_plans", ()):
        if item["id"] in plans:
            raise SessionPlanError(f"{name}: item plan ids must be unique: '{item['id']}'")
        steps = tuple(ItemStep(title=step["title"], minutes=step["minutes"],
                               summary=step["summary"]) for step in item["steps"])
        plans[item["id"]] = ItemPlan(id=item["id"], title=item["title"],
                                     minutes=sum(step.minutes for step in steps), steps=steps,
                                     materials=tuple(item.get("materials", ())))

    days = []
    for day in data["two_day"]["days"]:
        items = []
        for item in day["items"]:
            if "session" in item:
                plan = by_id.get(item["session"])
                if plan is None:
                    raise SessionPlanError(
                        f"{name}: {day['title']} names session '{item['session']}', "
                        f"which has no plan (sessions: {sorted(by_id)})"
                    )
                items.append(CourseItem(session=plan.id, title=plan.title, minutes=None,
                                        kind="session"))
            else:
                items.append(CourseItem(session=None, title=item["title"],
                                        minutes=item["minutes"], kind=item["kind"],
                                        plan=_item_plan(item, plans, day["title"], name)))
        days.append(CourseDay(title=day["title"], start=day["start"], items=tuple(items)))

    unused = sorted(set(plans) - {item.plan.id for day in days for item in day.items
                                  if item.plan is not None})
    if unused:
        raise SessionPlanError(f"{name}: these item plans are on no agenda line: {unused}")

    placed = [item.session for day in days for item in day.items if item.session]
    repeated = _duplicates(placed)
    if repeated:
        raise SessionPlanError(f"{name}: the two-day course runs these sessions twice: {repeated}")
    left_out = sorted(set(by_id) - set(placed))
    if left_out:
        raise SessionPlanError(f"{name}: the two-day course leaves out sessions {left_out}")

    least, most = data["modular"]["min_minutes"], data["modular"]["max_minutes"]
    if least > most:
        raise SessionPlanError(f"{name}: modular min_minutes ({least}) is above max ({most})")
    for plan in sessions:
        for module in plan.modules:
            if not least <= module.minutes <= most:
                raise SessionPlanError(
                    f"session '{plan.id}': module '{module.id}' lasts {module.minutes} minutes; "
                    f"a module must fit a team meeting slot of {least} to {most} minutes"
                )
    short = data["modular"].get("short_minutes")
    if short is not None:
        for plan in sessions:
            for module in plan.modules:
                if module.short is not None and module.short.minutes != short:
                    raise SessionPlanError(
                        f"session '{plan.id}': the short version of module '{module.id}' "
                        f"lasts {module.short.minutes} minutes; short versions last {short}"
                    )
    names = dict(data.get("dashboards", {}))
    unnamed = sorted({dashboard for plan in sessions for activity in plan.activities
                      for dashboard in activity.dashboards} - set(names))
    if "dashboards" in data and unnamed:
        raise SessionPlanError(f"{name}: give these dashboards a plain name under "
                               f"'dashboards': {unnamed}")
    return Course(practice_questions=questions, days=tuple(days),
                  module_min_minutes=least, module_max_minutes=most, short_minutes=short,
                  item_plans=tuple(plans.values()), dashboard_names=names)


def _item_plan(item: dict, plans: dict, day: str, name: str) -> ItemPlan | None:
    """The plan for a welcome or close; breaks and lunch need none."""
    if "plan" not in item:
        if item["kind"] in RESTING_KINDS or not plans:
            return None
        raise SessionPlanError(f"{name}: {day}, '{item['title']}' has no plan: "
                               "name one of the item_plans")
    plan = plans.get(item["plan"])
    if plan is None:
        raise SessionPlanError(f"{name}: {day}, '{item['title']}' names plan "
                               f"'{item['plan']}', which is not in item_plans ({sorted(plans)})")
    if plan.minutes != item["minutes"]:
        raise SessionPlanError(f"{name}: {day}, '{item['title']}' lasts {item['minutes']} "
                               f"minutes, but its plan's steps add up to {plan.minutes}")
    return plan


def load_course(path: Path = COURSE_FILE, sessions: list[SessionPlan] | None = None) -> Course:
    """The course file, checked against the session plans (the package's own by default)."""
    path = Path(path)
    return course_from_data(_read_yaml(path), load_sessions() if sessions is None else sessions,
                            path.name)


def toc_pages(book_dir: Path = BOOK_DIR) -> set[str]:
    """Every page the book's table of contents names (the book builds only these)."""
    toc = _read_yaml(Path(book_dir) / "_toc.yml") or {}
    pages = {toc.get("root", "")}

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.add(str(entry["file"]).removesuffix(".md").removesuffix(".ipynb"))
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return pages


def missing_references(
    sessions: list[SessionPlan],
    book_dir: Path = BOOK_DIR,
    dashboards_dir: Path = DASHBOARDS_DIR,
) -> list[str]:
    """Handouts that are not pages of the book and dashboards that do not exist, in words."""
    book_dir, dashboards_dir = Path(book_dir), Path(dashboards_dir)
    in_toc = toc_pages(book_dir)
    problems = []

    def check_page(page: str, who: str) -> None:
        if not any((book_dir / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb")):
            problems.append(f"{who} names page '{page}', which has no file in {book_dir}")
        elif page not in in_toc:
            problems.append(f"{who} names page '{page}', which is not in _toc.yml")

    for plan in sessions:
        check_page(plan.page, f"session '{plan.id}'")
        for activity in plan.activities:
            who = f"session '{plan.id}', activity '{activity.id}'"
            for page in activity.handouts:
                check_page(page, who)
            if activity.fallback is not None and activity.fallback.page is not None:
                check_page(activity.fallback.page, f"{who} (its fallback)")
            for dashboard in activity.dashboards:
                if not (dashboards_dir / dashboard).is_file():
                    problems.append(f"{who} names dashboard '{dashboard}', "
                                    f"which is not in {dashboards_dir}")
    return problems
