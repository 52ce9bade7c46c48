"""Real child processes (web server, task worker, scheduler) for acceptance tests.

The children run the project's own commands against the *test* database of the
test that starts them, so use these helpers from a ``TransactionTestCase`` (data
must be committed for another process to see it). On SQLite the test settings
keep the test database in a file for exactly this reason.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from django.test import TransactionTestCase

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


class LiveTestCase(TransactionTestCase):
    """Base for tests whose child processes must see committed data.

    ``serialized_rollback`` restores what migrations created (Wagtail's root
    page, default site, locales) after the flush, so later tests still find it.
    """

    serialized_rollback = True


def database_url() -> str:
    """A DATABASE_URL for the database the current test is using."""
    conn = connection.settings_dict
    if conn["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(conn['NAME']).resolve()}"
    user = conn.get("USER") or ""
    password = f":{conn['PASSWORD']}" if conn.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = conn.get("HOST") or "127.0.0.1"
    port = conn.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{conn['NAME']}"


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url(),
        CMS_TEST_LIVE_TASKS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Child:
    """One child process; its output goes to a log file kept for failures."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path):
        self.name = name
        self.log_path = log
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """Die at once, as with ``kill -9``: no clean-up runs."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self, timeout: float = 10) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def manage(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def start_worker(tmp: Path, **env: str) -> Child:
    return Child(
        "worker",
        manage("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"),
        child_env(**env),
        tmp / "worker.log",
    )


def start_scheduler(
    tmp: Path, *args: str, name: str = "scheduler", **env: str
) -> Child:
    return Child(
        name, manage("scheduler_run", *args), child_env(**env), tmp / f"{name}.log"
    )


def start_server(tmp: Path, port: int, **env: str) -> Child:
    child = Child(
        "web",
        [
            str(VENV_BIN / "gunicorn"),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--no-control-socket",
        ],
        child_env(**env),
        tmp / "web.log",
    )
    wait_for(
        lambda: _answers(f"http://127.0.0.1:{port}/robots.txt"),
        timeout=30,
        message=lambda: "web server did not start:\n" + child.output(),
    )
    return child


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
            return True
    except (urllib.error.URLError, OSError):
        return False


def wait_for(
    predicate: Callable[[], object],
    *,
    timeout: float,
    interval: float = 0.2,
    message: Callable[[], str] | str = "condition not met",
) -> object:
    """Poll ``predicate`` until it returns something truthy, or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(message() if callable(message) else message)


@contextmanager
def children(*started: Child) -> Iterator[tuple[Child, ...]]:
    """Stop every child on the way out, even when the test fails."""
    try:
        yield started
    finally:
        for child in started:
            child.stop()
