"""Two openers of one cause at once: one problem, and both get it."""

from __future__ import annotations

import threading

from django.db import connections, transaction
from django.test import TransactionTestCase

from audit.problems.models import Problem
from audit.problems.opening import open_problem


def opener(key: str):
    return open_problem(source="job", cause_key=key, title=key, severity="medium")


class ConcurrentOpeningTests(TransactionTestCase):
    serialized_rollback = True

    def run_threads(self, *targets):
        errors = []

        def wrap(target):
            try:
                target()
            except Exception as err:  # noqa: BLE001  reported below
                errors.append(err)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        self.assertEqual(errors, [])

    def test_the_second_opener_waits_for_the_first_and_gets_its_problem(self):
        # The first opener has inserted but not committed when the second
        # looks: the second finds nothing, tries to insert, and the partial
        # unique constraint makes it take the first one's problem.
        inserted, results = threading.Event(), {}

        def first():
            with transaction.atomic():
                results["first"] = opener("job:race")
                inserted.set()
                threading.Event().wait(0.5)

        def second():
            inserted.wait(10)
            results["second"] = opener("job:race")

        self.run_threads(first, second)
        self.assertEqual(Problem.objects.filter(cause_key="job:race").count(), 1)
        self.assertEqual(results["first"].pk, results["second"].pk)

    def test_two_threads_opening_the_same_causes_together(self):
        barrier = threading.Barrier(2)
        keys = [f"job:{n}" for n in range(15)]
        got = {0: [], 1: []}

        def work(n):
            def run():
                for key in keys:
                    barrier.wait(10)
                    got[n].append(opener(key).pk)

            return run

        self.run_threads(work(0), work(1))
        self.assertEqual(Problem.objects.count(), len(keys))
        self.assertEqual(got[0], got[1])
