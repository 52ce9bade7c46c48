from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.scheduler import schedules, views
from cms.scheduler.forms import JobScheduleForm
from cms.scheduler.models import JobSchedule
from cms.scheduler.permissions import can_view_jobs, schedule_permission_policy
from cms.scheduler.registry import registry

register_permission_policy(JobSchedule, schedule_permission_policy)


class JobScheduleViewSet(ModelViewSet):
    model = JobSchedule
    icon = "time"
    menu_label = _("Job schedules")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_view_class = views.JobScheduleEditView
    list_filter = ["enabled"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "label",
                label=_("Job"),
                accessor=lambda schedule: registry.label(schedule.name),
                url_name=self.get_url_name("edit"),
            ),
            # A broken row gets a sentence, never an exception.
            Column("words", label=_("Schedule"), accessor=schedules.describe),
            BooleanColumn("enabled", label=_("Enabled")),
        ]

    def get_form_class(self, for_update=False):
        return JobScheduleForm


job_schedule_viewset = JobScheduleViewSet("job_schedules")


@hooks.register("register_admin_viewset")
def register_job_schedule_viewset():
    return job_schedule_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("job-runs/", views.JobRunReportView.as_view(), name="job_runs"),
        path(
            "job-runs/results/",
            views.JobRunReportView.as_view(results_only=True),
            name="job_runs_results",
        ),
        path("jobs/<str:name>/run/", views.run_job, name="run_job"),
        path("schedules/preview/", views.schedule_preview, name="schedule_preview"),
    ]
    return [path("scheduler/", include((urls, "scheduler"), namespace="scheduler"))]


class JobRunsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_jobs(request.user)


@hooks.register("register_reports_menu_item")
def register_job_runs_menu_item():
    return JobRunsMenuItem(
        _("Job runs"), reverse("scheduler:job_runs"), icon_name="history", order=900
    )


@hooks.register("construct_homepage_panels")
def add_jobs_panel(request, panels):
    if views.can_see_panel(request):
        panels.append(views.JobsPanel())
