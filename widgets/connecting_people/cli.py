"""The command-line entry point: ``connecting-people build | serve | dashboards``.

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
import threading
import time
from pathlib import Path

from connecting_people.paths import BOOK_DIR, BUILD_HTML_DIR, DASHBOARDS_DIR, PACKAGE_DIR

LOOPBACK = "127.0.0.1"
DATABASE_URL_ENV = "CONNECTING_PEOPLE_DATABASE_URL"
# Our Voila template (the lab template without CDN stylesheets) lives here.
JUPYTER_DATA_DIR = PACKAGE_DIR / "jupyter_data"
VOILA_TEMPLATE = "connecting-people"


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


def voila_command(port: int, *, pool_size: int = 1) -> list[str]:
    """Voila over the dashboards folder, code hidden, kernels preheated for quick first loads.

    ``pool_size=0`` turns preheating off (tests: every dashboard would otherwise
    start its kernels at once on a two-core machine).
    """
    preheat = ["--preheat_kernel=True", f"--pool_size={pool_size}"] if pool_size else []
    return [
        _venv_tool("voila"),
        str(DASHBOARDS_DIR),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={LOOPBACK}",
        *preheat,
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.template={VOILA_TEMPLATE}",
        "--VoilaConfiguration.file_allowlist=.*\\.(png|svg|css|js)",
    ]


def voila_environment(database_url: str | None = None) -> dict[str, str]:
    """The environment Voila needs: our template on the Jupyter path, and the store's URL."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(JUPYTER_DATA_DIR), env.get("JUPYTER_PATH", "")])
    )
    if database_url:
        env[DATABASE_URL_ENV] = database_url
    return env


def start_dashboards(port: int, database_url: str | None) -> subprocess.Popen:
    env = voila_environment(database_url)
    return subprocess.Popen(voila_command(port), env=env)


def _wait_forever(processes: list[subprocess.Popen]) -> int:
    try:
        while True:
            for process in processes:
                code = process.poll()
                if code is not None:
                    return code
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.terminate()


def _cmd_build(args: argparse.Namespace) -> int:
    html = build_book(clean=not args.incremental)
    print(f"Built the book into {html}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    if args.build or not (BUILD_HTML_DIR / "index.html").exists():
        build_book()
    server = start_site_server(args.port)
    dashboards = start_dashboards(args.dashboard_port, args.database_url)
    print(f"The book:       http://{LOOPBACK}:{args.port}/", flush=True)
    print(f"The dashboards: http://{LOOPBACK}:{args.dashboard_port}/", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        return _wait_forever([dashboards])
    finally:
        server.shutdown()


def _cmd_dashboards(args: argparse.Namespace) -> int:
    dashboards = start_dashboards(args.port, args.database_url)
    print(f"The dashboards: http://{LOOPBACK}:{args.port}/", flush=True)
    return _wait_forever([dashboards])


def _cmd_hub(args: argparse.Namespace) -> int:
    from connecting_people.hub.launcher import run_hub  # JupyterHub is the optional `hub` extra

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
