from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from django.conf import settings
from django.utils import translation

_run_tmp: str | None = None


def pytest_configure(config):
    # The SQLite test database is a file under var/ (shared with child
    # processes); make sure its folder exists on a fresh clone.
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # Whatever the tests, the servers and browsers they start put in the
    # temporary folder lands in one folder of this run, removed at its end
    # (each xdist worker gets its own inside the controller's).
    global _run_tmp
    _run_tmp = tempfile.mkdtemp(prefix="bkp-tests-")
    os.environ["TMPDIR"] = _run_tmp
    tempfile.tempdir = _run_tmp


def pytest_unconfigure(config):
    if _run_tmp is not None:
        shutil.rmtree(_run_tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and after the run the restore drills' scratch
    database named after it (``test_<name>_drill`` on PostgreSQL).

    backups/engines.py keeps the scratch database between drills, emptied;
    the test database is dropped after the run, so its scratch must go too,
    whether the drills passed or not.
    """
    from backups.engines import engine_for

    yield
    with django_db_blocker.unblock():
        engine_for().drop_scratch()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the site's default language.

    A request through the test client leaves its language active in the
    thread, so a test run after an English or admin request would otherwise
    build URLs and read strings in that language: results by order.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
