"""Child servers that always stop with their parent, kernels included.

A service manager stops a program with SIGTERM. Voila then stops its kernels,
but each kernel runs in a session of its own (jupyter_client starts them so), so
signalling Voila's process group is not enough, and a Voila that is killed
outright leaves its kernels behind. ``Children`` therefore starts each server
in its own process group, remembers every descendant it has seen, and on stop
asks them all to end, then ends whatever is left after a grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time

import psutil

GRACE_SECONDS = 10.0


class Stop(Exception):
    """Raised in the main thread when SIGTERM (or SIGHUP) arrives, so ``finally`` blocks run."""


def stop_on_sigterm() -> None:
    """Turn SIGTERM and SIGHUP into ``Stop``; Ctrl+C stays ``KeyboardInterrupt``."""

    def _raise(signum, _frame):
        raise Stop(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, _raise)
    signal.signal(signal.SIGHUP, _raise)


class Children:
    """The servers a command started; ``stop()`` leaves no descendant running."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []
        self._seen: dict[int, psutil.Process] = {}

    def start(self, command: list[str], **popen_kwargs) -> subprocess.Popen:
        process = subprocess.Popen(command, start_new_session=True, **popen_kwargs)
        self.processes.append(process)
        return process

    def note_descendants(self) -> None:
        """Remember the children's descendants now, while the tree still links them."""
        for process in self.processes:
            with contextlib.suppress(psutil.Error):
                parent = psutil.Process(process.pid)
                for child in parent.children(recursive=True):
                    self._seen.setdefault(child.pid, child)

    def wait_any(self, poll_seconds: float = 0.5) -> int:
        """Block until one child exits; return its exit code."""
        while True:
            for process in self.processes:
                code = process.poll()
                if code is not None:
                    return code
            self.note_descendants()
            time.sleep(poll_seconds)

    def stop(self, grace_seconds: float = GRACE_SECONDS) -> None:
        self.note_descendants()
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        # Voila ends its kernels itself on SIGTERM; anything still here is ended now.
        survivors = [p for p in self._seen.values() if _alive(p)]
        for survivor in survivors:
            with contextlib.suppress(psutil.Error):
                survivor.terminate()
        _, still = psutil.wait_procs(survivors, timeout=max(0.1, deadline - time.monotonic()))
        for survivor in still:
            with contextlib.suppress(psutil.Error):
                survivor.kill()
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
