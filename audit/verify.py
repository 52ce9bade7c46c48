"""Verifying the audit trail: one walk along the chain in constant memory.

1. Events are read in sequence order in chunks (``iterator(chunk_size=...)``),
   so memory stays flat however long the trail is.
2. Each event must carry the next sequence number (a gap: events deleted), the
   previous event's hash as its ``prev_hash`` (a mismatch: inserted, removed or
   reordered), and a hash that recomputes from its own content with the key
   (a mismatch: edited). The first event that fails is named.
3. The chain-head row must agree with the newest event, and, when given, an
   expected head kept elsewhere (``--expect SEQ:HASH``, or the checkpoint file
   from the last verification) must still be in the chain: that is how deleting
   the newest events, or rewriting the whole chain with a stolen key, is found.
4. After a successful walk the head is written to the checkpoint file, outside
   the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import GENESIS_HASH, ChainHead, Event, VerificationRun
from audit.trail import HASHED_FIELDS, canonical, hasher

CHUNK_SIZE = 5000


@dataclass(frozen=True)
class Head:
    sequence: int
    hash: str

    def __str__(self):
        return f"{self.sequence}:{self.hash}"

    @classmethod
    def parse(cls, value: str) -> Head:
        sequence, _sep, hash_ = value.partition(":")
        if not sequence.isdigit() or len(hash_) != 64:
            raise ValueError(_("An expected head looks like SEQUENCE:HASH."))
        return cls(int(sequence), hash_.lower())


@dataclass
class Result:
    ok: bool
    events_checked: int
    head: Head | None
    first_bad_sequence: int | None = None
    message: str = ""
    started_at: datetime | None = None


class ChainBroken(Exception):
    def __init__(self, sequence: int | None, message: str):
        super().__init__(message)
        self.sequence = sequence
        self.message = message


def walk(*, expect: Head | None = None, chunk_size: int = CHUNK_SIZE) -> Result:
    """Check the whole chain; never raises for a broken chain, returns why."""
    started_at = timezone.now()
    try:
        checked, head = _walk(expect=expect, chunk_size=chunk_size)
    except ChainBroken as broken:
        return Result(
            ok=False,
            events_checked=0,
            head=None,
            first_bad_sequence=broken.sequence,
            message=broken.message,
            started_at=started_at,
        )
    return Result(ok=True, events_checked=checked, head=head, started_at=started_at)


def _walk(*, expect: Head | None, chunk_size: int) -> tuple[int, Head | None]:
    base = hasher()
    rows = (
        Event.objects.order_by("sequence")
        .values_list(*HASHED_FIELDS, "hash")
        .iterator(chunk_size=chunk_size)
    )
    prev_hash = None
    expected_sequence = None
    expect_seen = expect is None
    checked = 0
    for row in rows:
        sequence, prev = row[0], row[11]
        if expected_sequence is None:
            # The first event opens the chain (GENESIS) or, after an archive-and-
            # cut, a new segment whose first event names the previous head.
            if sequence == 1:
                if prev != GENESIS_HASH:
                    raise ChainBroken(sequence, _("Event 1 does not start the chain."))
            elif row[6] != "audit.segment_started":
                raise ChainBroken(
                    1,
                    _(
                        "The trail starts at event %(sequence)s: the events "
                        "before it are missing."
                    )
                    % {"sequence": sequence},
                )
        elif sequence != expected_sequence:
            raise ChainBroken(
                expected_sequence,
                _("Event %(sequence)s is missing (the next one is %(next)s).")
                % {"sequence": expected_sequence, "next": sequence},
            )
        elif prev != prev_hash:
            raise ChainBroken(
                sequence,
                _(
                    "Event %(sequence)s does not follow the event before it: "
                    "events were inserted, removed or reordered."
                )
                % {"sequence": sequence},
            )
        mac = base.copy()
        mac.update(canonical(row[:12]))
        if mac.hexdigest() != row[12]:
            raise ChainBroken(
                sequence,
                _("Event %(sequence)s has been altered: its hash does not match.")
                % {"sequence": sequence},
            )
        if not expect_seen and sequence == expect.sequence:
            if row[12] != expect.hash:
                raise ChainBroken(
                    sequence,
                    _(
                        "Event %(sequence)s is not the expected head: the trail "
                        "has been rewritten."
                    )
                    % {"sequence": sequence},
                )
            expect_seen = True
        prev_hash = row[12]
        expected_sequence = sequence + 1
        checked += 1

    last = expected_sequence - 1 if expected_sequence is not None else 0
    if not expect_seen:
        raise ChainBroken(
            last + 1,
            _(
                "The expected head %(expected)s is not in the trail (the newest "
                "event is %(last)s): the newest events have been deleted."
            )
            % {"expected": expect.sequence, "last": last},
        )
    head_row = ChainHead.objects.filter(pk=1).first()
    if head_row is not None and head_row.sequence != last:
        raise ChainBroken(
            last + 1,
            _(
                "The chain head says %(head)s but the newest event is %(last)s: "
                "events have been deleted."
            )
            % {"head": head_row.sequence, "last": last},
        )
    return checked, Head(last, prev_hash) if prev_hash else None


def checkpoint_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_PATH)


def read_checkpoint() -> Head | None:
    try:
        data = json.loads(checkpoint_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Head(int(data["sequence"]), data["hash"])


def write_checkpoint(head: Head) -> None:
    """Write the head atomically (temporary file, then rename)."""
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(
            {
                "sequence": head.sequence,
                "hash": head.hash,
                "verified_at": timezone.now().isoformat(),
            }
        ),
        encoding="utf-8",
    )
    temporary.replace(path)


def verify(
    *, expect: Head | None = None, chunk_size: int = CHUNK_SIZE, checkpoint: bool = True
) -> Result:
    """Walk the chain and, when it holds, write its head to the checkpoint file."""
    result = walk(expect=expect, chunk_size=chunk_size)
    if result.ok and result.head is not None and checkpoint:
        write_checkpoint(result.head)
    return result


def run_verification(
    *, expect: Head | None = None, actor: object = "system:audit.verify"
) -> VerificationRun:
    """Verify, keep the outcome, record it in the trail and, on failure, alert
    the officers at once. Used by the daily task and the dashboard alike."""
    from audit.alerts import send_failure_alert
    from audit.trail import record

    result = verify(expect=expect)
    run = VerificationRun.objects.create(
        started_at=result.started_at,
        finished_at=timezone.now(),
        ok=result.ok,
        events_checked=result.events_checked,
        head_sequence=result.head.sequence if result.head else None,
        head_hash=result.head.hash if result.head else "",
        first_bad_sequence=result.first_bad_sequence,
        message=result.message,
    )
    record(
        "audit.verified" if result.ok else "audit.verify_failed",
        actor=actor,
        obj=run,
        details={
            "events_checked": result.events_checked,
            "head": str(result.head) if result.head else None,
            "first_bad_sequence": result.first_bad_sequence,
            "message": result.message,
        },
    )
    if not result.ok:
        send_failure_alert(run)
    return run


def acknowledge(run: VerificationRun, *, user) -> None:
    """A person has seen the failure: it leaves the dashboard, recorded."""
    from audit.trail import record

    if run.acknowledged_at is not None:
        return
    run.acknowledged_by = user
    run.acknowledged_at = timezone.now()
    run.save(update_fields=["acknowledged_by", "acknowledged_at"])
    record("audit.verify_acknowledged", actor=user, obj=run)
