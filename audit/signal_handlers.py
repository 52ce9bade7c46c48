"""Receivers that turn what happens elsewhere into audit events.

Each delegates to ``audit.sources`` in one line. They run inside the sender's
transaction and let any failure propagate: an action that cannot be recorded
does not happen.
"""

from django.contrib.auth.models import Group
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_save
from wagtail.models import ModelLogEntry, PageLogEntry

from audit import sources


def log_entry_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        sources.record_log_entry(instance)


def logged_in(sender, request, user, **kwargs):
    sources.record_login(request, user)


def logged_out(sender, request, user, **kwargs):
    sources.record_logout(request, user)


def login_failed(sender, credentials, request=None, **kwargs):
    sources.record_login_failed(request, credentials)


def locked_out(sender, request, username, ip_address, **kwargs):
    sources.record_lockout(request, username, ip_address)


def group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    sources.record_group_permissions(instance, action, reverse, pk_set)


def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    sources.record_user_groups(instance, action, reverse, pk_set)


def register_signal_handlers():
    from axes.signals import user_locked_out
    from django.contrib.auth import get_user_model

    for model in (PageLogEntry, ModelLogEntry):
        post_save.connect(
            log_entry_saved, sender=model, dispatch_uid=f"audit_{model.__name__}"
        )
    user_logged_in.connect(logged_in, dispatch_uid="audit_logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit_logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit_login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit_locked_out")
    m2m_changed.connect(
        group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="audit_group_permissions",
    )
    m2m_changed.connect(
        user_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="audit_user_groups",
    )
