"""What each source of events records: Wagtail's log, logins, lockouts and
permission changes. Called by the receivers in ``signal_handlers``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from audit.trail import record, record_once

MAX_USERNAME = 150


def record_log_entry(entry: Any) -> None:
    """One Wagtail PageLogEntry or ModelLogEntry, as it is written."""
    if hasattr(entry, "page_id"):
        obj = ("wagtailcore.page", entry.page_id, entry.label)
    else:
        content_type = entry.content_type
        object_type = (
            f"{content_type.app_label}.{content_type.model}" if content_type else ""
        )
        obj = (object_type, entry.object_id, entry.label)
    details = {
        "log_entry": f"{entry._meta.app_label}.{entry._meta.model_name}:{entry.pk}",
        "data": entry.data or {},
    }
    if entry.revision_id:
        details["revision"] = entry.revision_id
    if entry.content_changed:
        details["content_changed"] = True
    record(entry.action, actor=entry.user or "system:wagtail", obj=obj, details=details)


def record_login(request, user) -> None:
    record("auth.login", actor=user, obj=user, request=request)


def record_logout(request, user) -> None:
    record("auth.logout", actor=user, obj=user, request=request)


def typed_username(credentials: dict[str, Any] | None) -> str:
    """The username typed into a login form, never anything else it held."""
    credentials = credentials or {}
    field = get_user_model().USERNAME_FIELD
    value = credentials.get(field) or credentials.get("username") or ""
    return str(value)[:MAX_USERNAME]


def refused_while_locked(request) -> bool:
    """Whether django-axes refused this login before checking the password,
    because its username and client (or the client) were already locked out.

    axes' backend sets ``axes_locked_out`` before the failure signal for such an
    attempt; on the attempt that *causes* a lockout its handler sets it during
    the signal, after counting the failures (``axes_failures_since_start``).
    Checking both gives the same answer whichever receiver runs first.
    """
    return bool(getattr(request, "axes_locked_out", False)) and (
        getattr(request, "axes_failures_since_start", None) is None
    )


def record_login_failed(request, credentials: dict[str, Any] | None) -> None:
    """One failed login. Attempts refused while locked out are not events of
    their own (an attacker would flood the trail): the lockout is recorded
    once, and visitor activity counts what follows per client and window."""
    if refused_while_locked(request):
        return
    username = typed_username(credentials)
    record(
        "auth.login_failed",
        actor=None,
        obj=("auth.user", "", username),
        details={"username": username},
        request=request,
    )


def record_lockout(request, username: str | None, ip_address: str | None) -> None:
    """Record a lockout once, however many attempts are made while it lasts.

    axes keeps one AccessAttempt row per locked-out username and client until
    the lockout ends (the row is then deleted; ids are never reused), so its id
    names the lockout.
    """
    from axes.models import AccessAttempt

    username = (username or "")[:MAX_USERNAME]
    attempts = AccessAttempt.objects.filter(username=username)
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    else:
        attempts = attempts.filter(ip_address__isnull=True)
    attempt = attempts.only("pk").first()
    if attempt is not None:
        obj = ("axes.accessattempt", attempt.pk, username)
        since = None
    else:  # the cache handler keeps no rows: once per cool-off period
        obj = ("axes.accessattempt", "", username)
        since = timezone.now() - settings.AXES_COOLOFF_TIME
    record_once(
        "auth.locked_out",
        since=since,
        actor=None,
        obj=obj,
        details={"username": username},
        request=request,
    )


def _permission_names(pk_set) -> list[str]:
    return sorted(
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(pk__in=pk_set).values_list(
            "content_type__app_label", "codename"
        )
    )


def record_group_permissions(instance, action: str, reverse: bool, pk_set) -> None:
    """Permissions added to or removed from a group (Wagtail logs only that the
    group was edited, not how)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:  # permission.group_set.add(...): one permission, several groups
        groups = (
            Group.objects.filter(pk__in=pk_set) if pk_set else instance.group_set.all()
        )
        for group in groups:
            _record_permissions(group, action, [instance.pk])
        return
    if action == "pre_clear":
        pk_set = list(instance.permissions.values_list("pk", flat=True))
    if pk_set:
        _record_permissions(instance, action, pk_set)


def _record_permissions(group, action: str, pk_set) -> None:
    change = "added" if action == "post_add" else "removed"
    record(
        "auth.group_permissions_changed",
        actor=_current_user(),
        obj=group,
        details={change: _permission_names(pk_set)},
    )


def record_user_groups(instance, action: str, reverse: bool, pk_set) -> None:
    if action not in ("post_add", "post_remove", "pre_clear") or reverse:
        return
    if action == "pre_clear":
        pk_set = list(instance.groups.values_list("pk", flat=True))
    if not pk_set:
        return
    change = "added" if action == "post_add" else "removed"
    names = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    record(
        "auth.user_groups_changed",
        actor=_current_user(),
        obj=instance,
        details={change: names},
    )


def _current_user():
    """The user acting in the current Wagtail log context (the admin view's)."""
    from wagtail.log_actions import get_active_log_context

    context = get_active_log_context()
    user = getattr(context, "user", None) if context else None
    return user or "system"
