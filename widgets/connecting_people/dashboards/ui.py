"""Small pieces every team dashboard shares: big readable type, messages, tables, downloads.

The team tools are shown on projectors in training rooms and used by
keyboard, so the style sheet here raises the type size of every control and
keeps focus outlines visible. Every piece of text a person typed passes
through ``html.escape`` here before it reaches the page.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable

import ipywidgets as widgets

from connecting_people.common.csvtools import FileProblem
from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.common.markup import download_link, message_html, table_html

logger = logging.getLogger(__name__)

STYLE = """
<style>
.cp-team-tool { font-size: 20px; line-height: 1.5; max-width: 1100px;
  --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 38px;
  --jp-widgets-inline-label-width: 210px; }
.cp-team-tool .widget-label, .cp-team-tool input, .cp-team-tool select,
.cp-team-tool textarea, .cp-team-tool button { font-size: 18px; }
.cp-team-tool button:focus-visible, .cp-team-tool input:focus-visible,
.cp-team-tool select:focus-visible, .cp-team-tool textarea:focus-visible,
.cp-team-tool a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.cp-team-tool table.cp-table { border-collapse: collapse; font-size: 18px; width: 100%; }
.cp-team-tool table.cp-table th, .cp-team-tool table.cp-table td {
  border: 1px solid #b1b4b6; padding: 6px 8px; text-align: left; vertical-align: top; }
.cp-team-tool table.cp-table th { background: #f3f2f1; }
.cp-team-tool .cp-message { padding: 10px 14px; border-left: 6px solid #1d4e89;
  background: #f3f7fb; margin: 8px 0; }
.cp-team-tool .cp-message.cp-error { border-color: #b5451b; background: #fdf3ef; }
.cp-team-tool .cp-message.cp-done { border-color: #2e7d32; background: #f1f8f1; }
.cp-team-tool .cp-flag { color: #8a2a0b; font-weight: 700; }
.cp-team-tool h2 { font-size: 28px; margin: 12px 0 6px; }
.cp-team-tool .cp-intro { font-size: 20px; max-width: 60em; margin: 0 0 8px; }
.cp-team-tool h3 { font-size: 24px; margin: 10px 0 4px; }
.cp-team-tool a.cp-download { font-size: 20px; font-weight: 700; }
</style>
"""


def first_line(error: Exception) -> str:
    """The first line of an error's message, short: enough to act on, nothing more."""
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else "")[:300]


def style_widget() -> widgets.HTML:
    return widgets.HTML(STYLE)


def problem_lines(error: Exception) -> list[str]:
    """Plain-words lines for an expected problem with the input."""
    if isinstance(error, ValidationError):
        return ["Nothing was saved. Please fix:", *error.messages()]
    if isinstance(error, FieldError | FileProblem):
        return ["Nothing was saved.", str(error)]
    return ["Nothing was saved.", str(error)]


EXPECTED_PROBLEMS: tuple[type[Exception], ...] = (ValidationError, FieldError, FileProblem)


def guarded(show: Callable[[str], None], expected: tuple[type[Exception], ...] = ()):
    """Wrap a callback so a problem becomes a message on the page, never a traceback."""
    known = EXPECTED_PROBLEMS + expected

    def decorate(callback):
        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except known as error:
                show(message_html(problem_lines(error), tone="error"))
            except Exception as error:  # noqa: BLE001 - a dashboard must not show a traceback
                logger.exception("dashboard callback failed")
                show(
                    message_html(
                        [
                            "Something went wrong and nothing was saved.",
                            "For whoever looks after the dashboards: "
                            f"{type(error).__name__}: {first_line(error)}",
                        ],
                        tone="error",
                    )
                )
            return None

        return run

    return decorate


def intro(text: str) -> widgets.HTML:
    """The opening paragraph of a dashboard, in the tool's large type."""
    return widgets.HTML(f'<p class="cp-intro">{html.escape(text)}</p>')


def heading(text: str, level: int = 2) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def store_unavailable(error: Exception, what: str) -> widgets.HTML:
    """What a dashboard shows when it cannot reach the store at all."""
    return widgets.HTML(
        STYLE
        + '<div class="cp-team-tool">'
        + message_html(
            [
                f"The {what} cannot open the team's saved data.",
                "Check that the database is running and that "
                "CONNECTING_PEOPLE_DATABASE_URL is right.",
                f"Details: {type(error).__name__}: {first_line(error)}",
            ],
            tone="error",
        )
        + "</div>"
    )


__all__ = [
    "STYLE",
    "download_link",
    "guarded",
    "heading",
    "intro",
    "message_html",
    "problem_lines",
    "store_unavailable",
    "style_widget",
    "table_html",
]
