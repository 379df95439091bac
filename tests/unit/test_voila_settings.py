"""Every Voila of the project compresses its responses and keeps the websocket limit.

A room's 30 browsers share one laptop's Wi-Fi, so the ~10 MB of JavaScript a
dashboard page loads is gzipped; turning that off (or any other tornado
setting) must not drop the limit that lets a file at the upload limit through.
"""

from __future__ import annotations

import tornado.web

from connecting_people.serving.launch import websocket_limit_bytes
from connecting_people.serving.voila_app import ConnectingPeopleVoila


def test_the_default_settings_compress_and_keep_the_websocket_limit():
    settings = ConnectingPeopleVoila().tornado_settings
    assert settings == {
        "compress_response": True,
        "websocket_max_message_size": websocket_limit_bytes(),
    }


def test_tornado_picks_its_gzip_transform_from_these_settings():
    # Tornado reads compress_response only when the Application is made, which is
    # why the app passes its settings in before, not after as stock Voila does.
    settings = ConnectingPeopleVoila().tornado_settings_with_defaults()
    application = tornado.web.Application(**settings)
    assert application.transforms == [tornado.web.GZipContentEncoding]


def test_the_switch_turns_compression_off_and_keeps_the_limit():
    app = ConnectingPeopleVoila(compress_responses=False)
    assert app.tornado_settings_with_defaults() == {
        "compress_response": False,
        "websocket_max_message_size": websocket_limit_bytes(),
    }
    assert tornado.web.Application(**app.tornado_settings_with_defaults()).transforms == []


def test_configured_tornado_settings_replace_ours_key_by_key():
    app = ConnectingPeopleVoila()
    app.parse_command_line(["--ConnectingPeopleVoila.tornado_settings", "xheaders=True"])
    assert app.tornado_settings_with_defaults() == {
        "compress_response": True,
        "websocket_max_message_size": websocket_limit_bytes(),
        "xheaders": "True",
    }
    app = ConnectingPeopleVoila(tornado_settings={"compress_response": False})
    assert app.tornado_settings_with_defaults() == {
        "compress_response": False,
        "websocket_max_message_size": websocket_limit_bytes(),
    }
