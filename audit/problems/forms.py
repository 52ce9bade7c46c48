from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from audit.problems import people
from audit.problems.models import CoordinationEntry, Problem


class NewProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["title", "severity", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class NoteForm(forms.Form):
    """The text of a step: optional unless the step requires it."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, note_label=None, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_label:
            self.fields["note"].label = note_label
        self.fields["note"].required = note_required
        if not note_required:
            self.fields["note"].widget.attrs["rows"] = 2


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Operator"), queryset=Problem.objects.none()
    )
    note = forms.CharField(
        label=_("Instruction"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the operator must do, and by when."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people.operators()
        self.fields["assignee"].label_from_instance = people.name_of


class CoordinationForm(forms.ModelForm):
    class Meta:
        model = CoordinationEntry
        fields = ["party", "party_name", "contacted_at", "agreed"]
        widgets = {
            "contacted_at": AdminDateTimeInput(),
            "agreed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacted_at"].initial = timezone.localtime().replace(
            second=0, microsecond=0
        )

    def clean_contacted_at(self):
        value = self.cleaned_data["contacted_at"]
        if value and value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("This time is in the future."))
        return value
