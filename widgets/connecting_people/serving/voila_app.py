"""Voila with the project's fixes, and the training room's capped kernel pool.

Run as ``python -m connecting_people.serving.voila_app`` with Voila's own
options; ``connecting-people serve``, ``dashboards`` and ``room`` all start it.

What it changes from stock Voila, and why:

- A preheated page is rendered before anyone asks for it, so Voila never sets
  the ``_xsrf`` cookie. The page's "closing" beacon
  (``POST /voila/api/shutdown/<kernel>``) sends that cookie's value back and was
  refused with ``403 '_xsrf' argument missing``, so every visit leaked a kernel.
  Every dashboard page now sets the cookie, and the beacon ends its kernel.
- The websocket message limit is set from the shared upload limit, with room
  for base64 and the JSON around it, so a file at the limit never closes the
  connection.
- With ``--ConnectingPeopleVoila.compress_responses=True`` responses are
  gzip-compressed for browsers that ask (the page's JavaScript goes from about
  10.2 MB to 2.9 MB), because a training room's 30 browsers share one laptop's
  Wi-Fi. ``launch.voila_command`` turns it on whenever Voila listens beyond
  loopback (``room --lan``); on loopback it would only cost CPU. Configured
  ``tornado_settings`` replace these defaults one key at a time, not all together.
- In room mode (``--ConnectingPeopleVoila.room='{"x.ipynb": 30}'``) each named
  dashboard has a capped pool (see ``pool``), a full room answers with a page
  that retries by itself, and ``/connecting-people/room/status`` reports the
  warm-up (behind the room code, like every other address).
"""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.base.handlers import APIHandler
from traitlets import Bool, Int, Unicode, default
from voila import app as voila_app
from voila.tornado.handler import TornadoVoilaHandler

from connecting_people.common.logs import traitlets_logging_config
from connecting_people.serving.launch import STATUS_PATH, websocket_limit_bytes
from connecting_people.serving.pages import room_full_page
from connecting_people.serving.pool import CappedPoolMixin


class RoomVoilaHandler(TornadoVoilaHandler):
    """A dashboard page: sets the ``_xsrf`` cookie, and says so kindly when the room is full."""

    @tornado.web.authenticated
    async def get(self, path=None):
        # Reading the token sets the cookie that the page's closing beacon sends back.
        self.xsrf_token  # noqa: B018 - the property's side effect is the point
        manager = self.kernel_manager
        notebook = self.notebook_path or path
        if getattr(manager, "room_caps", None) and notebook and manager.is_full(notebook):
            manager.make_room_for(notebook)  # the page's next try may then get in
            self.set_status(503)
            self.set_header("Retry-After", "10")
            self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(room_full_page())
            return
        await super().get(path)


class RoomStatusHandler(APIHandler):
    """How far the room's warm-up has got, for the ``room`` command's progress lines."""

    @tornado.web.authenticated
    def get(self):
        manager = self.kernel_manager
        if getattr(manager, "room_caps", None):
            status = manager.room_status()
        else:
            status = {"dashboards": {}, "kernels": len(manager.list_kernel_ids())}
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(status))


def _capped_factory(factory):
    def make(base_class, preheat_kernel, default_pool_size, page_config_hook=None):
        made = factory(base_class, preheat_kernel, default_pool_size,
                       page_config_hook=page_config_hook)
        if not preheat_kernel:
            return made
        return type("RoomKernelManager", (CappedPoolMixin, made), {})

    return make


class ConnectingPeopleVoila(voila_app.Voila):
    """Voila, as the project serves it."""

    room = Unicode(
        "", config=True,
        help='Room mode: JSON mapping each dashboard notebook to its number of places.',
    )
    room_warm = Int(0, config=True, help="Places kept warm per dashboard (0: every place).")
    room_total = Int(0, config=True, help="Kernels in the whole room at most (0: no limit).")
    warmups_at_once = Int(2, config=True, help="Dashboards warming up at the same time.")
    # Its own switch: "--tornado_settings compress_response=False" would pass the
    # string "False", which tornado reads as true.
    compress_responses = Bool(
        False, config=True,
        help="Gzip responses for browsers that accept it (tornado's level 6): for other machines.",
    )

    @default("logging_config")
    def _default_logging_config(self):
        # One JSON line per record, like every process of the project (common/logs.py).
        return traitlets_logging_config()

    def get_default_logging_config(self) -> dict:
        # traitlets sets the app's logger to DEBUG and filters in the handler, so
        # every debug call jupyter_server makes (one per kernel message, in
        # "activity on ...") builds a record only to drop it: about 8% of the
        # server's CPU with 30 participants. The logger takes the handler's level,
        # and follows --log-level, which reconfigures logging through here.
        config = super().get_default_logging_config()
        config["loggers"][type(self).__name__]["level"] = config["handlers"]["console"]["level"]
        return config

    @default("tornado_settings")
    def _default_tornado_settings(self):
        return {
            "websocket_max_message_size": websocket_limit_bytes(),
            # Every dashboard page loads about 10.2 MB of JavaScript and styles that
            # Voila sends as they are: 305 MB over the room's Wi-Fi when 30 people
            # open a page. Gzipped they are 2.9 MB a page; level 6 (tornado's) costs
            # the server about 0.26 s of CPU a page (twice a page load's CPU without
            # it), and level 1 would save only 0.14 s for 0.5 MB more a page
            # (benchmarks/results/voila_page_bytes.md). So it is for other machines'
            # browsers only. Only browsers that send Accept-Encoding: gzip get it;
            # websockets are not affected.
            "compress_response": self.compress_responses,
        }

    def tornado_settings_with_defaults(self) -> dict:
        """Our defaults, each replaced by the user's value where they configured that key.

        A configured Dict replaces the whole default, so turning compression off
        would otherwise drop the websocket limit too.
        """
        return {**self._default_tornado_settings(), **self.tornado_settings}

    def room_caps(self) -> dict[str, int]:
        return {str(name): int(cap) for name, cap in json.loads(self.room or "{}").items()}

    def initialize(self, argv=None):
        super().initialize(argv)
        caps = self.room_caps()
        if caps:
            # Preheat only the room's dashboards, each up to its own number of places.
            self.voila_configuration.preheat_kernel = True
            self.voila_configuration.default_pool_size = 0

    def init_settings(self):
        caps = self.room_caps()
        original = voila_app.voila_kernel_manager_factory
        voila_app.voila_kernel_manager_factory = _capped_factory(original)
        try:
            if caps:
                # Seen by the manager's constructor, which fills the pools.
                CappedPoolMixin.room_caps = caps
                CappedPoolMixin.room_warm = self.room_warm
                CappedPoolMixin.room_total = self.room_total
                CappedPoolMixin.warmups_at_once = self.warmups_at_once
            settings = super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = original
        # Voila applies tornado_settings only after it has made its Application,
        # too late for what tornado reads in the constructor: compress_response
        # chooses the gzip transform there. So they go in here, before.
        self.tornado_settings = self.tornado_settings_with_defaults()
        settings.update(self.tornado_settings)
        return settings

    def init_handlers(self):
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if handler is TornadoVoilaHandler:
                handler = RoomVoilaHandler
            handlers.append((pattern, handler, *rest))
        status = voila_app.url_path_join(self.server_url, STATUS_PATH)
        return [(status, RoomStatusHandler), *handlers]


main = ConnectingPeopleVoila.launch_instance

if __name__ == "__main__":
    main()
