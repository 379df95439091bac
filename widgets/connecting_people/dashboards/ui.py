"""The pieces every dashboard shares: one style sheet, messages, downloads, the error wrapper.

Dashboards are shown on projectors in training rooms and team meetings, used
by keyboard, often by someone who did not set them up. So the style sheet
raises the type size and keeps focus outlines visible, and nothing ever shows
a traceback: an expected refusal says why in plain words; anything else says
nothing was saved and is logged (with the acting user, the request and the
error as ``extra`` fields, so a JSON log formatter can print them) for
whoever runs the server. Every piece of text a person typed passes through
``html.escape`` before it reaches the page.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Callable

import ipywidgets as widgets

from connecting_people.common import logs
from connecting_people.common.csvtools import FileProblem
from connecting_people.common.fields import FieldError, ValidationError
from connecting_people.common.links import book_url, file_slug
from connecting_people.common.markup import download_link, message_html, table_html
from connecting_people.common.text import TextRefused
from connecting_people.store.errors import StoreError

logger = logging.getLogger("connecting_people.dashboards")

STYLE = """
<style>
/* Voila renders the notebook's own title cell too: make it readable on a projector. */
.jp-RenderedMarkdown.jp-RenderedHTMLCommon { font-size: 18px; }
.cp-dashboard { font-size: 20px; line-height: 1.5; max-width: 1200px; color: #1b1b1b;
  --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 38px;
  --jp-widgets-inline-label-width: 210px; }
.cp-dashboard .widget-label, .cp-dashboard input, .cp-dashboard select,
.cp-dashboard textarea, .cp-dashboard button, .cp-dashboard .widget-html-content {
  font-size: 18px; }
.cp-dashboard .widget-button, .cp-dashboard .jupyter-button { height: auto; min-height: 40px;
  padding: 4px 14px; }
.cp-dashboard :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.cp-dashboard table.cp-table { border-collapse: collapse; font-size: 18px; width: 100%;
  margin: 0.4rem 0 1rem; }
.cp-dashboard table.cp-table th, .cp-dashboard table.cp-table td {
  border: 1px solid #b1b4b6; padding: 6px 8px; text-align: left; vertical-align: top; }
.cp-dashboard table.cp-table th { background: #f3f2f1; }
/* The lead's tables have a row for each team (or each audit) of a Trust: tighter type. */
.cp-dashboard table.cp-lead-table, .cp-dashboard details.cp-chart-table table.cp-table {
  font-size: 16px; line-height: 1.35; }
.cp-dashboard table.cp-table td.cp-nowrap { white-space: nowrap; }
.cp-dashboard details.cp-chart-table > summary { cursor: pointer; color: #1d4e89;
  text-decoration: underline; margin: 0.4rem 0; }
.cp-message { padding: 10px 14px; border-left: 6px solid #1d4e89; background: #f3f7fb;
  margin: 8px 0; font-size: 18px; }
.cp-message.cp-error { border-color: #b5451b; background: #fdf3ef; }
.cp-message.cp-done { border-color: #2e7d32; background: #f1f8f1; }
.cp-dashboard .cp-flag { color: #8a2a0b; font-weight: 700; }
.cp-dashboard h2 { font-size: 28px; margin: 12px 0 6px; }
.cp-dashboard h3 { font-size: 24px; margin: 10px 0 4px; }
.cp-dashboard .cp-intro { font-size: 20px; max-width: 60em; margin: 0 0 8px; }
.cp-download { display: inline-block; margin: 4px 12px 4px 0; padding: 6px 14px; font-size: 20px;
  font-weight: 700; border: 2px solid #1d4e89; border-radius: 6px; color: #1d4e89;
  text-decoration: none; }
</style>
"""


def first_line(error: BaseException) -> str:
    """The first line of an error's message, short: enough to act on, nothing more."""
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else "")[:300]


def style_widget() -> widgets.HTML:
    return widgets.HTML(STYLE)


EXPECTED_PROBLEMS: tuple[type[Exception], ...] = (
    ValidationError, FieldError, FileProblem, TextRefused, StoreError,
)


def problem_lines(error: Exception) -> list[str]:
    """Plain-words lines for an expected problem: what was wrong, and that nothing was saved."""
    if isinstance(error, ValidationError):
        return ["Nothing was saved. Please fix:", *error.messages()]
    if isinstance(error, StoreError):
        return str(error).strip().splitlines()
    return ["Nothing was saved.", str(error)]


def log_failure(error: BaseException, *, user: str, request: str) -> None:
    """Log an unexpected failure in full, as one JSON line (``common.logs``)."""
    logs.install_once()
    logger.error(
        "dashboard %s failed for %s", request, user, exc_info=error,
        extra={"user": user, "request": request,
               "error": f"{type(error).__name__}: {first_line(error)}"},
    )


def guarded(
    show: Callable[[str], None],
    expected: tuple[type[Exception], ...] = (),
    *,
    user: str = "",
    tool: str = "dashboard",
):
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
                name = getattr(callback, "__name__", "callback")
                log_failure(error, user=user, request=f"{tool}: {name}")
                show(message_html(
                    ["Something went wrong and nothing was saved. Reload the page and try "
                     "again; if it keeps happening, tell whoever looks after the dashboards.",
                     f"For them: {type(error).__name__}: {first_line(error)}"],
                    tone="error",
                ))
            return None

        return run

    return decorate


def intro(text: str) -> widgets.HTML:
    """The opening paragraph of a dashboard, in the tool's large type."""
    return widgets.HTML(f'<p class="cp-intro">{html.escape(text)}</p>')


def heading(text: str, level: int = 2) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def store_unavailable(error: BaseException, what: str, *, user: str = "") -> widgets.HTML:
    """The one page a dashboard shows instead of itself when it cannot open the store."""
    log_failure(error, user=user, request=f"open the {what}")
    page = widgets.HTML(
        STYLE
        + message_html(
            [
                f"The {what} cannot open the team's saved data, so it is not shown. "
                "Nothing was changed.",
                "Ask whoever runs the dashboards to check that the database is running "
                "and that CONNECTING_PEOPLE_DATABASE_URL (or --database-url) is right.",
                f"Details: {type(error).__name__}: {first_line(error)}",
            ],
            tone="error",
        )
    )
    page.add_class("cp-dashboard")
    page.add_class("cp-store-down")
    return page


__all__ = [
    "STYLE",
    "book_url",
    "download_link",
    "file_slug",
    "guarded",
    "heading",
    "intro",
    "message_html",
    "problem_lines",
    "store_unavailable",
    "style_widget",
    "table_html",
]
