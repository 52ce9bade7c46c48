"""The schedule form: a frequency and the few numbers it needs.

Which fields a frequency uses comes from ``cms.scheduler.frequencies``: the
form marks each field with the frequencies that use it (a small script shows
only those), and clears the others on save whatever the browser sent.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.scheduler.frequencies import FIELDS, FREQUENCIES, NULLABLE, Frequency
from cms.scheduler.models import JobSchedule


class JobScheduleForm(WagtailAdminModelForm):
    class Meta:
        model = JobSchedule
        fields = ["frequency", *FIELDS, "enabled", "grace_minutes"]
        widgets = {"frequency": forms.RadioSelect}

    class Media:
        js = ["scheduler/js/schedule_form.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        frequency = self.fields["frequency"]
        frequency.choices = [
            (value, label)
            for value, label in Frequency.choices
            if value != Frequency.SECONDS or self.instance.frequency == value
        ]
        frequency.label = _("How often")
        frequency.widget.attrs["data-scheduler-preview-url"] = reverse_lazy(
            "scheduler:schedule_preview"
        )
        for name in FIELDS:
            field = self.fields[name]
            # Only the frequency's own fields matter: clean() insists on those.
            field.required = False
            field.widget.attrs["data-scheduler-frequencies"] = " ".join(
                spec.frequency for spec in FREQUENCIES.values() if name in spec.fields
            )
            if name != "weekday":
                field.widget.attrs.setdefault("inputmode", "numeric")
        self.fields["grace_minutes"].widget.attrs.setdefault("inputmode", "numeric")

    def clean(self):
        cleaned = super().clean()
        spec = FREQUENCIES.get(cleaned.get("frequency"))
        if spec is None:
            return cleaned
        for name in FIELDS:
            if name not in spec.fields:
                # Unused: cleared, whatever was typed (and whatever was wrong with it).
                cleaned[name] = None if name in NULLABLE else FIELDS[name].fallback
                self.errors.pop(name, None)
        # The used fields are checked by JobSchedule.clean(), from the same table.
        return cleaned
