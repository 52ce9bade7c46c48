"""Is this deployment sound? Each check returns plain sentences, one per problem.

``manage.py cms_check_deployment`` runs them all (README, "Production"). A
check never changes anything but its own probe files and one no-op task, and
never raises: whatever goes wrong becomes a sentence. HTTP probes run only when
the site's public URL is given, since the machine running the command may not
reach it.
"""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.files.storage import storages
from django.core.mail import get_connection
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# A task waiting longer than this means no worker is taking work.
WORKER_BACKLOG = timedelta(minutes=10)
INSECURE_KEY_MARKERS = ("insecure", "dev-only", "test-only", "change-me", "changeme")


@dataclass
class Report:
    """What one check found: sentences for what is fine and what is wrong."""

    name: str
    problems: list[str] = field(default_factory=list)
    fine: list[str] = field(default_factory=list)


def check_settings() -> Report:
    report = Report("settings")
    if settings.DEBUG:
        report.problems.append(
            "DEBUG is on: set DJANGO_SETTINGS_MODULE=cms.settings.production."
        )
    key = settings.SECRET_KEY or ""
    if len(key) < 50 or any(m in key.lower() for m in INSECURE_KEY_MARKERS):
        report.problems.append(
            "DJANGO_SECRET_KEY is missing, short or a development key: set a "
            "random one of at least 50 characters."
        )
    chain_key = getattr(settings, "AUDIT_CHAIN_KEY", "") or ""
    if len(chain_key) < 32 or any(m in chain_key.lower() for m in INSECURE_KEY_MARKERS):
        report.problems.append(
            "AUDIT_CHAIN_KEY is missing, short or a development key: set a random "
            "one of at least 32 characters."
        )
    hosts = [h for h in settings.ALLOWED_HOSTS if h]
    if not hosts or "*" in hosts or set(hosts) <= {"127.0.0.1", "localhost"}:
        report.problems.append(
            "DJANGO_ALLOWED_HOSTS does not name the site: list its host names, "
            "e.g. bkp.example.go.id."
        )
    if getattr(settings, "CMS_TRUSTED_PROXY_COUNT", 0) < 1 and not getattr(
        settings, "CMS_TRUSTED_PROXIES", []
    ):
        report.problems.append(
            "DJANGO_TRUSTED_PROXY_COUNT is 0: behind nginx set it to 1 (or list "
            "nginx's address in DJANGO_TRUSTED_PROXIES), or every visitor shares "
            "nginx's address for login lockouts and the audit trail."
        )
    if settings.WAGTAILADMIN_BASE_URL.startswith("http://127.0.0.1"):
        report.problems.append(
            "WAGTAILADMIN_BASE_URL still points at 127.0.0.1: set the site's "
            "public https:// address (used in emails and the API)."
        )
    if not report.problems:
        report.fine.append("Production settings are in place.")
    return report


def check_django_deploy_checks() -> Report:
    """Django's own ``check --deploy``, warnings included."""
    report = Report("check --deploy")
    try:
        messages = checks.run_checks(include_deployment_checks=True)
    except Exception as err:  # noqa: BLE001 (any failure is the finding)
        report.problems.append(f"The system checks could not run: {err}.")
        return report
    for message in messages:
        if message.is_serious(checks.WARNING) and not message.is_silenced():
            text = f"check --deploy: {message.id}: {message.msg}"
            if message.hint:
                text += f" ({message.hint})"
            report.problems.append(text)
    if not report.problems:
        report.fine.append("manage.py check --deploy reports no issue.")
    return report


def check_migrations() -> Report:
    report = Report("migrations")
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as err:
        report.problems.append(f"The database cannot be reached: {err}.")
        return report
    if plan:
        first = plan[0][0]
        report.problems.append(
            f"{len(plan)} migration(s) are not applied (the first is "
            f"{first.app_label}.{first.name}): run manage.py migrate."
        )
    else:
        report.fine.append("The database is reachable and every migration is applied.")
    return report


def check_static() -> Report:
    """Every static file the code has is collected, under its current name."""
    report = Report("static files")
    root = Path(settings.STATIC_ROOT)
    storage = storages["staticfiles"]
    if not root.is_dir():
        report.problems.append(
            f"STATIC_ROOT {root} does not exist: run manage.py collectstatic."
        )
        return report
    manifest = getattr(storage, "hashed_files", None)
    missing = []
    for finder in finders.get_finders():
        for path, _storage in finder.list(["CVS", ".*", "*~"]):
            if manifest is not None and hasattr(storage, "manifest_name"):
                if path not in manifest:
                    missing.append(path)
            elif not (root / path).exists():
                missing.append(path)
    if (
        hasattr(storage, "manifest_name")
        and not (root / storage.manifest_name).exists()
    ):
        report.problems.append(
            f"The static manifest is missing in {root}: run manage.py collectstatic."
        )
    elif missing:
        report.problems.append(
            f"{len(missing)} static file(s) are not collected (e.g. {missing[0]}): "
            "run manage.py collectstatic."
        )
    else:
        report.fine.append(f"Static files are collected in {root}.")
    return report


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _backup_folder() -> Path | None:
    options = settings.STORAGES.get("dbbackup", {})
    if options.get("BACKEND") == "django.core.files.storage.FileSystemStorage":
        location = options.get("OPTIONS", {}).get("location")
        return Path(location).resolve() if location else None
    return None


def check_folders() -> Report:
    """Media and backups writable; backups never under a served folder."""
    report = Report("folders")
    folders = {}
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        folders["media"] = Path(settings.MEDIA_ROOT).resolve()
    backups = _backup_folder()
    if backups is not None:
        folders["backup"] = backups
    for name, folder in folders.items():
        if not folder.is_dir():
            report.problems.append(f"The {name} folder {folder} does not exist.")
        elif not os.access(folder, os.W_OK | os.X_OK):
            report.problems.append(
                f"The {name} folder {folder} is not writable by this user."
            )
    if backups is not None:
        served = {
            "MEDIA_ROOT": Path(settings.MEDIA_ROOT).resolve(),
            "STATIC_ROOT": Path(settings.STATIC_ROOT).resolve(),
        }
        for name, folder in served.items():
            if _inside(backups, folder):
                report.problems.append(
                    f"The backup folder {backups} is inside {name} ({folder}), "
                    "which the web server serves: move BACKUPS_ROOT elsewhere."
                )
    if not report.problems:
        report.fine.append(
            "Media and backup folders are writable; backups are outside every "
            "served folder."
        )
    return report


def _fetch(url: str, *, insecure: bool) -> tuple[int, bytes]:
    context = ssl.create_default_context()
    if insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers={"User-Agent": "bkp-deploy-check"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310
            return response.status, response.read(65536)
    except urllib.error.HTTPError as err:
        return err.code, err.read(65536)


def check_public_site(base_url: str, *, insecure: bool = False) -> Report:
    """Through the web server: the site answers; probe files are never served."""
    report = Report("web server")
    base = base_url.rstrip("/")
    try:
        status, _ = _fetch(base + "/robots.txt", insecure=insecure)
    except (OSError, ValueError) as err:
        report.problems.append(f"The site at {base} cannot be reached: {err}.")
        return report
    if status != 200:
        report.problems.append(f"The site at {base} answers {status} for /robots.txt.")
    token = secrets.token_hex(8)
    marker = f"bkp-deploy-check-{token}".encode()
    probes: list[tuple[Path, str]] = []
    media = Path(settings.MEDIA_ROOT)
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        probes += [
            (media / "documents" / f"deploy-check-{token}.pdf", "documents"),
            (media / "original_images" / f"deploy-check-{token}.svg", "SVG image"),
            (media / f"deploy-check-{token}.html", "HTML"),
        ]
    backups = _backup_folder()
    if backups is not None:
        probes.append((backups / f"deploy-check-{token}.bin", "backup"))
    written = []
    try:
        for path, _ in probes:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(marker)
                written.append(path)
            except OSError:
                continue  # check_folders says which folder is not writable
        for path, kind in probes:
            if path not in written:
                continue
            urls = []
            if _inside(path, media.resolve()):
                urls.append(f"{base}/media/{path.relative_to(media).as_posix()}")
            else:
                urls += [
                    f"{base}/media/../{path.parent.name}/{path.name}",
                    f"{base}/{path.parent.name}/{path.name}",
                ]
            for url in urls:
                try:
                    status, body = _fetch(url, insecure=insecure)
                except (OSError, ValueError):
                    continue
                if marker in body:
                    report.problems.append(
                        f"The web server serves a {kind} file it must not: {url}."
                    )
                    break
    finally:
        for path in written:
            path.unlink(missing_ok=True)
    if not report.problems:
        report.fine.append(
            f"The site answers at {base}; documents, non-raster media and backups "
            "are not served."
        )
    return report


def check_worker(*, wait: float) -> Report:
    """A worker takes work: nothing waits long, and a no-op task runs."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from cms.tasks import deployment_probe_task

    report = Report("worker")
    try:
        waiting = (
            DBTaskResult.objects.ready()
            .filter(run_after__lt=timezone.now() - WORKER_BACKLOG)
            .count()
        )
    except DatabaseError as err:
        report.problems.append(f"The task queue cannot be read: {err}.")
        return report
    if waiting:
        report.problems.append(
            f"{waiting} task(s) have waited more than "
            f"{int(WORKER_BACKLOG.total_seconds() // 60)} minutes: is the worker "
            "(bkp-worker.service) running?"
        )
    if wait > 0:
        result = deployment_probe_task.enqueue()
        deadline = time.monotonic() + wait
        finished = {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}
        while result.status not in finished and time.monotonic() < deadline:
            time.sleep(0.5)
            result.refresh()
        if result.status != TaskResultStatus.SUCCESSFUL:
            report.problems.append(
                f"No worker ran a test task within {wait:g} seconds: start the "
                "worker (bkp-worker.service) and check its log."
            )
    if not report.problems:
        report.fine.append("A task worker is taking work.")
    return report


def check_scheduler() -> Report:
    from cms.scheduler.health import scheduler_running

    report = Report("scheduler")
    try:
        running = scheduler_running()
    except DatabaseError as err:
        report.problems.append(f"The scheduler's lease cannot be read: {err}.")
        return report
    if running:
        report.fine.append("A scheduler holds the lease.")
    else:
        report.problems.append(
            "No scheduler holds the lease: start the scheduler "
            "(bkp-scheduler.service); periodic jobs are not firing."
        )
    return report


def check_mail(*, timeout: float = 10) -> Report:
    report = Report("mail")
    if not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        report.problems.append(
            f"Mail is not sent: EMAIL_BACKEND is {settings.EMAIL_BACKEND}; "
            "production needs SMTP (DJANGO_EMAIL_HOST and friends)."
        )
        return report
    mail = get_connection(timeout=timeout)
    try:
        mail.open()
    except (OSError, smtplib.SMTPException) as err:
        report.problems.append(
            f"The mail server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} cannot be "
            f"reached or refused the login: {err}."
        )
    else:
        report.fine.append(
            f"The mail server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} accepts "
            "connections."
        )
    finally:
        mail.close()
    return report


def run_checks(
    *, url: str | None = None, insecure: bool = False, worker_wait: float = 30
) -> list[Report]:
    """Every check, in the order an operator would fix things."""
    steps: list[Callable[[], Report]] = [
        check_settings,
        check_django_deploy_checks,
        check_migrations,
        check_static,
        check_folders,
    ]
    if url:
        steps.append(lambda: check_public_site(url, insecure=insecure))
    steps += [
        lambda: check_worker(wait=worker_wait),
        check_scheduler,
        check_mail,
    ]
    return [step() for step in steps]
