"""A capped pool of preheated kernels per dashboard, on top of Voila's own preheating.

Voila keeps ``pool_size`` kernels on standby per notebook and starts a new one
each time a page takes one, so the number of kernels grows with every visitor
and every reload. In a room the rule is instead: for each dashboard, kernels in
use plus kernels on standby never exceed the room's cap. A page that closes (or
a kernel culled after its participant left) frees a place, and the pool refills
in the background. Warm-ups run a few at a time so a two-core laptop stays
responsive while thirty kernels start.
"""

from __future__ import annotations

import asyncio
import time

from jupyter_server.utils import ensure_async

# A page that has its kernel but has not connected yet (its scripts are still
# loading on a busy machine) is not "idle": it is spared this long.
CONNECT_GRACE_SECONDS = 60.0
# A warm-up that has not finished running the dashboard by then is stuck (it has
# been seen, rarely, on a machine at many times its capacity): end it, start again.
WARMUP_LIMIT_SECONDS = 120.0


def kernels_in_use(kernel_ids: set[str], standby_ids: set[str]) -> int:
    """Kernels of a dashboard that a participant holds: started by the pool, not on standby."""
    return len(kernel_ids - standby_ids)


def standby_target(cap: int, in_use: int) -> int:
    """How many kernels to keep warm so that in use plus standby stays at the cap."""
    return max(0, cap - in_use)


class WarmupQueue:
    """At most ``slots`` warm-ups at once; a dashboard that a page is waiting for goes first."""

    def __init__(self, slots: int) -> None:
        self.free = slots
        self.waiting: list[tuple[str, asyncio.Future]] = []
        self.wanted: dict[str, int] = {}

    async def acquire(self, notebook: str) -> None:
        if self.free > 0 and not self.waiting:
            self.free -= 1
            return
        future = asyncio.get_running_loop().create_future()
        self.waiting.append((notebook, future))
        await future

    def release(self) -> None:
        self.waiting = [(nb, fut) for nb, fut in self.waiting if not fut.done()]
        if not self.waiting:
            self.free += 1
            return
        index = next((i for i, (nb, _) in enumerate(self.waiting) if self.wanted.get(nb)), 0)
        _, future = self.waiting.pop(index)
        future.set_result(None)  # the place passes straight to the next warm-up

    def want(self, notebook: str, change: int) -> None:
        self.wanted[notebook] = self.wanted.get(notebook, 0) + change


class CappedPoolMixin:
    """Mixed in front of Voila's ``VoilaKernelManager``; ``room_caps`` names the dashboards.

    ``room_caps`` gives each dashboard its places; ``room_warm`` how many of
    them to keep warm (0: all); ``room_total`` caps the kernels of the whole
    room, so the memory they take stays within what the computer has.
    The mixin is inert when ``room_caps`` is empty (Voila's stock preheating).
    """

    room_caps: dict[str, int] = {}
    room_warm: int = 0
    room_total: int = 0  # kernels in the whole room, warm or in use (0: no limit)
    warmups_at_once: int = 2
    _room_closing = False

    def _warmups(self) -> WarmupQueue:
        if getattr(self, "_queue", None) is None:
            self._queue = WarmupQueue(self.warmups_at_once)
        return self._queue

    # -- what the room knows ------------------------------------------------------------

    def standby_ids(self, notebook: str) -> set[str]:
        ids = set()
        for task in self._pools.get(notebook, ()):
            if task.done() and not task.cancelled() and task.exception() is None:
                ids.add(task.result()["kernel_id"])
        return ids

    def room_status(self) -> dict:
        """Per dashboard: its cap, kernels warm and ready, warming up, and in use."""
        status = {}
        for notebook, cap in self.room_caps.items():
            pool = self._pools.get(notebook, [])
            ready = starting = 0
            for task in pool:
                finished = task.done() and not task.cancelled() and task.exception() is None
                if finished and task.result()["task"].done():
                    ready += 1
                else:
                    starting += 1
            kernel_ids = set(self.notebook_data.get(notebook, {}).get("kernel_ids", ()))
            status[notebook] = {
                "cap": cap,
                "warm": min(cap, self.room_warm) if self.room_warm else cap,
                "ready": ready,
                "starting": starting,
                "in_use": kernels_in_use(kernel_ids, self.standby_ids(notebook)),
            }
        queue = self._warmups()
        return {"dashboards": status, "kernels": len(self.list_kernel_ids()),
                "warmups": {"free": queue.free, "waiting": len(queue.waiting)}}

    def is_full(self, notebook: str) -> bool:
        """True when every place for this dashboard is taken (nothing warm or warming)."""
        if notebook in self.room_caps:
            return self.get_pool_size(notebook) == 0
        # A notebook outside the room has no pool: it may start a kernel only while
        # the room as a whole is under its total.
        return len(self.list_kernel_ids()) >= (self.room_total or sum(self.room_caps.values()))

    # -- Voila's pool, capped --------------------------------------------------------------

    def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
        if not self.room_caps:
            return super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)
        if self._room_closing or notebook_name not in self.room_caps:
            return None
        self._drop_failed_warmups()
        kernel_ids = set(self.notebook_data.get(notebook_name, {}).get("kernel_ids", ()))
        in_use = kernels_in_use(kernel_ids, self.standby_ids(notebook_name))
        target = standby_target(self.room_caps[notebook_name], in_use)
        if self.room_warm:
            target = min(target, self.room_warm)
        if self.room_total:
            pending = sum(not task.done() for pool in self._pools.values() for task in pool)
            room_left = self.room_total - len(self.list_kernel_ids()) - pending
            target = min(target, len(self._pools.get(notebook_name, [])) + max(0, room_left))
        # Voila reads the pool size from its configuration each time it fills; set it
        # for this one call (the event loop is single-threaded, so nothing sees it).
        saved = self.kernel_pools_config
        self.kernel_pools_config = {**saved, notebook_name: {"pool_size": target}}
        try:
            return super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)
        finally:
            self.kernel_pools_config = saved

    def _drop_failed_warmups(self) -> None:
        """A warm-up that failed (a kernel that would not start) gives its place back."""
        for notebook, pool in self._pools.items():
            failed = [task for task in pool
                      if task.done() and (task.cancelled() or task.exception() is not None)]
            for task in failed:
                pool.remove(task)
                self.log.warning("A warm-up for %s failed; its place is free again", notebook)

    def make_room_for(self, notebook: str) -> bool:
        """Free a place for a full dashboard by ending a warm kernel of the least-needed one.

        Only when the whole room is at its kernel cap and another dashboard has a
        warm kernel nobody holds; the freed place then goes to the emptiest pool.
        Returns True if a kernel is being ended for it.
        """
        if not self.room_total or notebook not in self.room_caps:
            return False
        if len(self.list_kernel_ids()) < self.room_total:
            return False
        donors = sorted(((len(self.standby_ids(other)), other) for other in self.room_caps
                         if other != notebook), reverse=True)
        if not donors or donors[0][0] == 0:
            return False
        donor = donors[0][1]
        kernel_id = sorted(self.standby_ids(donor))[0]
        self.log.info("Room full on %s: ending a warm kernel of %s for it", notebook, donor)
        asyncio.ensure_future(self.shutdown_kernel(kernel_id))
        return True

    def refill_all(self) -> None:
        """Refill every dashboard, the emptiest first, so a full one gets the freed place."""
        for notebook in sorted(self.room_caps, key=self.get_pool_size):
            self.fill_if_needed(notebook_name=notebook)

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        if not self.room_caps:
            return await super()._initialize(notebook_path, kernel_id, **kwargs)
        # Hold a warm-up place until the notebook has run, not only until the kernel
        # has started: running the dashboard's cells is most of the work.
        queue = self._warmups()
        await queue.acquire(notebook_path)
        try:
            content = await super()._initialize(notebook_path, kernel_id, **kwargs)
        except BaseException:
            queue.release()
            raise
        content["task"].add_done_callback(lambda _task: queue.release())
        asyncio.ensure_future(self._watch_warmup(notebook_path, content))
        # While a warm-up's kernel has started but its pool entry is not done yet, the
        # kernel counts twice (as a kernel of the room and as a warm-up still pending),
        # so a refill decided in that moment starts too few. Decide again once this
        # entry is done (the callback runs after this coroutine has returned).
        asyncio.get_running_loop().call_soon(self._refill_after_warmup_started)
        return content

    def _refill_after_warmup_started(self) -> None:
        if self.room_caps and not self._room_closing:
            self.refill_all()

    async def _watch_warmup(self, notebook: str, content: dict) -> None:
        render = content["task"]
        await asyncio.wait({render}, timeout=WARMUP_LIMIT_SECONDS)
        if render.done() or self._room_closing:
            return
        self.log.error("A warm-up for %s took over %d s; ending it and starting again",
                       notebook, WARMUP_LIMIT_SECONDS)
        render.cancel()
        if content["kernel_id"] in self.list_kernel_ids():
            await ensure_async(self.shutdown_kernel(content["kernel_id"]))

    def _handed(self) -> dict[str, float]:
        if getattr(self, "_handed_at", None) is None:
            self._handed_at = {}
        return self._handed_at

    def _ending(self) -> set[str]:
        if getattr(self, "_ending_ids", None) is None:
            self._ending_ids = set()
        return self._ending_ids

    def notify_connect(self, kernel_id):
        self._handed().pop(kernel_id, None)  # connected: normal culling rules from now on
        return super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id in self._ending():
            return None  # already being shut down (a closing page's beacon got there first)
        handed = self._handed().get(kernel_id)
        if handed is not None and time.monotonic() - handed < CONNECT_GRACE_SECONDS:
            return None
        return await ensure_async(super().cull_kernel_if_idle(kernel_id))

    async def get_rendered_notebook(self, notebook_name, *args, **kwargs):
        if not self.room_caps:
            return await super().get_rendered_notebook(notebook_name, *args, **kwargs)
        queue = self._warmups()
        queue.want(notebook_name, +1)
        try:
            result = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
        finally:
            queue.want(notebook_name, -1)
        # The page has not connected yet: without this, a kernel warmed long ago
        # would look idle and the culler could end it while the page loads.
        self._handed()[result[2]] = time.monotonic()
        return result

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._handed().pop(kernel_id, None)
        if kernel_id in self._ending():
            return None
        self._ending().add(kernel_id)
        try:
            result = await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        finally:
            self._ending().discard(kernel_id)
        if self.room_caps and not self._room_closing:
            self.refill_all()
        return result

    async def shutdown_all(self, *args, **kwargs):
        self._room_closing = True
        return await ensure_async(super().shutdown_all(*args, **kwargs))
