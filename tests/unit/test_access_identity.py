"""The identity reader with a fake Hub answer: signed-in users, single-user mode, failures."""

from __future__ import annotations

import pytest

from connecting_people.access import SINGLE_USER_NOTE, User
from connecting_people.hub.identity import IdentityError, current_user, in_hub, mode_note
from connecting_people.store.acting import local_user

HUB_ENV = {
    "JUPYTERHUB_USER": "trust-a-lead",
    "JUPYTERHUB_API_URL": "http://127.0.0.1:8081/hub/api/",
    "JUPYTERHUB_API_TOKEN": "abc",
}


def test_without_a_hub_the_user_is_the_single_local_user():
    user = current_user({"USER": "trainer"}, fetch=pytest.fail)
    assert user == User.single_user(local_user())
    assert user.name.startswith("local:")
    assert mode_note(user) == SINGLE_USER_NOTE
    assert in_hub({"JUPYTERHUB_USER": "x"}) is False


def test_under_a_hub_groups_come_from_the_hub_api_with_the_servers_token():
    asked = []

    def fetch(url, token):
        asked.append((url, token))
        return {"name": "trust-a-lead", "groups": ["cp-lead:trust-a", "cp-team:north", "staff"]}

    user = current_user(HUB_ENV, fetch=fetch)
    assert asked == [("http://127.0.0.1:8081/hub/api/user", "abc")]
    assert user == User("trust-a-lead", frozenset({"north"}), frozenset({"trust-a"}))
    assert mode_note(user) == (
        "Signed in as trust-a-lead (lead). Your teams: north. You lead: trust-a."
    )


def test_a_hub_that_cannot_be_reached_is_a_plain_refusal():
    def fetch(url, token):
        raise OSError("connection refused")

    with pytest.raises(IdentityError, match="could not ask JupyterHub who you are"):
        current_user(HUB_ENV, fetch=fetch)


def test_an_answer_for_another_user_is_refused():
    with pytest.raises(IdentityError, match="different user"):
        current_user(HUB_ENV, fetch=lambda url, token: {"name": "someone-else", "groups": []})


def test_a_user_with_no_groups_has_no_teams():
    user = current_user(HUB_ENV, fetch=lambda url, token: {"name": "trust-a-lead"})
    assert mode_note(user) == "Signed in as trust-a-lead (no role). Your teams: none."
