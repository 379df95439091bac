"""A person's route through the Trust Hub in Chromium: sign in, a dashboard, and nothing else.

Shares the session's one Hub (conftest.py). Users are the demo's fictional staff.
"""

from __future__ import annotations

import re

import pytest

from connecting_people.hub.demo import DEMO_PASSWORD
from tests.deploy.conftest import SPAWN_TIMEOUT

pytestmark = [pytest.mark.deploy, pytest.mark.browser]

DASHBOARD = "community_directory.ipynb"
# Sent down a dashboard's own kernel websocket from the signed-in page: an
# execute_request that would write a file, then a kernel_info_request. The
# kernel answers shell requests in order, so once the kernel_info_reply is in,
# any execute_reply would already have arrived.
EXECUTE_THEN_INFO_JS = """
async ([channelsUrl, code]) => {
  const ws = new WebSocket(channelsUrl);
  const seen = [];
  const message = (type, content) => ({
    header: {msg_id: type + "-" + Math.random(), username: "test", session: "s1",
             msg_type: type, version: "5.3", date: new Date().toISOString()},
    parent_header: {}, metadata: {}, content, channel: "shell", buffers: []});
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  const done = new Promise((resolve) => {
    ws.onmessage = (event) => {
      const reply = JSON.parse(event.data);
      seen.push(reply.msg_type);
      if (reply.msg_type === "kernel_info_reply") resolve();
    };
  });
  ws.send(JSON.stringify(message("execute_request", {code, silent: false,
    store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true})));
  ws.send(JSON.stringify(message("kernel_info_request", {})));
  await done;
  ws.close();
  return seen;
}
"""


def sign_in(page, hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Signing in starts the person's server and shows the Hub's "starting" page,
    # which sends the browser on to the server once it is ready. Wait for that
    # arrival: a test that navigated while the page still waited had its own
    # navigation interrupted by the Hub's (seen once in CI).
    page.wait_for_url(re.compile(rf".*/user/{re.escape(user)}/.*"), timeout=SPAWN_TIMEOUT * 1000)
    page.wait_for_load_state("load")


def test_a_request_with_no_session_gets_the_sign_in_page(hub, page):
    page.goto(f"{hub.url}/user/north-worker/voila/render/{DASHBOARD}")
    page.wait_for_url(re.compile(r".*/hub/login\?next=.*"))
    assert page.get_by_role("button", name="Sign in").is_visible()


def test_a_signed_in_user_reaches_a_dashboard_and_nothing_else(hub, page, tmp_path):
    sign_in(page, hub, "north-worker")
    hub.start_server("north-worker")
    base = f"{hub.url}/user/north-worker"
    page.goto(f"{base}/voila/render/{DASHBOARD}", timeout=120_000)
    # The widget appears only when its comms reach the kernel over the websocket.
    page.get_by_role("button", name="Add or edit").wait_for(timeout=120_000)

    for path in [
        "lab",
        "lab/tree/x.ipynb",
        "tree",
        "terminals/1",
        "api/terminals",
        "api/contents",
        f"api/contents/{DASHBOARD}",
        "api/sessions",
        "api/kernels",
        f"files/{DASHBOARD}",
        f"edit/{DASHBOARD}",
        f"notebooks/{DASHBOARD}",
    ]:
        reply = page.request.get(f"{base}/{path}", max_redirects=0)
        assert (path, reply.status) == (path, 403)
    made = page.request.post(f"{base}/api/kernels", data="{}", max_redirects=0)
    assert made.status == 403

    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    marker = tmp_path / "code-ran"
    channels = f"{base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels"
    seen = page.evaluate(EXECUTE_THEN_INFO_JS, [channels, f"open({str(marker)!r}, 'w')"])
    assert "kernel_info_reply" in seen
    assert [kind for kind in seen if kind.startswith("execute")] == []
    assert marker.exists() is False
    refused = 'Received message of type "execute_request", which is not allowed'
    assert any(refused in message for message in hub.log_messages())


def test_a_signed_in_user_cannot_reach_another_users_server(hub, page):
    hub.start_server("south-worker")
    sign_in(page, hub, "north-worker")
    for path in ["voila/tree", f"voila/render/{DASHBOARD}", "api/status"]:
        # Pages send the browser to the Hub, which refuses; the API refuses at once.
        reply = page.request.get(f"{hub.url}/user/south-worker/{path}")
        assert (path, reply.status) == (path, 403)
        assert "Community resource directory" not in reply.text()


def test_the_north_user_saves_a_directory_entry_under_their_own_name(hub, page):
    import sqlalchemy as sa

    from connecting_people.community.store import resources
    from connecting_people.store import make_engine

    sign_in(page, hub, "north-worker")
    hub.start_server("north-worker")
    page.goto(f"{hub.url}/user/north-worker/voila/render/{DASHBOARD}", timeout=120_000)
    page.get_by_role("button", name="Add or edit").click(timeout=120_000)
    page.get_by_label("Name *").fill("Lockside Walkers")
    page.get_by_label("Kind *").select_option(label="Group or club")
    page.get_by_label("What it offers *").fill("Gentle canal-side walks")
    page.get_by_label("Area *").fill("Lockside")
    page.get_by_role("button", name="Add entry").click()
    page.get_by_text("Added 'Lockside Walkers'").wait_for(timeout=30_000)

    engine = make_engine(hub.database_url)
    with engine.connect() as connection:
        saved = connection.execute(
            sa.select(resources.c.changed_by).where(resources.c.name == "Lockside Walkers")
        ).all()
    engine.dispose()
    assert saved == [("north-worker",)]


def test_the_south_user_cannot_reach_norths_directory_by_picker_or_typed_name(hub, page):
    sign_in(page, hub, "south-worker")
    hub.start_server("south-worker")
    page.goto(f"{hub.url}/user/south-worker/voila/render/{DASHBOARD}", timeout=120_000)
    page.get_by_role("button", name="Add or edit").wait_for(timeout=120_000)
    page.get_by_text("Signed in as south-worker (team member). Your teams: south.").wait_for()
    team_box = page.get_by_label("Team")
    assert team_box.input_value() == "south"
    offered = page.locator("datalist option").evaluate_all("nodes => nodes.map(n => n.value)")
    assert offered == ["south"]
    team_box.fill("north")
    team_box.press("Enter")
    page.get_by_text("You are not a member of team north").wait_for(timeout=30_000)
    assert team_box.input_value() == "south"
    assert "Lockside Walkers" not in page.content()
