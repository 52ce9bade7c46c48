from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import FIELDS_BY_FREQUENCY, NULLABLE_FIELDS, Frequency, JobSchedule


class JobScheduleForm(WagtailAdminModelForm):
    """A schedule in plain words: a frequency and the few numbers it needs."""

    class Meta:
        model = JobSchedule
        fields = [
            "frequency",
            "every",
            "minute",
            "hour",
            "weekday",
            "day",
            "enabled",
            "grace_minutes",
        ]
        widgets = {"frequency": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (value, label)
            for value, label in Frequency.choices
            if value != Frequency.SECONDS or self.instance.frequency == value
        ]
        self.fields["frequency"].choices = choices
        self.fields["frequency"].label = _("How often")
        for name in ("every", "minute", "hour", "day", "grace_minutes"):
            self.fields[name].widget.attrs.setdefault("inputmode", "numeric")
        # Only the frequency's own fields matter: keep the others optional.
        self.fields["minute"].required = False
        self.fields["hour"].required = False

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        used = FIELDS_BY_FREQUENCY.get(frequency, set())
        for name in ("minute", "hour"):
            if name in used and cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, _("This frequency needs a value here."))
        for name in NULLABLE_FIELDS:
            if name not in used:
                cleaned[name] = None
                self.errors.pop(name, None)
        for name in ("minute", "hour"):
            if name not in used:
                cleaned[name] = 0
                self.errors.pop(name, None)
        return cleaned
