from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.EventReportView.as_view(), name="events"),
        path(
            "results/",
            views.EventReportView.as_view(results_only=True),
            name="events_results",
        ),
        path(
            "verifications/<int:pk>/acknowledge/",
            views.acknowledge_verification,
            name="acknowledge",
        ),
    ]
    return [path("audit/", include((urls, "audit"), namespace="audit"))]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view_trail(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("Audit trail"), reverse("audit:events"), icon_name="list-ul", order=800
    )


@hooks.register("construct_homepage_panels")
def add_audit_panel(request, panels):
    if views.can_view_trail(request.user):
        panels.append(views.AuditPanel())


@hooks.register("register_permissions")
def register_audit_permissions():
    # Lets an administrator grant "view the audit trail" to a group.
    return Permission.objects.filter(
        content_type__app_label="audit", codename="view_event"
    )
