"""The one family of errors every store raises, each with a message meant for the person.

Before this, ``StoreConflict`` was defined three times and fidelity had its own
``StoreError``; dashboards had to know which tool they were talking to. Now a
dashboard catches ``StoreError`` and shows its message, whatever the tool.
"""

from __future__ import annotations


class StoreError(Exception):
    """A save or change was refused; ``str(error)`` is written for the person using the tool."""


class StoreConflict(StoreError):
    """The record changed or vanished since it was opened; nothing was saved."""


class StoreBusy(StoreError):
    """The database stayed locked by other saves; nothing was saved, so the person can retry."""


class AccessRefused(StoreError):
    """The signed-in person may not see or change this; the message says why (``access.py``)."""
