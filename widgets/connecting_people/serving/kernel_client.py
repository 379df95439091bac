"""The kernel client Voila runs dashboards with: a reply already received is never waited for.

Voila runs a dashboard's cells through nbclient, which waits for each cell's
execute reply with no time limit, on a ``zmq.asyncio`` socket. Such a socket
wakes its waiter from the ZeroMQ socket's file descriptor, which is
edge-triggered: ZeroMQ signals it once, and any other operation on the socket
can consume that signal. When the signal is lost, the reply sits in the socket
and nothing reads it; the warm-up (or page) then waits forever.

Seen on this project's rooms under load (benchmarks/results/training_room.md,
"The stuck warm-up"): the kernel had gone idle (its ``status: idle`` arrived on
iopub), every kernel answered a fresh client at once, yet Voila's shell socket
held the reply (``ZMQ_EVENTS`` had ``POLLIN``) while nbclient went on waiting.
Reading ``ZMQ_EVENTS`` through pyzmq's asyncio socket schedules its event
handler, and the waiter got the reply at once.

So every unbounded wait here becomes a series of short ones: each new wait asks
the socket what it already holds (``_add_recv_event`` checks ``ZMQ_EVENTS``), so
a lost signal costs at most ``RECHECK_SECONDS`` instead of the page. Replies
that arrive normally are read as soon as they arrive, as before.
"""

from __future__ import annotations

from queue import Empty
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

RECHECK_SECONDS = 1.0


class RecheckingChannel(AsyncZMQSocketChannel):
    """A channel whose "wait for as long as it takes" asks the socket again every second."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        if timeout is not None:
            return await super().get_msg(timeout)
        while True:
            try:
                return await super().get_msg(RECHECK_SECONDS)
            except Empty:
                continue

    async def get_msgs(self) -> list[dict[str, Any]]:
        """Every message already received (never waits for more)."""
        messages = []
        while True:
            try:
                messages.append(await super().get_msg(0))
            except Empty:
                return messages


class RecheckingKernelClient(AsyncKernelClient):
    """Voila's kernel client, with the shell and iopub channels that cannot miss a message."""

    shell_channel_class = Type(RecheckingChannel)
    iopub_channel_class = Type(RecheckingChannel)
