"""The command-line entry point: ``connecting-people build | serve | dashboards | room``.

One command for each thing a person does with the project, so that the README's
one-line instructions stay one line and every step runs the same way on a
laptop, a training-room machine and CI.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from connecting_people.common import logs
from connecting_people.paths import BOOK_DIR, BUILD_HTML_DIR, DASHBOARDS_DIR
from connecting_people.serving.launch import (
    CULL_IDLE_SECONDS,
    DATABASE_URL_ENV,
    EVERY_ADDRESS,
    JUPYTER_DATA_DIR,
    LOOPBACK,
    SERVE_PLACES,
    SERVE_WARM,
    VOILA_TEMPLATE,
    every_dashboard,
    voila_command,
    voila_environment,
)
from connecting_people.serving.supervise import Children, Stop, stop_on_sigterm

# Where the network-map dashboard saves maps (read by connecting_people.network.dashboard).
MAPS_DIR_ENV = "CONNECTING_PEOPLE_MAPS_DIR"

__all__ = [
    "DASHBOARDS_DIR", "JUPYTER_DATA_DIR", "VOILA_TEMPLATE", "main", "make_parser",
    "voila_command", "voila_environment",
]


def _venv_tool(name: str) -> str:
    """The tool installed beside this Python, so a venv's copy wins over the system's."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def build_book(*, clean: bool = True) -> Path:
    """Build the book from clean with warnings as errors; return the HTML folder."""
    if clean:
        shutil.rmtree(BOOK_DIR / "_build", ignore_errors=True)
    command = [_venv_tool("jupyter-book"), "build", str(BOOK_DIR), "-W", "-n", "--keep-going"]
    subprocess.run(command, check=True)
    return BUILD_HTML_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        pass


def start_site_server(
    port: int, directory: Path = BUILD_HTML_DIR
) -> http.server.ThreadingHTTPServer:
    """Serve the built site on the loopback address in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_dashboards(children: Children, port: int, database_url: str | None, **options):
    """Voila as a supervised child; by default every dashboard keeps one kernel warm."""
    options.setdefault("room", every_dashboard(SERVE_PLACES))
    options.setdefault("warm", SERVE_WARM)
    env = voila_environment(database_url)
    return children.start(voila_command(port, **options), env=env)


def _supervised(run) -> int:
    """Run a serving command; on Ctrl+C or SIGTERM, end every process it started."""
    logs.install()
    stop_on_sigterm()
    children = Children()
    try:
        return run(children)
    except (KeyboardInterrupt, Stop):
        return 0
    finally:
        children.stop()


def _cmd_build(args: argparse.Namespace) -> int:
    html = build_book(clean=not args.incremental)
    print(f"Built the book into {html}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    if args.build or not (BUILD_HTML_DIR / "index.html").exists():
        build_book()
    server = start_site_server(args.port)

    def run(children: Children) -> int:
        start_dashboards(children, args.dashboard_port, args.database_url)
        print(f"The book:       http://{LOOPBACK}:{args.port}/", flush=True)
        print(f"The dashboards: http://{LOOPBACK}:{args.dashboard_port}/", flush=True)
        print("Press Ctrl+C to stop.", flush=True)
        return children.wait_any()

    try:
        return _supervised(run)
    finally:
        server.shutdown()


def _cmd_dashboards(args: argparse.Namespace) -> int:
    def run(children: Children) -> int:
        start_dashboards(children, args.port, args.database_url)
        print(f"The dashboards: http://{LOOPBACK}:{args.port}/", flush=True)
        return children.wait_any()

    return _supervised(run)


def _cmd_room(args: argparse.Namespace) -> int:
    import psutil

    from connecting_people.serving import room

    try:
        notebooks = room.resolve_dashboards(args.dashboards or room.default_dashboards())
        plan = room.plan_room(notebooks, args.people, psutil.virtual_memory().available,
                              warm=args.warm)
    except room.RoomError as error:
        print(error, file=sys.stderr)
        return 2
    code = room.new_room_code()
    host = room.lan_address() if args.lan else LOOPBACK
    throwaway = None
    if not (args.database_url or os.environ.get(DATABASE_URL_ENV)):
        # A training room starts empty and forgets everything when it closes.
        throwaway = tempfile.TemporaryDirectory(prefix="connecting-people-room-")
        args.database_url = f"sqlite:///{Path(throwaway.name) / 'room.sqlite3'}"
        os.environ.setdefault(MAPS_DIR_ENV, str(Path(throwaway.name) / "maps"))

    def run(children: Children) -> int:
        names = ", ".join(notebook.removesuffix(".ipynb") for notebook in notebooks)
        print(f"Opening the room for {args.people} people on: {names}", flush=True)
        print(f"Keeping {plan.warm} places warm on each; at most {plan.total} in use at once.",
              flush=True)
        server = start_dashboards(
            children, args.port, args.database_url, room=plan.places, warm=plan.warm,
            total=plan.total, token=code,
            ip=EVERY_ADDRESS if args.lan else LOOPBACK, cull_idle_seconds=args.cull_after,
        )
        try:
            room.wait_until_ready(args.port, code, lambda: server.poll() is None,
                                  lambda line: print(line, flush=True))
        except room.RoomError as error:
            print(error, file=sys.stderr)
            return 1
        room.announce(room.room_address(host, args.port, code), code, args.lan,
                      throwaway=throwaway is not None)
        return children.wait_any()

    try:
        return _supervised(run)
    finally:
        if throwaway is not None:
            throwaway.cleanup()


def _cmd_hub(args: argparse.Namespace) -> int:
    from connecting_people.hub.launcher import run_hub  # JupyterHub is the optional `hub` extra

    logs.install()
    return run_hub(args.port, state_dir=args.state_dir, database_url=args.database_url)


def _cmd_migrate(args: argparse.Namespace) -> int:
    from connecting_people.hub.schema import migrate_database

    steps = migrate_database(args.database_url)
    print("\n".join(steps) if steps else "The tables were already up to date.", flush=True)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from connecting_people.hub.schema import check_database

    result = check_database(args.database_url)
    print(result.message, file=sys.stdout if result.ok else sys.stderr, flush=True)
    return 0 if result.ok else 1


def _cmd_teams(args: argparse.Namespace) -> int:
    from connecting_people.hub.admin_commands import teams_command

    return teams_command(args)


def _add_teams_parser(commands, db_help: str) -> None:
    teams = commands.add_parser("teams", help="list the teams registry, or set or remove a team")
    teams.add_argument("--database-url", default=None, help=db_help)
    actions = teams.add_subparsers(dest="teams_action", required=True)
    actions.add_parser("list", help="every team and its Trust")
    set_team = actions.add_parser("set", help="add a team, or move it to another Trust")
    set_team.add_argument("name", metavar="NAME")
    set_team.add_argument("--trust", required=True, metavar="T")
    remove = actions.add_parser("remove", help="take a team off the registry (records stay)")
    remove.add_argument("name", metavar="NAME")
    for sub in (set_team, remove, actions.choices["list"]):
        sub.add_argument("--database-url", default=argparse.SUPPRESS, help=db_help)
    teams.set_defaults(func=_cmd_teams)


def _cmd_admin(name: str):
    """Run ``hub.admin_commands.<name>`` (imported only when the command is used)."""

    def run(args: argparse.Namespace) -> int:
        from connecting_people.hub import admin_commands

        return getattr(admin_commands, name)(args)

    return run


def _add_data_rights_parsers(commands, db_help: str) -> None:
    from connecting_people.hub.admin_commands import _since

    log = commands.add_parser(
        "access-log", help="who read which person's records since a date, as CSV (IG lead)")
    log.add_argument("--since", required=True, type=_since, metavar="DATE",
                     help="the first day to include, YYYY-MM-DD (UTC)")
    log.add_argument("--database-url", default=None, help=db_help)
    log.set_defaults(func=_cmd_admin("access_log_command"))
    for name, helptext, func in (
        ("export-person", "everything kept about one pseudonym, as JSON (subject access)",
         "export_person_command"),
        ("erase-person", "delete everything kept about one pseudonym (erasure)",
         "erase_person_command"),
    ):
        sub = commands.add_parser(name, help=helptext)
        sub.add_argument("identifier", metavar="ID", help="the pseudonym, for example NG-014")
        sub.add_argument("--team", required=True, metavar="T")
        sub.add_argument("--maps-dir", default=None,
                         help="the folder of maps saved on the server "
                              f"(default: ${MAPS_DIR_ENV}, else the user data folder)")
        sub.add_argument("--database-url", default=None, help=db_help)
        if name == "erase-person":
            sub.add_argument("--yes", action="store_true", help="do not ask to confirm")
        sub.set_defaults(func=_cmd_admin(func))


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connecting-people",
        description="Build and serve the Connecting People book and its dashboards.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the book from clean (warnings are errors)")
    build.add_argument("--incremental", action="store_true", help="keep the previous build")
    build.set_defaults(func=_cmd_build)

    db_help = (
        "where teams' saved work is kept, as a SQLAlchemy URL "
        f"(default: ${DATABASE_URL_ENV}, else SQLite in your user data folder)"
    )
    serve = commands.add_parser("serve", help="serve the built book and the dashboards")
    serve.add_argument("--port", type=int, default=8000, help="port for the book (default 8000)")
    serve.add_argument("--dashboard-port", type=int, default=8866, help="port for the dashboards")
    serve.add_argument("--build", action="store_true", help="rebuild the book before serving")
    serve.add_argument("--database-url", default=None, help=db_help)
    serve.set_defaults(func=_cmd_serve)

    dashboards = commands.add_parser("dashboards", help="serve only the Voila dashboards")
    dashboards.add_argument("--port", type=int, default=8866)
    dashboards.add_argument("--database-url", default=None, help=db_help)
    dashboards.set_defaults(func=_cmd_dashboards)

    room = commands.add_parser(
        "room", help="a training room: dashboards warmed up for N people, behind a room code")
    room.add_argument("dashboards", nargs="*", metavar="DASHBOARD",
                      help="dashboards to open (default: those the training sessions use)")
    room.add_argument("--people", type=int, default=30, help="places on each dashboard (30)")
    room.add_argument("--port", type=int, default=8866)
    room.add_argument("--lan", action="store_true",
                      help="open the room to this room's network, not only this computer")
    room.add_argument("--cull-after", type=int, default=CULL_IDLE_SECONDS, metavar="SECONDS",
                      help="end a kernel this long after its page has gone "
                           f"(default {CULL_IDLE_SECONDS})")
    room.add_argument("--warm", type=int, default=0, metavar="N",
                      help="places kept warm on each dashboard (default: as many as fit)")
    room.add_argument("--database-url", default=None,
                      help=db_help.replace("else SQLite in your user data folder",
                                           "else a throw-away one, deleted when the room closes"))
    room.set_defaults(func=_cmd_room)

    hub = commands.add_parser("hub", help="try the Trust set-up on loopback (demo users)")
    hub.add_argument("--port", type=int, default=8000, help="port for the Hub (default 8000)")
    hub.add_argument("--state-dir", default=None, help="folder for the Hub's state (default: new)")
    hub.add_argument("--database-url", default=None, help=db_help)
    hub.set_defaults(func=_cmd_hub)

    migrate = commands.add_parser("migrate", help="create or upgrade the tables (owner role)")
    migrate.add_argument("--database-url", default=None, help=db_help)
    migrate.set_defaults(func=_cmd_migrate)
    check = commands.add_parser("check", help="check the database and its tables; non-zero if not")
    check.add_argument("--database-url", default=None, help=db_help)
    check.set_defaults(func=_cmd_check)
    _add_teams_parser(commands, db_help)
    _add_data_rights_parsers(commands, db_help)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
