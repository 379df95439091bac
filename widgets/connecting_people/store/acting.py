"""Who is making a change, as every store records it in ``changed_by``.

On a person's own computer there is one user, named ``local:<login name>`` so
it can never be mistaken for a signed-in account. A shared server (JupyterHub)
passes the signed-in user to the store functions instead; they take the acting
user as an explicit ``user`` argument for that reason.
"""

from __future__ import annotations

import getpass
import os

USER_MAX_LENGTH = 200


def local_user() -> str:
    """The acting user in single-user mode: ``local:`` and the login name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        # No login name (for example a container without a password entry).
        name = "unknown"
    return f"local:{name}"[:USER_MAX_LENGTH]


def acting_user(user: str | None) -> str:
    """``user`` as given, or the local identity when the caller is single-user."""
    if user is None:
        return local_user()
    user = user.strip()
    if not user:
        raise ValueError("The acting user must be named (for example 'local:sam').")
    return user[:USER_MAX_LENGTH]


def session_user() -> str:
    """The acting user of this kernel: the signed-in JupyterHub user, else the local one.

    JupyterHub sets ``JUPYTERHUB_USER`` for each person's own server, and the
    dashboards' kernels inherit it; the person cannot change it, because their
    server runs no code of theirs (``hub/lockdown.py``).
    """
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    return acting_user(hub_user) if hub_user else local_user()
