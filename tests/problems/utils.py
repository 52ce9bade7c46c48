"""Named people and builders for the problems tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from audit.problems.models import Problem
from home.roles import OFFICERS, OPERATOR, SUPERVISOR

PASSWORD = "correct-horse-battery-staple"


def role(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


def person(username: str, group: str | None, *, first_name: str = "", **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.go.id",
        password=PASSWORD,
        first_name=first_name or username.title(),
        **extra,
    )
    if group:
        user.groups.add(role(group))
    return user


class People:
    """Mixin: an officer, a second officer, the supervisor, two operators and an
    outsider with admin access but no role."""

    @classmethod
    def make_people(cls):
        cls.officer = person("dewi", OFFICERS, first_name="Dewi")
        cls.officer2 = person("rina", OFFICERS, first_name="Rina")
        cls.supervisor = person("budi", SUPERVISOR, first_name="Budi")
        cls.operator = person("agus", OPERATOR, first_name="Agus")
        cls.operator2 = person("sari", OPERATOR, first_name="Sari")
        cls.outsider = person("tamu", None)
        cls.outsider.user_permissions.add(
            Permission.objects.get(codename="access_admin")
        )


def make_problem(title: str = "Server lambat", **fields) -> Problem:
    return Problem.objects.create(title=title, **fields)
