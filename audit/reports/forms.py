from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from audit.reports import periods
from audit.reports.models import SopActivity, SopVersion
from audit.reports.sop import ACTIVITY_FIELDS, VERSION_FIELDS

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class PeriodForm(forms.Form):
    """A month (YYYY-MM) or a from/to range; ``period`` once valid."""

    month = forms.CharField(
        label=_("Month"),
        required=False,
        help_text=_("YYYY-MM, e.g. 2026-11; or leave empty and give dates."),
        widget=forms.TextInput(attrs={"placeholder": "2026-11"}),
    )
    start = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=AdminDateInput)

    def clean(self):
        data = super().clean()
        try:
            if data.get("month"):
                data["period"] = periods.month(data["month"])
            elif data.get("start") and data.get("end"):
                data["period"] = periods.between(data["start"], data["end"])
            else:
                raise forms.ValidationError(
                    _("Give a month, or both the first and the last day.")
                )
        except ValueError as err:
            raise forms.ValidationError(str(err)) from err
        return data


class BuildForm(PeriodForm):
    language = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, initial="id"
    )
    mail = forms.BooleanField(
        label=_("Mail it to the supervisor"), required=False, initial=True
    )


class VersionForm(forms.ModelForm):
    class Meta:
        model = SopVersion
        fields = [*VERSION_FIELDS, "effective_from", "revised_on"]
        widgets = {
            "approved_on": AdminDateInput,
            "effective_from": AdminDateInput,
            "revised_on": AdminDateInput,
        }

    def __init__(self, *args, base: SopVersion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.base = base
        self.fields["revised_on"].required = True

    def clean_effective_from(self):
        value = self.cleaned_data["effective_from"]
        if self.base is not None and value <= self.base.effective_from:
            raise forms.ValidationError(
                _("A revision comes into force after the version it replaces.")
            )
        if SopVersion.objects.filter(effective_from=value).exists():
            raise forms.ValidationError(
                _("Another version already comes into force on that day.")
            )
        return value


class ActivityForm(forms.ModelForm):
    class Meta:
        model = SopActivity
        fields = list(ACTIVITY_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("text", "text_en", "requirements", "requirements_en")
        }

    def clean_standard_minutes(self):
        value = self.cleaned_data["standard_minutes"]
        if value < 1:
            raise forms.ValidationError(_("A standard time is at least one minute."))
        return value


ActivityFormSet = formset_factory(ActivityForm, extra=0, min_num=7, max_num=7)
