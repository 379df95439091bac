"""Files a person brings in or takes away: the size rule, and writing exports privately.

The size rule is checked twice with the same words: in the browser, before a
file is sent (``dashboards/file_picker.js``), and again here when the bytes
arrive, in case a file reached the server some other way. Exported files hold
a team's or a person's details, so they are written readable by their owner
only (mode 0600), like the saved JSON maps.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from connecting_people.common.limits import UPLOAD_LIMIT_BYTES

PRIVATE_MODE = 0o600


def megabytes(size: int) -> str:
    """``5.0 MB``: one decimal place, as the browser check writes it."""
    return f"{size / (1024 * 1024):.1f} MB"


def size_problem(name: str, size: int, limit: int = UPLOAD_LIMIT_BYTES) -> str | None:
    """Why a file is too big to import (``None`` when it is not); a file at the limit imports."""
    if size <= limit:
        return None
    return (f"{name} is {megabytes(size)}; the largest file you can import is "
            f"{megabytes(limit)}. It was not imported.")


def write_private(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically, readable and writable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600 whatever the umask.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, PRIVATE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
