"""Admin screens of visitor activity: login attempts (with unlock), security
signals, client blocks (with lift) and traffic charts. Read-only apart from the
two officer actions, each recorded in the audit trail."""

from __future__ import annotations

import datetime

import django_filters
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from audit.security import detection, logins
from audit.security.charts import bar_chart
from audit.security.conf import conf
from audit.security.models import (
    ClientBlock,
    SecuritySignal,
    Severity,
    SignalKind,
    TrafficCount,
    TrafficDimension,
)

permission_policy = ModelPermissionPolicy(SecuritySignal)


def can_view(user) -> bool:
    return permission_policy.user_has_permission(user, "view")


def can_unlock(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("security.unlock_client")
    )


def forbidden(request):
    return permission_denied(request, PermissionDenied())


class OfficerReportView(ReportView):
    permission_policy = permission_policy
    permission_required = "view"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_unlock"] = can_unlock(self.request.user)
        return context


class AttemptFilterSet(WagtailFilterSet):
    username = django_filters.CharFilter(label=_("Username"), lookup_expr="icontains")
    ip_address = django_filters.CharFilter(label=_("Client address"))

    class Meta:
        model = AccessAttempt
        fields = ["username", "ip_address"]


class AttemptReportView(OfficerReportView):
    """Failed logins still counted by django-axes (within the cool-off)."""

    page_title = _("Login attempts")
    header_icon = "lock"
    results_template_name = "security/attempt_results.html"
    filterset_class = AttemptFilterSet
    index_url_name = "security:attempts"
    index_results_url_name = "security:attempts_results"
    model = AccessAttempt
    list_export = ["attempt_time", "username", "ip_address", "failures_since_start"]
    export_headings = {
        "attempt_time": _("Last attempt"),
        "username": _("Username"),
        "ip_address": _("Client address"),
        "failures_since_start": _("Failures"),
    }

    def get_base_queryset(self):
        return AccessAttempt.objects.order_by("-attempt_time")

    def decorate_paginated_queryset(self, object_list):
        """Mark the usernames locked out, and the clients locked by the cap
        across usernames (one query for the page, whatever its length)."""
        from axes.conf import settings as axes_settings

        limit = axes_settings.AXES_FAILURE_LIMIT
        object_list = list(object_list)
        addresses = {a.ip_address for a in object_list if a.ip_address}
        capped = set(
            AccessAttempt.objects.filter(ip_address__in=addresses)
            .values("ip_address")
            .annotate(total=Sum("failures_since_start"))
            .filter(total__gte=conf.CLIENT_FAILURE_LIMIT)
            .values_list("ip_address", flat=True)
        )
        for attempt in object_list:
            attempt.locked = attempt.failures_since_start >= limit
            attempt.client_locked = attempt.ip_address in capped
        return object_list


@require_POST
def unlock_view(request, pk):
    if not can_unlock(request.user):
        return forbidden(request)
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    logins.unlock(attempt, user=request.user, request=request)
    messages.success(
        request,
        gettext("“%(username)s” can sign in again.") % {"username": attempt.username},
    )
    return redirect("security:attempts")


class SignalFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SignalKind.choices)
    severity = django_filters.ChoiceFilter(
        label=_("Severity"), choices=Severity.choices
    )

    class Meta:
        model = SecuritySignal
        fields = ["kind", "severity"]


class SignalReportView(OfficerReportView):
    page_title = _("Security signals")
    header_icon = "warning"
    results_template_name = "security/signal_results.html"
    filterset_class = SignalFilterSet
    index_url_name = "security:signals"
    index_results_url_name = "security:signals_results"
    model = SecuritySignal
    list_export = ["window_start", "kind", "severity", "count", "client", "sample"]
    export_headings = {
        "window_start": _("Window start"),
        "kind": _("Kind"),
        "severity": _("Severity"),
        "count": _("Count"),
        "client": _("Client (keyed hash)"),
        "sample": _("Example request"),
    }

    def get_base_queryset(self):
        return SecuritySignal.objects.order_by("-window_start", "-count")


class BlockReportView(OfficerReportView):
    page_title = _("Blocked clients")
    header_icon = "cross"
    results_template_name = "security/block_results.html"
    index_url_name = "security:blocks"
    index_results_url_name = "security:blocks_results"
    model = ClientBlock

    def get_base_queryset(self):
        return ClientBlock.objects.order_by("-created_at")

    def decorate_paginated_queryset(self, object_list):
        now = timezone.now()
        for blocked in object_list:
            blocked.active = blocked.lifted_at is None and blocked.expires_at > now
        return object_list


@require_POST
def lift_view(request, pk):
    if not can_unlock(request.user):
        return forbidden(request)
    blocked = get_object_or_404(ClientBlock.objects.active(), pk=pk)
    detection.lift(blocked, user=request.user)
    messages.success(request, gettext("The block has been lifted."))
    return redirect("security:blocks")


class TrafficView(WagtailAdminTemplateMixin, TemplateView):
    """Daily page views and unique visitors, and the top pages, sections,
    languages, status codes and referring sites of the last 30 days."""

    page_title = _("Traffic")
    header_icon = "view"
    template_name = "security/traffic.html"
    days = 30

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def top(self, counts, dimension, limit=10):
        return list(
            counts.filter(dimension=dimension)
            .values("key")
            .annotate(total=Sum("count"))
            .order_by("-total", "key")[:limit]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        first = today - datetime.timedelta(days=self.days - 1)
        counts = TrafficCount.objects.filter(day__gte=first)
        daily = {
            (row["day"], row["dimension"]): row["total"]
            for row in counts.filter(
                dimension__in=[TrafficDimension.VIEWS, TrafficDimension.VISITORS]
            )
            .values("day", "dimension")
            .annotate(total=Sum("count"))
        }
        days = [first + datetime.timedelta(days=n) for n in range(self.days)]
        views = [daily.get((d, TrafficDimension.VIEWS), 0) for d in days]
        visitors = [daily.get((d, TrafficDimension.VISITORS), 0) for d in days]
        pages = self.top(counts, TrafficDimension.PAGE)
        sections = self.top(counts, TrafficDimension.SECTION)
        titles = {
            str(page.pk): page.title
            for page in Page.objects.filter(
                pk__in=[int(r["key"]) for r in pages if r["key"].isdigit()]
            ).only("pk", "title")
        }
        section_titles = dict(
            Page.objects.filter(path__in=[r["key"] for r in sections]).values_list(
                "path", "title"
            )
        )
        for row in pages:
            row["label"] = titles.get(row["key"], gettext("(deleted page)"))
        for row in sections:
            row["label"] = section_titles.get(row["key"], gettext("(deleted section)"))
        names = dict(settings.LANGUAGES)
        languages = self.top(counts, TrafficDimension.LANGUAGE)
        for row in languages:
            row["label"] = names.get(row["key"], row["key"])
        context.update(
            {
                "views_chart": bar_chart(
                    days, views, title=gettext("Page views per day")
                ),
                "visitors_chart": bar_chart(
                    days, visitors, title=gettext("Unique visitors per day (estimate)")
                ),
                "total_views": sum(views),
                "total_visitors": sum(visitors),
                "pages": pages,
                "sections": sections,
                "languages": languages,
                "statuses": self.top(counts, TrafficDimension.STATUS),
                "referrers": self.top(counts, TrafficDimension.REFERRER),
                "first": first,
                "today": today,
            }
        )
        return context
