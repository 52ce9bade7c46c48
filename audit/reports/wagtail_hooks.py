from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit.reports import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.index, name="index"),
        path("<int:pk>/", views.detail, name="detail"),
        path("<int:pk>/pdf/", views.download_pdf, name="pdf"),
        path("<int:pk>/csv/", views.download_csv, name="csv"),
        path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
        path("board/", views.compliance_board, name="board"),
        path("sop/", views.sop, name="sop"),
        path("sop/<int:pk>/", views.sop, name="sop_version"),
        path("sop/revise/", views.sop_revise, name="sop_revise"),
        path("confirm/<int:duty>/", views.confirm, name="confirm"),
    ]
    return [path("sop-reports/", include((urls, "reports"), namespace="reports"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_sop_report_menu_item():
    return ReportsMenuItem(
        _("SOP reports"), reverse("reports:index"), icon_name="doc-full", order=810
    )


@hooks.register("register_reports_menu_item")
def register_board_menu_item():
    return ReportsMenuItem(
        _("SOP compliance"), reverse("reports:board"), icon_name="tasks", order=811
    )


@hooks.register("register_reports_menu_item")
def register_sop_menu_item():
    return ReportsMenuItem(
        _("SOP Pengelolaan Website"),
        reverse("reports:sop"),
        icon_name="list-ol",
        order=812,
    )


@hooks.register("construct_homepage_panels")
def add_daily_check_panel(request, panels):
    if request.user.has_perm("reports.add_dutycheck"):
        panels.append(views.DailyCheckPanel(request.user))


@hooks.register("register_permissions")
def register_reports_permissions():
    return Permission.objects.filter(
        content_type__app_label="reports",
        codename__in=[
            "view_report",
            "add_report",
            "acknowledge_report",
            "view_sopversion",
            "add_sopversion",
            "add_dutycheck",
            "view_dutycheck",
        ],
    )
