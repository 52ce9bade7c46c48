from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.components import Component

from audit.trail import record
from backups import conf, storage
from backups.models import Backup
from backups.tasks import backup_now_task

LIST_SIZE = 100


def can_view(user) -> bool:
    return user.has_perm("backups.view_backup")


@permission_required("backups.view_backup")
def index(request):
    backups = Backup.objects.select_related("triggered_by")[:LIST_SIZE]
    return TemplateResponse(
        request,
        "backups/backup_index.html",
        {
            "backups": backups,
            "can_create": request.user.has_perm("backups.add_backup"),
            "kinds": Backup.Kind.choices,
            "stale": stale_kinds(),
        },
    )


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
    # Superusers only: an archive holds every account and every draft.
    # A plain 403, not PermissionDenied: Wagtail's admin turns that into a
    # redirect to the dashboard.
    if not request.user.is_active or not request.user.is_superuser:
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
    """The health endpoint's "backup" check: every kind has a recent good backup."""
    from audit.monitoring.health import Check

    stale = stale_kinds()
    detail = ", ".join(item["kind"] for item in stale)
    return Check(
        "backup", not stale, f"no recent good backup: {detail}" if stale else ""
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
