"""The course directives print what the data says, and a broken handout link is a build warning.

A tiny Sphinx project (Markdown through myst-parser, no notebooks, no theme)
keeps this to a second or two, so it runs with the unit tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.build.tiny_project import build_markdown

PAGE = """# Course

```{training-agenda} two_day
```

```{training-agenda} modular
```

```{session-plan} mapping
:part: length
```

```{session-plan} mapping
:part: plan
```

```{session-plan} mapping
:part: check
```

```{session-plan} juggling
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, str, Path]:
    return build_markdown(tmp_path_factory.mktemp("tiny-book"),
                          "connecting_people.sphinxext.session_plan", PAGE)


def test_two_day_agenda_prints_clock_times_from_the_data(built):
    html, _, _ = built
    assert "Day 1: 09:30 to 16:15" in html
    assert "09:30 to 10:00" in html  # the welcome
    assert "Session 1: The model and why connections matter" in html


def test_modular_agenda_prints_every_slot(built):
    html, _, _ = built
    assert "The modular format: 11 team meeting slots" in html
    assert "slots of 45 to 60 minutes" in html


def test_session_plan_prints_length_plan_and_answers(built):
    html, _, _ = built
    assert ("1 hour 45 minutes in the two-day course, or 2 team meeting slots of "
            "55 minutes and 45 minutes") in html
    assert "Timed plan for the two-day course: 1 hour 45 minutes" in html
    assert "1:40 to 1:45" in html  # the last activity ends when the session does
    assert "cp-answer" in html and "Why should every map carry a date?" in html


def test_handouts_are_links_so_a_missing_page_warns(built):
    # The tiny project has none of the book's pages, so every handout link is
    # unresolved: in the real book, with -n -W, that fails the build.
    _, warnings, _ = built
    assert "unknown document: '/training_manual/handouts/network_map_prompts'" in warnings


def test_an_unknown_session_is_an_error_not_a_blank(built):
    _, warnings, _ = built
    assert "no session 'juggling'" in warnings


def test_the_print_stylesheet_is_shipped(built):
    html, _, out = built
    assert "cp-training.css" in html
    assert (out / "_static" / "cp-training.css").is_file()
