"""The kernel's own token says who the user is, and can read nothing about anyone else."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from connecting_people.access import User
from connecting_people.hub.client import get_within
from connecting_people.hub.identity import current_user, mode_note
from tests.deploy.conftest import process_tree

pytestmark = pytest.mark.deploy


def kernel_environment(hub, user: str) -> dict[str, str]:
    """The environment of a dashboard kernel running under ``user``'s server."""
    session = hub.start_server(user)
    # Opening a dashboard starts its kernel, as a person's first page load does.
    assert hub.get(session, f"/user/{user}/voila/render/study_overview.ipynb").status_code == 200
    for pid in process_tree(hub.process.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        env = dict(item.decode().split("=", 1) for item in environ if b"=" in item)
        if b"ipykernel_launcher" in b" ".join(cmdline) and env.get("JUPYTERHUB_USER") == user:
            return env
    raise AssertionError(f"no kernel found for {user}")


def test_the_kernel_reads_its_users_teams_with_its_own_token(hub):
    env = kernel_environment(hub, "trust-a-lead")
    user = current_user(env)
    assert user == User("trust-a-lead", frozenset(), frozenset({"trust-a"}))
    assert (
        mode_note(user) == "Signed in as trust-a-lead (lead). Your teams: none. You lead: trust-a."
    )

    headers = {"Authorization": f"token {env['JUPYTERHUB_API_TOKEN']}"}
    api = env["JUPYTERHUB_API_URL"]
    # The narrowest scope: its own user's groups, and not another user's model.
    plain = requests.Session()
    assert get_within(plain, f"{api}/users/north-worker", 30, headers=headers).status_code == 404
    assert get_within(plain, f"{api}/groups", 30, headers=headers).status_code == 403
    assert get_within(plain, f"{api}/users", 30, headers=headers).status_code == 403
