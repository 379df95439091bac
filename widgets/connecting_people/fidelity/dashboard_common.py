"""What both self-audit dashboards share: opening the store, friendly messages, downloads, style.

A dashboard is used in a team meeting or on a projector, often by someone who
did not set it up. So nothing here ever shows a traceback: a refused save says
why in plain words, and anything unexpected says what to try and is logged
for whoever runs the server. Type is large enough to read across a room.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from connecting_people.fidelity import store
from connecting_people.store import make_engine

log = logging.getLogger("connecting_people.fidelity.dashboards")
BOOK_URL_ENV = "CONNECTING_PEOPLE_BOOK_URL"
# `connecting-people serve` puts the book here; set the variable when it is elsewhere.
DEFAULT_BOOK_URL = "http://127.0.0.1:8000/"

STYLE = """
<style>
/* Voila renders the notebook's own title cell too: make it readable on a projector. */
.jp-RenderedMarkdown.jp-RenderedHTMLCommon { font-size: 18px; }
.cp-dashboard { font-size: 18px; line-height: 1.5; max-width: 1200px; color: #1b1b1b; }
.cp-dashboard h2 { font-size: 1.7rem; margin: 1.2rem 0 0.4rem; }
.cp-dashboard h3 { font-size: 1.35rem; margin: 1rem 0 0.3rem; }
.cp-dashboard .widget-label, .cp-dashboard .widget-dropdown select,
.cp-dashboard .widget-text input, .cp-dashboard .widget-button, .cp-dashboard button,
.cp-dashboard .widget-checkbox label, .cp-dashboard .widget-html-content {
  font-size: 18px !important; }
.cp-dashboard .widget-button, .cp-dashboard .jupyter-button { height: auto; min-height: 40px;
  padding: 4px 14px; }
.cp-dashboard .widget-dropdown select, .cp-dashboard .widget-text input { height: 40px; }
.cp-dashboard :focus-visible { outline: 3px solid #b5451b !important; outline-offset: 2px; }
.cp-dashboard table.cp-table { border-collapse: collapse; margin: 0.4rem 0 1rem; }
.cp-dashboard table.cp-table th, .cp-dashboard table.cp-table td {
  border: 1px solid #b0b0b0; padding: 6px 10px; text-align: left; }
.cp-dashboard table.cp-table thead th { background: #eeeeee; }
.cp-message { padding: 8px 12px; margin: 6px 0; border-left: 6px solid; font-size: 18px; }
.cp-message-ok { background: #e8f5e9; border-color: #2e7d32; }
.cp-message-error { background: #fdecea; border-color: #b3261e; }
.cp-message-info { background: #eef3fa; border-color: #1d4e89; }
.cp-download { display: inline-block; margin: 4px 12px 4px 0; padding: 6px 14px; font-size: 18px;
  border: 2px solid #1d4e89; border-radius: 6px; color: #1d4e89; text-decoration: none; }
</style>
"""


def book_url() -> str:
    url = os.environ.get(BOOK_URL_ENV, "").strip() or DEFAULT_BOOK_URL
    return url if url.endswith("/") else url + "/"


def open_store(url: str | None = None) -> Engine:
    """The shared store with the fidelity tables up to date."""
    engine = make_engine(url)
    store.ensure_schema(engine)
    return engine


def message_html(kind: str, text: str, details: list[str] | None = None) -> str:
    items = "".join(f"<li>{html.escape(d)}</li>" for d in details or [])
    listing = f"<ul>{items}</ul>" if items else ""
    role = "alert" if kind == "error" else "status"
    return (f'<div class="cp-message cp-message-{kind}" role="{role}">'
            f"{html.escape(text)}{listing}</div>")


def cannot_open_store(error: Exception) -> widgets.HTML:
    log.exception("the fidelity dashboard could not open the store", exc_info=error)
    return widgets.HTML(STYLE + message_html(
        "error",
        "The dashboard could not open the team records. Ask the person who runs the "
        "dashboards to check the database setting (CONNECTING_PEOPLE_DATABASE_URL or "
        "--database-url) and that the database is running. Nothing was changed.",
    ))


def friendly(show: Callable[[str, str, list[str] | None], None]):
    """Wrap a callback so any failure becomes a plain message, never a traceback."""

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except store.StoreError as error:
                show("error", str(error), None)
            except SQLAlchemyError as error:
                log.exception("store error in a fidelity dashboard", exc_info=error)
                show("error", "The team records could not be reached, so nothing was changed. "
                              "Try again in a moment; if it keeps happening, tell the person "
                              "who runs the dashboards.", None)
            except Exception as error:  # noqa: BLE001 - shown as a message, logged in full
                log.exception("unexpected error in a fidelity dashboard", exc_info=error)
                show("error", "Something went wrong, and nothing was changed. Reload the page "
                              "and try again.", None)
            return None

        return run

    return wrap


def download_link(label: str, file_name: str, content: str, mime: str) -> str:
    """A link that downloads ``content`` as a file, with no server round trip."""
    data = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return (f'<a class="cp-download" download="{html.escape(file_name)}" '
            f'href="data:{mime};charset=utf-8;base64,{data}">{html.escape(label)}</a>')


def file_slug(text: str) -> str:
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:40] or "team"
