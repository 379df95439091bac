"""The training room's rules: places, warm kernels, memory, the code, the limits, the queue."""

from __future__ import annotations

import asyncio
import base64
import json

import pytest

from connecting_people.common.limits import UPLOAD_LIMIT_BYTES
from connecting_people.serving import room
from connecting_people.serving.launch import every_dashboard, voila_command, websocket_limit_bytes
from connecting_people.serving.pages import ROOM_FULL_TITLE, room_full_page
from connecting_people.serving.pool import WarmupQueue, kernels_in_use, standby_target
from tests.unit.conftest import run_in_own_loop

GIB = 1024**3


def test_in_use_kernels_are_the_pools_kernels_not_on_standby():
    assert kernels_in_use({"a", "b", "c"}, {"c"}) == 2
    assert standby_target(cap=30, in_use=28) == 2
    assert standby_target(cap=30, in_use=30) == 0


def test_the_default_dashboards_come_from_the_session_plans_in_order():
    assert room.default_dashboards() == [
        "network_map.ipynb", "community_directory.ipynb", "materials_tracker.ipynb",
        "outcomes_review.ipynb", "capacity_planner.ipynb", "team_progress.ipynb"]


def test_dashboards_are_named_with_or_without_their_extension():
    assert room.resolve_dashboards(["network_map", "network_map.ipynb", "team_progress"]) == [
        "network_map.ipynb", "team_progress.ipynb"]
    with pytest.raises(room.RoomError, match="There is no dashboard called 'maps'"):
        room.resolve_dashboards(["maps"])


def test_thirty_people_on_one_dashboard_are_all_kept_warm_when_memory_allows():
    plan = room.plan_room(["network_map.ipynb"], 30, available_bytes=8 * GIB)
    assert (plan.places, plan.warm, plan.total) == ({"network_map.ipynb": 30}, 30, 30)


def test_six_dashboards_share_the_memory_there_is():
    six = room.default_dashboards()
    plan = room.plan_room(six, 30, available_bytes=6 * GIB)
    # 6 GiB x 0.75 / 100 MiB = 46 kernels: 7 warm on each, 46 in use at most.
    assert (plan.warm, plan.total) == (7, 46)
    assert room.plan_room(six, 30, available_bytes=6 * GIB, warm=2).warm == 2


def test_too_little_memory_or_nobody_is_refused_in_words():
    with pytest.raises(room.RoomError, match="too little memory free for 6 dashboards"):
        room.plan_room(room.default_dashboards(), 30, available_bytes=GIB // 4)
    with pytest.raises(room.RoomError, match="at least one person"):
        room.plan_room(["network_map.ipynb"], 0, available_bytes=8 * GIB)


def test_room_codes_are_long_and_easy_to_read_aloud():
    codes = {room.new_room_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(code) == room.CODE_LENGTH and set(code) <= set(room.CODE_ALPHABET)
               for code in codes)
    assert not set("01lio") & set(room.CODE_ALPHABET)


def test_progress_and_ready_follow_the_status():
    warming = {"dashboards": {"a.ipynb": {"cap": 30, "warm": 30, "ready": 12, "in_use": 0}}}
    assert room.progress_line(warming) == "Warming up: 12 of 30 places ready"
    assert not room.is_ready(warming)
    ready = {"dashboards": {"a.ipynb": {"cap": 30, "warm": 7, "ready": 7, "in_use": 0}}}
    assert room.is_ready(ready)
    assert not room.is_ready({"dashboards": {}})


def test_the_qr_code_is_drawn_by_the_library():
    drawing = room.qr_text("http://127.0.0.1:8866/?token=abc")
    assert drawing.count("\n") > 10
    assert set(drawing) <= set(" \n\u2580\u2584\u2588")


def test_a_file_at_the_upload_limit_fits_in_one_websocket_message():
    encoded = len(base64.b64encode(b"\0" * UPLOAD_LIMIT_BYTES))
    message = json.dumps({"content": {"data": {"buffer": "x" * encoded}}, "header": {}})
    assert len(message) < websocket_limit_bytes()
    assert websocket_limit_bytes() < 2 * UPLOAD_LIMIT_BYTES


def test_the_full_page_retries_by_itself_and_loads_nothing():
    page = room_full_page()
    assert f"<title>{ROOM_FULL_TITLE}</title>" in page
    assert '<meta http-equiv="refresh" content="10">' in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_room_mode_command_names_places_warm_total_and_code():
    command = voila_command(8866, room={"a.ipynb": 3}, warm=1, total=5, token="code",
                            cull_idle_seconds=10)
    assert '--ConnectingPeopleVoila.room={"a.ipynb": 3}' in command
    assert "--ConnectingPeopleVoila.room_warm=1" in command
    assert "--ConnectingPeopleVoila.room_total=5" in command
    assert "--Voila.token=code" in command
    assert "--MappingKernelManager.cull_idle_timeout=10" in command
    assert "--Voila.ip=127.0.0.1" in command
    assert every_dashboard(2)["network_map.ipynb"] == 2


def test_a_waited_for_dashboard_warms_up_first():
    async def scenario():
        queue = WarmupQueue(slots=1)
        order = []
        await queue.acquire("first")

        async def warm(notebook):
            await queue.acquire(notebook)
            order.append(notebook)
            queue.release()

        tasks = [asyncio.create_task(warm(name)) for name in ("a", "b", "wanted")]
        await asyncio.sleep(0)
        queue.want("wanted", +1)
        queue.release()
        await asyncio.gather(*tasks)
        return order

    assert run_in_own_loop(scenario()) == ["wanted", "a", "b"]
