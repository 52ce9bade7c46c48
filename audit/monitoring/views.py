"""The health endpoint, the public status page and the admin's monitoring screen."""

from __future__ import annotations

import hmac

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from audit.monitoring import availability, charts, conf, content, health, history
from audit.monitoring.models import BrokenLink, LinkCheckRun, Outage, ProbeRun

VIEW_PERMISSION = "monitoring.view_monitoring"


def can_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_PERMISSION))


def _may_see_details(request: HttpRequest) -> bool:
    token = conf.get("MONITORING_HEALTH_TOKEN")
    given = request.headers.get("X-Health-Token", "")
    if token and given and hmac.compare_digest(token.encode(), given.encode()):
        return True
    return can_view(request.user)


@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    """200 only when every check passes; details only for officers or the token."""
    checks = health.run_checks()
    ok = all(check.ok for check in checks)
    body: dict = {"status": "ok" if ok else "fail"}
    if _may_see_details(request):
        body["checks"] = {
            check.name: {"ok": check.ok, "detail": check.detail} for check in checks
        }
    return JsonResponse(body, status=200 if ok else 503)


def status_page(request: HttpRequest):
    """For citizens: now, the last 90 days, past outages. No address or error text."""
    days = history.daily(90)
    outages = list(Outage.objects.order_by("-started_at")[:20])
    last_run = ProbeRun.objects.exclude(outcome="no_network").first()
    current = availability.current_outage()
    return render(
        request,
        "monitoring/status_page.html",
        {
            "days": days,
            "uptime_90": history.uptime(days),
            "outages": outages,
            "current": current,
            "last_run": last_run,
        },
    )


def index(request: HttpRequest):
    """The officers' full view: availability charts, outages, content, links."""
    if not can_view(request.user):
        raise PermissionDenied
    days = history.daily(30)
    last_run = ProbeRun.objects.first()
    return render(
        request,
        "monitoring/index.html",
        {
            "page_title": _("Monitoring"),
            "days": days,
            "uptime_30": history.uptime(days),
            "uptime_chart": charts.uptime_chart(days),
            "latency_chart": charts.latency_chart(days),
            "current": availability.current_outage(),
            "outages": Outage.objects.order_by("-started_at")[:20],
            "last_run": last_run,
            "results": last_run.results.order_by("pk") if last_run else [],
            "sections": content.section_status(),
            "stale": content.stale_pages()[:100],
            "broken": BrokenLink.objects.all()[:200],
            "link_check": LinkCheckRun.objects.first(),
        },
    )
