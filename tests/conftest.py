from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation


def pytest_configure(config):
    # The SQLite test database is a file under var/ (shared with child
    # processes); make sure its folder exists on a fresh clone.
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


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
