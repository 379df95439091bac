"""A light training-room participant: what a browser does to a Voila dashboard, without the browser.

Thirty headless Chromium pages on the same two cores as the room measure the
browsers as much as the room. This client does only the steps that load the
room, in the order Voila 0.5's front end does them:

1. GET the dashboard page with the room code, and read the kernel id from the
   page's configuration (``"kernelId"``);
2. open the kernel's websocket (``/api/kernels/<id>/channels``), as the page's
   kernel connection does, asking for the ``v1.kernel.websocket.jupyter.org``
   protocol as JupyterLab's services (Voila's front end) do: the server then
   passes each message's parts through without parsing them, where the older
   JSON protocol makes it decode and re-encode every message;
3. open the ``jupyter.widget.control`` comm and send ``request_states``, as the
   widget manager does on load, and wait for ``update_states``: the moment the
   page could draw its widgets ("time to main widget");
4. "press the button": send the comm message a click sends
   (``{"method": "custom", "content": {"event": "click"}}`` to the button's
   model) and wait for the ``update`` whose state shows the button's effect;
5. close the websocket and send the page's closing beacon
   (``POST /voila/api/shutdown/<kernel>`` with the ``_xsrf`` cookie), as a tab does.

Every step has a time limit; a participant who passes one is a failure, with
the step named.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie

from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
CONTROL_TARGET = "jupyter.widget.control"
# The control comm speaks its own protocol version (ipywidgets ``__control_protocol_version__``).
CONTROL_PROTOCOL = "1.0.0"
# The kernel websocket protocol JupyterLab's services ask for, and jupyter_server prefers.
WEBSOCKET_PROTOCOL = "v1.kernel.websocket.jupyter.org"


def decode_frame(frame: bytes) -> dict:
    """A kernel message from a v1 websocket frame: its channel, then each part as sent."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(part) for part in parts[:4])
    return {"header": header, "msg_type": header["msg_type"], "parent_header": parent,
            "metadata": metadata, "content": content, "channel": channel,
            "buffers": parts[4:]}


def encode_frame(message: dict) -> bytes:
    """A kernel message as a v1 websocket frame (what ``decode_frame`` reads back)."""
    parts = [json.dumps(message[key]).encode() for key in
             ("header", "parent_header", "metadata", "content")]
    return serialize_msg_to_ws_v1(parts, message["channel"])


def kernel_message(msg_type: str, content: dict, session: str, channel: str = "shell") -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "participant",
                   "session": session, "date": "", "version": "5.3"},
        "parent_header": {},
        "metadata": {"version": CONTROL_PROTOCOL} if msg_type == "comm_open" else {},
        "content": content,
        "channel": channel,
    }


def find_button(states: dict, label: str) -> str | None:
    """The model id of the button with this label in an ``update_states`` message."""
    for model_id, model in states.items():
        state = model.get("state", {})
        if model.get("model_name") == "ButtonModel" and state.get("description") == label:
            return model_id
    return None


@dataclass
class Visit:
    """One participant's times, in seconds, or the step that failed."""

    page_s: float | None = None
    widget_s: float | None = None
    button_s: float | None = None
    error: str | None = None
    kernel_id: str | None = None


class Participant:
    """One browser tab's worth of work against a room on ``base`` (``http://127.0.0.1:port``)."""

    def __init__(self, base: str, code: str, step_timeout: float) -> None:
        self.base = base
        self.code = code
        self.step_timeout = step_timeout
        self.session = uuid.uuid4().hex
        self.cookies: dict[str, str] = {}
        self.socket = None

    def _headers(self) -> dict[str, str]:
        headers = {"Authorization": f"token {self.code}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep_cookies(self, response) -> None:
        for header in response.headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value

    async def _receive_until(self, wanted, deadline: float) -> dict:
        """Read kernel messages until ``wanted(message)`` is true, within the deadline."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            frame = await asyncio.wait_for(self.socket.read_message(), timeout=left)
            if frame is None:
                raise ConnectionError("the kernel's websocket closed")
            message = decode_frame(frame)
            if wanted(message):
                return message

    def _send(self, message: dict) -> None:
        self.socket.write_message(encode_frame(message), binary=True)

    async def visit(self, notebook: str, button: str, effect: str) -> Visit:
        """Open the dashboard, wait for its widgets, press the button, wait for its effect."""
        visit = Visit()
        start = time.monotonic()
        step = "page"
        try:
            response = await AsyncHTTPClient().fetch(HTTPRequest(
                f"{self.base}/voila/render/{notebook}", headers=self._headers(),
                request_timeout=self.step_timeout, follow_redirects=False))
            self._keep_cookies(response)
            page = response.body.decode()
            match = KERNEL_ID.search(page)
            if not match:
                raise LookupError("the page has no kernel id (the room-full page?)")
            visit.kernel_id = match.group(1)
            visit.page_s = time.monotonic() - start

            step = "websocket"
            url = (f"{self.base.replace('http', 'ws', 1)}/api/kernels/{visit.kernel_id}"
                   f"/channels?session_id={self.session}")
            self.socket = await websocket_connect(
                HTTPRequest(url, headers=self._headers(), request_timeout=self.step_timeout),
                max_message_size=256 * 1024 * 1024, subprotocols=[WEBSOCKET_PROTOCOL])
            if self.socket.selected_subprotocol != WEBSOCKET_PROTOCOL:
                raise ConnectionError(f"the server did not take {WEBSOCKET_PROTOCOL}")

            step = "widget state"
            control = uuid.uuid4().hex
            self._send(kernel_message("comm_open", {
                "comm_id": control, "target_name": CONTROL_TARGET, "data": {}}, self.session))
            self._send(kernel_message("comm_msg", {
                "comm_id": control, "data": {"method": "request_states"}}, self.session))
            reply = await self._receive_until(
                lambda m: m["msg_type"] == "comm_msg"
                and m["content"].get("comm_id") == control
                and m["content"]["data"].get("method") == "update_states",
                start + self.step_timeout)
            states = reply["content"]["data"]["states"]
            button_id = find_button(states, button)
            if button_id is None:
                raise LookupError(f"no button labelled {button!r} in the widget state")
            visit.widget_s = time.monotonic() - start

            step = "button"
            pressed = time.monotonic()
            self._send(kernel_message("comm_msg", {
                "comm_id": button_id,
                "data": {"method": "custom", "content": {"event": "click"}}}, self.session))
            await self._receive_until(
                lambda m: m["msg_type"] == "comm_msg"
                and m["content"]["data"].get("method") == "update"
                and effect in json.dumps(m["content"]["data"].get("state", {})),
                pressed + self.step_timeout)
            visit.button_s = time.monotonic() - pressed
        except Exception as error:  # noqa: BLE001 - a participant who gives up is a result
            visit.error = f"{step}: {type(error).__name__} {error}"[:200]
        return visit

    async def leave(self, kernel_id: str | None) -> None:
        """Close the websocket and send the closing beacon, as a tab that closes does."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        if kernel_id is None:
            return
        headers = self._headers()
        headers["X-XSRFToken"] = self.cookies.get("_xsrf", "")
        # A beacon that is lost is not an error: the culler ends that kernel later.
        with contextlib.suppress(Exception):
            await AsyncHTTPClient().fetch(HTTPRequest(
                f"{self.base}/voila/api/shutdown/{kernel_id}", method="POST", body=b"",
                headers=headers, request_timeout=self.step_timeout))
