"""Shared fixtures for every tier: a private database, the built book, servers, a browser.

Tiers: ``unit`` (pure rules, milliseconds; its conftest refuses subprocesses,
Sphinx, browsers, servers and sleeps), ``widgets`` (widget models without a
browser), ``parity`` (Python rules against their JavaScript copies under Node),
``race`` (many processes editing one record at once, SQLite and PostgreSQL),
``build`` and notebooks (the book and its directives, nbval, hygiene),
``browser`` (headless Chromium against the built site and Voila).

The book is built from clean once per session. Set ``CP_REUSE_BUILD=1`` to
reuse an existing ``book/_build`` while working on tests (never in CI).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from connecting_people.paths import BOOK_DIR, BUILD_HTML_DIR, DASHBOARDS_DIR, REPO_ROOT

CHROMIUM = os.environ.get("CP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config):
    # Every test, notebook kernel and server started from here saves to a
    # throw-away SQLite file, never to the user's own data folder.
    # The same goes for network maps a dashboard saves as files.
    if not os.environ.get("CONNECTING_PEOPLE_DATABASE_URL"):
        folder = Path(tempfile.mkdtemp(prefix="cp-test-db-"))
        os.environ["CONNECTING_PEOPLE_DATABASE_URL"] = f"sqlite:///{folder / 'test.sqlite3'}"
    if not os.environ.get("CONNECTING_PEOPLE_MAPS_DIR"):
        os.environ["CONNECTING_PEOPLE_MAPS_DIR"] = tempfile.mkdtemp(prefix="cp-test-maps-")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_url(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError as error:
            last_error = error
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last_error}")


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The book built from clean with ``-W -n --keep-going``; fails the session's user if not."""
    if os.environ.get("CP_REUSE_BUILD") == "1" and (BUILD_HTML_DIR / "index.html").exists():
        return BUILD_HTML_DIR
    shutil.rmtree(BOOK_DIR / "_build", ignore_errors=True)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(BOOK_DIR), "-W", "-n", "--keep-going"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    log = BOOK_DIR / "_build" / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(result.stdout + "\n" + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-60:])
        pytest.fail(f"jupyter-book build failed (full log in {log}):\n{tail}", pytrace=False)
    return BUILD_HTML_DIR


@pytest.fixture(scope="session")
def site_url(built_book: Path):
    """The built site served on 127.0.0.1, as the README's serve command does."""
    from connecting_people.cli import start_site_server

    port = free_port()
    server = start_site_server(port, built_book)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    """Voila over the dashboards folder, started the way ``connecting-people dashboards`` does."""
    from connecting_people.cli import voila_command, voila_environment

    port = free_port()
    env = voila_environment()
    logfile = tmp_path_factory.mktemp("voila") / "voila.log"
    with open(logfile, "w") as log:
        process = subprocess.Popen(
            voila_command(port, pool_size=0), cwd=DASHBOARDS_DIR, env=env, stdout=log, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_url(f"{url}/voila/static/voila.js")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def playwright_browser():
    """Debian's Chromium driven by Playwright; no downloaded browser is ever used."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run must install it")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """Records what a page did that a self-contained, error-free page must not do."""

    def __init__(self, page):
        self.page = page
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.route("**/*", self._route)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def assert_clean(self, where: str) -> None:
        assert not self.outside_requests, (
            f"{where} asked for outside files: {self.outside_requests}"
        )
        assert not self.page_errors, f"{where} threw JavaScript errors: {self.page_errors}"
        assert not self.console_errors, f"{where} logged console errors: {self.console_errors}"


@pytest.fixture
def page(playwright_browser):
    """A fresh page (own context, so no storage is shared between tests)."""
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def watched_page(page) -> PageWatch:
    return PageWatch(page)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    """An empty database: a SQLite file, then (when a server is configured) PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def fresh_engine(database_url):
    """The one engine fixture every store test shares: an empty database on each engine."""
    from connecting_people.store import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def fresh_postgres_url():
    """A new, empty PostgreSQL database on the server named by CP_TEST_POSTGRES_URL.

    Skipped, with the reason shown, when no server is configured or reachable;
    CI (.ci/run) always starts one, so there the store is tested on both engines.
    """
    import uuid

    import sqlalchemy as sa

    server_url = os.environ.get("CP_TEST_POSTGRES_URL")
    if not server_url:
        if os.environ.get("CI"):
            pytest.fail("CP_TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL")
        pytest.skip("PostgreSQL tests need CP_TEST_POSTGRES_URL (CI sets it)")
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"cp_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        pytest.skip(f"PostgreSQL at CP_TEST_POSTGRES_URL is not reachable: {error}")
    url = sa.engine.make_url(server_url).set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
