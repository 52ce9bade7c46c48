"""Signals of the audit trail.

``event_recorded`` is sent with ``event=`` once the transaction that appended
the event has committed (never for an event that was rolled back), so a
receiver may react to what the trail records, e.g. open a problem, without
touching the recording app. It is sent robustly: a failing receiver is logged
and never reaches the code that recorded the event.

Announcing an event costs a commit callback, and the trail records an event for
nearly every request of consequence, so a receiver names the actions it reacts
to when it connects::

    event_recorded.connect(receiver, sender=Event, actions={"backups.failed"})

An event is announced only when some receiver asked for its action, and is then
sent to every receiver, which looks at ``event.action`` as before. A receiver
connected without ``actions`` asks for every action, as one connected without a
sender hears every sender; then every event costs a callback again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal
from django.dispatch.dispatcher import _make_id

ALL = None


class EventSignal(Signal):
    """A signal whose receivers say which audit actions they want announced."""

    def __init__(self):
        super().__init__()
        # Receiver's lookup key (as Signal keys it) -> its actions, or ALL.
        self._actions: dict[tuple, frozenset[str] | None] = {}
        self._wanted: frozenset[str] = frozenset()
        self._wants_all = False

    def connect(
        self,
        receiver,
        sender=None,
        weak=True,
        dispatch_uid=None,
        actions: Iterable[str] | None = ALL,
    ):
        super().connect(receiver, sender=sender, weak=weak, dispatch_uid=dispatch_uid)
        key = _lookup_key(receiver, sender, dispatch_uid)
        with self.lock:
            self._actions[key] = ALL if actions is ALL else frozenset(actions)
            self._update_wanted()

    def disconnect(self, receiver=None, sender=None, dispatch_uid=None):
        disconnected = super().disconnect(
            receiver, sender=sender, dispatch_uid=dispatch_uid
        )
        with self.lock:
            self._actions.pop(_lookup_key(receiver, sender, dispatch_uid), None)
            self._update_wanted()
        return disconnected

    def wants(self, action: str) -> bool:
        """Whether a receiver asked for events of ``action`` (a set lookup)."""
        return self._wants_all or action in self._wanted

    def _update_wanted(self) -> None:
        self._wants_all = ALL in self._actions.values()
        self._wanted = frozenset().union(
            *(actions for actions in self._actions.values() if actions is not ALL)
        )


def _lookup_key(receiver, sender, dispatch_uid) -> tuple:
    # The key Signal.connect and Signal.disconnect file a receiver under.
    if dispatch_uid:
        return (dispatch_uid, _make_id(sender))
    return (_make_id(receiver), _make_id(sender))


event_recorded = EventSignal()
