"""Many writers at once leave one valid chain with a contiguous sequence."""

import os
import subprocess
import sys
import threading

from django.db import connection, connections
from django.test import TransactionTestCase

from audit import trail
from audit.models import Event
from audit.verify import walk
from tests.live import ROOT

WRITERS = 8
EACH = 500

WORKER = """
import django, sys
django.setup()
from audit import trail
for number in range(int(sys.argv[1])):
    trail.record("audit.verified", actor="system:writer", details={"n": number})
"""


class ConcurrentAppendTest(TransactionTestCase):
    # Restore what migrations created afterwards (as tests/live.py does), and
    # keep the flush from re-seeding rows that restore would then duplicate.
    serialized_rollback = True

    def assertOneChain(self, before):
        events = Event.objects.filter(sequence__gt=before)
        self.assertEqual(events.count(), WRITERS * EACH)
        sequences = list(events.order_by("sequence").values_list("sequence", flat=True))
        self.assertEqual(
            sequences, list(range(before + 1, before + 1 + WRITERS * EACH))
        )
        result = walk()
        self.assertTrue(result.ok, result.message)
        self.assertEqual(result.head.sequence, before + WRITERS * EACH)

    def test_eight_threads_appending_500_each(self):
        trail.record("audit.verified", actor=None)
        before = Event.objects.order_by("-sequence").first().sequence
        errors = []

        def write(writer):
            try:
                for number in range(EACH):
                    trail.record(
                        "audit.verified",
                        actor=f"system:writer-{writer}",
                        details={"n": number},
                    )
            except Exception as err:  # noqa: BLE001  reported below
                errors.append(err)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertOneChain(before)

    def test_eight_processes_appending_500_each_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("the threads test covers SQLite's one writer lock")
        trail.record("audit.verified", actor=None)
        before = Event.objects.order_by("-sequence").first().sequence
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
                **{k: db.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT")},
                NAME=db["NAME"],
            ),
        }
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, str(EACH)], cwd=ROOT, env=env
            )
            for _writer in range(WRITERS)
        ]
        self.assertEqual([p.wait(timeout=600) for p in processes], [0] * WRITERS)
        self.assertOneChain(before)
