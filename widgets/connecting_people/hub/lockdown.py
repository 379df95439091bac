"""A Jupyter server extension that leaves only the Voila dashboards on a user's server.

On a Trust server each signed-in person gets their own Jupyter server, started
by JupyterHub. It must show the dashboards and nothing else: no JupyterLab, no
terminals, no file browser, no contents API and no way to run code of one's
own. Configuration alone (``jupyter_server_config.json`` beside this file)
turns most of that off, but a setting can be lost when an image or a unit file
is changed, so this extension enforces it again where requests arrive:

- its handlers go first in the server's routing table and answer 403 to the
  URLs of the contents, sessions and terminals APIs, the kernel list, the file
  and notebook views, and JupyterLab;
- the kernel manager passes only the widget messages Voila needs (comms,
  kernel info, shutdown), so an ``execute_request`` sent down a dashboard's
  kernel websocket is dropped.

Voila itself reads notebooks through the contents *service* in the server, not
through ``/api/contents``, so the dashboards keep working.
"""

from __future__ import annotations

from jupyter_server.utils import url_path_join
from tornado import web

# What Voila's front end sends to its kernel: widget comms, kernel info, shutdown.
# The same list standalone Voila uses; anything else (execute_request above all)
# is dropped by jupyter_server's kernel websocket.
KERNEL_MESSAGE_TYPES = [
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
    "shutdown_request",
]

# Paths under the server's base URL that must never answer on a Trust server.
BLOCKED_PATHS = [
    r"api/contents(/.*)?",
    r"api/sessions(/.*)?",
    r"api/terminals(/.*)?",
    r"api/kernels/?",  # the list and "start a kernel"; a dashboard's own kernel stays reachable
    r"terminals(/.*)?",
    r"lab(/.*)?",
    r"tree(/.*)?",
    r"notebooks(/.*)?",
    r"edit(/.*)?",
    r"view(/.*)?",
    r"files(/.*)?",
    r"nbconvert(/.*)?",
    r"doc(/.*)?",
]
REFUSAL = "This server shows the Connecting People dashboards only.\n"


class RefuseHandler(web.RequestHandler):
    """403 for every method, with a one-line reason and the request logged."""

    def _refuse(self, *args, **kwargs) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(REFUSAL)

    get = post = put = patch = delete = head = options = _refuse

    def check_xsrf_cookie(self) -> None:
        # Refusing needs no token: answering 403 is the same with or without one.
        return None


def _jupyter_server_extension_points():
    return [{"module": "connecting_people.hub.lockdown"}]


def _load_jupyter_server_extension(server_app) -> None:
    web_app = server_app.web_app
    base_url = web_app.settings["base_url"]
    handlers = [(url_path_join(base_url, path) + "$", RefuseHandler) for path in BLOCKED_PATHS]
    web_app.add_handlers(".*$", handlers)
    # add_handlers puts the new rule just before the server's own handlers but
    # after every extension loaded earlier (JupyterLab, terminals): move it to
    # the front so that no extension can answer these paths first.
    rules = web_app.default_router.rules
    rules.insert(0, rules.pop(-2))
    server_app.kernel_manager.allowed_message_types = list(KERNEL_MESSAGE_TYPES)
    server_app.log.info("connecting_people.hub.lockdown: only the dashboards are served")
