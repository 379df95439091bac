"""Who is using this kernel: asked of JupyterHub with the server's own token.

On a Trust server, JupyterHub starts each user's server with
``JUPYTERHUB_USER``, ``JUPYTERHUB_API_URL`` and ``JUPYTERHUB_API_TOKEN`` in its
environment, and the dashboards' kernels inherit them. The token carries only
the scopes in ``config.SERVER_TOKEN_SCOPES``; ``read:users:groups!user`` lets it
read its own user's groups and nobody else's. The groups give the teams and
role (``groups.roles_from_groups``).

Without a Hub (a laptop, a training room) there is no such environment, and
the user is the single local user who may do everything, as before sign-in
existed; :func:`mode_note` gives the sentence the screen shows to say so.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Callable, Mapping

from connecting_people.access import SINGLE_USER_NOTE, User
from connecting_people.store.acting import local_user

HUB_ENV = ("JUPYTERHUB_USER", "JUPYTERHUB_API_URL", "JUPYTERHUB_API_TOKEN")
REQUEST_TIMEOUT_SECONDS = 10


class IdentityError(RuntimeError):
    """The Hub could not say who this is; the dashboards refuse rather than guess."""


def in_hub(env: Mapping[str, str] = os.environ) -> bool:
    """True when this kernel runs under a JupyterHub user's server."""
    return all(env.get(name) for name in HUB_ENV)


def _fetch_json(url: str, token: str) -> dict:
    # The Hub's API address comes from the Hub itself (loopback or the cluster);
    # refuse anything but http(s) so a bad environment cannot open a local file.
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"JUPYTERHUB_API_URL must be an http(s) address, not {url!r}")
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.load(response)


def current_user(
    env: Mapping[str, str] = os.environ,
    fetch: Callable[[str, str], dict] = _fetch_json,
) -> User:
    """The acting user: from the Hub's API under a Hub, else the single local user."""
    if not in_hub(env):
        return User.single_user(local_user())
    url = env["JUPYTERHUB_API_URL"].rstrip("/") + "/user"
    try:
        model = fetch(url, env["JUPYTERHUB_API_TOKEN"])
    except (OSError, ValueError) as error:
        raise IdentityError(
            "The dashboards could not ask JupyterHub who you are, so they show nothing. "
            "Reload the page; if it happens again, tell your Trust's IT service desk."
        ) from error
    name = model.get("name")
    if name != env["JUPYTERHUB_USER"]:
        raise IdentityError(
            "JupyterHub answered for a different user than this server's, so the "
            "dashboards show nothing. Tell your Trust's IT service desk."
        )
    return User.from_groups(name, model.get("groups") or [])


def mode_note(user: User) -> str:
    """One sentence for the top of every dashboard: signed in as whom, or single-user mode."""
    if not user.signed_in:
        return SINGLE_USER_NOTE
    teams = ", ".join(sorted(user.teams)) or "none"
    note = f"Signed in as {user.name} ({user.role}). Your teams: {teams}."
    if user.lead_trusts:
        note += f" You lead: {', '.join(sorted(user.lead_trusts))}."
    return note
