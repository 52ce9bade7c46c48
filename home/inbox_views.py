"""Admin screens of the feedback inbox: the listing with its exports, one
item with its handling, and the dashboard panel.

Officers need ``home.view_feedbackitem`` to read and ``home.change_feedbackitem``
to handle; everyone else gets 403 and no menu entry.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from home import inbox, inbox_mail
from home.models import FeedbackItem, FeedbackMail

permission_policy = ModelPermissionPolicy(FeedbackItem)


def can_view(user) -> bool:
    return permission_policy.user_has_any_permission(user, ["view", "change"])


def can_handle(user) -> bool:
    return permission_policy.user_has_permission(user, "change")


def forbidden(request):
    return permission_denied(request, PermissionDenied())


def handlers():
    """People who may be given feedback: those who may handle it."""
    User = get_user_model()  # noqa: N806
    perm = Q(
        groups__permissions__codename="change_feedbackitem",
        groups__permissions__content_type__app_label="home",
    ) | Q(
        user_permissions__codename="change_feedbackitem",
        user_permissions__content_type__app_label="home",
    )
    return (
        User.objects.filter(is_active=True)
        .filter(perm | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", User.USERNAME_FIELD)
    )


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FeedbackItem.Status.choices
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assignee"), queryset=lambda request: handlers()
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"),
        method="filter_overdue",
        widget=forms.Select(
            choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]
        ),
    )
    text = django_filters.CharFilter(label=_("Text"), method="filter_text")

    class Meta:
        model = FeedbackItem
        fields = ["status", "assignee", "overdue", "text"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(
            status__in=[FeedbackItem.Status.NEW, FeedbackItem.Status.IN_PROGRESS],
            received_at__lt=inbox.overdue_before(),
        )
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(sender_name__icontains=value)
            | Q(sender_email__icontains=value)
            | Q(message__icontains=value)
        )


class FeedbackInboxView(ReportView):
    """Every public submission, newest first, with status, assignee and age."""

    page_title = _("Feedback inbox")
    header_icon = "mail"
    results_template_name = "home/inbox/index_results.html"
    filterset_class = FeedbackFilterSet
    index_url_name = "feedback_inbox:index"
    index_results_url_name = "feedback_inbox:index_results"
    permission_policy = permission_policy
    permission_required = "view"
    model = FeedbackItem
    paginate_by = 50

    list_export = [
        "pk",
        "received_at",
        "page_title",
        "sender_name",
        "sender_email",
        "message",
        "status_label",
        "assignee_name",
        "age_days",
        "overdue_label",
        "handled_at",
    ]
    export_headings = {
        "pk": _("No."),
        "received_at": _("Received (WIB)"),
        "page_title": _("Form"),
        "sender_name": _("Name"),
        "sender_email": _("Email"),
        "message": _("Message"),
        "status_label": _("Status"),
        "assignee_name": _("Assignee"),
        "age_days": _("Age (working days)"),
        "overdue_label": _("Overdue"),
        "handled_at": _("Handled (WIB)"),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        wib = {
            self.FORMAT_CSV: lambda v: (
                timezone.localtime(v).strftime("%Y-%m-%d %H:%M") if v else ""
            ),
            self.FORMAT_XLSX: lambda v: (
                timezone.make_naive(v, timezone.get_default_timezone()) if v else None
            ),
        }
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "received_at": wib,
            "handled_at": wib,
        }

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return FeedbackItem.objects.select_related(
            "submission__page", "assignee"
        ).order_by("-received_at", "-pk")

    def get_filename(self):
        return "feedback-{}".format(timezone.localdate().strftime("%Y-%m-%d"))

    def decorate_paginated_queryset(self, object_list):
        items = list(object_list)
        inbox.AgeClock().annotate(items)
        return items

    def to_row_dict(self, item):
        if not hasattr(self, "_clock"):
            self._clock = inbox.AgeClock()
        self._clock.annotate([item])
        item.page_title = item.submission.page.title
        item.status_label = item.get_status_display()
        item.assignee_name = (
            (item.assignee.get_full_name() or item.assignee.get_username())
            if item.assignee
            else ""
        )
        item.overdue_label = _("Yes") if item.overdue else ""
        return super().to_row_dict(item)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=FeedbackItem.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers()
        self.fields["assignee"].empty_label = _("Nobody")
        self.fields["assignee"].label_from_instance = person_name


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackItem.Status.choices)


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Internal notes"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen only by the officers, never by the citizen."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the citizen"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by email to the address the citizen gave."),
    )


class FeedbackItemView(WagtailAdminTemplateMixin, TemplateView):
    """One item: the citizen's message, its handling, and the mails about it."""

    template_name = "home/inbox/item.html"
    header_icon = "mail"
    forms = {
        "status": StatusForm,
        "assign": AssignForm,
        "notes": NotesForm,
        "answer": AnswerForm,
    }

    def dispatch(self, request, pk):
        if not can_view(request.user):
            return forbidden(request)
        self.item = get_object_or_404(
            FeedbackItem.objects.select_related("submission__page", "assignee"),
            pk=pk,
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return str(self.item)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_inbox:index"), "label": _("Feedback inbox")},
            {"url": "", "label": str(self.item)},
        ]

    def initial_forms(self):
        item = self.item
        return {
            "status": StatusForm(initial={"status": item.status}, prefix="status"),
            "assign": AssignForm(initial={"assignee": item.assignee}, prefix="assign"),
            "notes": NotesForm(initial={"notes": item.notes}, prefix="notes"),
            "answer": AnswerForm(prefix="answer"),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item
        inbox.AgeClock().annotate([item])
        page = item.submission.page.specific
        data = item.submission.get_data()
        context.update(
            item=item,
            answers=[
                (label, data.get(name, ""))
                for name, label in page.get_data_fields()
                if name != "submit_time"
            ],
            mails=list(item.mails.select_related("created_by")),
            can_handle=can_handle(self.request.user),
            overdue_limit=inbox.overdue_limit(),
        )
        for name, form in self.initial_forms().items():
            context.setdefault(f"{name}_form", form)
        return context

    def post(self, request, pk):
        if not can_handle(request.user):
            return forbidden(request)
        action = request.POST.get("action", "")
        if action == "resend":
            mail = get_object_or_404(
                FeedbackMail, pk=request.POST.get("mail"), item=self.item
            )
            inbox_mail.send_again(mail, actor=request.user, request=request)
            messages.success(request, _("The email will be sent again."))
            return redirect("feedback_inbox:item", self.item.pk)
        if action not in self.forms:
            return redirect("feedback_inbox:item", self.item.pk)
        form = self.forms[action](request.POST, prefix=action)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(**{f"{action}_form": form})
            )
        item, user = self.item, request.user
        if action == "status":
            inbox.change_status(
                item, form.cleaned_data["status"], actor=user, request=request
            )
            messages.success(request, _("Status changed."))
        elif action == "assign":
            inbox.assign(
                item, form.cleaned_data["assignee"], actor=user, request=request
            )
            messages.success(request, _("Assignee changed."))
        elif action == "notes":
            inbox.save_notes(
                item, form.cleaned_data["notes"], actor=user, request=request
            )
            messages.success(request, _("Notes saved."))
        elif action == "answer":
            if not item.sender_email:
                form.add_error(None, _("This feedback has no email address."))
                return self.render_to_response(self.get_context_data(answer_form=form))
            inbox.answer(item, form.cleaned_data["answer"], actor=user, request=request)
            messages.success(
                request, _("The answer is queued and will be emailed to the citizen.")
            )
        return redirect("feedback_inbox:item", item.pk)


class FeedbackPanel(Component):
    """Dashboard: what waits in the inbox, overdue items first and in red."""

    name = "feedback_inbox"
    template_name = "home/inbox/panel.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        clock = inbox.AgeClock()
        open_items = FeedbackItem.objects.open()
        overdue = list(
            open_items.filter(received_at__lt=clock.cutoff)
            .select_related("assignee")
            .order_by("received_at")[:5]
        )
        clock.annotate(overdue)
        counts = {
            row["status"]: row["n"]
            for row in open_items.values("status").annotate(n=Count("pk"))
        }
        context.update(
            overdue=overdue,
            overdue_count=open_items.filter(received_at__lt=clock.cutoff).count(),
            new_count=counts.get(FeedbackItem.Status.NEW, 0),
            in_progress_count=counts.get(FeedbackItem.Status.IN_PROGRESS, 0),
            limit=inbox.overdue_limit(),
        )
        return context
