"""Recording into the audit trail: the one way any app writes an event.

    from audit.trail import record
    record("backups.created", actor=user, obj=backup, details={"size": n})

Design constraints:

1. The append is serialised. Inside one ``transaction.atomic()`` the chain head
   is read, the new hash computed, the event inserted and the head moved on.
   On SQLite the project's ``transaction_mode="IMMEDIATE"`` makes that block
   take the database's write lock when it starts; on PostgreSQL the head row is
   locked with ``SELECT ... FOR UPDATE``. Two writers can never chain onto the
   same head.
2. The event belongs to the caller's transaction: if the action rolls back, so
   does its event; if recording fails, the exception propagates and the action
   fails with it. Nothing here catches and carries on.
3. Each hash is HMAC-SHA256, keyed with ``AUDIT_CHAIN_KEY`` (environment, not
   database), over the event's canonical content and the previous hash.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from audit.client import client_address
from audit.middleware import current_client
from audit.models import GENESIS_HASH, ChainHead, Event
from audit.signals import event_recorded

logger = logging.getLogger(__name__)

# Keys whose values never enter the trail, wherever they appear in details.
SECRET_KEYS = re.compile(
    r"(?i)(password|passwd|secret|token|session|csrf|api[_-]?key|authorization|cookie)"
)
REDACTED = "***"

# The fields hashed, in the order they are hashed.
HASHED_FIELDS = (
    "sequence",
    "segment",
    "timestamp",
    "actor_id",
    "actor",
    "client",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "details",
    "prev_hash",
)


def chain_key() -> bytes:
    return settings.AUDIT_CHAIN_KEY.encode()


def hasher(key: bytes | None = None) -> hmac.HMAC:
    """A keyed HMAC-SHA256 to ``copy()`` for each event (saves the key setup)."""
    return hmac.new(key if key is not None else chain_key(), digestmod=hashlib.sha256)


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_TIMESTAMP = HASHED_FIELDS.index("timestamp")


def canonical(values: Iterable[Any]) -> bytes:
    """The bytes hashed for an event, from its HASHED_FIELDS values in order.

    A JSON array, so no value can shift into its neighbour; the time as UTC
    ISO 8601 with microseconds, whichever way the database returned it. (This
    runs once per event in verification: hence the cached encoder.)
    """
    out = list(values)
    timestamp = out[_TIMESTAMP]
    if timestamp.tzinfo is not UTC:
        timestamp = timestamp.astimezone(UTC)
    out[_TIMESTAMP] = timestamp.isoformat(timespec="microseconds")
    return _encode(out).encode()


def event_hash(values: Iterable[Any], base: hmac.HMAC | None = None) -> str:
    mac = (base or hasher()).copy()
    mac.update(canonical(values))
    return mac.hexdigest()


def client_hash(address: str | None) -> str:
    """A keyed hash of a client address: equal addresses compare equal, but the
    address cannot be recovered without the key (the IPv4 space is small)."""
    if not address:
        return ""
    return _client_mac(chain_key(), address)


@functools.lru_cache(maxsize=8192)
def _client_mac(key: bytes, address: str) -> str:
    # Every request asks (visitor activity): the same few addresses, over and over.
    mac = hmac.new(key, b"client\x00" + address.encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def clean_details(details: dict[str, Any] | None) -> str:
    """Canonical JSON of ``details`` with anything secret-looking redacted."""

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                str(k): REDACTED if SECRET_KEYS.search(str(k)) else scrub(v)
                for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [scrub(v) for v in value]
        return value

    # Through the encoder first, so dates, UUIDs and lazy strings become text.
    plain = json.loads(json.dumps(details or {}, cls=DjangoJSONEncoder))
    return json.dumps(
        scrub(plain), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def describe_actor(actor: Any) -> tuple[int | None, str]:
    """(user id, label) for a user, a system name ("system:job") or nobody."""
    if actor is None:
        return None, ""
    if isinstance(actor, str):
        return None, actor[:150]
    if getattr(actor, "is_authenticated", False):
        return actor.pk, actor.get_username()[:150]
    return None, ""


def describe_object(obj: Any) -> tuple[str, str, str]:
    """(type, id, label) of the object acted on; a model instance, or a tuple."""
    if obj is None:
        return "", "", ""
    if isinstance(obj, tuple):
        object_type, object_id, object_label = obj
        return str(object_type), str(object_id)[:64], str(object_label)[:255]
    if isinstance(obj, Model):
        meta = obj._meta
        return f"{meta.app_label}.{meta.model_name}", str(obj.pk)[:64], str(obj)[:255]
    raise TypeError(f"Cannot describe {obj!r} as an audit object.")


# The hot path runs three plain statements under the lock (no ORM compiling
# while other writers wait): read the head, insert the event, move the head.
_COLUMNS = (*HASHED_FIELDS, "hash")
_INSERT = "INSERT INTO audit_event ({}) VALUES ({})".format(  # noqa: S608
    ", ".join(_COLUMNS), ", ".join(["%s"] * len(_COLUMNS))
)
_READ_HEAD = "SELECT segment, sequence, hash FROM audit_chainhead WHERE id = 1"
_MOVE_HEAD = "UPDATE audit_chainhead SET sequence = %s, hash = %s WHERE id = 1"


def lock_head() -> tuple[int, int, str]:
    """(segment, sequence, hash) of the chain head, locked for this transaction.

    Call inside ``transaction.atomic()``. On SQLite the transaction already
    holds the database's write lock (IMMEDIATE), so FOR UPDATE is not needed.
    """
    statement = _READ_HEAD
    if connection.features.has_select_for_update:
        statement += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(statement)
        row = cursor.fetchone()
    if row is None:
        # Only an empty (or flushed) table has no head: rebuild it from the
        # newest event, so the chain goes on from there.
        last = Event.objects.order_by("-sequence").values_list(
            "segment", "sequence", "hash"
        )[:1]
        segment, sequence, hash_ = last[0] if last else (1, 0, GENESIS_HASH)
        ChainHead.objects.get_or_create(
            pk=1, defaults={"segment": segment, "sequence": sequence, "hash": hash_}
        )
        return lock_head()
    return row


def current_head() -> str:
    """The chain head as "SEGMENT:SEQUENCE:HASH" (read, not locked), e.g. to
    store with a backup; "" before the first event."""
    head = ChainHead.objects.filter(pk=1).values_list("segment", "sequence", "hash")
    row = head.first()
    return "{}:{}:{}".format(*row) if row else ""


def append(event: Event) -> Event:
    """Chain ``event`` onto the head and insert it, in the caller's transaction.

    The event is validated before the lock is taken; under the lock only the
    head is read, one HMAC computed and two statements run, so other writers
    wait a fraction of a millisecond.
    """
    event.full_clean(
        exclude=["sequence", "prev_hash", "hash", "timestamp"],
        validate_unique=False,
        validate_constraints=False,
    )
    with transaction.atomic():
        event.segment, sequence, event.prev_hash = lock_head()
        event.sequence = sequence + 1
        event.timestamp = timezone.now()
        event.hash = event_hash(getattr(event, name) for name in HASHED_FIELDS)
        ops = connection.ops
        values = [getattr(event, name) for name in _COLUMNS]
        values[2] = ops.adapt_datetimefield_value(event.timestamp)
        with connection.cursor() as cursor:
            cursor.execute(_INSERT, values)
            cursor.execute(_MOVE_HEAD, [event.sequence, event.hash])
    event._state.adding = False
    event._state.db = connection.alias
    # Only when someone listens for this action: the hot path stays three
    # statements, with no commit callback for the many actions nobody awaits.
    if event_recorded.wants(event.action) and event_recorded.has_listeners(Event):
        transaction.on_commit(partial(_announce, event), robust=True)
    return event


def _announce(event: Event) -> None:
    for receiver, result in event_recorded.send_robust(Event, event=event):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %r failed on audit event %s (%s)",
                receiver,
                event.sequence,
                event.action,
                exc_info=result,
            )


def record(
    action: str,
    *,
    actor: Any,
    obj: Any = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    client: str | None = None,
) -> Event:
    """Record ``action`` by ``actor`` on ``obj`` in the audit trail.

    ``actor`` is a user, a system name such as ``"system:backups.create"``, or
    None; ``obj`` a model instance or a ``(type, id, label)`` tuple; ``details``
    a small JSON-able dict (never a password, token or request body: keys that
    look secret are redacted anyway). The client is taken from ``request``
    (or given as an address in ``client``) and stored keyed-hashed. Raises on
    any failure: the caller's action must not happen unrecorded.
    """
    actor_id, actor_label = describe_actor(actor)
    object_type, object_id, object_label = describe_object(obj)
    address = _address(request, client)
    return append(
        Event(
            actor_id=actor_id,
            actor=actor_label,
            client=client_hash(address),
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            details=clean_details(details),
        )
    )


def record_once(
    action: str,
    *,
    since: datetime | None,
    actor: Any,
    obj: Any = None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    client: str | None = None,
) -> Event | None:
    """Record ``action`` unless an event with the same action, object and client
    has been recorded (since ``since``, if given), checked under the chain lock."""
    object_type, object_id, _label = describe_object(obj)
    address = _address(request, client)
    with transaction.atomic():
        lock_head()
        seen = Event.objects.filter(
            action=action,
            object_type=object_type,
            object_id=object_id,
            client=client_hash(address),
        )
        if since is not None:
            seen = seen.filter(timestamp__gte=since)
        if seen.exists():
            return None
        return record(
            action, actor=actor, obj=obj, details=details, client=address or ""
        )


def _address(request: HttpRequest | None, client: str | None) -> str | None:
    if client is not None:
        return client
    if request is not None:
        return client_address(request)
    return current_client.get()
