from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation


def pytest_configure(config):
    # The SQLite test database is a file under var/ (shared with child
    # processes); make sure its folder exists on a fresh clone.
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


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
