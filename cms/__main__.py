"""The newcomer's two commands, with nothing but Python 3.11+ and git.

    python3 -m cms run    # venv, install, migrate, static, demo content, admin,
                          # then web + worker + scheduler on http://127.0.0.1:8000
    python3 -m cms test   # the whole suite, with the checks CI runs first

Standard library only: this runs before the virtual environment exists.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("CMS_VENV", ROOT / ".venv"))
BIN = VENV / "bin"
PY = BIN / "python"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]


def say(message: str) -> None:
    sys.stdout.write(f"==> {message}\n")
    sys.stdout.flush()


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(
            f"Step failed (exit {result.returncode}): {' '.join(map(str, args))}"
        )


def ensure_venv() -> None:
    """Create .venv and install the pinned requirements when they changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (an older python3 may run this)
        raise SystemExit(
            f"Python 3.11 or newer is needed, not {sys.version.split()[0]}."
        )
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in REQUIREMENTS)).hexdigest()
    stamp = VENV / ".requirements.sha256"
    if stamp.exists() and stamp.read_text().strip() == digest and PY.exists():
        return
    if not PY.exists():
        say(f"Creating the virtual environment in {VENV}")
        run(sys.executable, "-m", "venv", VENV)
    say("Installing the pinned requirements")
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-r", ROOT / "requirements-dev.txt")
    stamp.write_text(digest + "\n")


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    run(PY, ROOT / "manage.py", *args, env=env)


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def cmd_setup(_args: argparse.Namespace) -> None:
    ensure_venv()
    (ROOT / "var").mkdir(exist_ok=True)
    say("Migrating the database")
    manage("migrate", "--noinput", "--verbosity", "0")
    say("Collecting static files")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    say("Seeding the demo content (only into an empty site)")
    manage("seed_demo")
    manage("cms_ensure_admin")


def cmd_run(args: argparse.Namespace) -> None:
    cmd_setup(args)
    if not port_is_free(8000):
        raise SystemExit(
            "Port 8000 on 127.0.0.1 is already in use; stop what runs there first."
        )
    say("Starting web, worker and scheduler (Ctrl-C stops them all):")
    login = ROOT / "var" / "initial-admin.txt"
    for line in (
        "site     http://127.0.0.1:8000/  (English: http://127.0.0.1:8000/en/)",
        "admin    http://127.0.0.1:8000/admin/"
        + (f"  (first login in {login})" if login.exists() else ""),
        "API      http://127.0.0.1:8000/api/v2/pages/",
        "mail     written to var/mail/ in development",
    ):
        sys.stdout.write(f"    {line}\n")
    sys.stdout.flush()
    os.chdir(ROOT)
    os.execv(BIN / "honcho", [str(BIN / "honcho"), "--procfile", "Procfile", "start"])  # noqa: S606


def cmd_test(args: argparse.Namespace) -> None:
    ensure_venv()
    (ROOT / "var").mkdir(exist_ok=True)
    run("bash", ROOT / "tests" / "setup_browser.sh")
    run("bash", ROOT / "tests" / "setup_nginx.sh")
    say("System checks, migrations, lint and format (ruff, djhtml)")
    manage("check", "--fail-level", "WARNING")
    manage("makemigrations", "--check", "--dry-run", "--verbosity", "0")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    templates = sorted(ROOT.glob("*/templates/**/*.html"))
    if templates:
        run(BIN / "djhtml", "--check", *templates)
    say(
        "Test suite on "
        + ("DATABASE_URL" if os.environ.get("DATABASE_URL") else "SQLite")
    )
    run(BIN / "pytest", *args.pytest_args)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 -m cms", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="install, migrate, collect static, seed, admin")
    sub.add_parser("run", help="setup, then run web + worker + scheduler")
    test = sub.add_parser("test", help="checks, lint and the whole test suite")
    test.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args()
    {"setup": cmd_setup, "run": cmd_run, "test": cmd_test}[args.command](args)


if __name__ == "__main__":
    main()
