"""Admin additions of the public site: the moderation dashboard panels and the
subdivisions screen."""

from wagtail import hooks

from home import admin_views


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels):
    if admin_views.is_reviewer(request.user):
        panels.append(admin_views.AwaitingYouPanel())
    if request.user.has_perm("home.view_subdivision"):
        panels.append(admin_views.SubdivisionsPanel())


@hooks.register("register_admin_viewset")
def register_subdivision_viewset():
    return admin_views.subdivision_viewset
