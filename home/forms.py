"""The form builder of the feedback page.

Wagtail's builder limits single-line answers to 255 characters but leaves
multi-line answers unbounded; a public form needs a ceiling so an oversize
message is refused with a field error instead of being stored whole.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

#: Longest multi-line answer accepted, in characters.
FEEDBACK_MESSAGE_MAX_LENGTH = getattr(
    settings, "HOME_FEEDBACK_MESSAGE_MAX_LENGTH", 2000
)


class FeedbackFormBuilder(FormBuilder):
    def create_multiline_field(self, field, options):
        options["max_length"] = FEEDBACK_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_dropdown_field(self, field, options):
        form_field = super().create_dropdown_field(field, options)
        # Without a default, the list starts on an empty choice: nobody sends
        # the first category by accident, and a required list left alone
        # gets its error like any other field.
        if not field.default_value:
            form_field.choices = [("", _("Choose…")), *form_field.choices]
        return form_field

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return super().create_email_field(field, options)

    # Every other free-text answer gets a ceiling too (single-line answers
    # already have Wagtail's 255).
    def create_url_field(self, field, options):
        options["max_length"] = 2000
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = 255
        return super().create_hidden_field(field, options)

    def create_number_field(self, field, options):
        options["max_digits"] = 20
        return super().create_number_field(field, options)
