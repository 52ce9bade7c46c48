"""Builders and a base case for the audit trail's tests."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase

from audit.models import Event

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, *, superuser: bool = False, perms=(), groups=()):
    User = get_user_model()
    maker = User.objects.create_superuser if superuser else User.objects.create_user
    user = maker(
        username=username, email=f"{username}@example.go.id", password=PASSWORD
    )
    for codename in perms:
        app_label, code = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=code)
        )
    for group in groups:
        user.groups.add(group)
    return user


def editors_group() -> Group:
    group, _ = Group.objects.get_or_create(name="Editors")
    return group


def newest(action: str | None = None) -> Event:
    events = Event.objects.order_by("-sequence")
    if action:
        events = events.filter(action=action)
    return events.first()


def verify(*args: str) -> str:
    out = StringIO()
    call_command("audit_verify", *args, "--no-checkpoint", stdout=out)
    return out.getvalue()


class AuditTestCase(TestCase):
    """Named people: an officer who may read the trail, an editor who may not,
    and the superuser who runs the site."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("admin", superuser=True)
        cls.officer = make_user(
            "officer", perms=["wagtailadmin.access_admin", "audit.view_event"]
        )
        cls.editor = make_user("editor", perms=["wagtailadmin.access_admin"])
