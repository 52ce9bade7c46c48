"""The officers' control room: dashboard panels ordered by urgency.

Each panel is a Wagtail component added through ``construct_homepage_panels``.
Its ``order`` is its place in the list of urgency (``URGENCY`` below) and drops
by ``CALM`` places when nothing needs attention, so what needs an officer comes
first. Other apps add their own panels the same way, with their own hooks,
using the slots documented here (backups 20, security signals 30, open
problems 70): a panel works, empty, before its source exists.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from audit.monitoring import availability, charts, conf, content, history
from audit.monitoring.models import BrokenLink, LinkCheckRun, ProbeRun

URGENCY = {
    # Before Wagtail's own panels and the audit (80) and scheduler (90) panels.
    "site_status": 10,
    "backups": 20,
    "security": 30,
    "moderation": 40,
    "content": 50,
    "feedback": 60,
    "problems": 70,
    "broken_links": 74,
    "late_jobs": 78,
}
CALM = 1000


class MonitoringPanel(Component):
    key = ""

    def __init__(self):
        self.context = self.build()

    @property
    def order(self) -> int:
        return URGENCY[self.key] + (0 if self.context.get("attention") else CALM)

    def build(self) -> dict:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        return {**self.context, "index_url": reverse("monitoring:index")}


class SiteStatusPanel(MonitoringPanel):
    name = "monitoring_site_status"
    key = "site_status"
    template_name = "monitoring/panels/site_status.html"

    def build(self):
        outage = availability.current_outage()
        last_run = ProbeRun.objects.first()
        today = history.daily(1)
        return {
            "attention": outage is not None
            or (last_run is not None and last_run.outcome != "up"),
            "outage": outage,
            "last_run": last_run,
            "uptime_today": history.uptime(today),
            "sparkline": charts.sparkline(history.recent_latencies()),
        }


class ModerationPanel(MonitoringPanel):
    name = "monitoring_moderation"
    key = "moderation"
    template_name = "monitoring/panels/moderation.html"

    def build(self):
        count, oldest = content.moderation_queue()
        return {
            "attention": bool(count),
            "count": count,
            "oldest": oldest,
            "waiting": timezone.now() - oldest if oldest else None,
        }


class ContentPanel(MonitoringPanel):
    name = "monitoring_content"
    key = "content"
    template_name = "monitoring/panels/content.html"

    def build(self):
        sections = content.section_status()
        stale = sorted(
            (page for s in sections for page in s.stale),
            key=lambda p: p.last_published_at or timezone.now(),
        )
        scheduled, expiring = content.scheduled_and_expiring()
        return {
            "attention": bool(stale),
            "sections": sections,
            "stale": stale[:5],
            "stale_count": len(stale),
            "drafts": sum(s.drafts for s in sections),
            "scheduled": scheduled,
            "expiring": expiring,
        }


class FeedbackPanel(MonitoringPanel):
    name = "monitoring_feedback"
    key = "feedback"
    template_name = "monitoring/panels/feedback.html"

    def build(self):
        week, overdue, oldest = content.feedback_backlog()
        return {
            "attention": bool(overdue),
            "week": week,
            "overdue": overdue,
            "oldest": oldest,
            "overdue_days": conf.get("MONITORING_FEEDBACK_OVERDUE_DAYS"),
        }


class BrokenLinksPanel(MonitoringPanel):
    name = "monitoring_broken_links"
    key = "broken_links"
    template_name = "monitoring/panels/broken_links.html"

    def build(self):
        broken = list(BrokenLink.objects.all()[:6])
        return {
            "attention": bool(broken),
            "broken": broken[:5],
            "count": BrokenLink.objects.count() if broken else 0,
            "last_check": LinkCheckRun.objects.exclude(finished_at=None).first(),
        }


class LateJobsPanel(MonitoringPanel):
    name = "monitoring_late_jobs"
    key = "late_jobs"
    template_name = "monitoring/panels/late_jobs.html"

    def build(self):
        from cms.scheduler.health import late_jobs, scheduler_running

        late = late_jobs()
        running = scheduler_running()
        return {
            "attention": bool(late) or not running,
            "late": late,
            "running": running,
        }


PANELS = [
    SiteStatusPanel,
    ModerationPanel,
    ContentPanel,
    FeedbackPanel,
    BrokenLinksPanel,
    LateJobsPanel,
]
