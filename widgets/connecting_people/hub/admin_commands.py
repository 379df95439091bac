"""The commands IT and the admin run on a Trust server: the teams registry (``teams``).

They run as the person at the server's command line, who is the admin of that
installation (``access.User.single_user``), and print plain sentences; a
refusal or a bad name exits non-zero with the reason on standard error.
"""

from __future__ import annotations

import argparse
import sys

from connecting_people import access
from connecting_people.store import make_engine, teams
from connecting_people.store.acting import local_user
from connecting_people.store.errors import StoreError


def command_line_user() -> access.User:
    """Whoever runs the command on the server: the installation's admin, named ``local:<login>``."""
    return access.User.single_user(local_user())


def teams_command(args: argparse.Namespace) -> int:
    engine = make_engine(args.database_url)
    try:
        if args.teams_action == "list":
            registered = teams.team_trusts(engine)
            if not registered:
                print("No teams are registered yet: add one with "
                      "`connecting-people teams set NAME --trust T`.")
            for name, trust in registered.items():
                print(f"{name}\t{trust}")
        elif args.teams_action == "set":
            teams.set_team(engine, args.name, args.trust, user=command_line_user())
            print(f"Team {args.name.strip()} is in Trust {args.trust.strip()}.")
        else:
            teams.remove_team(engine, args.name, user=command_line_user())
            print(f"Team {args.name.strip()} is no longer in the teams list; its records stay.")
    except (StoreError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0
