"""A month of seeded activity (November 2026) for the report tests.

What the report must show for it (Indonesian formatting in brackets):
uptime 99.86 % (99,86%), one 60-minute outage "Server mati listrik", three
backup runs (one failed, two drilled, 3 000 000 bytes), 1 500 page views
(1.500), 12 suspicious requests of which 7 high, 1 lockout and 3 failed logins,
Humas 2 submitted / 2 approved in 3 working hours, Tata Usaha 1 sent back,
3 feedback items of which 2 answered (median 4 hours), 3 problems (medians
12, 8 and 120 minutes) with one coordination entry with a vendor.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess

import time_machine
from wagtail.models import TaskState

from audit.monitoring.models import Outage, ProbeDay, ProbeRun
from audit.problems.models import CoordinationEntry, Problem
from audit.reports import confirmations
from audit.security.models import SecuritySignal, TrafficCount
from audit.trail import record
from backups.models import Backup
from home import moderation
from home.models import FeedbackItem
from tests.home.builders import build_article, build_feedback_page
from tests.home.inbox_utils import make_item
from tests.home.workflow_base import at

MINUTE = datetime.timedelta(minutes=1)


def pdf_text(path: str) -> str | None:
    """The PDF's text through poppler's pdftotext; None when it is missing."""
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", path, "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    )
    return result.stdout


def seed_availability():
    ProbeDay.objects.bulk_create(
        ProbeDay(
            day=datetime.date(2026, 11, day),
            runs=288,
            down_runs=12 if day == 10 else 0,
            latency_p50_ms=120,
            latency_p95_ms=300,
            latency_max_ms=900,
        )
        for day in range(1, 31)
    )
    ProbeRun.objects.create(
        started_at=at(2026, 11, 30, 23, 55),
        finished_at=at(2026, 11, 30, 23, 55),
        outcome="up",
        urls_checked=5,
        latency_ms=120,
    )
    Outage.objects.create(
        started_at=at(2026, 11, 10, 10),
        ended_at=at(2026, 11, 10, 11),
        cause="unreachable",
        summary="Server mati listrik",
    )


def seed_backups():
    for day, size in ((3, 1_000_000), (4, 2_000_000)):
        Backup.objects.create(
            kind="database",
            trigger="schedule",
            status="succeeded",
            started_at=at(2026, 11, day, 2),
            finished_at=at(2026, 11, day, 2, 5),
            size=size,
            drill_status="passed",
        )
    Backup.objects.create(
        kind="database",
        trigger="schedule",
        status="failed",
        started_at=at(2026, 11, 5, 2),
        finished_at=at(2026, 11, 5, 2, 1),
        error="Disk penuh",
    )


def seed_activity():
    TrafficCount.objects.bulk_create(
        [
            TrafficCount(
                day=datetime.date(2026, 11, 3), dimension="views", key="", count=1200
            ),
            TrafficCount(
                day=datetime.date(2026, 11, 4), dimension="views", key="", count=300
            ),
            TrafficCount(
                day=datetime.date(2026, 11, 3), dimension="visitors", key="", count=420
            ),
            TrafficCount(
                day=datetime.date(2026, 11, 3),
                dimension="page",
                key="/id/berita/",
                count=900,
            ),
            TrafficCount(
                day=datetime.date(2026, 11, 4),
                dimension="page",
                key="/id/layanan/",
                count=400,
            ),
            # Outside the period: not counted.
            TrafficCount(
                day=datetime.date(2026, 12, 1), dimension="views", key="", count=5000
            ),
        ]
    )
    SecuritySignal.objects.create(
        client="a" * 32,
        kind="traversal",
        severity="high",
        window_start=at(2026, 11, 15, 3),
        count=7,
    )
    SecuritySignal.objects.create(
        client="b" * 32,
        kind="scanner",
        severity="medium",
        window_start=at(2026, 11, 16, 3),
        count=5,
    )
    with time_machine.travel(at(2026, 11, 15, 4), tick=False):
        record("auth.locked_out", actor=None, obj=("auth.user", "", "penyerang"))
        for _n in range(3):
            record("auth.login_failed", actor=None, obj=("auth.user", "", "penyerang"))


def seed_moderation(case):
    """Humas: two articles approved in 3 working hours; Tata Usaha: one sent back."""
    from home.models import ArticleIndexPage
    from tests.home.builders import publish

    tu_news = publish(
        case.tata_usaha, ArticleIndexPage(title="Berita TU", slug="berita-tu")
    )
    workflow = moderation.content_workflow()
    with time_machine.travel(at(2026, 11, 23, 9), tick=False):
        for title in ("Vaksinasi awak kabin", "Jadwal layanan"):
            page = build_article(case.news, title)
            page.save_revision(user=case.citra)
            workflow.start(page, case.citra)
    with time_machine.travel(at(2026, 11, 24, 9), tick=False):
        page = build_article(tu_news, "Surat edaran")
        page.save_revision(user=case.tono)
        workflow.start(page, case.tono)
    for user, when in (
        (case.oki, at(2026, 11, 23, 10)),
        (case.sari, at(2026, 11, 23, 12)),
    ):
        with time_machine.travel(when, tick=False):
            for state in TaskState.objects.filter(
                status="in_progress",
                task__groupapprovaltask__groups__user=user,
                workflow_state__requested_by=case.citra,
            ):
                state.specific.approve(user=user)
    with time_machine.travel(at(2026, 11, 24, 10), tick=False):
        for state in TaskState.objects.filter(
            status="in_progress", workflow_state__requested_by=case.tono
        ):
            state.specific.reject(user=case.oki)


def seed_feedback(case):
    page = build_feedback_page(case.home)
    first = make_item(page, received=at(2026, 11, 2, 9))
    second = make_item(page, received=at(2026, 11, 3, 9))
    make_item(page, received=at(2026, 11, 25, 9))
    FeedbackItem.objects.filter(pk=first.pk).update(
        status="answered", handled_at=at(2026, 11, 2, 13)
    )
    FeedbackItem.objects.filter(pk=second.pk).update(
        status="answered", handled_at=at(2026, 11, 4, 9)
    )


def seed_problems(case):
    def make(title, opened, reported, assigned, resolved=None, **extra):
        return Problem.objects.create(
            title=title,
            severity=extra.pop("severity", "high"),
            source=extra.pop("source", "manual"),
            status="resolved" if resolved else "assigned",
            opened_at=opened,
            reported_at=reported,
            reported_by=case.oki,
            assigned_at=assigned,
            assigned_by=case.sari,
            assigned_to=case.opi,
            resolved_at=resolved,
            resolved_by=case.opi if resolved else None,
            **extra,
        )

    first = at(2026, 11, 5, 9)
    make(
        "Website tidak dapat diakses",
        first,
        first + 12 * MINUTE,
        first + 20 * MINUTE,
        first + 140 * MINUTE,
        source="outage",
    )
    second = at(2026, 11, 12, 10)
    slow = make(
        "Server lambat",
        second,
        second + 20 * MINUTE,
        second + 40 * MINUTE,
        second + 280 * MINUTE,
        severity="medium",
    )
    third = at(2026, 11, 20, 8)
    make("Sertifikat SSL kedaluwarsa", third, third + 10 * MINUTE, third + 15 * MINUTE)
    CoordinationEntry.objects.create(
        problem=slow,
        party="vendor",
        party_name="PT Hosting Nusantara",
        contacted_at=second + 60 * MINUTE,
        agreed="Ganti server pada akhir pekan",
    )


def seed_checks(case):
    """Duty 1 checked on two days, four minutes after seeing the digest."""
    for day in (2, 3):
        with time_machine.travel(at(2026, 11, day, 8, 4), tick=False):
            confirmations.confirm(
                1, user=case.oki, shown_at=at(2026, 11, day, 8), digest={"ok": True}
            )


def seed_month(case):
    seed_availability()
    seed_backups()
    seed_activity()
    seed_moderation(case)
    seed_feedback(case)
    seed_problems(case)
    seed_checks(case)
