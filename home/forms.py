"""The form builder of the feedback page.

Wagtail's builder limits single-line answers to 255 characters but leaves
multi-line answers unbounded; a public form needs a ceiling so an oversize
message is refused with a field error instead of being stored whole.
"""

from django.conf import settings
from wagtail.contrib.forms.forms import FormBuilder

#: Longest multi-line answer accepted, in characters.
FEEDBACK_MESSAGE_MAX_LENGTH = getattr(
    settings, "HOME_FEEDBACK_MESSAGE_MAX_LENGTH", 2000
)


class FeedbackFormBuilder(FormBuilder):
    def create_multiline_field(self, field, options):
        options["max_length"] = FEEDBACK_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return super().create_email_field(field, options)
