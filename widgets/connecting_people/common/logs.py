"""One log format for every process we run: JSON lines with time, level, user, request, error.

A Trust's IT team reads logs with tools that expect one record per line
(journald, a log collector). The same formatter is used by ``serve``,
``dashboards``, ``room`` and ``hub`` for their own messages, by Voila and
JupyterHub through their ``logging_config`` (``traitlets_logging_config``),
and by a dashboard's kernel when a callback fails (``dashboards.ui``), so
that a failure on someone's page becomes exactly one line naming who it
happened to and what went wrong, while the page shows a plain message.

Fields: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, and,
when known, ``user``, ``request`` and ``error``; ``traceback`` holds the
whole traceback, escaped into the one line.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from typing import TextIO

FORMATTER_PATH = "connecting_people.common.logs.JsonLinesFormatter"
HANDLER_NAME = "connecting-people-json"


class JsonLinesFormatter(logging.Formatter):
    """A log record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            # On a Trust server each user's server (and its kernels) runs as that user.
            "user": getattr(record, "user", None) or os.environ.get("JUPYTERHUB_USER", ""),
        }
        for name in ("request", "error"):
            value = getattr(record, name, None)
            if value:
                line[name] = str(value)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line.setdefault("error", f"{type(error).__name__}: {_first_line(error)}")
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def install(logger: str = "connecting_people", *, stream: TextIO | None = None,
            level: int = logging.INFO) -> logging.Handler:
    """Send ``logger``'s records, as JSON lines, to ``stream`` (default: the process's stderr).

    Safe to call again: the handler is replaced, never added twice. In a
    kernel ``sys.stderr`` is the page's output, so the default is the
    process's own standard error (``sys.__stderr__``), which Voila and the
    service manager collect.
    """
    target = logging.getLogger(logger)
    for old in [h for h in target.handlers if h.get_name() == HANDLER_NAME]:
        target.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.__stderr__ or sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonLinesFormatter())
    target.addHandler(handler)
    target.setLevel(min(level, target.level or level))
    return handler


def install_once(logger: str = "connecting_people") -> None:
    """``install`` unless ``logger`` already has the JSON handler (a dashboard's first failure)."""
    if not any(h.get_name() == HANDLER_NAME for h in logging.getLogger(logger).handlers):
        install(logger)


def traitlets_logging_config() -> dict:
    """The ``logging_config`` for Voila, Jupyter Server and JupyterHub: their console in JSON."""
    return {
        "formatters": {"connecting_people_json": {"()": FORMATTER_PATH}},
        "handlers": {"console": {"formatter": "connecting_people_json"}},
    }
