from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from cms.initial_admin import forget_changed_password


def forget_initial_password(sender, instance, update_fields=None, **kwargs):
    # A login saves only last_login: no password change to look for.
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return
    forget_changed_password(instance)


def register_signal_handlers():
    post_save.connect(
        forget_initial_password,
        sender=get_user_model(),
        dispatch_uid="cms_forget_initial_password",
    )
