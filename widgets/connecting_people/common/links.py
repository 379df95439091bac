"""Where the book is, for every link a dashboard or report makes to it: one setting, one place.

``connecting-people serve`` puts the book at http://127.0.0.1:8000/; a Trust
server that hosts it elsewhere sets ``CONNECTING_PEOPLE_BOOK_URL``.
"""

from __future__ import annotations

import os

BOOK_URL_ENV = "CONNECTING_PEOPLE_BOOK_URL"
DEFAULT_BOOK_URL = "http://127.0.0.1:8000/"


def book_url() -> str:
    """The book's address, ending in ``/`` so page paths can be appended."""
    url = os.environ.get(BOOK_URL_ENV, "").strip() or DEFAULT_BOOK_URL
    return url if url.endswith("/") else url + "/"


def file_slug(text: str) -> str:
    """A safe piece of a file name from a team's name ("Riverside CMHT" -> "riverside-cmht")."""
    kept = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in kept.split("-") if part)[:40] or "team"
