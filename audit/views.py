"""Admin screens of the audit trail: the report, its exports and the dashboard
panel. Read-only: no screen edits or deletes an event."""

from __future__ import annotations

import csv
import datetime

import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.mixins import Echo
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from audit import actions
from audit.models import ChainHead, Event, VerificationRun
from audit.verify import acknowledge

event_permission_policy = ModelPermissionPolicy(Event)


def can_view_trail(user) -> bool:
    return event_permission_policy.user_has_permission(user, "view")


def forbidden(request):
    """A plain 403. Wagtail answers PermissionDenied in the admin with a redirect
    to the dashboard; the audit trail's refusal must be unmistakable (and
    testable) instead."""
    return permission_denied(request, PermissionDenied())


def object_type_choices() -> list[tuple[str, str]]:
    return sorted(
        (
            (f"{ct.app_label}.{ct.model}", capfirst(ct.name))
            for ct in ContentType.objects.all()
        ),
        key=lambda choice: choice[1],
    )


class EventFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(
        label=_("Period"), widget=DateRangePickerWidget
    )
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"),
        queryset=lambda request: get_user_model().objects.order_by("username"),
        method="filter_actor",
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=lambda: actions.choices()
    )
    object_type = django_filters.ChoiceFilter(
        label=_("Object type"), choices=object_type_choices
    )
    text = django_filters.CharFilter(label=_("Text"), method="filter_text")

    class Meta:
        model = Event
        fields = ["timestamp", "actor", "action", "object_type", "text"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(actor_id=value.pk)

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(object_label__icontains=value)
            | Q(actor__icontains=value)
            | Q(details__icontains=value)
        )


def _jakarta_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value, timezone.get_default_timezone())


class EventReportView(ReportView):
    """The audit trail, newest first, paged by sequence (never by offset)."""

    page_title = _("Audit trail")
    header_icon = "list-ul"
    results_template_name = "audit/event_results.html"
    filterset_class = EventFilterSet
    index_url_name = "audit:events"
    index_results_url_name = "audit:events_results"
    permission_policy = event_permission_policy
    permission_required = "view"
    model = Event
    paginate_by = 50

    list_export = [
        "sequence",
        "timestamp",
        "actor",
        "action",
        "action_label",
        "object_type",
        "object_id",
        "object_label",
        "client",
        "details",
        "hash",
    ]
    export_headings = {
        "sequence": _("Sequence"),
        "timestamp": _("Time (WIB)"),
        "actor": _("Actor"),
        "action": _("Action"),
        "action_label": _("Description"),
        "object_type": _("Object type"),
        "object_id": _("Object id"),
        "object_label": _("Object"),
        "client": _("Client (keyed hash)"),
        "details": _("Details"),
        "hash": _("Hash"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "timestamp": {
                self.FORMAT_CSV: lambda v: _jakarta_naive(v).isoformat(sep=" "),
                self.FORMAT_XLSX: _jakarta_naive,
            },
        }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_trail(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Event.objects.order_by("-sequence")

    def get_filename(self):
        return "audit-trail-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    @cached_property
    def keyset(self) -> dict[str, int | None]:
        def number(name):
            value = self.request.GET.get(name, "")
            return int(value) if value.isdigit() else None

        return {"before": number("before"), "after": number("after")}

    def paginate_queryset(self, queryset, page_size):
        """Keyset pagination: a page is the events just below (``before``) or
        above (``after``) a sequence number, read through an index, so a page
        deep in a million events costs what the first page costs."""
        before, after = self.keyset["before"], self.keyset["after"]
        if after is not None:
            rows = list(
                queryset.filter(sequence__gt=after).order_by("sequence")[
                    : page_size + 1
                ]
            )
            self.has_newer = len(rows) > page_size
            rows = rows[:page_size][::-1]
            self.has_older = True
        else:
            if before is not None:
                queryset = queryset.filter(sequence__lt=before)
            rows = list(queryset.order_by("-sequence")[: page_size + 1])
            self.has_older = len(rows) > page_size
            rows = rows[:page_size]
            self.has_newer = before is not None
        return (None, None, rows, False)

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:
            return object_list
        finder = AdminURLFinder(self.request.user)
        wanted: dict[str, set[str]] = {}
        for event in object_list:
            if event.object_type and event.object_id:
                wanted.setdefault(event.object_type, set()).add(event.object_id)
        found = {}
        for object_type, ids in wanted.items():
            try:
                model = apps.get_model(object_type)
                pks = [model._meta.pk.to_python(i) for i in ids]
            except (LookupError, ValueError, ValidationError):
                continue
            for pk, instance in model._default_manager.in_bulk(pks).items():
                found[(object_type, str(pk))] = instance
        for event in object_list:
            instance = found.get((event.object_type, event.object_id))
            event.object_url = finder.get_edit_url(instance) if instance else None
        return object_list

    def page_url(self, **params) -> str:
        query = self.request.GET.copy()
        for name in ("before", "after", "p", "_w_filter_fragment", "export"):
            query.pop(name, None)
        query.update(params)
        return f"{self.index_url}?{query.urlencode()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        rows = context["object_list"]
        context["newest_url"] = self.page_url() if self.has_newer else None
        context["newer_url"] = (
            self.page_url(after=rows[0].sequence) if self.has_newer and rows else None
        )
        context["older_url"] = (
            self.page_url(before=rows[-1].sequence) if self.has_older and rows else None
        )
        return context

    # Exports stream the filtered events in chunks rather than caching them all.
    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset.iterator(chunk_size=2000):
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Audit")
        worksheet.append(self.get_heading(queryset, f) for f in self.list_export)
        for item in queryset.iterator(chunk_size=2000):
            worksheet.append(
                self.generate_xlsx_row(
                    worksheet, self.to_row_dict(item), date_format="yyyy-mm-dd hh:mm:ss"
                )
            )
        workbook.save(output)


@require_POST
def acknowledge_verification(request, pk):
    if not can_view_trail(request.user):
        return forbidden(request)
    run = get_object_or_404(VerificationRun, pk=pk, ok=False)
    acknowledge(run, user=request.user)
    return redirect("wagtailadmin_home")


class AuditPanel(Component):
    name = "audit_trail"
    template_name = "audit/audit_panel.html"
    order = 80

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        midnight = timezone.localtime().replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        context.update(
            {
                "head": ChainHead.objects.filter(pk=1).first(),
                "last_run": VerificationRun.objects.order_by("-started_at").first(),
                "failures": VerificationRun.objects.filter(
                    ok=False, acknowledged_at__isnull=True
                ).order_by("-started_at")[:5],
                "events_today": Event.objects.filter(timestamp__gte=midnight).count(),
                "csrf_token": parent_context["csrf_token"],
            }
        )
        return context
