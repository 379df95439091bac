"""The capped pool's bookkeeping, on a stand-in for Voila's kernel manager (no kernels start).

The stand-in fills a pool the way Voila does (``pool_size`` read from
``kernel_pools_config`` at each fill) with kernels that are warm at once.
"""

from __future__ import annotations

import asyncio
import itertools
import logging

from connecting_people.serving.pool import CappedPoolMixin
from tests.unit.conftest import run_in_own_loop


class StandInVoilaManager:
    def __init__(self) -> None:
        self._pools: dict[str, list[asyncio.Future]] = {}
        self.notebook_data: dict[str, dict] = {}
        self.kernel_pools_config: dict = {}
        self.kernels: set[str] = set()
        self.log = logging.getLogger("test-room-pool")
        self._ids = itertools.count()

    def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
        size = self.kernel_pools_config[notebook_name]["pool_size"]
        pool = self._pools.setdefault(notebook_name, [])
        loop = asyncio.get_running_loop()
        for _ in range(size - len(pool)):
            kernel_id = f"k{next(self._ids)}"
            rendered = loop.create_future()
            rendered.set_result(None)
            task = loop.create_future()
            task.set_result({"kernel_id": kernel_id, "task": rendered})
            pool.append(task)
            self.kernels.add(kernel_id)
            data = self.notebook_data.setdefault(notebook_name, {"kernel_ids": set()})
            data["kernel_ids"].add(kernel_id)

    def list_kernel_ids(self):
        return sorted(self.kernels)

    def get_pool_size(self, notebook):
        return len(self._pools.get(notebook, []))

    def _get_notebook_from_kernel(self, kernel_id):
        for notebook, data in self.notebook_data.items():
            if kernel_id in data["kernel_ids"]:
                return notebook
        return None

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        for pool in self._pools.values():
            pool[:] = [task for task in pool if task.result()["kernel_id"] != kernel_id]
        for data in self.notebook_data.values():
            data["kernel_ids"].discard(kernel_id)
        self.kernels.discard(kernel_id)

    def take(self, notebook) -> str:
        """What a page does: take the first warm kernel, then Voila refills."""
        kernel_id = self._pools[notebook].pop(0).result()["kernel_id"]
        self.fill_if_needed(notebook_name=notebook)
        return kernel_id


class Room(CappedPoolMixin, StandInVoilaManager):
    def __init__(self, caps, warm=0, total=0):
        StandInVoilaManager.__init__(self)
        self.room_caps, self.room_warm, self.room_total = caps, warm, total
        for notebook in caps:
            self.fill_if_needed(notebook_name=notebook)


def run(scenario):
    return run_in_own_loop(scenario())


def test_in_use_plus_warm_never_passes_the_cap():
    async def scenario():
        room = Room({"map.ipynb": 3})
        counts = []
        for _ in range(3):
            room.take("map.ipynb")
            counts.append(len(room.kernels))
        return counts, room.is_full("map.ipynb"), room.room_status()

    counts, full, status = run(scenario)
    assert counts == [3, 3, 3]
    assert full
    assert status["dashboards"]["map.ipynb"] == {
        "cap": 3, "warm": 3, "ready": 0, "starting": 0, "in_use": 3}


def test_a_closed_page_gives_its_place_back_and_the_pool_refills():
    async def scenario():
        room = Room({"map.ipynb": 2})
        first = room.take("map.ipynb")
        room.take("map.ipynb")
        await room.shutdown_kernel(first)
        return room.room_status()["dashboards"]["map.ipynb"], len(room.kernels)

    entry, kernels = run(scenario)
    assert (entry["ready"], entry["in_use"], kernels) == (1, 1, 2)


def test_only_the_warm_share_is_kept_ready():
    async def scenario():
        room = Room({"map.ipynb": 30}, warm=2)
        before = len(room.kernels)
        room.take("map.ipynb")
        return before, len(room.kernels), room.room_status()["dashboards"]["map.ipynb"]

    before, after, entry = run(scenario)
    assert (before, after) == (2, 3)
    assert (entry["ready"], entry["in_use"], entry["warm"]) == (2, 1, 2)


def test_the_room_total_caps_every_dashboard_together():
    async def scenario():
        room = Room({"a.ipynb": 30, "b.ipynb": 30}, warm=2, total=5)
        return len(room.kernels), room.get_pool_size("a.ipynb"), room.get_pool_size("b.ipynb")

    kernels, pool_a, pool_b = run(scenario)
    assert (kernels, pool_a, pool_b) == (4, 2, 2)


def test_a_full_dashboard_borrows_a_warm_kernel_from_another():
    async def scenario():
        room = Room({"a.ipynb": 30, "b.ipynb": 30}, warm=2, total=4)
        room.take("a.ipynb")
        room.take("a.ipynb")
        assert room.is_full("a.ipynb")
        assert room.make_room_for("a.ipynb")
        await asyncio.sleep(0)  # the warm kernel of b is ended, and a refills first
        return room.get_pool_size("a.ipynb"), room.get_pool_size("b.ipynb"), len(room.kernels)

    assert run(scenario) == (1, 1, 4)


def test_a_full_room_with_nothing_to_borrow_stays_full():
    async def scenario():
        room = Room({"a.ipynb": 2})
        room.take("a.ipynb")
        room.take("a.ipynb")
        return room.is_full("a.ipynb"), room.make_room_for("a.ipynb")

    assert run(scenario) == (True, False)
