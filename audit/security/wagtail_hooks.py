from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from audit.security import views
from audit.security.panels import SecurityPanel, last_day_summary


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", views.AttemptReportView.as_view(), name="attempts"),
        path(
            "results/",
            views.AttemptReportView.as_view(results_only=True),
            name="attempts_results",
        ),
        path("attempts/<int:pk>/unlock/", views.unlock_view, name="unlock"),
        path("signals/", views.SignalReportView.as_view(), name="signals"),
        path(
            "signals/results/",
            views.SignalReportView.as_view(results_only=True),
            name="signals_results",
        ),
        path("blocks/", views.BlockReportView.as_view(), name="blocks"),
        path(
            "blocks/results/",
            views.BlockReportView.as_view(results_only=True),
            name="blocks_results",
        ),
        path("blocks/<int:pk>/lift/", views.lift_view, name="lift"),
        path("traffic/", views.TrafficView.as_view(), name="traffic"),
    ]
    return [path("security/", include((urls, "security"), namespace="security"))]


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


class OfficerSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_security_menu():
    menu = Menu(
        items=[
            OfficerMenuItem(_("Login attempts"), reverse("security:attempts"), order=1),
            OfficerMenuItem(
                _("Security signals"), reverse("security:signals"), order=2
            ),
            OfficerMenuItem(_("Blocked clients"), reverse("security:blocks"), order=3),
            OfficerMenuItem(_("Traffic"), reverse("security:traffic"), order=4),
        ]
    )
    return OfficerSubmenu(
        _("Visitor activity"),
        menu,
        icon_name="view",
        name="visitor-activity",
        order=810,
    )


@hooks.register("construct_homepage_panels")
def add_security_panel(request, panels):
    if views.can_view(request.user):
        panels.append(SecurityPanel(last_day_summary()))


@hooks.register("register_permissions")
def register_security_permissions():
    return Permission.objects.filter(
        content_type__app_label="security",
        codename__in=["view_securitysignal", "unlock_client"],
    )
