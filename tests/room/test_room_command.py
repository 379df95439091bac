"""``connecting-people room`` says ready with its address and code, and refuses anyone without."""

from __future__ import annotations

import re

import pytest

from connecting_people.serving import room as room_module
from connecting_people.serving.launch import STATUS_PATH
from connecting_people.serving.pages import ROOM_FULL_TITLE
from tests.room.conftest import PLACES, ROOM_DASHBOARD, http_get

pytestmark = pytest.mark.room

PAGE = f"/voila/render/{ROOM_DASHBOARD}.ipynb"


def test_room_prints_progress_then_ready_the_address_and_the_code(room):
    output = "\n".join(room.lines)
    assert f"Opening the room for {PLACES} people on: {ROOM_DASHBOARD}" in output
    assert re.search(rf"^Warming up: \d of {PLACES} places ready$", output, re.MULTILINE)
    assert f"Warming up: {PLACES} of {PLACES} places ready" in output
    assert "Ready." in room.lines
    assert f"Room address: http://127.0.0.1:{room.port}/?token={room.code}" in room.lines
    assert "This room is open on this computer only (add --lan for the room's network)." in output
    # The same address as a QR code, drawn by the library after the address.
    address = f"http://127.0.0.1:{room.port}/?token={room.code}"
    assert room_module.qr_text(address).rstrip("\n") in output


def test_a_request_without_the_code_is_refused(room):
    status, _, headers = http_get(room.url + PAGE)
    assert status == 302
    assert headers["Location"].startswith("/login?next=")
    assert http_get(room.url + STATUS_PATH)[0] == 403
    assert http_get(room.url + "/?token=not-the-code")[0] == 302


def test_a_request_with_the_code_gets_the_dashboard(room):
    room.wait_for_status(lambda s: s["dashboards"][f"{ROOM_DASHBOARD}.ipynb"]["ready"] >= 1,
                         timeout=120, what="a warm place")
    status, body, headers = http_get(f"{room.url}{PAGE}?token={room.code}")
    assert status == 200
    assert "StudyOverview" not in body  # code hidden
    # The page sets the _xsrf cookie that its closing beacon sends back.
    assert any(cookie.startswith("_xsrf=") for cookie in headers.get_all("Set-Cookie"))


def test_the_room_stays_on_loopback_without_lan(room):
    import psutil

    addresses = {conn.laddr.ip for conn in psutil.net_connections(kind="tcp")
                 if conn.status == psutil.CONN_LISTEN and conn.laddr.port == room.port}
    assert addresses == {"127.0.0.1"}


def test_the_full_page_appears_when_every_place_is_taken(room):
    notebook = f"{ROOM_DASHBOARD}.ipynb"
    room.wait_for_status(lambda s: s["dashboards"][notebook]["ready"] == PLACES,
                         timeout=180, what="every place warm")
    taken = [http_get(f"{room.url}{PAGE}?token={room.code}")[0] for _ in range(PLACES)]
    status, body, headers = http_get(f"{room.url}{PAGE}?token={room.code}")
    assert taken == [200] * PLACES
    assert status == 503
    assert f"<title>{ROOM_FULL_TITLE}</title>" in body
    assert '<meta http-equiv="refresh" content="10">' in body
    assert headers["Retry-After"] == "10"
    # Those pages never connected: their kernels are culled and the pool refills.
    room.wait_for_status(lambda s: s["dashboards"][notebook]["ready"] == PLACES
                         and s["kernels"] == PLACES, timeout=180, what="the pool refilled")


def test_an_unknown_dashboard_is_named_with_the_list(capsys):
    from connecting_people import cli

    assert cli.main(["room", "no_such_board", "--people", "2"]) == 2
    error = capsys.readouterr().err
    assert "There is no dashboard called 'no_such_board'. The dashboards are: " in error
    assert "network_map" in error
