"""The project's Voila gzips for other machines' browsers only, and keeps the websocket limit.

A room's 30 browsers share one laptop's Wi-Fi, so with ``--lan`` the ~10 MB of
JavaScript a dashboard page loads is gzipped; on loopback compressing would
only cost CPU. Neither switch (nor any other tornado setting) may drop the
limit that lets a file at the upload limit through.
"""

from __future__ import annotations

import tornado.web

from connecting_people.serving.launch import (
    EVERY_ADDRESS,
    LOOPBACK,
    voila_command,
    websocket_limit_bytes,
)
from connecting_people.serving.voila_app import ConnectingPeopleVoila


def test_by_default_no_compression_and_the_websocket_limit():
    settings = ConnectingPeopleVoila().tornado_settings
    assert settings == {
        "compress_response": False,
        "websocket_max_message_size": websocket_limit_bytes(),
    }
    assert tornado.web.Application(**settings).transforms == []


def test_the_switch_turns_gzip_on_and_keeps_the_limit():
    # Tornado reads compress_response only when the Application is made, which is
    # why the app passes its settings in before, not after as stock Voila does.
    app = ConnectingPeopleVoila(compress_responses=True)
    assert app.tornado_settings_with_defaults() == {
        "compress_response": True,
        "websocket_max_message_size": websocket_limit_bytes(),
    }
    application = tornado.web.Application(**app.tornado_settings_with_defaults())
    assert application.transforms == [tornado.web.GZipContentEncoding]


def test_voila_gzips_only_when_it_listens_beyond_loopback():
    assert voila_command(8866)[-1] == "--ConnectingPeopleVoila.compress_responses=False"
    assert voila_command(8866, ip=LOOPBACK)[-1] == (
        "--ConnectingPeopleVoila.compress_responses=False")
    assert voila_command(8866, ip=EVERY_ADDRESS)[-1] == (
        "--ConnectingPeopleVoila.compress_responses=True")
    app = ConnectingPeopleVoila()
    app.parse_command_line(voila_command(8866, ip=EVERY_ADDRESS)[-1:])
    assert app.tornado_settings_with_defaults()["compress_response"] is True


def test_configured_tornado_settings_replace_ours_key_by_key():
    app = ConnectingPeopleVoila()
    app.parse_command_line(["--ConnectingPeopleVoila.tornado_settings", "xheaders=True"])
    assert app.tornado_settings_with_defaults() == {
        "compress_response": False,
        "websocket_max_message_size": websocket_limit_bytes(),
        "xheaders": "True",
    }
    app = ConnectingPeopleVoila(compress_responses=True,
                                tornado_settings={"compress_response": False})
    assert app.tornado_settings_with_defaults() == {
        "compress_response": False,
        "websocket_max_message_size": websocket_limit_bytes(),
    }
