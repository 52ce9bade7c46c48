from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from audit.trail import record
from backups import conf, storage
from backups.models import Backup
from backups.tasks import backup_now_task

JAKARTA = ZoneInfo("Asia/Jakarta")
permission_policy = ModelPermissionPolicy(Backup)


def can_view(user) -> bool:
    return permission_policy.user_has_permission(user, "view")


def can_download(user) -> bool:
    # Superusers only: an archive holds every account and every draft.
    return user.is_active and user.is_superuser


def _wib(value):
    """Jakarta time without a zone: how spreadsheets want it."""
    if value is None:
        return None
    return value.astimezone(JAKARTA).replace(tzinfo=None)


def _in_language(chunks, language: str):
    with translation.override(language):
        yield from chunks


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


class BackupFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Kind"), choices=Backup.Kind.choices
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Backup.Status.choices
    )
    drill_status = django_filters.ChoiceFilter(
        label=gettext_lazy("Drill"),
        choices=[
            (Backup.Drill.PASSED, gettext_lazy("Passed")),
            (Backup.Drill.FAILED, gettext_lazy("Failed")),
        ],
    )
    started_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Started"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Backup
        fields = ["kind", "status", "drill_status", "started_at"]


class BackupReportView(ReportView):
    """Every backup run, newest first: status, size, drill result; the
    archive's download for superusers; "Back up now" for officers."""

    page_title = gettext_lazy("Backups")
    header_icon = "download"
    template_name = "backups/backup_index.html"
    results_template_name = "backups/backup_results.html"
    filterset_class = BackupFilterSet
    index_url_name = "backups:index"
    index_results_url_name = "backups:index_results"
    permission_policy = permission_policy
    permission_required = "view"
    model = Backup
    paginate_by = 50

    list_export = [
        "started_at",
        "get_kind_display",
        "trigger_label",
        "get_status_display",
        "duration_seconds",
        "size",
        "filename",
        "sha256",
        "encrypted",
        "drill_label",
        "drill_at",
        "error",
        "drill_error",
        "pruned_at",
    ]
    export_headings = {
        "started_at": gettext_lazy("Started (WIB)"),
        "get_kind_display": gettext_lazy("Kind"),
        "trigger_label": gettext_lazy("Trigger"),
        "get_status_display": gettext_lazy("Status"),
        "duration_seconds": gettext_lazy("Duration (seconds)"),
        "size": gettext_lazy("Size (bytes)"),
        "filename": gettext_lazy("Archive"),
        "sha256": gettext_lazy("SHA-256"),
        "encrypted": gettext_lazy("Encrypted"),
        "drill_label": gettext_lazy("Drill"),
        "drill_at": gettext_lazy("Drilled at (WIB)"),
        "error": gettext_lazy("Error"),
        "drill_error": gettext_lazy("Drill error"),
        "pruned_at": gettext_lazy("Pruned at (WIB)"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        wib = {
            self.FORMAT_CSV: lambda v: _wib(v).isoformat(sep=" ") if v else "",
            self.FORMAT_XLSX: _wib,
        }
        yes_no = {self.FORMAT_CSV: _yes_no, self.FORMAT_XLSX: _yes_no}
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "started_at": wib,
            "drill_at": wib,
            "pruned_at": wib,
            "encrypted": yes_no,
        }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        if response.streaming:
            # A CSV is written after the view has returned, when the request's
            # language is gone: keep the officer's for the headings and labels.
            response.streaming_content = _in_language(
                response.streaming_content, translation.get_language()
            )
        return response

    def dispatch(self, request, *args, **kwargs):
        # A plain 403, as the other officer reports answer (audit, security).
        if not can_view(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Backup.objects.select_related("triggered_by").order_by(
            "-started_at", "-pk"
        )

    def get_filename(self):
        return "backups-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            can_create=self.request.user.has_perm("backups.add_backup"),
            can_download=can_download(self.request.user),
            kinds=Backup.Kind.choices,
            stale=stale_kinds(),
        )
        return context


@require_POST
@permission_required("backups.add_backup")
def backup_now(request):
    kind = request.POST.get("kind", Backup.Kind.DATABASE)
    if kind not in Backup.Kind.values:
        messages.error(request, _("Choose what to back up."))
        return redirect("backups:index")
    user_id = request.user.pk
    transaction.on_commit(lambda: backup_now_task.enqueue(kind, user_id))
    messages.success(
        request,
        _("The backup has started; it appears in this list when it is done."),
    )
    return redirect("backups:index")


def download(request, pk: int):
    # A plain 403, not PermissionDenied: Wagtail's admin turns that into a
    # redirect to the dashboard.
    if not can_download(request.user):
        return HttpResponseForbidden(_("Only a superuser may download a backup."))
    backup = get_object_or_404(Backup, pk=pk, status=Backup.Status.SUCCEEDED)
    if backup.pruned_at or not storage.exists(backup.filename):
        raise Http404(_("This archive is no longer stored."))
    record(
        "backups.downloaded",
        actor=request.user,
        obj=backup,
        details={"sha256": backup.sha256},
        request=request,
    )
    return FileResponse(
        storage.archive_storage().open(backup.filename, "rb"),
        as_attachment=True,
        filename=backup.filename,
        content_type="application/octet-stream",
    )


def stale_kinds() -> list[dict]:
    """Kinds whose newest good backup is older than BACKUPS_MAX_AGE_HOURS allows.

    One query whatever the number of backups (the health endpoint calls it).
    """
    limits = conf.get("BACKUPS_MAX_AGE_HOURS")
    now = timezone.now()
    newest = dict(
        Backup.objects.good()
        .values("kind")
        .annotate(newest=Max("started_at"))
        .values_list("kind", "newest")
    )
    stale = []
    for kind, label in Backup.Kind.choices:
        started_at = newest.get(kind)
        if started_at is None or now - started_at > timedelta(
            hours=limits.get(kind, 26)
        ):
            stale.append(
                {
                    "kind": kind,
                    "label": label,
                    "newest": {"started_at": started_at} if started_at else None,
                }
            )
    return stale


def backup_health():
    """The health endpoint's "backup" check: every kind has a recent good backup.

    A kind that never had a good backup is not yet due on a site younger than
    its limit, unless an attempt of it has failed.
    """
    from audit.monitoring.health import Check, installed_at, not_yet_due

    stale = stale_kinds()
    waiting = {}
    never = [item["kind"] for item in stale if item["newest"] is None]
    if never:
        failed = set(
            Backup.objects.filter(kind__in=never)
            .filter(
                Q(status=Backup.Status.FAILED) | Q(drill_status=Backup.Drill.FAILED)
            )
            .values_list("kind", flat=True)
        )
        limits = conf.get("BACKUPS_MAX_AGE_HOURS")
        installed, now = installed_at("backups"), timezone.now()
        for kind in never:
            limit = timedelta(hours=limits.get(kind, 26))
            if kind not in failed and (why := not_yet_due(installed, limit, now=now)):
                waiting[kind] = why
    overdue = [item["kind"] for item in stale if item["kind"] not in waiting]
    if overdue:
        return Check("backup", False, f"no recent good backup: {', '.join(overdue)}")
    return Check(
        "backup", True, "; ".join(f"{kind} {why}" for kind, why in waiting.items())
    )


class BackupsPanel(Component):
    name = "backups"
    template_name = "backups/backups_panel.html"
    # The control room's urgency slot for backups (audit/monitoring/panels.py).
    order = 20

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "stale": stale_kinds(),
                "failures": Backup.objects.filter(
                    started_at__gte=timezone.now() - timedelta(days=7)
                )
                .filter(
                    Q(status=Backup.Status.FAILED) | Q(drill_status=Backup.Drill.FAILED)
                )
                .order_by("-started_at")[:5],
            }
        )
        return context
