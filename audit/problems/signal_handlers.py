"""Receivers of problems; each delegates in one line."""

from __future__ import annotations

from audit.models import Event
from audit.signals import event_recorded


def audit_event_recorded(sender, event, **kwargs):
    from audit.problems.causes import open_for_event

    open_for_event(event)


def register_signal_handlers():
    from audit.problems.causes import ACTIONS_HEARD

    event_recorded.connect(
        audit_event_recorded,
        sender=Event,
        dispatch_uid="problems_event_recorded",
        actions=ACTIONS_HEARD,
    )
