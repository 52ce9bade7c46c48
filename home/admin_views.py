"""Admin screens of the moderation workflow: two dashboard panels and the
subdivisions listing, where "Add subdivision" creates the section, group,
collection and rights in one step (``home.roles.add_subdivision``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupApprovalTask, TaskState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home import moderation
from home.models import Subdivision
from home.roles import add_subdivision


def is_reviewer(user) -> bool:
    """Whether the user decides a step of an active workflow."""
    return GroupApprovalTask.objects.filter(
        active=True, groups__user=user
    ).exists() or bool(user.is_superuser)


class AwaitingYouPanel(Component):
    """What waits for this user's decision: age, subdivision, due date."""

    name = "moderation_awaiting_you"
    template_name = "home/admin/awaiting_you_panel.html"
    order = 80

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        states = TaskState.objects.reviewable_by(request.user)
        context["items"] = moderation.pending_items(states)
        context["request"] = request
        return context


class SubdivisionsPanel(Component):
    """Pending items per subdivision and step, and submitted-to-live turnaround."""

    name = "moderation_subdivisions"
    template_name = "home/admin/subdivisions_panel.html"
    order = 85

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = moderation.turnaround_rows()
        context["turnaround_days"] = moderation.turnaround_days()
        return context


class SubdivisionForm(forms.ModelForm):
    class Meta:
        model = Subdivision
        fields = ["name", "name_en", "slug"]
        help_texts = {
            "name": _(
                "In Indonesian, e.g. “Humas”. The contributor group, the collection "
                "and (if none exists) a section page are named after it."
            ),
            "slug": _("The section page's address below the home page."),
        }


class SubdivisionEditForm(forms.ModelForm):
    class Meta:
        model = Subdivision
        fields = ["name_en"]


class SubdivisionCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return add_subdivision(
            data["name"],
            name_en=data["name_en"],
            slug=data["slug"],
            actor=self.request.user,
        )


class SubdivisionPermissionPolicy(ModelPermissionPolicy):
    """A subdivision is never deleted here: its group and collection hold
    people and files, which an officer removes by hand if ever needed."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


subdivision_permission_policy = SubdivisionPermissionPolicy(Subdivision)
register_permission_policy(Subdivision, subdivision_permission_policy)


class SubdivisionViewSet(ModelViewSet):
    model = Subdivision
    icon = "group"
    menu_label = _("Subdivisions")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = SubdivisionCreateView
    permission_policy = subdivision_permission_policy

    @property
    def list_display(self):
        return [
            TitleColumn("name", label=_("Name"), url_name=self.get_url_name("edit")),
            Column("name_en", label=_("Name in English")),
            Column("group", label=_("Contributor group")),
            Column("collection", label=_("Collection")),
            Column("section", label=_("Section page")),
        ]

    def get_form_class(self, for_update=False):
        return SubdivisionEditForm if for_update else SubdivisionForm


subdivision_viewset = SubdivisionViewSet("subdivisions")
