"""Availability probes: real HTTP requests to the key public URLs, outages
opened after N consecutive failed runs and closed on recovery.

1. ``run_probes()`` claims the ``probes`` lease (a run never overlaps the last),
   requests every key URL through the public base URL and stores one
   ``ProbeRun`` with a ``ProbeResult`` per URL.
2. The run's outcome: *up* when every URL answered below 400; *unreachable*
   when nothing answered at all (refused, DNS, no route, timeout: the server is
   stopped or cut off); *errors* when the site answered but some answers were
   errors; *no_network* when nothing answered **and** the configured outside
   reference failed too: the monitor's own network is down, which says nothing
   about the site and neither opens nor closes an outage.
3. ``MONITORING_FAILURES_BEFORE_OUTAGE`` consecutive down runs open one outage
   (a partial unique index allows one open outage); the first up run closes it.
   Both are recorded in the audit trail and mailed after commit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.monitoring import conf, emails
from audit.monitoring.fetch import Answer, fetch
from audit.monitoring.lease import held
from audit.monitoring.models import Outage, Outcome, ProbeResult, ProbeRun
from audit.trail import record

logger = logging.getLogger(__name__)

ACTOR = "system:monitoring.probe"


def key_paths() -> list[str]:
    """The paths probed: the configured list, or the key URLs of the live site."""
    configured = conf.get("MONITORING_URLS")
    if configured:
        return list(configured)
    from wagtail.images import get_image_model

    from home.models import FeedbackFormPage, HomePage

    paths: list[str] = []
    homes = list(HomePage.objects.live().public().order_by("path"))
    for home in homes:
        paths.append(home.url)
        paths.extend(
            child.url
            for child in home.get_children().live().public().in_menu().order_by("path")
        )
    paths.extend(
        page.url for page in FeedbackFormPage.objects.live().public().order_by("path")
    )
    paths.append("/api/v2/pages/?limit=1")
    paths.append(conf.get("MONITORING_STATIC_PATH"))
    image = get_image_model().objects.order_by("pk").first()
    if image is not None:
        paths.append(image.file.url)
    # With several sites Wagtail gives absolute URLs: keep path and query, the
    # probes go through MONITORING_BASE_URL.
    relative = []
    for url in paths:
        parts = urlsplit(url or "")
        if parts.path:
            relative.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(relative))


@dataclass(frozen=True)
class RunSummary:
    run: ProbeRun
    opened: Outage | None = None
    closed: Outage | None = None


def classify(answers: list[Answer], reference: Answer | None) -> str:
    if all(answer.ok for answer in answers):
        return Outcome.UP
    if all(answer.connection_error for answer in answers):
        if reference is not None and reference.connection_error:
            return Outcome.NO_NETWORK
        return Outcome.UNREACHABLE
    return Outcome.ERRORS


def probe_all(paths: list[str]) -> tuple[list[Answer], Answer | None]:
    base = conf.base_url()
    timeout = conf.get("MONITORING_TIMEOUT_SECONDS")
    answers = [fetch(base + path, timeout=timeout) for path in paths]
    reference = None
    if not all(answer.ok for answer in answers) and conf.get(
        "MONITORING_REFERENCE_URL"
    ):
        reference = fetch(conf.get("MONITORING_REFERENCE_URL"), timeout=timeout)
    return answers, reference


def run_probes() -> RunSummary | None:
    """Probe every key URL once; None when another run still holds the lease."""
    paths = key_paths()
    timeout = conf.get("MONITORING_TIMEOUT_SECONDS")
    with held("probes", seconds=timeout * (len(paths) + 2) + 30) as ok:
        if not ok:
            logger.info("A probe run is still going on: this one is skipped.")
            return None
        started = timezone.now()
        answers, reference = probe_all(paths)
        return record_run(started, paths, answers, reference)


def record_run(
    started, paths: list[str], answers: list[Answer], reference: Answer | None
) -> RunSummary:
    outcome = classify(answers, reference)
    latencies = [a.latency_ms for a in answers if a.latency_ms is not None]
    with transaction.atomic():
        run = ProbeRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            outcome=outcome,
            urls_checked=len(answers),
            urls_failed=sum(not a.ok for a in answers),
            latency_ms=max(latencies) if latencies else None,
        )
        ProbeResult.objects.bulk_create(
            ProbeResult(
                run=run,
                url=path[:500],
                ok=answer.ok,
                status=answer.status,
                latency_ms=answer.latency_ms,
                size=answer.size,
                connection_error=answer.connection_error,
                error=answer.error[:500],
            )
            for path, answer in zip(paths, answers, strict=True)
        )
        failed = [path for path, a in zip(paths, answers, strict=True) if not a.ok]
        summary = " · ".join(
            f"{path}: {a.error}"
            for path, a in zip(paths, answers, strict=True)
            if not a.ok
        )
        return RunSummary(
            run=run,
            opened=maybe_open_outage(run, failed, summary),
            closed=maybe_close_outage(run),
        )


def maybe_open_outage(run: ProbeRun, failed: list[str], summary: str) -> Outage | None:
    if not run.counts_as_down or Outage.objects.filter(ended_at=None).exists():
        return None
    needed = max(1, conf.get("MONITORING_FAILURES_BEFORE_OUTAGE"))
    # The newest runs that count (a run while the monitor was offline says
    # nothing about the site and is skipped).
    recent = list(
        ProbeRun.objects.exclude(outcome=Outcome.NO_NETWORK)
        .order_by("-started_at", "-pk")
        .values_list("started_at", "outcome")[:needed]
    )
    if len(recent) < needed or any(outcome == Outcome.UP for _, outcome in recent):
        return None
    try:
        with transaction.atomic():
            outage = Outage.objects.create(
                started_at=recent[-1][0],
                cause=run.outcome,
                affected_urls=failed,
                summary=summary[:500],
            )
    except IntegrityError:
        return None  # another run opened it first
    record(
        "monitoring.outage_opened",
        actor=ACTOR,
        obj=outage,
        details={"cause": outage.cause, "affected_urls": failed, "failed_runs": needed},
    )
    transaction.on_commit(lambda: emails.send_outage_opened(outage.pk))
    return outage


def maybe_close_outage(run: ProbeRun) -> Outage | None:
    if run.outcome != Outcome.UP:
        return None
    outage = Outage.objects.filter(ended_at=None).first()
    if outage is None:
        return None
    won = Outage.objects.filter(pk=outage.pk, ended_at=None).update(
        ended_at=run.started_at
    )
    if not won:
        return None
    outage.refresh_from_db()
    record(
        "monitoring.outage_closed",
        actor=ACTOR,
        obj=outage,
        details={"downtime_seconds": round(outage.duration.total_seconds())},
    )
    transaction.on_commit(lambda: emails.send_outage_closed(outage.pk))
    return outage


def current_outage() -> Outage | None:
    return Outage.objects.filter(ended_at=None).first()
