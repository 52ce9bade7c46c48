"""Admin screens of problems: the listing, one problem with its steps and the
actions allowed to the person looking, and the form to open one by hand.

Officers, the supervisor and superusers see every problem; an operator sees
the list of the problems assigned to them, and nothing else.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from audit.problems import flow, opening, people
from audit.problems.forms import (
    AssignForm,
    CoordinationForm,
    NewProblemForm,
    NoteForm,
)
from audit.problems.models import Problem


def forbidden(request):
    return permission_denied(request, PermissionDenied())


def visible_problems(user):
    problems = Problem.objects.all()
    if not people.sees_all(user):
        problems = problems.filter(assigned_to=user)
    return problems


class ProblemFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Problem.Status.choices
    )
    severity = django_filters.ChoiceFilter(
        label=_("Severity"), choices=Problem.Severity.choices
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=Problem.Source.choices
    )
    mine = django_filters.BooleanFilter(
        label=_("Assigned to me"),
        method="filter_mine",
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes"))]),
    )

    class Meta:
        model = Problem
        fields = ["status", "severity", "source", "mine"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assigned_to=self.request.user) if value else queryset


class ProblemListView(ReportView):
    page_title = _("Problems")
    header_icon = "warning"
    results_template_name = "problems/index_results.html"
    filterset_class = ProblemFilterSet
    index_url_name = "problems:index"
    index_results_url_name = "problems:index_results"
    model = Problem
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not people.can_view(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return visible_problems(self.request.user).select_related("assigned_to")

    def get_header_buttons(self):
        if not people.can_open(self.request.user):
            return []
        from wagtail.admin.widgets import HeaderButton

        return [
            HeaderButton(
                _("New problem"), url=reverse("problems:create"), icon_name="plus"
            )
        ]


class ProblemCreateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "problems/create.html"
    page_title = _("New problem")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not people.can_open(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("problems:index"), "label": _("Problems")},
            {"url": "", "label": _("New problem")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", NewProblemForm())
        return context

    def post(self, request):
        form = NewProblemForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        problem = opening.open_by_hand(
            user=request.user,
            title=form.cleaned_data["title"],
            severity=form.cleaned_data["severity"],
            description=form.cleaned_data["description"],
            request=request,
        )
        messages.success(request, _("Problem opened; the officers are told."))
        return redirect("problems:detail", problem.pk)


NOTE_LABELS = {
    "resolve": _("How it was resolved"),
    "reopen": _("Why it is sent back"),
}


class ProblemDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "problems/detail.html"
    header_icon = "warning"

    def dispatch(self, request, pk):
        if not people.can_view(request.user):
            return forbidden(request)
        self.problem = get_object_or_404(
            visible_problems(request.user).select_related(
                "opened_by",
                "reported_by",
                "assigned_by",
                "assigned_to",
                "resolved_by",
                "verified_by",
            ),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.problem)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("problems:index"), "label": _("Problems")},
            {"url": "", "label": str(self.problem)},
        ]

    def step_form(self, step, data=None):
        if step.name == "assign":
            initial = {"assignee": self.problem.assigned_to}
            return AssignForm(data, prefix=step.name, initial=initial)
        return NoteForm(
            data,
            prefix=step.name,
            note_label=NOTE_LABELS.get(step.name),
            note_required=step.note_required,
        )

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user, problem = self.request.user, self.problem
        actions = []
        for step in flow.allowed_steps(user, problem):
            if bound is not None and bound[0] == step.name:
                actions.append((step, bound[1]))
            else:
                actions.append((step, self.step_form(step)))
        context.update(
            problem=problem,
            steps=list(problem.steps.select_related("actor")),
            coordination=list(problem.coordination.select_related("created_by")),
            actions=actions,
            may_coordinate=flow.may_coordinate(user, problem),
            coordination_form=kwargs.get("coordination_form") or CoordinationForm(),
        )
        return context

    def post(self, request, pk):
        problem, action = self.problem, request.POST.get("action", "")
        if action == "coordinate":
            return self.post_coordination(request)
        step = flow.STEPS.get(action)
        if step is None:
            return redirect("problems:detail", problem.pk)
        if not flow.may(request.user, step, problem):
            return forbidden(request)
        form = self.step_form(step, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bound=(action, form)))
        try:
            flow.take(
                problem,
                action,
                user=request.user,
                note=form.cleaned_data.get("note", ""),
                assignee=form.cleaned_data.get("assignee"),
                request=request,
            )
        except flow.FlowError as err:
            messages.error(request, str(err))
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": step.label})
        return redirect("problems:detail", problem.pk)

    def post_coordination(self, request):
        if not flow.may_coordinate(request.user, self.problem):
            return forbidden(request)
        form = CoordinationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(coordination_form=form)
            )
        flow.add_coordination(
            self.problem, user=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, _("Contact recorded."))
        return redirect("problems:detail", self.problem.pk)
