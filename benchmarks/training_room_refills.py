"""How often a room's refill gets stuck: warm kernels taken and given back, again and again.

A room of PLACES places on the network map dashboard; in each round every
place is taken by a light participant (``room_participant.py``: page, kernel
websocket, widget state, one click), everyone leaves with the closing beacon,
and the room warms PLACES new kernels. A refill that has not finished within
STUCK_AFTER_S is stuck: the script then takes ``py-spy`` dumps of the server and
every kernel, asks every kernel for ``kernel_info`` with a fresh client (does
the kernel answer?), and watches whether that frees the warm-up. It stops at
the first stuck refill or after ``--rounds`` rounds.

``--without-fix`` starts Voila with the stock kernel client instead of
``RecheckingKernelClient``, to show the defect it fixes. Run it beside four
CPU-bound processes to reproduce a busy two-core laptop.

Run:  PYTHONPATH=widgets python benchmarks/training_room_refills.py [--rounds 15] [--without-fix]
Prints one line a round; dumps go to the room's temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
from jupyter_client import BlockingKernelClient
from tornado.httpclient import AsyncHTTPClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from room_participant import Participant  # noqa: E402
from training_room import (  # noqa: E402
    DASHBOARD,
    DASHBOARD_BUTTON,
    DASHBOARD_EFFECT,
    free_port,
    room_folder,
)

from connecting_people.serving import room as room_module  # noqa: E402
from connecting_people.serving.launch import voila_command, voila_environment  # noqa: E402
from connecting_people.serving.supervise import Children  # noqa: E402

PLACES = 4
STUCK_AFTER_S = 60
STEP_TIMEOUT_S = 60
PY_SPY = Path(sys.executable).parent / "py-spy"


def dump_everything(server_pid: int, folder: Path) -> None:
    """py-spy dumps of the server and each kernel, then a fresh kernel_info to each kernel."""
    stamp = int(time.time())
    processes = [psutil.Process(server_pid), *psutil.Process(server_pid).children(recursive=True)]
    for process in processes:
        dump = subprocess.run([str(PY_SPY), "dump", "--pid", str(process.pid)],  # noqa: S603
                              capture_output=True, text=True, check=False)
        (folder / f"py-spy-{process.pid}-{stamp}.txt").write_text(
            " ".join(process.cmdline()) + "\n" + dump.stdout + dump.stderr)
        command = process.cmdline()
        if "-f" not in command:
            continue
        client = BlockingKernelClient()
        client.load_connection_file(command[command.index("-f") + 1])
        client.start_channels()
        try:
            client.kernel_info()
            reply = client.get_shell_msg(timeout=10)
            print(f"  kernel {process.pid} answered a fresh client: {reply['msg_type']}")
        except Exception as error:  # noqa: BLE001 - reported, not raised
            print(f"  kernel {process.pid} did not answer a fresh client: {error!r}")
        finally:
            client.stop_channels()
    print(f"  dumps in {folder}", flush=True)


async def run(rounds: int, with_fix: bool) -> int:
    folder = room_folder()
    port = free_port()
    code = room_module.new_room_code()
    command = voila_command(port, room={DASHBOARD: PLACES}, token=code, root=folder,
                            cull_idle_seconds=600)
    if not with_fix:
        command = [part for part in command if "client_class" not in part]
    children = Children()
    log = open(folder / "voila.log", "w")  # noqa: SIM115 - closed in finally
    server = children.start(command, env=voila_environment(), cwd=folder, stdout=log, stderr=log)
    AsyncHTTPClient.configure(None, max_clients=PLACES + 4)
    base = f"http://127.0.0.1:{port}"
    try:
        await asyncio.get_running_loop().run_in_executor(None, lambda: room_module.wait_until_ready(
            port, code, lambda: server.poll() is None, lambda _line: None))
        for number in range(1, rounds + 1):
            people = [Participant(base, code, STEP_TIMEOUT_S) for _ in range(PLACES)]
            visits = await asyncio.gather(*[
                person.visit(DASHBOARD, DASHBOARD_BUTTON, DASHBOARD_EFFECT) for person in people])
            await asyncio.gather(*[person.leave(visit.kernel_id)
                                   for person, visit in zip(people, visits, strict=True)])
            started = time.monotonic()
            while True:
                entry = room_module.read_status(port, code)["dashboards"][DASHBOARD]
                if entry["ready"] == PLACES and entry["in_use"] == 0:
                    break
                if time.monotonic() - started > STUCK_AFTER_S:
                    print(f"round {number}: refill STUCK after {STUCK_AFTER_S} s: {entry}")
                    dump_everything(server.pid, folder)
                    return number
                await asyncio.sleep(0.5)
            failures = [visit.error for visit in visits if visit.error]
            print(f"round {number}: refill {time.monotonic() - started:.1f} s, widget "
                  f"{[round(v.widget_s or -1, 2) for v in visits]}, load "
                  f"{os.getloadavg()[0]:.1f}{', failures ' + str(failures) if failures else ''}",
                  flush=True)
        return 0
    finally:
        children.stop()
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--without-fix", action="store_true")
    args = parser.parse_args()
    stuck = asyncio.run(run(args.rounds, not args.without_fix))
    print(f"stuck in round {stuck}" if stuck else f"no stuck refill in {args.rounds} rounds "
          f"({args.rounds * PLACES} warm-ups)")


if __name__ == "__main__":
    main()
