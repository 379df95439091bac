"""The trainer's kit prints from the data: half-hour slots, plans for the welcomes and
closes, slide outlines, and each dashboard's paper fallback in plain words.

A tiny Sphinx project (Markdown through myst-parser, no notebooks, no theme)
keeps this to a second or two, so it runs with the unit tests.
"""

from __future__ import annotations

import re

import pytest

from tests.build.tiny_project import build_markdown

PAGE = """# Kit

```{training-agenda} two_day
```

```{training-agenda} half_hour
```

```{agenda-item-plans}
```

```{slide-outlines}
```

```{session-plan} team_plan
:part: plan
```

```{session-plan} mapping
:part: modules
```

```{slide-outlines} juggling
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, str]:
    html, warnings, _ = build_markdown(tmp_path_factory.mktemp("tiny-kit"),
                                       "connecting_people.sphinxext.session_plan", PAGE)
    return html, warnings


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_half_hour_format_lists_every_slot_at_thirty_minutes(built):
    text = _text(built[0])
    assert "The half-hour format: 11 slots of 30 minutes" in text
    assert "8 sessions in 11 slots of 30 minutes, 5 hours 30 minutes altogether" in text


def test_each_module_prints_its_half_hour_version_and_what_it_leaves_out(built):
    text = _text(built[0])
    assert "In half an hour: Making a map (30 minutes)" in text
    assert "What the half-hour version leaves out: Leaves out the demonstration" in text


def test_the_welcomes_and_closes_print_their_plans_with_clock_times(built):
    text = _text(built[0])
    assert "Day 1, 09:30 to 10:00: Welcome, introductions and ground rules (30 minutes)" in text
    assert "What we take away from today (15 minutes)" in text
    assert "Day 2, 09:30 to 09:45: Welcome back and questions from Day 1 (15 minutes)" in text
    assert "You need: Name badges" in text


def test_the_agenda_links_each_welcome_to_its_plan(built):
    _, warnings = built
    # The tiny project has no such page, so the link warns: in the book it resolves.
    assert "unknown document: '/training_manual/welcomes_and_closes'" in warnings


def test_slide_outlines_print_every_session(built):
    html, warnings = built
    assert html.count('class="cp-slide-outline') == 8
    assert "Session 8: Making it work in your team" in _text(html)
    assert "no session 'juggling'" in warnings


def test_dashboards_are_named_in_words_with_their_paper_fallback(built):
    text = _text(built[0])
    assert ".ipynb" not in text
    assert "Dashboard (optional): the capacity planner." in text
    assert "If it is not running: Work the sum on the flip chart" in text
    assert "Or use this page, which needs nothing else running:" in text
