"""The one registry of audit actions: a namespaced name and a label for each.

Every event's action must be known here; ``Event.save()`` refuses anything else
(``full_clean()``), so a typo can never enter the trail. Wagtail's own log
actions (``wagtail.publish``, ``wagtail.workflow.approve`` ...) are known through
Wagtail's registry, with Wagtail's labels; the actions of this project are
registered below, and another app adds its own with ``register()`` from its
``AppConfig.ready()`` (or adds them to ``PROJECT_ACTIONS`` here).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import registry as wagtail_registry

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")

PROJECT_ACTIONS: dict[str, Any] = {
    # Logins (Django's auth signals) and lockouts (django-axes).
    "auth.login": _("Logged in"),
    "auth.logout": _("Logged out"),
    "auth.login_failed": _("Failed login"),
    "auth.locked_out": _("Locked out after repeated failed logins"),
    # Permission changes Wagtail's log does not describe.
    "auth.group_permissions_changed": _("Group permissions changed"),
    "auth.user_groups_changed": _("User's groups changed"),
    # The trail itself.
    "audit.verified": _("Audit trail verified"),
    "audit.verify_failed": _("Audit trail verification failed"),
    "audit.verify_acknowledged": _("Verification failure acknowledged"),
    "audit.segment_started": _("New audit trail segment started"),
    # The scheduler (wired by the scheduler app: one record() call each).
    "scheduler.schedule_edited": _("Job schedule edited"),
    "scheduler.run_finished": _("Job run finished"),
    "scheduler.run_failed": _("Job run failed"),
    # The feedback inbox (home/inbox.py).
    "feedback.status_changed": _("Feedback status changed"),
    "feedback.assigned": _("Feedback assigned"),
    "feedback.notes_changed": _("Feedback notes changed"),
    "feedback.answered": _("Feedback answered"),
    "feedback.overdue_reminded": _("Officers reminded of overdue feedback"),
    "feedback.mail_failed": _("Feedback email could not be sent"),
    "feedback.mail_resent": _("Feedback email sent again"),
    # Backups (the backups app).
    "backups.created": _("Backup created"),
    "backups.failed": _("Backup failed"),
    "backups.drill_passed": _("Backup restore drill passed"),
    "backups.drill_failed": _("Backup restore drill failed"),
    "backups.pruned": _("Backup pruned by the retention policy"),
    "backups.downloaded": _("Backup downloaded"),
    "backups.restore_started": _("Restore from a backup started"),
    "backups.restored": _("Restored from a backup"),
    # The moderation workflow and subdivisions (home/workflow_notifications.py,
    # home/roles.py): each mail sent, each subdivision added.
    "home.workflow_notified": _("Moderation notification sent"),
    "home.workflow_reminded": _("Overdue moderation reminder sent"),
    "home.subdivision_added": _("Subdivision added"),
}

_actions: dict[str, Any] = dict(PROJECT_ACTIONS)


def register(name: str, label: Any) -> None:
    """Make ``name`` a valid action, shown as ``label`` (a lazy translation)."""
    if not NAME_PATTERN.match(name):
        raise ValueError(f"Audit action {name!r} must be namespaced, e.g. 'app.verb'.")
    _actions[name] = label


def is_known(name: str) -> bool:
    return name in _actions or wagtail_registry.action_exists(name)


def label(name: str) -> str:
    """The action's label in the active language; the name itself if unknown."""
    if name in _actions:
        return str(_actions[name])
    if wagtail_registry.action_exists(name):
        return str(wagtail_registry.get_action_label(name))
    return name


def choices() -> list[tuple[str, str]]:
    names = set(_actions) | {name for name, _label in wagtail_registry.get_choices()}
    return sorted(((name, label(name)) for name in names), key=lambda c: c[1])


def validate_action(value: str) -> None:
    if not is_known(value):
        raise ValidationError(
            _("“%(action)s” is not a registered audit action."),
            code="unknown_action",
            params={"action": value},
        )
