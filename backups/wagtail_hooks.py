from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from backups import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.BackupReportView.as_view(), name="index"),
        path(
            "results/",
            views.BackupReportView.as_view(results_only=True),
            name="index_results",
        ),
        path("create/", views.backup_now, name="create"),
        path("<int:pk>/download/", views.download, name="download"),
    ]
    return [path("backups/", include((urls, "backups"), namespace="backups"))]


class BackupsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_settings_menu_item")
def register_backups_menu_item():
    return BackupsMenuItem(
        _("Backups"), reverse("backups:index"), icon_name="download", order=900
    )


@hooks.register("construct_homepage_panels")
def add_backups_panel(request, panels):
    if views.can_view(request.user):
        panels.append(views.BackupsPanel())


@hooks.register("register_health_check")
def register_backup_health_check():
    # /health/ (audit.monitoring) fails while the newest good backup of a kind
    # is older than its schedule allows.
    return views.backup_health


@hooks.register("register_permissions")
def register_backups_permissions():
    return Permission.objects.filter(
        content_type__app_label="backups", codename__in=["view_backup", "add_backup"]
    )
