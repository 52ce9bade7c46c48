from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit.monitoring import views
from audit.monitoring.panels import PANELS


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [path("", views.index, name="index")]
    return [path("monitoring/", include((urls, "monitoring"), namespace="monitoring"))]


class MonitoringMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_monitoring_menu_item():
    return MonitoringMenuItem(
        _("Monitoring"), reverse("monitoring:index"), icon_name="pick", order=810
    )


@hooks.register("construct_homepage_panels")
def add_monitoring_panels(request, panels):
    if views.can_view(request.user):
        panels.extend(panel() for panel in PANELS)


@hooks.register("register_permissions")
def register_monitoring_permissions():
    return Permission.objects.filter(
        content_type__app_label="monitoring", codename="view_monitoring"
    )
