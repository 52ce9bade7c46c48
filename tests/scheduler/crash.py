"""A scheduler that dies between recording a run and queueing its task.

Installed only when a test starts a child scheduler with
SCHEDULER_TEST_CRASH_BEFORE_ENQUEUE=1 (see cms/settings/test.py): the first fire
records its JobRun row and then the process exits at once, as after a power cut,
before the task reaches the queue and before anything commits.
"""

import os
import sys

from django.apps import AppConfig

EXIT_CODE = 70


def crash_before_enqueue(run) -> None:
    sys.stderr.write(f"crash: run {run.job} due {run.scheduled_for.isoformat()}\n")
    sys.stderr.flush()
    os._exit(EXIT_CODE)


class CrashBeforeEnqueueConfig(AppConfig):
    name = "tests.scheduler"
    label = "scheduler_crash"

    def ready(self):
        from cms.scheduler import firing

        firing._enqueue = crash_before_enqueue
