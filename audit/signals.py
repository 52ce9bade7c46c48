"""Signals of the audit trail.

``event_recorded`` is sent with ``event=`` once the transaction that appended
the event has committed (never for an event that was rolled back), so a
receiver may react to what the trail records, e.g. open a problem, without
touching the recording app. It is sent robustly: a failing receiver is logged
and never reaches the code that recorded the event.
"""

from django.dispatch import Signal

event_recorded = Signal()
