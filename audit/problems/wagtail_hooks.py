"""Admin additions of problems: the "Problems" menu item, its screens and the
dashboard's "Waiting for you" panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from audit.problems import people, views
from audit.problems.panels import WaitingForYouPanel


@hooks.register("register_admin_urls")
def register_problem_urls():
    urls = [
        path("", views.ProblemListView.as_view(), name="index"),
        path(
            "results/",
            views.ProblemListView.as_view(results_only=True),
            name="index_results",
        ),
        path("new/", views.ProblemCreateView.as_view(), name="create"),
        path("<int:pk>/", views.ProblemDetailView.as_view(), name="detail"),
    ]
    return [path("problems/", include((urls, "problems"), namespace="problems"))]


class ProblemsMenuItem(MenuItem):
    def is_shown(self, request):
        return people.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_problems_menu_item():
    return ProblemsMenuItem(
        _("Problems"), reverse("problems:index"), icon_name="warning", order=260
    )


@hooks.register("construct_homepage_panels")
def add_waiting_for_you_panel(request, panels):
    if people.can_view(request.user):
        panels.append(WaitingForYouPanel(request.user))
