"""The command line parses as the README says, and the Voila command hides code."""

from __future__ import annotations

import pytest

from connecting_people import cli


def test_serve_defaults():
    args = cli.make_parser().parse_args(["serve"])
    assert (args.port, args.dashboard_port, args.build) == (8000, 8866, False)


def test_unknown_command_is_refused(capsys):
    with pytest.raises(SystemExit):
        cli.make_parser().parse_args(["launch"])


def test_voila_binds_loopback_preheats_and_hides_tracebacks():
    command = cli.voila_command(8866)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--preheat_kernel=True" in command
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert str(cli.DASHBOARDS_DIR) in command
