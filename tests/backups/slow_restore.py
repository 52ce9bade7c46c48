"""Run in a child process by test_restore_killed: a real restore whose swap
copies a few pages at a time, slowly, so the test can kill it in the middle.

    python -m tests.backups.slow_restore ARCHIVE
"""

import sys
import time

import django

django.setup()

from backups.restore import restore_archive  # noqa: E402


def slowly(status, remaining, total):
    print(f"swap {total - remaining}/{total}", flush=True)  # noqa: T201
    time.sleep(0.02)


restore_archive(sys.argv[1], progress=slowly)
