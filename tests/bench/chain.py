"""Seeding a large audit trail fast for the benchmarks: events inserted in
batches with their real hash chain, so that ``audit_verify`` still passes."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

BATCH = 20_000


def insert_events(
    first: int,
    count: int,
    prev: str,
    *,
    moment: Callable[[int], datetime],
    actions: Sequence[str],
) -> str:
    """Insert events ``first``..``first+count-1`` chained after ``prev`` (the
    hash of event ``first-1``); ``moment(sequence)`` dates each. Returns the last
    hash. The caller moves the chain head."""
    from django.db import connection, transaction

    from audit.trail import HASHED_FIELDS, canonical, hasher

    base = hasher()
    columns = ", ".join([*HASHED_FIELDS, "hash"])
    marks = ", ".join(["%s"] * (len(HASHED_FIELDS) + 1))
    statement = f"INSERT INTO audit_event ({columns}) VALUES ({marks})"  # noqa: S608
    batch = []
    for sequence in range(first, first + count):
        user = sequence % 20 + 1
        values = (
            sequence,
            1,
            moment(sequence),
            user,
            f"user{user}",
            f"{sequence % 997:032x}",
            actions[sequence % len(actions)],
            "wagtailcore.page",
            str(sequence % 500),
            f"Halaman {sequence % 500}",
            json.dumps({"n": sequence}, separators=(",", ":")),
            prev,
        )
        mac = base.copy()
        mac.update(canonical(values))
        prev = mac.hexdigest()
        batch.append((*values, prev))
        if len(batch) == BATCH:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(statement, batch)
            batch = []
    if batch:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(statement, batch)
    return prev
