"""The commands IT and the admin run on a Trust server: teams, access log, data rights.

``teams`` keeps the teams registry, ``access-log`` exports who read which
person's records, and ``export-person``/``erase-person`` answer subject access
and erasure requests (``store.person_records``).

They run as the person at the server's command line, who is the admin of that
installation (``access.User.single_user``), and print plain sentences; a
refusal or a bad name exits non-zero with the reason on standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

import platformdirs

from connecting_people import access
from connecting_people.store import access_log, make_engine, person_records, row_security, teams
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


def _since(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, for example 2026-11-01"
        ) from None


def access_log_command(args: argparse.Namespace) -> int:
    """The access log since a date as CSV on standard output (information governance)."""
    row_security.set_team_scope(None)  # every team's reads, on a Trust server too
    engine = make_engine(args.database_url)
    try:
        rows = access_log.entries_since(engine, args.since, user=command_line_user())
    except StoreError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    sys.stdout.write(access_log.as_csv(rows))
    print(f"{len(rows)} read(s) since {args.since.isoformat()}.", file=sys.stderr)
    return 0


def _maps_folder(args: argparse.Namespace) -> Path:
    """Where the network-map dashboard saves maps: the same rule as its ``maps_folder``.

    Repeated here because that module is a view (it imports ipywidgets) and this one is not.
    """
    if args.maps_dir:
        return Path(args.maps_dir)
    configured = os.environ.get("CONNECTING_PEOPLE_MAPS_DIR")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_data_dir("connecting-people")) / "network-maps"


def export_person_command(args: argparse.Namespace) -> int:
    """Everything kept about one pseudonym, as JSON on standard output (subject access)."""
    row_security.set_team_scope([args.team])
    engine = make_engine(args.database_url)
    try:
        document = person_records.export_person(
            engine, args.team, args.identifier, user=command_line_user(),
            maps_folder=_maps_folder(args))
    except (StoreError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
    return 0


def _ask(prompt: str) -> str:
    """Ask on standard error, so that standard output holds only the result."""
    print(prompt, end="", file=sys.stderr, flush=True)
    return input()


def erase_person_command(args: argparse.Namespace) -> int:
    """Delete everything kept about one pseudonym, after a typed confirmation (or ``--yes``)."""
    row_security.set_team_scope([args.team])
    identifier = args.identifier.strip().upper()
    engine = make_engine(args.database_url)
    try:
        folder = _maps_folder(args)
        found = person_records.gather(engine, args.team, identifier, folder)
        if not found.found:
            print(person_records.not_found(found), file=sys.stderr)
            return 1
        if not args.yes:
            print(f"This deletes {identifier}'s records in team {found.team} for good: "
                  f"{len(found.tracker)} tracker record(s), {len(found.outcomes)} review pair(s), "
                  f"{len(found.map_files)} saved map(s).", file=sys.stderr)
            try:
                answer = _ask(f"Type {identifier} to erase them: ")
            except EOFError:
                answer = ""
            if answer.strip().upper() != identifier:
                print("Nothing was erased.", file=sys.stderr)
                return 1
        erased = person_records.erase_person(engine, args.team, identifier,
                                             user=command_line_user(), maps_folder=folder)
    except (StoreError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(person_records.describe(erased))
    return 0
