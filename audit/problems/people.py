"""Who is who for problems: the SOP's roles (``home.roles``) read as group names.

A person's roles are read once per user object (one query) and kept on it, so
a request asking several times costs nothing more.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from home.roles import OFFICERS, OPERATOR, SUPERVISOR

ROLES = (OFFICERS, SUPERVISOR, OPERATOR)


def roles_of(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_problem_roles", None)
    if cached is None:
        cached = frozenset(
            user.groups.filter(name__in=ROLES).values_list("name", flat=True)
        )
        user._problem_roles = cached
    return cached


def is_officer(user) -> bool:
    return OFFICERS in roles_of(user)


def is_supervisor(user) -> bool:
    return SUPERVISOR in roles_of(user)


def is_operator(user) -> bool:
    return OPERATOR in roles_of(user)


def sees_all(user) -> bool:
    """Officers, the supervisor and superusers see every problem."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(roles_of(user) & {OFFICERS, SUPERVISOR})


def can_view(user) -> bool:
    """Operators see the list too, but only the problems assigned to them."""
    return sees_all(user) or is_operator(user)


def can_open(user) -> bool:
    return user.is_superuser or bool(roles_of(user) & {OFFICERS, SUPERVISOR})


def members(group: str) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=group)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def operators() -> QuerySet:
    """The people a problem may be assigned to."""
    return members(OPERATOR)


def emails_of(group: str) -> list[str]:
    """Addresses of a role's active members; the superusers' if it has none."""
    addresses = sorted({e for e in members(group).values_list("email", flat=True) if e})
    if addresses:
        return addresses
    superusers = get_user_model().objects.filter(is_active=True, is_superuser=True)
    return sorted({e for e in superusers.values_list("email", flat=True) if e})


def name_of(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
