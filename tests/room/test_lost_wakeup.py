"""A reply whose wake-up signal is lost is still read: the cause of the stuck warm-ups, modelled.

Under load, a room's warm-up (and a Hub page) sometimes waited forever for an
execute reply that was already in Voila's shell socket: the socket's
edge-triggered wake-up had been consumed, so nothing read it (see
``connecting_people.serving.kernel_client``). Here the wake-up is lost on
purpose, every time: the event loop stops watching the socket before the
reply arrives. The stock channel then never returns; ours reads the reply
within a re-check. No timing luck is involved, only bounded waits.
"""

from __future__ import annotations

import asyncio

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from connecting_people.serving.kernel_client import RECHECK_SECONDS, RecheckingChannel
from connecting_people.serving.launch import RECHECKING_CLIENT, voila_command
from tests.unit.conftest import run_in_own_loop

pytestmark = pytest.mark.room

BOUND = RECHECK_SECONDS + 2.0  # seconds the test waits for a reply, at most


async def wait_with_the_wakeup_lost(channel_class) -> dict | None:
    """Wait for a message with no time limit, lose the wake-up, send the message."""
    context = zmq.asyncio.Context()
    kernel_side = context.socket(zmq.PAIR)
    voila_side = context.socket(zmq.PAIR)
    address = f"inproc://lost-wakeup-{channel_class.__name__}"
    kernel_side.bind(address)
    voila_side.connect(address)
    session = Session(key=b"")
    channel = channel_class(voila_side, session)
    try:
        waiting = asyncio.ensure_future(channel.get_msg())  # as nbclient waits: no limit
        while not voila_side._recv_futures:  # the wait is registered with the socket
            await asyncio.sleep(0)
        # The signal that would wake the waiter is lost: the loop no longer watches the socket.
        asyncio.get_running_loop().remove_reader(voila_side.FD)
        session.send(kernel_side, "execute_reply", {"status": "ok"})
        try:
            return await asyncio.wait_for(waiting, BOUND)
        except TimeoutError:
            return None
    finally:
        voila_side.close(linger=0)
        kernel_side.close(linger=0)
        context.term()


def test_the_stock_channel_never_reads_a_reply_whose_wakeup_was_lost():
    assert run_in_own_loop(wait_with_the_wakeup_lost(AsyncZMQSocketChannel)) is None


def test_the_rechecking_channel_reads_it_within_a_recheck():
    message = run_in_own_loop(wait_with_the_wakeup_lost(RecheckingChannel))
    assert message is not None
    assert message["msg_type"] == "execute_reply"
    assert message["content"] == {"status": "ok"}


def test_voila_runs_dashboards_with_the_rechecking_client():
    command = voila_command(8866)
    assert f"--AsyncKernelManager.client_class={RECHECKING_CLIENT}" in command


def test_the_rechecking_channel_hands_over_what_it_has_without_waiting_for_more():
    async def scenario():
        context = zmq.asyncio.Context()
        kernel_side, voila_side = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        kernel_side.bind("inproc://get-msgs")
        voila_side.connect("inproc://get-msgs")
        session = Session(key=b"")
        try:
            for number in range(2):
                session.send(kernel_side, "stream", {"text": str(number)})
            channel = RecheckingChannel(voila_side, session)
            while not (voila_side.get(zmq.EVENTS) & zmq.POLLIN):
                await asyncio.sleep(0)
            return await asyncio.wait_for(channel.get_msgs(), BOUND)
        finally:
            voila_side.close(linger=0)
            kernel_side.close(linger=0)
            context.term()

    messages = run_in_own_loop(scenario())
    assert [message["content"]["text"] for message in messages] == ["0", "1"]
