"""Run in a child process by test_restore_killed: a real media restore that
pauses after every rename, exchange or link, and says so, so the test can kill
it between any two steps.

    python -m tests.backups.slow_media_restore MEDIA_ROOT ARCHIVE
"""

import os
import sys
import time

import django

django.setup()

from django.conf import settings  # noqa: E402

from backups import swap  # noqa: E402
from backups.restore import restore_archive  # noqa: E402


def pausing(name, func):
    def step(*args, **kwargs):
        result = func(*args, **kwargs)
        print(f"step {name} {args[0]} {args[1]}", flush=True)  # noqa: T201
        time.sleep(0.4)
        return result

    return step


settings.MEDIA_ROOT = sys.argv[1]
os.rename = pausing("rename", os.rename)
os.replace = pausing("replace", os.replace)
os.symlink = pausing("symlink", os.symlink)
swap.exchange = pausing("exchange", swap.exchange)
restore_archive(sys.argv[2])
print("restored", flush=True)  # noqa: T201
