"""Admin screens: the stored reports (HTML, PDF, CSV, acknowledgement), building
one on demand, the compliance board, the SOP and its revision, and the
dashboard's daily-check panel."""

from __future__ import annotations

import datetime

from django.core import signing
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component

from audit.reports import board, building, confirmations, periods, rendering
from audit.reports.forms import ActivityFormSet, BuildForm, PeriodForm, VersionForm
from audit.reports.models import DutyCheck, Report, SopVersion
from audit.reports.sop import ACTIVITY_FIELDS, revise, version_in_force
from audit.trail import record

LIST_SIZE = 100


def can_view(user) -> bool:
    return user.is_active and user.has_perm("reports.view_report")


def forbidden():
    # A plain 403: Wagtail turns PermissionDenied into a redirect to the
    # dashboard, and an operator's refusal must be unmistakable.
    return HttpResponseForbidden(_("You may not see the SOP reports."))


def index(request):
    if not can_view(request.user):
        return forbidden()
    can_build = request.user.has_perm("reports.add_report")
    form = BuildForm(request.POST or None) if can_build else None
    if request.method == "POST":
        if form is None:
            return forbidden()
        if form.is_valid():
            report = building.build_report(
                form.cleaned_data["period"],
                kind=Report.Kind.CUSTOM,
                language=form.cleaned_data["language"],
                actor=request.user,
                request=request,
                mail=form.cleaned_data["mail"],
            )
            messages.success(request, _("The report has been built and stored."))
            return redirect("reports:detail", report.pk)
    reports = Report.objects.select_related("acknowledged_by")[:LIST_SIZE]
    return TemplateResponse(
        request, "reports/report_index.html", {"reports": reports, "form": form}
    )


def detail(request, pk: int):
    if not can_view(request.user):
        return forbidden()
    report = get_object_or_404(Report.objects.select_related("sop_version"), pk=pk)
    language = request.GET.get("lang")
    if language not in ("id", "en"):
        language = report.language
    context = building.report_context(report, language=language)
    with translation.override(language):
        body = TemplateResponse(
            request, "reports/includes/report_body.html", context
        ).rendered_content
    return TemplateResponse(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "body": body,
            "intact": building.pdf_intact(report),
            "can_acknowledge": request.user.has_perm("reports.acknowledge_report")
            and report.acknowledged_at is None,
        },
    )


def _download(request, pk: int, kind: str):
    if not can_view(request.user):
        return forbidden()
    report = get_object_or_404(Report, pk=pk)
    field = report.pdf if kind == "pdf" else report.csv
    if not field or not field.storage.exists(field.name):
        raise Http404(_("This file is no longer stored."))
    record(
        "reports.downloaded",
        actor=request.user,
        obj=report,
        details={"file": kind, "pdf_sha256": report.pdf_sha256},
        request=request,
    )
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=field.name.rsplit("/", 1)[-1],
        content_type="application/pdf" if kind == "pdf" else "text/csv",
    )


def download_pdf(request, pk: int):
    return _download(request, pk, "pdf")


def download_csv(request, pk: int):
    return _download(request, pk, "csv")


@require_POST
def acknowledge(request, pk: int):
    if not (
        can_view(request.user) and request.user.has_perm("reports.acknowledge_report")
    ):
        return forbidden()
    report = get_object_or_404(Report, pk=pk)
    if building.acknowledge(report, user=request.user, request=request):
        messages.success(request, _("You have acknowledged this report."))
    return redirect("reports:detail", report.pk)


def compliance_board(request):
    if not can_view(request.user):
        return forbidden()
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"month": f"{today:%Y-%m}"})
    period = (
        form.cleaned_data["period"]
        if form.is_valid()
        else periods.month(f"{today:%Y-%m}")
    )
    version = version_in_force(min(period.end, today))
    rows = board.compliance(period, version=version)
    return TemplateResponse(
        request,
        "reports/board.html",
        {
            "form": form,
            "period": period,
            "version": version,
            "board": rendering.sop_rows(version, rows),
            "total_standard": sum(r["standard_minutes"] or 0 for r in rows),
        },
    )


def sop(request, pk: int | None = None):
    if not can_view(request.user):
        return forbidden()
    versions = SopVersion.objects.order_by("-effective_from")
    version = (
        get_object_or_404(versions, pk=pk) if pk is not None else version_in_force()
    )
    return TemplateResponse(
        request,
        "reports/sop.html",
        {
            "version": version,
            "activities": version.activities.all() if version else [],
            "versions": versions,
            "in_force": version_in_force(),
            "can_revise": request.user.has_perm("reports.add_sopversion"),
        },
    )


def sop_revise(request):
    if not (can_view(request.user) and request.user.has_perm("reports.add_sopversion")):
        return forbidden()
    base = SopVersion.objects.order_by("-effective_from").first()
    if base is None:
        raise Http404
    activities = list(base.activities.all())
    initial = [{name: getattr(a, name) for name in ACTIVITY_FIELDS} for a in activities]
    if request.method == "POST":
        form = VersionForm(request.POST, base=base)
        formset = ActivityFormSet(request.POST, initial=initial, prefix="activity")
        if form.is_valid() and formset.is_valid():
            version = revise(
                base,
                effective_from=form.cleaned_data["effective_from"],
                revised_on=form.cleaned_data["revised_on"],
                fields=form.cleaned_data,
                activities={n + 1: f.cleaned_data for n, f in enumerate(formset.forms)},
                actor=request.user,
                request=request,
            )
            messages.success(request, _("The revised SOP has been stored."))
            return redirect("reports:sop_version", version.pk)
    else:
        form = VersionForm(instance=base, base=base, initial={"effective_from": None})
        formset = ActivityFormSet(initial=initial, prefix="activity")
    return TemplateResponse(
        request,
        "reports/sop_revise.html",
        {"form": form, "formset": formset, "base": base},
    )


@require_POST
def confirm(request, duty: int):
    if not request.user.has_perm("reports.add_dutycheck"):
        return forbidden()
    try:
        shown = confirmations.read_token(request.POST.get("shown", ""))
    except signing.BadSignature:
        messages.error(request, _("Look at today's figures again, then confirm."))
        return redirect("wagtailadmin_home")
    if shown["duty"] != duty or duty not in DutyCheck.Duty.values:
        raise Http404
    check = confirmations.confirm(
        duty,
        user=request.user,
        shown_at=datetime.datetime.fromisoformat(shown["at"]),
        digest=shown["digest"],
        request=request,
    )
    if check is not None:
        messages.success(request, _("Recorded: checked today."))
    return redirect("wagtailadmin_home")


class DailyCheckPanel(Component):
    """Duties 1 and 3: today's digest and the "Sudah diperiksa" button."""

    name = "reports_daily_check"
    template_name = "reports/panels/daily_check.html"

    def __init__(self, user):
        self.user = user
        today = timezone.localdate()
        done = dict(
            DutyCheck.objects.filter(day=today)
            .order_by("confirmed_at")
            .values_list("duty", "confirmed_by_label")
        )
        mine = set(
            DutyCheck.objects.filter(day=today, confirmed_by=user).values_list(
                "duty", flat=True
            )
        )
        self.duties = []
        for duty, digest in confirmations.DIGESTS.items():
            figures = digest()
            self.duties.append(
                {
                    "duty": int(duty),
                    "label": duty.label,
                    "digest": figures,
                    "token": confirmations.shown_token(duty, figures),
                    "confirmed_by": done.get(duty, ""),
                    "mine": duty in mine,
                }
            )
        # Before the calmer panels while a check is still due today.
        self.order = 45 if any(not d["confirmed_by"] for d in self.duties) else 1045

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "duties": self.duties,
                "csrf_token": parent_context.get("csrf_token"),
                "can_confirm": self.user.has_perm("reports.add_dutycheck"),
            }
        )
        return context
