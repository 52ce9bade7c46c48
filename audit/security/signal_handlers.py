"""Receivers of visitor activity; each delegates in one line."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in

from audit.security import admin_clients


def logged_in(sender, request, user, **kwargs):
    admin_clients.remember(request, user)


def register_signal_handlers():
    from audit import actions
    from audit.security.actions import ACTIONS

    for name, label in ACTIONS.items():
        actions.register(name, label)
    user_logged_in.connect(logged_in, dispatch_uid="security_logged_in")
