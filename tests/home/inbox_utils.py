"""Named people and small builders for the feedback inbox tests."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from wagtail.contrib.forms.models import FormSubmission

from home import inbox
from home.models import FeedbackItem
from tests.home.builders import build_feedback_page, build_home
from tests.home.feedback import VALID


def make_item(page, *, received: datetime.datetime, **data) -> FeedbackItem:
    """A stored submission and its inbox item, received at ``received``."""
    submission = FormSubmission.objects.create(page=page, form_data={**VALID, **data})
    FormSubmission.objects.filter(pk=submission.pk).update(submit_time=received)
    submission.refresh_from_db()
    return inbox.receive(submission)


class InboxTestCase(TestCase):
    """An officer who handles feedback, a reader who may only look, and a
    contributor who may edit pages but not see the inbox."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()  # noqa: N806
        cls.page = build_feedback_page(build_home())
        admin_access = Permission.objects.get(codename="access_admin")
        officers = Group.objects.create(name="Petugas")
        officers.permissions.add(
            admin_access,
            Permission.objects.get(codename="view_feedbackitem"),
            Permission.objects.get(codename="change_feedbackitem"),
        )
        readers = Group.objects.create(name="Pembaca")
        readers.permissions.add(
            admin_access, Permission.objects.get(codename="view_feedbackitem")
        )
        contributors = Group.objects.create(name="Kontributor")
        contributors.permissions.add(admin_access)
        cls.officer = User.objects.create_user(
            "petugas", "petugas.web@example.com", "pw", first_name="Dewi"
        )
        cls.officer.groups.add(officers)
        cls.colleague = User.objects.create_user(
            "rekan", "rekan@example.com", "pw", first_name="Agus"
        )
        cls.colleague.groups.add(officers)
        cls.reader = User.objects.create_user("pembaca", "pembaca@example.com", "pw")
        cls.reader.groups.add(readers)
        cls.contributor = User.objects.create_user(
            "kontributor", "kontributor@example.com", "pw"
        )
        cls.contributor.groups.add(contributors)
