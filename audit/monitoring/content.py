"""Content status: what is stale, waiting or broken, per section.

A *section* is a child of a home page (one per language). Freshness is looked
up by slug, the nearest configured ancestor winning (``berita`` under ``humas``
gets the news freshness): ``MONITORING_FRESHNESS_DAYS``, else
``MONITORING_DEFAULT_FRESHNESS_DAYS``. Only content pages (leaves of the tree)
can be stale. Each function runs a fixed number of queries, whatever the size
of the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState, WorkflowState

from audit.monitoring import conf


@dataclass
class PageInfo:
    id: int
    title: str
    url_path: str
    last_published_at: datetime | None
    freshness_days: int

    @property
    def age_days(self) -> int | None:
        if self.last_published_at is None:
            return None
        return (timezone.now() - self.last_published_at).days


@dataclass
class SectionStatus:
    id: int
    title: str
    language: str
    last_update: datetime | None = None
    pages: int = 0
    stale: list[PageInfo] = field(default_factory=list)
    drafts: int = 0


def _freshness(path: str, slugs_by_path: dict[str, str]) -> int:
    table = conf.get("MONITORING_FRESHNESS_DAYS")
    # Walk from the page up to the root (Treebeard paths: 4 characters a level).
    for end in range(len(path), 0, -4):
        slug = slugs_by_path.get(path[:end])
        if slug in table:
            return table[slug]
    return conf.get("MONITORING_DEFAULT_FRESHNESS_DAYS")


def _pages():
    return Page.objects.filter(depth__gte=3).values_list(
        "id",
        "title",
        "path",
        "depth",
        "slug",
        "url_path",
        "live",
        "numchild",
        "has_unpublished_changes",
        "last_published_at",
        "locale__language_code",
    )


def section_status(*, now: datetime | None = None) -> list[SectionStatus]:
    """Every section with its last update, stale pages and drafts (one query)."""
    now = now or timezone.now()
    rows = list(_pages().order_by("path"))
    slugs = {row[2]: row[4] for row in rows}
    sections: dict[str, SectionStatus] = {}
    for (
        pk,
        title,
        path,
        depth,
        _slug,
        url_path,
        live,
        numchild,
        draft,
        published,
        lang,
    ) in rows:
        if depth == 3:
            sections[path] = SectionStatus(pk, title, lang)
        section = sections.get(path[:12])
        if section is None:
            continue
        if draft:
            section.drafts += 1
        if not live:
            continue
        section.pages += 1
        if published and (
            section.last_update is None or published > section.last_update
        ):
            section.last_update = published
        if numchild == 0 and depth > 3:
            days = _freshness(path, slugs)
            if published is None or published < now - timedelta(days=days):
                section.stale.append(PageInfo(pk, title, url_path, published, days))
    return list(sections.values())


def stale_pages(*, now: datetime | None = None) -> list[PageInfo]:
    """Live content pages older than their section allows, oldest first."""
    stale = [page for s in section_status(now=now) for page in s.stale]
    return sorted(stale, key=lambda p: p.last_published_at or timezone.now())


def draft_count() -> int:
    return Page.objects.filter(has_unpublished_changes=True, depth__gte=2).count()


def scheduled_and_expiring(*, within_days: int = 7):
    now = timezone.now()
    soon = now + timedelta(days=within_days)
    # Wagtail schedules publishing on an approved revision.
    scheduled = (
        Revision.objects.filter(approved_go_live_at__isnull=False)
        .values("content_type_id", "object_id")
        .distinct()
        .count()
    )
    expiring = Page.objects.live().filter(expire_at__gt=now, expire_at__lte=soon)
    return scheduled, expiring.count()


def moderation_queue():
    """Pages waiting in a workflow: how many, and since when the oldest task waits."""
    waiting = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
    ).aggregate(count=Count("pk"), oldest=Min("started_at"))
    return waiting["count"], waiting["oldest"]


def feedback_backlog(*, now: datetime | None = None):
    """Submissions to form pages: total in the last 7 days, and overdue ones.

    Wagtail's submissions carry no status, so until an inbox marks answers,
    every submission of the last 30 days older than
    MONITORING_FEEDBACK_OVERDUE_DAYS counts as overdue (the inbox's own panel
    takes over once it exists)."""
    from wagtail.contrib.forms.models import FormSubmission

    now = now or timezone.now()
    overdue_before = now - timedelta(days=conf.get("MONITORING_FEEDBACK_OVERDUE_DAYS"))
    window = now - timedelta(days=30)
    figures = FormSubmission.objects.filter(submit_time__gte=window).aggregate(
        week=Count("pk", filter=Q(submit_time__gte=now - timedelta(days=7))),
        overdue=Count("pk", filter=Q(submit_time__lt=overdue_before)),
        oldest=Min("submit_time", filter=Q(submit_time__lt=overdue_before)),
    )
    return figures["week"], figures["overdue"], figures["oldest"]
