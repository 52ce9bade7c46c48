"""Admin additions of the public site: the feedback inbox, the moderation dashboard
panels and the subdivisions screen."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import admin_views, inbox_views


# --- Feedback inbox -------------------------------------------------------------
@hooks.register("register_admin_urls")
def register_feedback_inbox_urls():
    urls = [
        path("", inbox_views.FeedbackInboxView.as_view(), name="index"),
        path(
            "results/",
            inbox_views.FeedbackInboxView.as_view(results_only=True),
            name="index_results",
        ),
        path("<int:pk>/", inbox_views.FeedbackItemView.as_view(), name="item"),
    ]
    return [
        path("feedback/", include((urls, "feedback_inbox"), namespace="feedback_inbox"))
    ]


class FeedbackInboxMenuItem(MenuItem):
    def is_shown(self, request):
        return inbox_views.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_inbox_menu_item():
    return FeedbackInboxMenuItem(
        _("Feedback inbox"),
        reverse("feedback_inbox:index"),
        icon_name="mail",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    if inbox_views.can_view(request.user):
        panels.append(inbox_views.FeedbackPanel())


@hooks.register("register_permissions")
def register_feedback_permissions():
    # Lets an administrator grant "see / handle the feedback inbox" to a group.
    return Permission.objects.filter(
        content_type__app_label="home",
        codename__in=["view_feedbackitem", "change_feedbackitem"],
    )


# --- Moderation ----------------------------------------------------------------
@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    if admin_views.is_reviewer(request.user):
        panels.append(admin_views.AwaitingYouPanel())
    if request.user.has_perm("home.view_subdivision"):
        panels.append(admin_views.SubdivisionsPanel())


@hooks.register("register_admin_viewset")
def register_subdivision_viewset():
    return admin_views.subdivision_viewset
