"""The room's Voila builds no log record it will drop: its logger has its handler's level."""

from __future__ import annotations

import logging

from connecting_people.serving.voila_app import ConnectingPeopleVoila


def test_the_app_logger_takes_the_handler_level_and_follows_the_log_level():
    app = ConnectingPeopleVoila()
    config = app.get_default_logging_config()
    handler_level = config["handlers"]["console"]["level"]
    assert config["loggers"]["ConnectingPeopleVoila"]["level"] == handler_level
    assert not logging.getLogger("ConnectingPeopleVoila").isEnabledFor(logging.DEBUG)
    app.log_level = logging.DEBUG  # what --debug does; traitlets reconfigures logging
    assert app.get_default_logging_config()["loggers"]["ConnectingPeopleVoila"]["level"] == "DEBUG"
    assert logging.getLogger("ConnectingPeopleVoila").isEnabledFor(logging.DEBUG)
    app.log_level = logging.WARNING
    assert not logging.getLogger("ConnectingPeopleVoila").isEnabledFor(logging.INFO)
