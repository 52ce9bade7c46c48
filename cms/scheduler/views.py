"""Admin screens for periodic jobs: the dashboard panel, the read-only run report,
the "Run now" action, the schedule editor and its preview of the next runs."""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.reports import ReportView

from audit.trail import record
from cms.scheduler import schedules
from cms.scheduler.dates import format_wib
from cms.scheduler.firing import run_now
from cms.scheduler.forms import JobScheduleForm
from cms.scheduler.health import job_states, scheduler_running
from cms.scheduler.models import JobRun, JobSchedule, Outcome, Trigger
from cms.scheduler.permissions import (
    can_run_jobs,
    can_view_jobs,
    schedule_permission_policy,
)
from cms.scheduler.registry import registry


class JobsPanel(Component):
    name = "scheduler_jobs"
    template_name = "scheduler/jobs_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context.update(
            {
                "states": job_states(),
                "scheduler_running": scheduler_running(),
                "can_run": can_run_jobs(request.user),
                "request": request,
                "csrf_token": parent_context["csrf_token"],
            }
        )
        return context


class JobRunFilterSet(WagtailFilterSet):
    job = django_filters.ChoiceFilter(
        label=gettext_lazy("Job"), choices=lambda: registry.choices()
    )
    outcome = django_filters.ChoiceFilter(
        label=gettext_lazy("Outcome"), choices=Outcome.choices
    )
    trigger = django_filters.ChoiceFilter(
        label=gettext_lazy("Trigger"), choices=Trigger.choices
    )
    scheduled_for = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Period"), widget=DateRangePickerWidget
    )

    class Meta:
        model = JobRun
        fields = ["job", "outcome", "trigger", "scheduled_for"]


def _outcome_label(value: str) -> str:
    # A value some newer code wrote is shown as it is, never a 500.
    try:
        return str(Outcome(value).label)
    except ValueError:
        return value


class JobRunReportView(ReportView):
    page_title = gettext_lazy("Job runs")
    header_icon = "history"
    results_template_name = "scheduler/job_run_results.html"
    filterset_class = JobRunFilterSet
    index_url_name = "scheduler:job_runs"
    index_results_url_name = "scheduler:job_runs_results"
    permission_policy = schedule_permission_policy
    any_permission_required = ["view", "change"]

    list_export = [
        "job",
        "label",
        "trigger_display",
        "scheduled_for",
        "enqueued_at",
        "started_at",
        "finished_at",
        "duration_seconds",
        "outcome",
        "error",
    ]
    export_headings = {
        "job": gettext_lazy("Job"),
        "label": gettext_lazy("Name"),
        "trigger_display": gettext_lazy("Trigger"),
        "scheduled_for": gettext_lazy("Due at"),
        "enqueued_at": gettext_lazy("Enqueued at"),
        "started_at": gettext_lazy("Started at"),
        "finished_at": gettext_lazy("Finished at"),
        "duration_seconds": gettext_lazy("Duration (seconds)"),
        "outcome": gettext_lazy("Outcome"),
        "error": gettext_lazy("Error"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = self.custom_field_preprocess.copy()
        outcome_label = {
            self.FORMAT_CSV: _outcome_label,
            self.FORMAT_XLSX: _outcome_label,
        }
        self.custom_field_preprocess["outcome"] = outcome_label

    def get_base_queryset(self):
        return (
            JobRun.objects.select_related("requested_by")
            .annotate(label=registry.label_expression("job"))
            .order_by("-scheduled_for", "-pk")
        )

    def get_filename(self):
        return "job-runs-{}".format(datetime.date.today().strftime("%Y-%m-%d"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_run"] = can_run_jobs(self.request.user)
        return context


@require_POST
def run_job(request, name):
    """Fire a job at once, recorded as "run now" by the requesting officer."""
    if not can_run_jobs(request.user):
        raise PermissionDenied
    job = registry.get(name)
    if job is None:
        raise Http404
    run = run_now(name, user=request.user)
    if run is None:
        messages.error(
            request, _("“%(job)s” could not be started.") % {"job": job.label}
        )
    else:
        messages.success(
            request,
            _("“%(job)s” has been queued and will run shortly.") % {"job": job.label},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "wagtailadmin_home"
    return redirect(next_url)


def can_see_panel(request) -> bool:
    return can_view_jobs(request.user)


class JobScheduleEditView(EditView):
    """The schedule editor; its success message tells when the job runs next."""

    def save_instance(self):
        # The one place a schedule edit is saved. Wagtail logs it as wagtail.edit
        # (which reaches the trail too); this event says which fields changed.
        instance = super().save_instance()
        record(
            "scheduler.schedule_edited",
            actor=self.request.user,
            obj=instance,
            request=self.request,
            details={
                "job": instance.name,
                "changed": sorted(self.form.changed_data),
                "schedule": str(schedules.describe(instance))
                if schedules.problem(instance) is None
                else "",
            },
        )
        return instance

    def get_page_subtitle(self):
        return registry.label(self.object.name)

    def get_success_message(self):
        instance = self.object
        message = _("Schedule of “%(job)s” saved.") % {
            "job": registry.label(instance.name)
        }
        if schedules.problem(instance) is None and instance.enabled:
            due = schedules.next_due(instance, timezone.now())
            if due is not None:
                message = "{} {}".format(
                    message, _("Next run: %(when)s.") % {"when": format_wib(due)}
                )
        return message


@require_GET
def schedule_preview(request):
    """The next runs of the schedule described by the query string (for the form)."""
    if not can_view_jobs(request.user):
        raise PermissionDenied
    form = JobScheduleForm(request.GET, instance=JobSchedule(name="preview"))
    context = {"dues": [], "errors": []}
    if form.is_valid():
        schedule = form.save(commit=False)
        context["dues"] = [
            format_wib(due) for due in schedules.next_dues(schedule, timezone.now())
        ]
    else:
        context["errors"] = [
            str(error) for errors in form.errors.values() for error in errors
        ]
    return TemplateResponse(
        request, "scheduler/includes/schedule_preview.html", context
    )
